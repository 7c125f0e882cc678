"""``new-year``: an Excel workbook for a year's report.

One sheet per printed table (:mod:`.layout`), laid out like the table, and sheets for the
goals, indicators, claims, explanations, units, the report and its sections. A new year's
workbook (:func:`new_year_workbook`) asks only what is new: the previous report's rows,
labels, kinds and codes are filled in, its figures in the comparison column, sums and
differences as formulas (a sum of the rows above it counts a row inserted among them);
year-specific texts start empty with last year's text beside them in grey. With
``edit=True`` the workbook holds the data's report on the year as it is, so that hand-made
changes can be made in it and imported again (importing it unchanged changes nothing).

With a :class:`~ksanalys.intake.prefill.Prefill` (what a reading of the report found) the
found cells are filled in their own style with the note "hämtat ur rapporten, kontrollera",
candidate quotes become rows of Förklaringar and unplaced report lines a sheet of their own.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ksanalys.intake import formulas
from ksanalys.intake.cell import slug
from ksanalys.intake.layout import (
    FIRST_ROW,
    HEADER_ROW,
    NOTE_ROW,
    SHEETS,
    SOURCE_SUFFIX,
    SOURCES_SHEET,
    TITLE_ROW,
    UNITS_SHEET,
    Field,
    Sheet,
)
from ksanalys.intake.prefill import FOUND_NOTE, UNPLACED_SHEET, Prefill, row_key
from ksanalys.intake.rows import edit_rows, new_year_rows, report_document
from ksanalys.load import Dataset
from ksanalys.present.export import keep_text_as_text

__all__ = ["new_year_workbook", "write_workbook"]

_FILL = PatternFill("solid", fgColor="FFF2CC")  # cells to fill in
_FOUND_FILL = PatternFill("solid", fgColor="DDEBF7")  # read from the report: to check
_REFERENCE_FILL = PatternFill("solid", fgColor="F2F2F2")  # last year's value, not read
_REFERENCE_FONT = Font(color="808080", italic=True)
_FOUND = "_found"  # row key: {field: report line} of the cells read from the report
_LAST_ROW = 300  # dropdowns reach this row


def _letter(sheet: Sheet, field: str) -> str:
    return get_column_letter(sheet.column(field))


def _terms(sheet: Sheet, rows: list[dict]) -> dict[int, list[int]]:
    """Row index of a sum → row indexes of the rows it adds (its ``total_of``)."""
    index = {row.get(sheet.id_field): i for i, row in enumerate(rows)}
    terms: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        named = row.get("total_of")
        if row.get("kind") in ("subtotal", "total") and isinstance(named, str):
            terms[i] = [index[t] for t in named.split("+") if t in index]
    return terms


def _sum_formula(sheet: Sheet, rows: list[dict], i: int, terms: list[int], field: str) -> str:
    """A sum of the rows above when its terms are exactly those (from the heading or
    header row above the first term, so that a row inserted there counts too)."""
    column = _letter(sheet, field)
    if terms and terms == list(range(terms[0], i)):
        first = terms[0]
        if first == 0 or rows[first - 1].get("kind") == "header":
            first -= 1
        return formulas.total_above(column, FIRST_ROW + first)
    return formulas.total([f"{column}{FIRST_ROW + j}" for j in terms])


def _add_formulas(sheet: Sheet, rows: list[dict]) -> None:
    """Sums, differences and percentages as formulas where no value is given."""
    table = sheet.table
    for i, terms in _terms(sheet, rows).items():
        for field in formulas.SUMMED.get(table, ()):
            if rows[i].get(field) is None and terms:
                rows[i][field] = _sum_formula(sheet, rows, i, terms, field)
    for i, row in enumerate(rows):
        line = FIRST_ROW + i
        for rule in (formulas.DIFFERENCES, formulas.PERCENTS):
            if table not in rule or row.get("kind") == "header":
                continue
            field, a, b = rule[table]
            if row.get(field) is None:
                make = formulas.difference if rule is formulas.DIFFERENCES else formulas.percent
                row[field] = make(f"{_letter(sheet, a)}{line}", f"{_letter(sheet, b)}{line}")


def _source_of_section(section: str, sources: list[dict], document: str) -> str:
    """The source id of a report section (sheet Källor), added when it is new."""
    for source in sources:
        if source.get("section") == section:
            return str(source["source"])
    source_id = f"{document}-{slug(section, '-')}"[:60].rstrip("-")
    sources.append({"source": source_id, "section": section})
    return source_id


def _place(
    sheet: Sheet, rows: list[dict], prefill: Prefill, sources: list[dict], document: str
) -> None:
    """Put the cells and candidate quotes ``prefill`` found for ``sheet`` into ``rows``,
    each marked as read from the report; a row the sheet lacks is added after the row the
    report prints before it (at the end when there is none). A found ``_section`` (the
    report's section a row was read in) becomes the row's source (sheet Källor)."""
    by_key = {row_key(sheet.table, row): row for row in rows}
    before: str | None = None  # the row found just before, in the prefill's order
    for found in prefill.cells:
        if found.table != sheet.table:
            continue
        if found.column == "_section" and sheet.has("source") and found.value:
            source = _source_of_section(str(found.value), sources, document)
            found = replace(found, column="source", value=source)
        if not sheet.has(found.column):
            continue
        row = by_key.get(found.row)
        if row is None:
            row = by_key[found.row] = _new_row(sheet, found.row)
            after = by_key.get(before) if before is not None else None
            rows.insert(rows.index(after) + 1 if after in rows else len(rows), row)
        before = found.row
        row[found.column] = found.value
        row.setdefault(_FOUND, {})[found.column] = found.line
    if sheet.table == "explanations":
        _place_quotes(rows, prefill)


def _place_quotes(rows: list[dict], prefill: Prefill) -> None:
    """Each candidate quote in the first of last year's rows about the same thing (topic,
    subject and part) that has none yet, so that it keeps that row's id and source; a
    candidate about something else is a row of its own at the end."""
    for quote in prefill.quotes:
        about = (quote.topic, quote.subject_type, quote.subject, quote.item)
        row = next(
            (
                r
                for r in rows
                if r.get("quote") is None
                and (r.get("topic"), r.get("subject_type"), r.get("subject"), r.get("item"))
                == about
            ),
            None,
        )
        if row is None:
            row = dict(zip(("topic", "subject_type", "subject", "item"), about, strict=True))
            row["kind"] = "ej_angivet"
            rows.append(row)
        row["quote"] = quote.quote
        row.setdefault(_FOUND, {})["quote"] = quote.line


def _new_row(sheet: Sheet, key: str) -> dict:
    if sheet.table == "indicators":
        indicator, scope, year, *period = key.split(":")
        return {
            "indicator": indicator,
            "scope": scope,
            "year": int(year),
            "period": period[0] if period else None,
        }
    if sheet.table == "assessments":
        level, _, area = key.partition(":")
        return {"level": level, "area": area}
    return {sheet.id_field: key} if sheet.id_field else {}


def _style(cell, field: Field, row: dict) -> None:
    found = row.get(_FOUND, {})
    if field.field in found:
        cell.fill = _FOUND_FILL
        cell.comment = Comment(f"{FOUND_NOTE} (rad {found[field.field]})", "ksanalys")
    elif field.reference is not None:
        cell.fill, cell.font = _REFERENCE_FILL, _REFERENCE_FONT
    elif field.ask and cell.value in (None, "") and row.get("kind") != "header":
        cell.fill = _FILL


def _dropdown(sheet: Sheet, field: Field, fmt: dict) -> DataValidation | None:
    if field.choices:
        source = '"' + ",".join(field.choices) + '"'
    elif field.units and sheet.name != UNITS_SHEET:
        source = f"={UNITS_SHEET}!$A${FIRST_ROW}:$A${_LAST_ROW}"
    elif field.sources:
        source = f"='{SOURCES_SHEET}'!$A${FIRST_ROW}:$A${_LAST_ROW}"
    else:
        return None
    check = DataValidation(type="list", formula1=source, allow_blank=True)
    check.error = f"Välj ett värde ur listan ({field.heading.format(**fmt)})."
    check.errorTitle = "Ogiltigt värde"
    return check


def _write_sheet(book: Workbook, sheet: Sheet, rows: list[dict], year: int, title: str) -> None:
    ws = book.create_sheet(sheet.name)
    fmt = {"y": year, "p": year - 1}
    ws.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=13)
    ws.cell(NOTE_ROW, 1, sheet.note.format(**fmt)).font = Font(italic=True)
    for col, field in enumerate(sheet.fields, 1):
        cell = ws.cell(HEADER_ROW, col, field.heading.format(**fmt))
        cell.font = Font(bold=True, color="808080" if field.reference else None)
        ws.column_dimensions[get_column_letter(col)].width = field.width
    for i, row in enumerate(rows):
        for col, field in enumerate(sheet.fields, 1):
            _style(ws.cell(FIRST_ROW + i, col, row.get(field.field)), field, row)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    for col, field in enumerate(sheet.fields, 1):
        check = _dropdown(sheet, field, fmt)
        if check is not None:
            letter = get_column_letter(col)
            ws.add_data_validation(check)
            check.add(f"{letter}{FIRST_ROW}:{letter}{_LAST_ROW}")


def _write_unplaced(book: Workbook, prefill: Prefill) -> None:
    ws = book.create_sheet(UNPLACED_SHEET)
    title = "Rader ur rapporten som inte kunde placeras"
    ws.cell(TITLE_ROW, 1, f"{title} ({prefill.report})" if prefill.report else title)
    ws.cell(TITLE_ROW, 1).font = Font(bold=True, size=13)
    note = "För över det som behövs till rätt blad för hand; bladet läses inte in."
    ws.cell(NOTE_ROW, 1, " ".join([note, *prefill.notes])).font = Font(italic=True)
    for col, (heading, width) in enumerate(
        (("Rad i rapporten", 16), ("Text", 100), ("Anledning", 40)), 1
    ):
        ws.cell(HEADER_ROW, col, heading).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, line in enumerate(prefill.unplaced):
        for col, value in enumerate((line.line, line.text, line.reason or None), 1):
            ws.cell(FIRST_ROW + i, col, value)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)


def _titles(ds: Dataset, year: int, sources: list[dict]) -> dict[str, str]:
    """Each sheet's title: the section of its own source (Källor), else a generic one."""
    document = report_document(ds, year)
    sections = {s["source"]: s["section"] for s in sources}
    fmt = {"y": year, "p": year - 1}
    return {
        s.table: sections.get(f"{document}-{SOURCE_SUFFIX.get(s.table)}") or s.title.format(**fmt)
        for s in SHEETS
    }


