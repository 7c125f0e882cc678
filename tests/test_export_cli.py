"""``--format xlsx`` and ``--format excel-csv`` of summary, check and goals on the 2013 data:
the workbook read back with openpyxl holds what the 2013 report prints."""

from __future__ import annotations

import csv
import io
import shutil

import openpyxl
import pytest

from ksanalys.cli import main
from ksanalys.load import default_data_dir
from ksanalys.present import swedish


def rows_by_first(ws) -> dict[str, dict[str, object]]:
    header = [c.value for c in ws[1]]
    return {
        row[0].value: {h: c for h, c in zip(header, row, strict=True)}
        for row in ws.iter_rows(min_row=2)
    }


@pytest.fixture(scope="module")
def summary_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "nyckeltal.xlsx"
    assert main(["summary", "--year", "2013", "--format", "xlsx", "--out", str(path)]) == 0
    return openpyxl.load_workbook(path)


def test_summary_workbook_holds_the_printed_key_figures(summary_book):
    ws = summary_book["Nyckeltal 2013"]
    assert ws.freeze_panes == "A2"
    rows = rows_by_first(ws)
    total = rows["Kommunstyrelsen totalt"]
    # "Summa 284 697 283 116 1 581 0,6" (nettokostnadsutveckling), "293 963 287 493 284 697"
    assert total["Bokslut 2013, tkr"].value == 284697
    assert total["Bokslut 2012, tkr"].value == 283116
    assert total["Förändring, tkr"].value == 1581
    assert total["Kommunbidrag, tkr"].value == 293963
    assert total["Prognos augusti, tkr"].value == 287493
    assert total["Bokslut 2013, tkr"].number_format == "#,##0"
    growth = total["Nettokostnadsutveckling, %"]
    assert growth.number_format == "0.0"
    assert swedish.format_number(growth.value, 1) == "0,6"
    assert rows["Kommunstyrelsens kontor"]["Bokslut 2013, tkr"].value == 217840
    assert swedish.format_number(
        rows["Politisk ledning"]["Nettokostnadsutveckling, %"].value, 1
    ) == ("−0,3")
    # Resultat per avdelning: "HR 4 336 37 126 32 790 11,7"
    hr = rows["HR"]
    assert hr["Budgetavvikelse, tkr"].value == 4336
    assert swedish.format_number(hr["Budgetavvikelse av kommunbidraget, %"].value, 1) == "11,7"
    # Nämndens eget ansvar has no nämndbidrag: no percentage, an empty cell
    assert rows["Nämndens eget ansvar"]["Budgetavvikelse av kommunbidraget, %"].value is None
    for row in ws.iter_rows(min_row=2):
        for cell in row[2:]:
            assert cell.value is None or isinstance(cell.value, int | float)


def test_summary_workbook_ratios_and_provenance(summary_book):
    ratios = rows_by_first(summary_book["Kvoter"])
    ki = ratios["K/I-tal"]["Värde"]
    assert swedish.format_number(ki.value, 2) == "0,97"  # "K/I-tal 0,97"
    assert ki.number_format == "#,##0.00"
    grant = ratios["Förändring av kommunbidraget mot föregående år, %"]["Värde"]
    assert swedish.format_number(grant.value, 1) == "−1,2"  # "minskat med 1,2 procent"
    about = rows_by_first(summary_book["Om filen"])
    assert about["Bokslutsår"]["Värde"].value == "2013"
    assert len(about["Datas kontrollsumma"]["Värde"].value) >= 19


