"""``import``: a filled workbook read and validated, every error at once.

:func:`read_workbook` returns the new rows per data table, with what is derived rather
than typed: ``report_year``, ``row`` (sheet order), ids (from the label when blank),
``total_of`` (the unit tree for unit tables; the previous report's sum, else the lines
since the previous sum, for the other tables) and one source per sheet (``ks<år>-…``).
Every problem is a Swedish message naming sheet and cell (``Resultaträkning!D7``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ksanalys.errors import KsanalysError
from ksanalys.intake import formulas
from ksanalys.intake.layout import (
    DATE,
    FIRST_ROW,
    HEADER_ROW,
    INTEGER,
    NUMBER,
    SHEETS,
    SOURCE_SUFFIX,
    UNITS_SHEET,
    Field,
    Sheet,
)
from ksanalys.intake.workbook_file import open_workbook
from ksanalys.load import Dataset
from ksanalys.load.vintage import publication_date

__all__ = ["Intake", "IntakeError", "read_workbook", "slug"]

_UNIT_TABLES = ("net_cost", "budget", "departments")
# Rows without these are not stored (a prefilled row left empty).
_SKIP_WITHOUT = {
    "indicators": "value",
    "claims": "quote",
    "explanations": "quote",
    "assessments": "assessment",
}


class IntakeError(KsanalysError):
    """The workbook has errors; ``errors`` lists every one (Swedish, with sheet and cell)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors

    def lines(self) -> list[str]:
        return self.errors


@dataclass
class Intake:
    """What a workbook holds: the report year and the new rows per table."""

    year: int
    tables: dict[str, list[dict]] = field(default_factory=dict)


def slug(text: str) -> str:
    """An id from a label: "Lokaler och anläggningar" → "lokaler_och_anlaggningar"."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).replace("\xa0", "").replace(" ", "").replace("−", "-").replace(",", ".")
    return float(text)


class _SheetReader:
    def __init__(self, sheet: Sheet, formulas_ws, values_ws, errors: list[str]) -> None:
        self.sheet, self.ws, self.cached, self.errors = sheet, formulas_ws, values_ws, errors
        self._busy: set[str] = set()

    def error(self, cell: str, expected: str, found: object = None) -> None:
        message = f"{self.sheet.name}!{cell}: förväntade {expected}"
        if found not in (None, ""):
            message += f", fann {found!r}"
        self.errors.append(message)

    def raw(self, ref: str) -> object:
        """A cell's value with formulas computed (None = blank)."""
        value = self.ws[ref].value
        if isinstance(value, str) and value.startswith("="):
            cached = self.cached[ref].value if self.cached is not None else None
            if cached is not None:
                return cached
            if ref in self._busy:
                raise ValueError(value)
            self._busy.add(ref)
            try:
                return formulas.evaluate(value, self._number_at)
            finally:
                self._busy.discard(ref)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _number_at(self, ref: str) -> float | None:
        value = self.raw(ref)
        return None if value in (None, "") else _number(value)

    def cell(self, row: int, col: int, spec: Field) -> object:
        ref = f"{get_column_letter(col)}{row}"
        try:
            value = self.raw(ref)
        except ValueError:
            self.error(ref, "ett tal eller en formel som ksanalys kan räkna ut (skriv in värdet)")
            return None
        if value in (None, ""):
            return None
        return self._typed(ref, spec, value)

    def _typed(self, ref: str, spec: Field, value: object) -> object:
        if spec.type in (NUMBER, INTEGER):
            try:
                number = _number(value)
            except ValueError:
                self.error(ref, "ett tal" if spec.type == NUMBER else "ett heltal", value)
                return None
            if spec.type == INTEGER:
                if not float(number).is_integer():
                    self.error(ref, "ett heltal", value)
                    return None
                return int(number)
            return number
        if spec.type == DATE:
            if isinstance(value, dt.datetime | dt.date):
                return value.strftime("%Y-%m-%d")
            try:
                if publication_date(str(value).strip()) is None:
                    raise ValueError(value)
            except ValueError:
                self.error(ref, "ett datum ÅÅÅÅ-MM-DD", value)
                return None
            return str(value).strip()
        text = " ".join(str(value).split()) if spec.field not in ("quote",) else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if spec.choices is not None and text not in spec.choices:
            self.error(ref, "ett av " + ", ".join(repr(c) for c in spec.choices), text)
            return None
        return text

    def rows(self, year: int) -> list[tuple[int, dict]]:
        """(sheet row, values) for every row with anything in it."""
        fmt = {"y": year, "p": year - 1}
        for col, spec in enumerate(self.sheet.fields, 1):
            heading = spec.heading.format(**fmt)
            found = self.ws.cell(HEADER_ROW, col).value
            if found != heading:
                self.error(f"{get_column_letter(col)}{HEADER_ROW}", f"rubriken {heading!r}", found)
        result = []
        for number in range(FIRST_ROW, self.ws.max_row + 1):
            cells = [self.ws.cell(number, c).value for c in range(1, len(self.sheet.fields) + 1)]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            values = {
                spec.field: self.cell(number, col, spec)
                for col, spec in enumerate(self.sheet.fields, 1)
            }
            result.append((number, values))
        return result


