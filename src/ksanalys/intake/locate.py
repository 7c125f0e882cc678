"""Problems of a merged data folder, told where the user can fix them: in the workbook.

:func:`validate_trial` writes the merged files into a temporary copy of the data folder
and validates it as ``ksanalys validate`` does (every file, the claims, the goal rules).
Each problem in a row that came from the workbook names its cell (``Nettokostnad!A7``),
says what was expected in the sheets' words (``på bladet Budget``, not ``budget.csv``) and
what to do; a problem in a row the workbook did not write names that row of the real file.
When the folder is valid, it recomputes the year's claims and returns a warning for each
that the tables contradict (:mod:`.claims`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from openpyxl.utils import get_column_letter

from ksanalys.errors import DataError, DataErrors, ErrorCollector, KsanalysError
from ksanalys.intake.layout import SHEET_BY_TABLE, SHEETS
from ksanalys.intake.reader import Intake, IntakeError
from ksanalys.load.schema import SCHEMAS

__all__ = ["unaccounted_error", "validate_trial"]

_FIX = "rätta i arbetsboken och kör import igen"
_SHEET_OF_FILE = {
    SCHEMAS[s.table].file: s.name
    for s in SHEETS
    if s.table in SCHEMAS and s.table != "indicator_meta"
}
_SHEET_OF_FILE |= {"goal_rules.csv": "Nya mål", "indicator_meta.csv": "Nya indikatorer"}
_FILES = re.compile(r"\b(i )?([a-z_]+\.csv(?:, [a-z_]+\.csv)*)")


def unaccounted_error(intake: Intake, lost: list[str]) -> IntakeError:
    year = intake.year
    return IntakeError(
        [
            f"{line}: finns i data men inte i arbetsboken och skulle tas bort; skriv ut året "
            f"med 'ksanalys new-year {year} --edit' och gör ändringarna där, eller kör import "
            "med --replace för att ta bort raden"
            for line in lost
        ]
    )


def _in_sheets(text: str) -> str:
    """File names in a message in the workbook's words: "i budget.csv" → "på bladet Budget"."""

    def words(match: re.Match) -> str:
        files = match.group(2).split(", ")
        if any(f not in _SHEET_OF_FILE for f in files):
            return match.group(0)
        sheets = [_SHEET_OF_FILE[f] for f in files]
        named = " och ".join([", ".join(sheets[:-1]), sheets[-1]] if len(sheets) > 1 else sheets)
        noun = "bladen" if len(sheets) > 1 else "bladet"
        return f"på {noun} {named}" if match.group(1) else f"{noun} {named}"

    return _FILES.sub(words, text)


def _cell(table: str, sheet_name: str, row: int, column: str | None) -> str:
    sheet = SHEET_BY_TABLE.get(table)
    if sheet is None or sheet.name != sheet_name:
        sheet = next((s for s in SHEETS if s.name == sheet_name), None)
    if sheet is None:
        return f"{sheet_name}!A{row}"
    field = column if column and sheet.has(column) else sheet.id_field or sheet.fields[0].field
    if column == "criterion" or (column and sheet.table == "new_goals" and not sheet.has(column)):
        field = "_test"
    return f"{sheet.name}!{get_column_letter(sheet.column(field))}{row}"


def _located(error: DataError, trial: Path, data_dir: Path, changes) -> str:
    """One problem of the trial folder, as the user can find it."""
    name = Path(error.file).name
    table = next((t for t, s in SCHEMAS.items() if s.file == name), None)
    change = next((c for c in changes if c.table == table), None)
    expected = _in_sheets(error.expected)
    found = f", fann {str(error.found)[:80]!r}" if error.found is not None else ""
    origin = change.origins.get(error.row) if change is not None and error.row else None
    if origin is not None and origin[0] != name:
        cell = _cell(str(table), origin[0], origin[1], error.column)
        return f"{cell}: förväntade {expected}{found}; {_FIX}"
    if origin is not None:
        where = f"{data_dir / name}, rad {origin[1]}"
    elif error.row is None and name in _SHEET_OF_FILE:
        return f"{_SHEET_OF_FILE[name]}: förväntade {expected}{found}; {_FIX}"
    else:
        where = str(data_dir / name) + (f", rad {error.row}" if error.row else "")
    column = f", kolumn '{error.column}'" if error.column else ""
    return (
        f"{where}{column} (finns redan i data): förväntade {expected}{found}; det är "
        f"arbetsbokens ändringar som gör raden fel: {_FIX}"
    )


def _trial_errors(trial: Path, board: str | None) -> tuple[list[DataError], list[str]]:
    """What ``ksanalys validate`` would say about the folder ``trial`` (``board``: the
    board of a folder with several)."""
    from ksanalys.compute.check import validate_claims
    from ksanalys.compute.goals import validate_rules
    from ksanalys.load import load_dataset

    errors = ErrorCollector()
    try:
        dataset = load_dataset(trial, board)
    except (DataError, DataErrors) as error:
        return getattr(error, "errors", [error]), []
    except KsanalysError as error:
        return [], error.lines()
    with errors.collect():
        validate_claims(dataset)
    with errors.collect():
        validate_rules(dataset)
    return errors.errors, []


def validate_trial(
    data_dir: Path, intake: Intake, changes, shared: Path | None = None
) -> list[str]:
    """Validate the merged folder (see the module docstring); the claim warnings. A board
    folder of a data folder with several (``shared``) is tried inside a copy of the whole."""
    from ksanalys.intake.claims import claim_warnings

    with tempfile.TemporaryDirectory(prefix="ksanalys-import-") as temporary:
        root = Path(temporary) / "data"
        board = data_dir.name if shared is not None else None
        shutil.copytree(shared if shared is not None else data_dir, root)
        trial = root / board if board is not None else root
        for change in changes:
            if change.any:
                (trial / SCHEMAS[change.table].file).write_text(change.text, encoding="utf-8")
        errors, others = _trial_errors(root, board)
        if errors or others:
            lines = [_located(e, trial, data_dir, changes) for e in errors]
            lines += [line.replace(str(root), str(shared or data_dir)) for line in others]
            raise IntakeError(list(dict.fromkeys(lines)))
        return claim_warnings(root, intake, changes, board)
