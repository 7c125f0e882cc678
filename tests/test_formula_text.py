"""Text from the data that starts with ``=``, ``+``, ``-`` or ``@`` stays text on every way
out: the Excel CSV and the workbooks of summary, check and goals, the new-year workbook
(which writes goal texts, quotes and notes into cells) and the report's HTML.

Every prose cell of the data starts with one of :data:`PAYLOADS` (rotating); each way out
must show some of them, each shown cell as text: a CSV cell with Excel's leading apostrophe,
a workbook cell stored as a string with Excel's text prefix, and no formula in any
workbook but the new-year workbook's own sums and differences.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import prose_columns, read_csv, write_csv
from ksanalys.cli import main
from ksanalys.intake import formulas
from ksanalys.load import default_data_dir
from ksanalys.load.schema import SCHEMAS

PAYLOADS = ("=2+3*4", "+ 2+3", "- 2+3", "@SUM(1)")
COMMANDS = ("summary", "check", "goals")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("formula") / "data"
    shutil.copytree(default_data_dir(), folder)
    n = 0
    for table, schema in SCHEMAS.items():
        path = folder / schema.file
        if not path.exists():
            continue
        header, rows = read_csv(path)
        for column in (c for c in prose_columns(table) if c in header):
            for row in rows:
                if row[column]:
                    row[column] = f"{PAYLOADS[n % len(PAYLOADS)]} {row[column]}"
                    n += 1
        write_csv(path, header, rows)
    assert n > 100
    assert main(["validate", "--data", str(folder)]) == 0
    return folder


def payload_at_start(text: str) -> str | None:
    return next((p for p in PAYLOADS if text.startswith(p + " ")), None)


@pytest.mark.parametrize("command", COMMANDS)
def test_excel_csv_cells_start_with_an_apostrophe(data, command, capsys):
    args = [command, "--year", "2013", "--data", str(data), "--format", "excel-csv"]
    assert main(args) in (0, 1)  # check: 1 = findings
    out = capsys.readouterr().out
    cells = [
        cell for row in csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";") for cell in row
    ]
    shown = [c for c in cells if payload_at_start(c.removeprefix("'"))]
    assert len(shown) >= 3, command
    assert [c for c in shown if not c.startswith("'")] == []


def workbook_cells(path: Path) -> list:
    book = openpyxl.load_workbook(path)
    return [cell for ws in book for row in ws.iter_rows() for cell in row]


def formulas_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(archive.read(n).decode() for n in sheets)
    return re.findall(r"<f>(.*?)</f>", xml)


@pytest.mark.parametrize("command", COMMANDS)
def test_export_workbook_cells_are_text(data, command, tmp_path):
    path = tmp_path / f"{command}.xlsx"
    args = [command, "--year", "2013", "--data", str(data), "--format", "xlsx"]
    assert main([*args, "--out", str(path)]) in (0, 1)
    shown = [
        c for c in workbook_cells(path) if isinstance(c.value, str) and payload_at_start(c.value)
    ]
    assert len(shown) >= 3, command
    assert all(c.data_type == "s" and c.quotePrefix for c in shown)
    assert formulas_in(path) == []


def test_new_year_workbook_cells_are_text_and_only_its_own_formulas(data, tmp_path):
    path = tmp_path / "bokslut-2014.xlsx"
    assert main(["new-year", "2014", "--data", str(data), "--out", str(path)]) == 0
    shown = [
        c for c in workbook_cells(path) if isinstance(c.value, str) and payload_at_start(c.value)
    ]
    sheets = {c.parent.title for c in shown}
    assert len(shown) >= 10 and len(sheets) >= 3, sheets
    assert all(c.data_type == "s" and c.quotePrefix for c in shown)
    written = formulas_in(path)
    assert written  # the sums and differences are formulas
    for formula in written:
        assert formulas.is_written("=" + formula.replace("&quot;", '"')), formula


def test_report_pages_show_the_text_as_written(data, render_chapters, parse_html):
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    outputs = render_chapters(2013, data)
    text = ""
    for output in outputs.values():
        page = output if output.lstrip().startswith("<") else markdown2html_mistune(output)
        text += parse_html(page).text + "\n"
    for payload in PAYLOADS:
        assert text.count(payload + " ") >= 3, payload