def _required(reader: _SheetReader, number: int, values: dict) -> None:
    for col, spec in enumerate(reader.sheet.fields, 1):
        if spec.required and values.get(spec.field) is None:
            ref = f"{get_column_letter(col)}{number}"
            if reader.ws[ref].value in (None, ""):
                reader.error(ref, f"ett värde i kolumnen {spec.heading!r} (cellen är tom)")


def read_workbook(path: Path | str, ds: Dataset) -> Intake:
    """Read and validate the workbook at ``path`` against the data ``ds``; raises
    IntakeError with every problem found."""
    errors: list[str] = []
    book = open_workbook(path)  # refuses what cannot be a workbook of ours, in one line
    cached_book = open_workbook(path, data_only=True)
    year = _year(book, errors)
    if year is None:
        raise IntakeError(errors)
    intake = Intake(year)
    read: dict[str, list[tuple[int, dict]]] = {}
    readers: dict[str, _SheetReader] = {}
    for sheet in SHEETS:
        if sheet.name not in book.sheetnames:
            errors.append(f"{sheet.name}: förväntade bladet {sheet.name!r} i arbetsboken")
            continue
        reader = _SheetReader(sheet, book[sheet.name], cached_book[sheet.name], errors)
        rows = reader.rows(year)
        skip = _SKIP_WITHOUT.get(sheet.table)
        rows = [(n, v) for n, v in rows if skip is None or v.get(skip) is not None]
        for number, values in rows:
            _required(reader, number, values)
        read[sheet.table], readers[sheet.table] = rows, reader
    if "units" in read:
        _derive(intake, read, readers, ds, errors)
    if errors:
        raise IntakeError(errors)
    return intake


def _year(book, errors: list[str]) -> int | None:
    sheet = next(s for s in SHEETS if s.table == "documents")
    if sheet.name not in book.sheetnames:
        errors.append(f"{sheet.name}: förväntade bladet {sheet.name!r} med bokslutsåret")
        return None
    value = book[sheet.name].cell(FIRST_ROW, sheet.column("report_year")).value
    try:
        return int(_number(value))
    except (TypeError, ValueError):
        ref = f"{get_column_letter(sheet.column('report_year'))}{FIRST_ROW}"
        errors.append(f"{sheet.name}!{ref}: förväntade bokslutsåret (ett heltal), fann {value!r}")
        return None


