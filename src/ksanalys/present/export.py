"""Present stage: tables written for Excel, as an .xlsx workbook or as Swedish Excel's CSV.

Decisions made here, once:

- **Numbers stay numbers.** A cell holds the number, never formatted text; the number
  format (stored in Excel's neutral form, which Swedish Excel shows with space grouping
  and decimal comma) decides what is shown: whole tkr ``#,##0``, ratios ``0.00``.
- **Percentages** are stored as percent numbers, as the library computes them (0,56 for
  0,56 %), with the format ``0.0`` and a heading that ends in ``%`` (:data:`PERCENT_FORMAT`).
  So a cell, the JSON and the CSV of a command hold the same number.
- **Rounding.** A workbook holds tkr rounded half-up to whole tkr (as the report prints
  them) and other numbers unrounded: Excel's display rounding then shows the same digits as
  the text output, without rounding twice. The CSV holds the published values
  (tkr whole, percentages to two decimals, as ``--format csv`` and ``json``).
- **No formulas, ever.** Text that Excel could take for a formula (it starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return) is stored as text with Excel's text
  prefix in a workbook, and with a leading apostrophe in a CSV. Characters that XML cannot
  hold are dropped.
- **Atomic files.** A file is written to a temporary file beside it and renamed into place,
  so a failed run leaves the earlier file as it was and never half a file.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import pandas as pd

from ksanalys.errors import KsanalysError
from ksanalys.present import swedish
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "CSV_SUFFIXES",
    "PERCENT_FORMAT",
    "XLSX_SUFFIXES",
    "Column",
    "ExportError",
    "Sheet",
    "check_out_path",
    "excel_csv_bytes",
    "keep_text_as_text",
    "number_format",
    "write_atomic",
    "write_excel_csv",
    "write_xlsx",
]

Kind = Literal["text", "tkr", "percent", "ratio", "int", "number"]

TKR_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"
RATIO_FORMAT = "0.00"
INT_FORMAT = "0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
MIN_WIDTH = 8
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class ExportError(KsanalysError):
    """A table cannot be written where it was asked to go."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet: ``key`` in the frame, its Swedish ``heading`` and ``kind``.

    Kinds: ``text``; ``tkr`` (whole tkr, ``#,##0``); ``percent`` (a percent number,
    :data:`PERCENT_FORMAT`); ``ratio`` (``0.00``); ``int`` (a count or a year, ``0``);
    ``number`` (``decimals`` places with grouping, or as many as the frame's column named
    by ``decimals_from`` says for each row).
    """

    key: str
    heading: str
    kind: Kind = "text"
    decimals: int = 1
    decimals_from: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A worksheet: ``frame`` shown through ``columns`` (columns absent from the frame are
    left out). ``name`` is the sheet's tab (at most 31 characters)."""

    name: str
    frame: pd.DataFrame
    columns: Sequence[Column]
    widths: dict[str, int] = field(default_factory=dict)

    def present(self) -> list[Column]:
        return [c for c in self.columns if c.key in self.frame.columns]


def number_format(kind: Kind, decimals: int = 1) -> str | None:
    """Excel's number format of a kind (None for text)."""
    if kind == "number":
        return TKR_FORMAT + ("." + "0" * decimals if decimals > 0 else "")
    return {"tkr": TKR_FORMAT, "percent": PERCENT_FORMAT, "ratio": RATIO_FORMAT}.get(
        kind, INT_FORMAT if kind == "int" else None
    )


def _decimals(column: Column, row: dict) -> int:
    if column.decimals_from is not None and not is_missing(row.get(column.decimals_from)):
        return int(row[column.decimals_from])
    return column.decimals


def clean_text(value: object) -> str:
    """A text cell's content: XML-illegal characters dropped, cut at Excel's limit."""
    return _ILLEGAL.sub("", str(value))[:MAX_CELL_CHARS]


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def _workbook_value(column: Column, value: object) -> object:
    if is_missing(value):
        return None
    if column.kind == "text":
        return clean_text(value) or None
    if isinstance(value, bool):
        return value
    if column.kind == "tkr":
        return int(round_half_up(value, 0))
    if column.kind == "int":
        return int(value)  # type: ignore[call-overload]
    return float(value)  # type: ignore[arg-type]