def new_year_workbook(
    ds: Dataset, year: int, prefill: Prefill | None = None, *, edit: bool = False
) -> Workbook:
    """The workbook for the report on ``year`` (see the module docstring); with
    ``prefill`` (see :mod:`ksanalys.intake.prefill`) the cells found in the report are
    filled and marked, its candidate quotes are rows of Förklaringar and its unplaced
    lines a sheet of their own. ``edit``: the data's report on ``year`` as it is."""
    make_rows = edit_rows if edit else new_year_rows
    rows = {sheet.table: make_rows(ds, sheet, year) for sheet in SHEETS}
    titles = _titles(ds, year, rows["sources"])
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        if prefill is not None:
            document = report_document(ds, year)
            _place(sheet, rows[sheet.table], prefill, rows["sources"], document)
        if not edit:
            _add_formulas(sheet, rows[sheet.table])
        _write_sheet(book, sheet, rows[sheet.table], year, titles[sheet.table])
    if prefill is not None:
        _write_unplaced(book, prefill)
    return book


def write_workbook(book: Workbook, path: Path) -> None:
    """Save ``book`` to ``path`` atomically (a temporary file renamed into place); text
    from the data or the report stays text, whatever it starts with (only the formulas
    of :mod:`.formulas` are formulas)."""
    keep_text_as_text(book, formulas.is_written)
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ksanalys-", suffix=".xlsx")
    os.close(handle)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