def test_check_workbook_lists_each_finding_and_exits_as_the_text(tmp_path):
    path = tmp_path / "granskning.xlsx"
    code = main(["check", "--year", "2013", "--format", "xlsx", "--out", str(path)])
    assert code == 1  # findings, as with --format text
    ws = openpyxl.load_workbook(path)["Granskning 2013"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Var", "Tryckt", "Beräknat", "Skillnad"]
    by_place = {r[0]: r for r in rows}
    # "Nämnden totalt 9 267 297 469": the printed nämndbidrag 297 469 is 293 963 computed
    total = by_place["Resultat per avdelning, Nämnden totalt, Nämndbidrag 2013"]
    assert total[1:4] == (297469, 293963, 3506)
    likely = total[header.index("Troligen")].replace(swedish.NBSP, " ")
    assert "297 469 tkr är 2012 års" in likely  # the printed total is the previous year's
    assert total[header.index("Trolig orsak")] == "Ett annat års värde"
    # Destination Södertälje prints 1,3 % where 2 029 / 17 754 is 11,4 %
    destination = next(r for place, r in by_place.items() if "Destination" in place)
    assert destination[1] == pytest.approx(1.3)
    assert swedish.format_number(destination[2], 1) == "11,4"
    assert ws.cell(row=2 + rows.index(destination), column=2).number_format == "#,##0.0"


def test_goals_workbook_has_goals_areas_and_geh(tmp_path):
    path = tmp_path / "mal.xlsx"
    assert main(["goals", "--year", "2013", "--format", "xlsx", "--out", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Mål 2013", "Områden", "GEH", "Om filen"]
    for ws in book:
        header = [c.value for c in ws[1]]
        assert len(header) == len(set(header)), ws.title
    goals = rows_by_first(book["Mål 2013"])
    first = goals["arbetsgivare-1"]
    assert first["Bokslutets bedömning"].value == "Ok"  # the report's own word
    statuses = {"uppfyllt", "delvis uppfyllt", "på väg", "osäker", "inte på väg", "ej uppfyllt",
                "kan inte bedömas"}  # fmt: skip
    assert {row["Analysens bedömning"].value for row in goals.values()} <= statuses
    assert all(row["Underlag"].value for row in goals.values())
    geh = {r[1]: r[2] for r in book["GEH"].iter_rows(min_row=2, values_only=True)}
    assert geh["Ekonomi: kommunstyrelsens kontor"] == "Bra"  # as section 7 prints it


def test_hostile_unit_name_stays_text(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    departments = data / "departments.csv"
    hostile = '=HYPERLINK("http://example.invalid";"HR")'
    text = departments.read_text(encoding="utf-8")
    departments.write_text(text.replace(",HR,", ',"' + hostile.replace('"', '""') + '",'))
    path = tmp_path / "n.xlsx"
    command = ["summary", "--year", "2013", "--data", str(data), "--format", "xlsx"]
    assert main([*command, "--out", str(path)]) == 0
    cell = next(
        row[0]
        for row in openpyxl.load_workbook(path).worksheets[0].iter_rows()
        if "HR" in row[0].value
    )
    assert cell.value == hostile and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize("command", ["summary", "check", "goals"])
def test_xlsx_needs_out_and_refuses_a_folder(command, tmp_path, capsys):
    assert main([command, "--year", "2013", "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main([command, "--year", "2013", "--format", "xlsx", "--out", str(tmp_path)]) == 2
    assert "är en mapp" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_out_without_a_file_format_is_refused(tmp_path, capsys):
    assert main(["summary", "--year", "2013", "--out", str(tmp_path / "x.txt")]) == 2
    assert "--out gäller bara" in capsys.readouterr().err


def test_out_in_the_data_folder_is_refused(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    before = sorted(p.name for p in data.iterdir())
    target = data / "net_cost.csv"
    content = target.read_bytes()
    command = ["summary", "--year", "2013", "--data", str(data), "--format", "excel-csv"]
    assert main([*command, "--out", str(target)]) == 2
    assert "datamappen" in capsys.readouterr().err
    assert target.read_bytes() == content
    assert sorted(p.name for p in data.iterdir()) == before


def test_summary_excel_csv(tmp_path):
    path = tmp_path / "nyckeltal.csv"
    assert main(["summary", "--year", "2013", "--format", "excel-csv", "--out", str(path)]) == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    total = dict(zip(header, body["Kommunstyrelsen totalt"], strict=True))
    assert total["Bokslut 2013, tkr"] == "284697"
    assert total["Nettokostnadsutveckling, %"] == "0,56"
    assert (
        dict(zip(header, body["Politisk ledning"], strict=True))["Budgetavvikelse, tkr"] == "-872"
    )


def test_excel_csv_to_standard_output(capfdbinary):
    assert main(["goals", "--year", "2013", "--format", "excel-csv"]) == 0
    out = capfdbinary.readouterr().out
    assert out.startswith("\ufeffMål-id;".encode())