def _csv_value(column: Column, row: dict) -> str:
    value = row.get(column.key)
    if is_missing(value):
        return ""
    if column.kind == "text":
        text = clean_text(value)
        return "'" + text if is_formula_like(text) else text
    if column.kind in ("tkr", "int"):
        return str(int(round_half_up(value, 0)))
    decimals = {"percent": 2, "ratio": 2}.get(column.kind, _decimals(column, row))
    return swedish.format_excel_csv(value, decimals)


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_NAME_BAD.sub(" ", name).strip("'") or "Blad"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _fill_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = sheet.present()
    bold = Font(bold=True)
    widths = []
    for j, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        _set_text(cell, clean_text(column.heading))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        widths.append(max(MIN_WIDTH, _width(column.heading) + 2))
    records = sheet.frame.to_dict("records")
    for i, row in enumerate(records, start=2):
        for j, column in enumerate(columns, start=1):
            value = _workbook_value(column, row.get(column.key))
            cell = ws.cell(row=i, column=j)
            if isinstance(value, str):
                _set_text(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[j - 1] = max(widths[j - 1], min(_width(value) + 2, MAX_WIDTH))
            elif value is not None:
                cell.value = value
                cell.number_format = number_format(column.kind, _decimals(column, row))
                widths[j - 1] = max(widths[j - 1], len(f"{value:,.2f}") + 1)
    for j, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(j)].width = sheet.widths.get(column.key, width)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if records and columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"


def _set_text(cell, text: str) -> None:
    """Store ``text`` as a string cell, never a formula (openpyxl takes "=…" for one)."""
    cell.value = text
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def keep_text_as_text(book, keep_formula: Callable[[str], bool] = lambda formula: False) -> None:
    """Make every cell of openpyxl workbook ``book`` whose text Excel could take for a
    formula a text cell (:func:`_set_text`), but the formulas ``keep_formula`` accepts (a
    writer's own): openpyxl stores any value starting with ``=`` as a formula."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or not is_formula_like(value):
                    continue
                if cell.data_type == "f" and keep_formula(value):
                    continue
                _set_text(cell, clean_text(value))


def workbook(sheets: Sequence[Sheet], *, title: str = "", creator: str = "ksanalys"):
    """An openpyxl ``Workbook`` with one worksheet per sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        _fill_sheet(book.create_sheet(_sheet_name(sheet.name, taken)), sheet)
    book.properties.title = clean_text(title)
    book.properties.creator = creator
    book.properties.language = "sv-SE"
    return book


XLSX_SUFFIXES = (".xlsx",)
CSV_SUFFIXES = (".csv", ".txt")


def check_out_path(
    path: Path | str | None,
    what: str,
    *,
    suffixes: Sequence[str] = (),
    protected: Sequence[Path] = (),
) -> Path:
    """The file ``path`` to write ``what`` to. ExportError for no path, a folder, something
    that exists but is no regular file (a device such as /dev/null is never replaced), a
    missing parent folder, a name not ending in one of ``suffixes``, or a path inside one
    of the ``protected`` folders (the data being read)."""
    if path is None:
        raise ExportError(f"{what} kräver --out FIL (filen som ska skrivas)")
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"--out {path}: är en mapp; ange en fil i mappen")
    if path.exists() and not path.is_file():
        raise ExportError(f"--out {path}: finns och är ingen vanlig fil")
    if not path.parent.is_dir():
        raise ExportError(f"--out {path}: mappen {path.parent} finns inte")
    if suffixes and path.suffix.lower() not in suffixes:
        raise ExportError(
            f"--out {path}: {what} ska skrivas till en fil som slutar på "
            + " eller ".join(suffixes)
        )
    resolved = path.resolve()
    for folder in protected:
        if resolved.is_relative_to(Path(folder).resolve()):
            raise ExportError(f"--out {path}: ligger i datamappen {folder}; skriv utanför den")
    return path


def write_atomic(path: Path | str, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` with a temporary file beside ``path``, then rename it to ``path``."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_xlsx(
    sheets: Sequence[Sheet], path: Path | str, *, title: str = "", creator: str = "ksanalys"
) -> Path:
    """Write ``sheets`` as one .xlsx workbook to ``path`` (atomically)."""
    path = check_out_path(path, "en Excel-arbetsbok", suffixes=XLSX_SUFFIXES)
    book = workbook(sheets, title=title, creator=creator)
    return write_atomic(path, book.save)


def excel_csv_bytes(sheet: Sheet) -> bytes:
    """``sheet`` as Swedish Excel's "CSV UTF-8": semicolons, decimal comma, BOM, CRLF."""
    columns = sheet.present()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([clean_text(c.heading) for c in columns])
    for row in sheet.frame.to_dict("records"):
        writer.writerow([_csv_value(c, row) for c in columns])
    return out.getvalue().encode("utf-8-sig")


def write_excel_csv(sheet: Sheet, path: Path | str) -> Path:
    """Write ``sheet`` as Swedish Excel CSV to ``path`` (atomically)."""
    data = excel_csv_bytes(sheet)
    path = check_out_path(path, "en CSV-fil", suffixes=CSV_SUFFIXES)
    return write_atomic(path, lambda handle: handle.write(data))
