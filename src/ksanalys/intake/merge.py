"""The rows of an :class:`~ksanalys.intake.reader.Intake` merged into the data folder.

Rules, applied in code (earlier rows are never edited):

- A report year's rows (finance tables, goals, assessments, claims, explanations) replace
  that year's rows; the report's document and sources replace those of ``ks<år>``;
  indicators published by ``ks<år>`` replace the indicators of that document. Importing the
  same workbook again therefore changes nothing.
- units.csv is the units sheet as a whole.
- An imported indicator with the key of an earlier report's row is not stored: the first
  published value stays (a published report does not change) and the message says so.
  Where the earlier row is from a public source, the report wins: the public row gives
  way and its value and source go into the report row's note. A row whose ``basis``
  (definition) differs from the row with the same key is an error: a definition change is
  never joined into one series; give the indicator its own id.

:func:`apply` validates the merged folder with :func:`ksanalys.load.load_dataset` in a
temporary copy before anything is written, then replaces only the files that change, each
atomically.
"""

from __future__ import annotations

import csv
import io
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ksanalys.errors import KsanalysError
from ksanalys.intake.layout import YEAR_TABLES
from ksanalys.intake.reader import Intake, IntakeError
from ksanalys.load import load_dataset
from ksanalys.load.schema import SCHEMAS
from ksanalys.load.source import WINDOWS_1252, read_source

__all__ = ["Change", "apply", "merge"]


@dataclass
class Change:
    """What an import does to one file."""

    table: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    text: str = ""  # the new file content
    notes: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    return str(value)


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A data file's header and rows as text. Import rewrites files in the project's own
    format, so a file Excel saved in another dialect (which validate accepts) is refused
    here rather than rewritten half-converted."""
    if not path.exists():
        return [], []
    dialect = read_source(path).dialect
    if dialect.delimiter != "," or dialect.encoding == WINDOWS_1252:
        raise KsanalysError(
            f"{path}: import skriver om filen och kräver CSV UTF-8 med komma som avgränsare, "
            f"men den är sparad som {dialect.describe()}; spara den i Excel som "
            "'CSV UTF-8 (kommaavgränsad)' och kör import igen"
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _text(columns: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _key(table: str, row: dict[str, str]) -> tuple:
    return tuple(row.get(k, "") for k in SCHEMAS[table].key)


def _documents_of(sources: list[dict[str, str]]) -> dict[str, str]:
    return {s["source"]: s["document"] for s in sources}


def merge(data_dir: Path, intake: Intake) -> list[Change]:
    """The new content of every data file the intake touches (nothing written)."""
    year, document = str(intake.year), f"ks{intake.year}"
    changes = []
    _, old_sources = _read(data_dir / SCHEMAS["sources"].file)
    source_documents = _documents_of(old_sources)
    for table in ("documents", "sources", *YEAR_TABLES, "indicators", "units"):
        schema = SCHEMAS[table]
        path = data_dir / schema.file
        columns, old = _read(path)
        columns = columns or list(schema.column_names)
        new = [{c: _cell(r.get(c)) for c in columns} for r in intake.tables.get(table, [])]
        if table not in intake.tables and table != "indicators":
            continue
        kept = _kept(table, old, year, document, source_documents)
        change = Change(table)
        if table == "indicators":
            kept, new = _indicator_overlaps(kept, new, source_documents, change)
        rows = kept + new
        if table in YEAR_TABLES and "row" in columns:
            rows = _in_order(kept, new, year)
        _count(change, old, rows)
        change.text = _text(columns, rows)
        changes.append(change)
    return changes


def _kept(table, old, year, document, source_documents) -> list[dict]:
    """The rows of ``old`` an import of the report ``year`` leaves as they are."""
    if table in YEAR_TABLES:
        return [r for r in old if r.get("report_year") != year]
    if table in ("documents", "sources"):
        return [r for r in old if r["document"] != document]
    if table == "units":
        return []
    return [r for r in old if source_documents.get(r["source"]) != document]


def _count(change: Change, old: list[dict], rows: list[dict]) -> None:
    before = {_key(change.table, r): r for r in old}
    after = {_key(change.table, r): r for r in rows}
    change.added = len(after.keys() - before.keys())
    change.removed = len(before.keys() - after.keys())
    change.changed = sum(1 for k in after.keys() & before.keys() if after[k] != before[k])


def _in_order(kept: list[dict], new: list[dict], year: str) -> list[dict]:
    """Earlier years' rows as they were, then the year's rows (file order by year)."""
    earlier = [r for r in kept if int(r["report_year"]) < int(year)]
    later = [r for r in kept if int(r["report_year"]) > int(year)]
    return earlier + new + later


def _indicator_overlaps(kept, new, source_documents, change: Change):
    """Apply the overlap rules of the module docstring to imported indicator rows."""
    by_key = {_key("indicators", r): r for r in kept}
    result_new = []
    for row in new:
        key = _key("indicators", row)
        existing = by_key.get(key)
        if existing is None:
            result_new.append(row)
            continue
        where = "/".join(k for k in key if k)
        if existing.get("basis", "") != row.get("basis", ""):
            raise IntakeError(
                [
                    f"Indikatorer: {where}: definitionen (basis) {row.get('basis')!r} skiljer "
                    f"sig från den befintliga raden ({existing.get('basis')!r}); en ändrad "
                    "definition får ett eget indikator-id och slås aldrig ihop med serien"
                ]
            )
        document = source_documents.get(existing["source"], "")
        if document.startswith("public"):
            kept.remove(existing)
            note = f"offentlig källa {existing['source']} anger {existing['value']}"
            row["note"] = f"{row['note']}; {note}" if row.get("note") else note
            change.notes.append(f"{where}: rapportens värde ersätter offentlig källa ({note})")
            result_new.append(row)
        else:
            change.notes.append(
                f"{where}: finns redan från {document} ({existing['value']}); det först "
                f"publicerade värdet behålls, {row['value']} sparas inte"
            )
    return kept, result_new


def apply(data_dir: Path, intake: Intake) -> list[Change]:
    """Merge, validate the result in a temporary copy, then write the changed files."""
    data_dir = Path(data_dir)
    changes = merge(data_dir, intake)
    changed = [c for c in changes if c.any]
    if not changed:
        return changes
    with tempfile.TemporaryDirectory(prefix="ksanalys-import-") as temporary:
        trial = Path(temporary) / "data"
        shutil.copytree(data_dir, trial)
        for change in changed:
            (trial / SCHEMAS[change.table].file).write_text(change.text, encoding="utf-8")
        try:
            load_dataset(trial)
        except KsanalysError as error:
            raise IntakeError(
                [
                    f"efter import: {line}".replace(str(trial), str(data_dir))
                    for line in error.lines()
                ]
            ) from None
    _replace_all({data_dir / SCHEMAS[c.table].file: c.text for c in changed})
    return changes


def _replace_all(texts: dict[Path, str]) -> None:
    """Write every file's new text beside it first, then rename them all into place: a
    failure while writing leaves every data file as it was."""
    written: dict[Path, str] = {}
    try:
        for path, text in texts.items():
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            written[path] = temporary
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.chmod(temporary, 0o644)
        for path, temporary in written.items():
            os.replace(temporary, path)
    finally:
        for temporary in written.values():
            Path(temporary).unlink(missing_ok=True)
