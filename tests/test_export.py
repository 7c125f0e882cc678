"""Tables written for Excel (present/export.py): number formats, text that is never a
formula, characters Excel cannot hold, Swedish Excel's CSV dialect, atomic files."""

from __future__ import annotations

import csv
import io
import math

import openpyxl
import pandas as pd
import pytest

from ksanalys.present.export import (
    Column,
    ExportError,
    Sheet,
    check_out_path,
    excel_csv_bytes,
    write_atomic,
    write_xlsx,
)

HOSTILE = [
    '=HYPERLINK("http://example.invalid","klicka")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
]

COLUMNS = [
    Column("name", "Enhet"),
    Column("amount", "Bokslut, tkr", "tkr"),
    Column("share", "Utveckling, %", "percent"),
    Column("ratio", "K/I-tal", "ratio"),
    Column("count", "Antal", "int"),
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Ekonomi", "Trasig\x01text", *HOSTILE],
            "amount": [284697.0, -872.4, math.nan, 2238.5, -2.5, 0.0, 1.0],
            "share": [0.5585, -1.3215, None, 4.4468, 0.0, 1.0, 2.0],
            "ratio": [0.9721, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "count": [1, 2, 3, 4, 5, 6, 7],
            "ignored": ["x"] * 7,
        }
    )


@pytest.fixture
def book(tmp_path):
    path = write_xlsx([Sheet("Blad: ett/två", frame(), COLUMNS)], tmp_path / "t.xlsx")
    return openpyxl.load_workbook(path)


def test_headings_are_bold_and_frozen(book):
    ws = book.worksheets[0]
    assert ws.title == "Blad  ett två"  # characters Excel forbids in sheet names replaced
    assert [c.value for c in ws[1]] == [
        "Enhet",
        "Bokslut, tkr",
        "Utveckling, %",
        "K/I-tal",
        "Antal",
    ]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= len("Enhet")


def test_numbers_are_numbers_with_swedish_excel_formats(book):
    ws = book.worksheets[0]
    assert ws["B2"].value == 284697 and ws["B2"].number_format == "#,##0"
    assert ws["B3"].value == -872  # whole tkr, rounded once
    assert ws["B5"].value == 2239 and ws["B6"].value == -3  # half-up, away from zero
    assert ws["B4"].value is None  # missing stays empty, never 0 or "nan"
    assert ws["C2"].value == pytest.approx(0.5585) and ws["C2"].number_format == "0.0"
    assert ws["D2"].number_format == "0.00"
    assert ws["E2"].value == 1 and ws["E2"].number_format == "0"
    for row in ws.iter_rows(min_row=2):
        for cell in row[1:]:
            assert cell.value is None or isinstance(cell.value, int | float)


def test_text_that_looks_like_a_formula_stays_text(book):
    ws = book.worksheets[0]
    cells = [ws.cell(row=r, column=1) for r in range(4, 4 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)
    assert not ws["A2"].quotePrefix


def test_no_formula_in_the_file_xml(tmp_path):
    import zipfile

    path = write_xlsx([Sheet("S", frame(), COLUMNS)], tmp_path / "t.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_characters_xml_cannot_hold_are_dropped(book):
    assert book.worksheets[0]["A3"].value == "Trasigtext"


def test_refuses_a_folder_or_a_missing_folder(tmp_path):
    sheet = Sheet("S", frame(), COLUMNS)
    with pytest.raises(ExportError, match="är en mapp"):
        write_xlsx([sheet], tmp_path)
    with pytest.raises(ExportError, match="finns inte"):
        write_xlsx([sheet], tmp_path / "saknas" / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_wrong_suffix_a_device_and_the_data_folder(tmp_path):
    import os

    sheet = Sheet("S", frame(), COLUMNS)
    with pytest.raises(ExportError, match=r"slutar på \.xlsx"):
        write_xlsx([sheet], tmp_path / "nyckeltal.csv")
    fifo = tmp_path / "rör.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="ingen vanlig fil"):
        write_xlsx([sheet], fifo)
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(ExportError, match="datamappen"):
        check_out_path(data / "budget.csv", "CSV", protected=[data])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "rör.xlsx"]
    assert list(data.iterdir()) == []


def test_print_setup(book):
    ws = book.worksheets[0]
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_failed_write_leaves_the_earlier_file(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"tidigare")

    def fail(handle):
        handle.write(b"halv")
        raise RuntimeError("avbrutet")

    with pytest.raises(RuntimeError):
        write_atomic(path, fail)
    assert path.read_bytes() == b"tidigare"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_excel_csv_dialect():
    data = excel_csv_bytes(Sheet("S", frame(), COLUMNS))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert lines[0] == "Enhet;Bokslut, tkr;Utveckling, %;K/I-tal;Antal"
    assert lines[1] == "Ekonomi;284697;0,56;0,97;1"
    assert lines[2] == "Trasigtext;-872;-1,32;1,00;2"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [row[0] for row in rows[3:]] == ["'" + text for text in HOSTILE]
    assert rows[4] == ["'+1+1", "2239", "4,45", "3,00", "4"]
    assert lines[-1] == ""