def _derive(intake, read, readers, ds: Dataset, errors: list[str]) -> None:
    year = intake.year
    units = [v for _, v in read["units"]]
    unit_ids = {u["unit_id"] for u in units if u.get("unit_id")}
    parents = {u["unit_id"]: u.get("parent_unit_id") for u in units}
    intake.tables["units"] = units
    sources: list[dict] = []
    documents: list[dict] = []
    for table, rows in read.items():
        if table == "units":
            continue
        sheet, reader = readers[table].sheet, readers[table]
        if table == "documents":
            for _, values in rows[:1]:
                documents.append({**values, "document": f"ks{year}"})
            continue
        source = f"ks{year}-{SOURCE_SUFFIX[table]}"
        section = sheet.title.format(y=year, p=year - 1)
        records = _records(reader, rows, year, source, section, sources, unit_ids)
        _total_of(table, records, parents, ds, year)
        intake.tables[table] = records
        if records:
            sources.append(
                {"source": source, "document": f"ks{year}", "section": section, "url": None}
            )
    intake.tables["sources"] = _unique_sources(sources)
    intake.tables["documents"] = documents


def _records(reader, rows, year, source, section, sources, unit_ids) -> list[dict]:
    """The stored rows of one sheet, with report year, row order, ids and sources."""
    sheet, table = reader.sheet, reader.sheet.table
    records = []
    seen: dict[str, int] = {}
    for position, (number, values) in enumerate(rows, 1):
        record = {k: v for k, v in values.items() if not k.startswith("_")}
        record["source"] = _section_source(values, source, year, table, sources, section)
        if table != "indicators":
            record["report_year"] = year
        if table in _ROW_ORDER:
            record["row"] = position
        if sheet.id_field and record.get(sheet.id_field) is None:
            label = record.get(sheet.label_field) if sheet.label_field else None
            record[sheet.id_field] = slug(label) if isinstance(label, str) else None
        key = record.get(sheet.id_field) if sheet.id_field else None
        if key is not None:
            col = get_column_letter(sheet.column(sheet.id_field))
            if key in seen:
                reader.error(
                    f"{col}{number}", f"ett unikt id (finns redan på rad {seen[key]})", key
                )
            seen[key] = number
            if table in _UNIT_TABLES and key not in unit_ids:
                reader.error(f"{col}{number}", f"ett Enhet-id från bladet {UNITS_SHEET}", key)
        records.append(record)
    return records


_ROW_ORDER = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments", "ki")


def _section_source(values, source, year, table, sources, section) -> str:
    """A row's source: its own section (column Avsnitt) when given, else the sheet's."""
    own = values.get("_section")
    if not isinstance(own, str) or not own:
        return source
    derived = f"ks{year}-{slug(own)}"[:60]
    sources.append({"source": derived, "document": f"ks{year}", "section": own, "url": None})
    return derived


def _unique_sources(sources: list[dict]) -> list[dict]:
    return list({s["source"]: s for s in sources}.values())


def _total_of(table: str, records: list[dict], parents: dict, ds: Dataset, year: int) -> None:
    """Derive ``total_of`` of every sum row (see the module docstring)."""
    if "kind" not in (records[0] if records else {}) or table == "ki":
        return
    id_field = "unit_id" if table in _UNIT_TABLES else "line_id"
    ids = [r[id_field] for r in records]
    previous = {} if table in _UNIT_TABLES else _previous_sums(ds, table, year)
    start = 0
    for i, record in enumerate(records):
        record["total_of"] = None
        if record["kind"] not in ("subtotal", "total"):
            if record["kind"] == "header":
                start = i + 1
            continue
        if table in _UNIT_TABLES:
            terms = [u for u in ids if parents.get(u) == record[id_field]]
        elif record[id_field] in previous:
            terms = [t for t in previous[record[id_field]] if t in ids]
        else:
            terms = [r[id_field] for r in records[start:i] if r["kind"] == "line"]
        record["total_of"] = "+".join(terms) if terms else None
        start = i + 1


def _previous_sums(ds: Dataset, table: str, year: int) -> dict[str, list[str]]:
    frame = ds.tables[table]
    earlier = sorted(y for y in set(frame["report_year"]) if y < year)
    if not earlier:
        return {}
    rows = frame[(frame["report_year"] == earlier[-1]) & frame["total_of"].notna()]
    return {r["line_id"]: str(r["total_of"]).split("+") for _, r in rows.iterrows()}
