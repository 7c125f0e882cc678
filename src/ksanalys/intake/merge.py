"""The rows of an :class:`~ksanalys.intake.reader.Intake` merged into the data folder.

What a workbook of report ``Y`` (document ``ksY``) stands for, and replaces:

- the year's rows of the printed tables, goals, assessments, claims and explanations
  (written where that year's rows were, in the workbook's order);
- the indicators the document published, the document and its sources (each row in place,
  new rows after the others), and units.csv and scopes.csv as a whole;
- new indicators and the rules of the goals on the sheet Nya mål (added or replaced).

A row of those that the workbook does not account for (added by hand since, say) is never
deleted silently: :func:`apply` lists it and asks for ``replace`` (``--replace``), or for
the year to be written back into a workbook (``new-year Y --edit``). A value that is the
same number as before keeps its text ("5.0" stays "5.0"), so importing the same workbook
twice changes nothing.

Overlaps of indicators: an imported value with the key of an earlier report's row is not
stored (the first published value stays, and the message says so). Where the earlier row
is from a public source, the report wins: the public row gives way and its value and
source go into the report row's note (kept on a later import of the same workbook).

:func:`apply` validates the merged folder in a temporary copy, as ``ksanalys validate``
does, before anything is written; each problem names the workbook cell it comes from
(:mod:`.locate`). Then it writes every changed file beside it and renames them all.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ksanalys.errors import KsanalysError
from ksanalys.intake.cell import clean
from ksanalys.intake.layout import SHEET_BY_TABLE, YEAR_TABLES
from ksanalys.intake.reader import Intake, IntakeError
from ksanalys.load.schema import SCHEMAS
from ksanalys.load.source import WINDOWS_1252, read_source

__all__ = ["Change", "apply", "merge"]

Origin = tuple[str, int]  # (sheet name, sheet row) or (file name, line) of a row
_PUBLIC_NOTE = re.compile(r"offentlig källa \S+ anger [^;]+")
_ORDER = (
    "documents",
    "sources",
    *YEAR_TABLES,
    "indicator_meta",
    "indicators",
    "goal_rules",
    "units",
    "scopes",
)


@dataclass
class Change:
    """What an import does to one file."""

    table: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    text: str = ""  # the new file content
    notes: list[str] = field(default_factory=list)
    unaccounted: list[str] = field(default_factory=list)  # rows removed, as "file rad N (…)"
    origins: dict[int, Origin] = field(default_factory=dict)  # line of the new file → origin

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def _cell(value: object) -> str:
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 10))
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


def _line(columns: list[str], row: dict[str, str]) -> str:
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore").writerow(
        row
    )
    return out.getvalue()


def _key(table: str, row: dict[str, str]) -> tuple:
    return tuple(row.get(k, "") for k in SCHEMAS[table].key)


def _same_number(old: str, new: str) -> bool:
    try:
        return float(old) == float(new)
    except ValueError:
        return False


def _keep_text(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """``new`` with the old text of every value that is the same number, and the old value
    of a column the workbook does not hold (e.g. resultatrakning.csv's display_line)."""
    kept = {c: v for c, v in old.items() if c not in new}
    return kept | {c: old[c] if c in old and _same_number(old[c], v) else v for c, v in new.items()}


@dataclass
class _Row:
    values: dict[str, str]
    origin: Origin


class _Table:
    """One file's old rows, the rows of the import, and the merged result."""

    def __init__(self, data_dir: Path, table: str, intake: Intake, scope) -> None:
        self.table, self.schema = table, SCHEMAS[table]
        self.file = self.schema.file
        self.columns, old = _read(data_dir / self.file)
        self.old = [_Row(r, (self.file, line)) for r, line in zip(old, _lines(old), strict=True)]
        records = intake.tables.get(table, [])
        self.columns = _columns(self.columns, self.schema.column_names, records)
        origins = intake.origins.get(table, [])
        self.new = [
            _Row(
                {c: _cell(r.get(c)) for c in self.columns if c in r},  # a column the
                # workbook does not hold keeps its old value (_keep_text)
                origins[i] if i < len(origins) else ("", 0),
            )
            for i, r in enumerate(records)
        ]
        self.scoped = [scope(r.values) for r in self.old]
        self.change = Change(table)


def _lines(rows: list[dict[str, str]]) -> list[int]:
    """The editor line of each row of a file read as ``rows`` (header = line 1)."""
    columns = list(rows[0]) if rows else []
    lines, line = [], 2
    for row in rows:
        lines.append(line)
        line += _line(columns, row).count("\n")
    return lines


def _columns(columns: list[str], schema: tuple[str, ...], records: list[dict]) -> list[str]:
    """The file's columns, and a column the format added later once a row fills it."""
    if not columns:
        return list(schema)
    filled = {c for r in records for c, v in r.items() if clean(v) not in (None, "")}
    missing = [c for c in schema if c not in columns and c in filled]
    return [c for c in schema if c in columns or c in missing] + [
        c for c in columns if c not in schema
    ]


def _block(t: _Table, year: str) -> list[_Row]:
    """The year's rows replaced as a block, where they were (else in year order)."""
    old_by_key = _old_by_key(t)
    new = [
        _Row(_keep_text(old.values, r.values), r.origin)
        if (old := old_by_key.get(_key(t.table, r.values))) is not None
        else r
        for r in t.new
    ]
    result: list[_Row] = []
    placed = False
    for row, scoped in zip(t.old, t.scoped, strict=True):
        later = "report_year" in row.values and row.values["report_year"] > year
        if not placed and (scoped or later):
            result += new
            placed = True
        if not scoped:
            result.append(row)
    return result if placed else result + new


def _old_by_key(t: _Table) -> dict[tuple, _Row]:
    return {_key(t.table, r.values): r for r, s in zip(t.old, t.scoped, strict=True) if s}


def _in_place(t: _Table) -> list[_Row]:
    """Each row replaced where it was; new rows after the last row of the scope."""
    new_by_key = {_key(t.table, r.values): r for r in t.new}
    result: list[_Row] = []
    last = -1
    for row, scoped in zip(t.old, t.scoped, strict=True):
        key = _key(t.table, row.values)
        if key in new_by_key:
            new = new_by_key.pop(key)
            result.append(_Row(_keep_text(row.values, new.values), new.origin))
        elif not scoped:
            result.append(row)
            continue
        last = len(result)
    rest = list(new_by_key.values())
    return result[:last] + rest + result[last:] if last >= 0 else result + rest


def _unaccounted(t: _Table, result: list[_Row], given_way: set[tuple]) -> list[str]:
    kept = {_key(t.table, r.values) for r in result}
    return [
        f"{t.file} rad {row.origin[1]} ({', '.join(k for k in key if k)})"
        for row, scoped in zip(t.old, t.scoped, strict=True)
        if scoped and (key := _key(t.table, row.values)) not in kept and key not in given_way
    ]


def _count(t: _Table, result: list[_Row]) -> None:
    def filled(values: dict[str, str]) -> dict[str, str]:  # a column added: still the row
        return {c: v for c, v in values.items() if v not in ("", None)}

    before = {_key(t.table, r.values): filled(r.values) for r in t.old}
    after = {_key(t.table, r.values): filled(r.values) for r in result}
    t.change.added = len(after.keys() - before.keys())
    t.change.removed = len(before.keys() - after.keys())
    t.change.changed = sum(1 for k in after.keys() & before.keys() if after[k] != before[k])


def _finish(t: _Table, result: list[_Row]) -> Change:
    _count(t, result)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(t.columns)
    line = 2
    for row in result:
        text = _line(t.columns, row.values)
        out.write(text)
        t.change.origins[line] = row.origin
        line += text.count("\n")
    t.change.text = out.getvalue()
    return t.change


def _scope(table: str, intake: Intake, documents: dict[str, str]) -> Callable[[dict], bool]:
    """Which old rows of ``table`` the workbook stands for (see the module docstring)."""
    year, document = str(intake.year), intake.document
    if table in YEAR_TABLES:
        return lambda r: r.get("report_year") == year
    if table in ("documents", "sources"):
        return lambda r: r.get("document") == document
    if table == "indicators":
        return lambda r: documents.get(r.get("source", "")) == document
    if table in ("units", "scopes"):
        return lambda r: True
    if table == "goal_rules":
        return lambda r: r.get("goal_id") in intake.rules_of
    keys = {str(r.get("indicator")) for r in intake.tables.get(table, [])}
    return lambda r: r.get("indicator") in keys


def merge(data_dir: Path, intake: Intake) -> list[Change]:
    """The new content of every data file the intake touches (nothing written)."""
    data_dir = Path(data_dir)
    _, sources = _read(data_dir / SCHEMAS["sources"].file)
    documents = {s["source"]: s["document"] for s in sources}
    for s in intake.tables.get("sources", []):
        documents[str(s["source"])] = str(s["document"])
    changes: dict[str, Change] = {}
    results: dict[str, list[_Row]] = {}
    for table in _ORDER:
        if table == "sources" or (table not in intake.tables and table != "indicators"):
            continue
        t = _Table(data_dir, table, intake, _scope(table, intake, documents))
        if not t.old and not t.new and not (data_dir / t.file).exists():
            continue  # an optional file the data folder does not have, and none to write
        given_way: set[tuple] = set()
        if table == "indicators":
            given_way = _overlaps(t, documents)
        if table in YEAR_TABLES or table in ("units", "scopes"):
            results[table] = _block(t, str(intake.year))
        else:
            results[table] = _in_place(t)
        t.change.unaccounted = _unaccounted(t, results[table], given_way)
        changes[table] = _finish(t, results[table])
    used = _sources_used(data_dir, results)
    scope = _scope("sources", intake, documents)
    t = _Table(data_dir, "sources", intake, lambda r: scope(r) and r["source"] not in used)
    changes["sources"] = _finish(t, _in_place(t))
    return [changes[table] for table in _ORDER if table in changes]


def _sources_used(data_dir: Path, results: dict[str, list[_Row]]) -> set[str]:
    """The sources the rows of the merged folder name (an import keeps a source of its
    report that a file it does not write still uses)."""
    used: set[str] = set()
    for name, schema in SCHEMAS.items():
        if "source" not in schema.column_names or name == "sources":
            continue
        rows = [r.values for r in results[name]] if name in results else None
        if rows is None:
            rows = _read(data_dir / schema.file)[1]
        used.update(r.get("source", "") for r in rows)
    return used


def _overlaps(t: _Table, documents: dict[str, str]) -> set[tuple]:
    """Apply the overlap rules of the module docstring to the imported indicator rows;
    the keys of the public rows that give way."""
    others = {
        _key(t.table, r.values): (i, r)
        for i, (r, s) in enumerate(zip(t.old, t.scoped, strict=True))
        if not s
    }
    ours = _old_by_key(t)
    kept, given_way = [], set()
    for row in t.new:
        key = _key(t.table, row.values)
        where = "/".join(k for k in key if k)
        if key not in others:
            _public_note(row, ours.get(key))
            kept.append(row)
            continue
        index, existing = others[key]
        document = documents.get(existing.values["source"], "")
        public = document.startswith("public")
        if not public and existing.values.get("basis", "") != row.values.get("basis", ""):
            raise IntakeError(
                [
                    f"{_origin_text(row)}{where}: definitionen {row.values.get('basis')!r} "
                    f"skiljer sig från den som redan finns ({existing.values.get('basis')!r}); "
                    "en ändrad definition får ett eget indikator-id (fliken Nya indikatorer) "
                    "och slås aldrig ihop med serien"
                ]
            )
        if public:
            note = f"offentlig källa {existing.values['source']} anger {existing.values['value']}"
            row.values["note"] = f"{row.values['note']}; {note}" if row.values["note"] else note
            t.change.notes.append(f"{where}: rapportens värde ersätter offentlig källa ({note})")
            t.scoped[index] = True  # the public row is replaced by the report's
            given_way.add(key)
            kept.append(row)
        else:
            t.change.notes.append(
                f"{where}: finns redan från {document} ({existing.values['value']}); det först "
                f"publicerade värdet behålls, {row.values['value']} sparas inte"
            )
    t.new = kept
    return given_way


def _origin_text(row: _Row) -> str:
    sheet, number = row.origin
    if not sheet or not number:
        return ""
    letter = get_column_letter(SHEET_BY_TABLE["indicators"].column("basis"))
    return f"{sheet}!{letter}{number}: "


def _public_note(row: _Row, earlier: _Row | None) -> None:
    """A re-import keeps the note of the public value the report's row replaced."""
    if earlier is None:
        return
    for fragment in _PUBLIC_NOTE.findall(earlier.values.get("note", "")):
        if fragment not in row.values.get("note", ""):
            note = row.values.get("note", "")
            row.values["note"] = f"{note}; {fragment}" if note else fragment


def apply(
    data_dir: Path,
    intake: Intake,
    *,
    replace: bool = False,
    warn: Callable[[list[str]], None] | None = None,
    shared: Path | None = None,
) -> list[Change]:
    """Merge; refuse to delete rows the workbook does not account for unless ``replace``;
    validate the result in a temporary copy; tell ``warn`` the claims the tables
    contradict; then write the changed files. ``shared``: the data folder whose files the
    board folder ``data_dir`` shares (``Dataset.shared_dir``); the board's own files are
    written."""
    from ksanalys.intake.locate import unaccounted_error, validate_trial

    data_dir = Path(data_dir)
    changes = merge(data_dir, intake)
    lost = [line for c in changes for line in c.unaccounted]
    if lost and not replace:
        raise unaccounted_error(intake, lost)
    changed = [c for c in changes if c.any]
    warnings = validate_trial(data_dir, intake, changes, shared)
    if warn is not None and warnings:
        warn(warnings)
    if changed:
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
