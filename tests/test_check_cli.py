"""``ksanalys check``: exit codes, JSON shape and Swedish text."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.load import default_data_dir

JSON_KEYS = {
    "table",
    "row",
    "column",
    "printed",
    "computed",
    "difference",
    "unit",
    "rule",
    "cause",
    "note",
    "message",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_for_2013_lists_the_findings_and_exits_1(capsys):
    code, out, _ = run(capsys, "--year", "2013", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"year", "checks", "findings"}
    assert data["year"] == 2013 and data["checks"] > 100
    assert len(data["findings"]) == 13
    assert all(set(f) == JSON_KEYS for f in data["findings"])
    grant = next(f for f in data["findings"] if f["column"] == "grant")
    assert grant == grant | {
        "table": "departments",
        "row": "kommunstyrelsen",
        "printed": 297469,
        "computed": 293963,
        "difference": 3506,
        "unit": "tkr",
        "rule": "sum",
        "cause": "wrong_year",
    }
    forecast = data["findings"][-1]
    assert (forecast["row"], forecast["printed"], forecast["computed"], forecast["unit"]) == (
        "ek-prognos",
        4.5,
        2.8,
        "mkr",
    )
    assert forecast["difference"] == pytest.approx(1.7)


def test_text_is_swedish_with_one_line_per_finding(capsys):
    code, out, _ = run(capsys, "--year", "2013")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Granskning av kommunstyrelsens bokslut 2013"
    finding_lines = [line for line in lines if "tryckt" in line]
    assert len(finding_lines) == 13
    assert lines[-1].endswith(", 13 avvikelser.") and "kontroller" in lines[-1]
    nbsp = "\u00a0"
    # The line a sum's gap may belong to is named (−2 344 = 38 − 2 382), not as sure: the
    # text's "kostnaderna har ökat med 5 mkr" fits the rows too.
    assert (
        f"så felet sitter troligen i en av raderna. Raden Övriga kostnader (Budgetavvikelse) kan "
        f"vara −2{nbsp}382{nbsp}tkr, inte 0; det går inte att avgöra säkert." in out
    )
    assert (
        f"Resultat per avdelning, Nämnden totalt, Nämndbidrag 2013: tryckt 297{nbsp}469{nbsp}tkr, "
        f"ska vara 293{nbsp}963{nbsp}tkr (skillnad +3{nbsp}506{nbsp}tkr) enligt summan av "
        "raderna: Summa kommunstyrelsens kontor + Politisk ledning." in out
    )
    assert f"tryckt 1,3{nbsp}procent, ska vara 11,4{nbsp}procent" in out
    assert f"tryckt 4,5{nbsp}mkr, ska vara 2,8{nbsp}mkr (skillnad +1,7{nbsp}mkr)" in out


def _set_cells(path: Path, key_column: str, changes: dict[tuple[str, str], str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    for (key, column), value in changes.items():
        matches = [row for row in rows if row[key_column] == key]
        assert len(matches) == 1, key
        matches[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_corrected_copy_of_the_data_is_clean(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    # The blank income line holds what SUMMA INTÄKTER adds to it; Övriga kostnader holds
    # the 2 382 tkr missing from SUMMA KOSTNADER (outcome and deviation).
    _set_cells(
        data / "resultatrakning.csv",
        "line_id",
        {
            ("avgifter_taxor", "outcome_prev"): "1177",
            ("avgifter_taxor", "budget"): "1009",
            ("avgifter_taxor", "outcome"): "973",
            ("avgifter_taxor", "deviation"): "-36",
            ("ovriga_kostnader", "outcome"): "-2382",
            ("ovriga_kostnader", "deviation"): "-2382",
        },
    )
    _set_cells(
        data / "departments.csv",
        "unit_id",
        {
            ("destination_sodertalje", "deviation_pct"): "11.4",
            ("kommunikation", "deviation_pct"): "1.5",
            ("kommunstyrelsen", "grant"): "293963",
            ("kommunstyrelsen", "deviation_pct"): "3.2",
        },
    )
    _set_cells(
        data / "claims.csv",
        "claim_id",
        {
            ("ts-sjukfranvaro-kontor-2013", "value"): "4.54",
            ("sf-sjukfranvaro-kontor-2013", "value"): "4.54",
            ("ek-prognos", "value"): "2.8",
        },
    )
    code, out, _ = run(capsys, "--year", "2013", "--data", str(data))
    assert code == 0, out
    assert "Inga avvikelser." in out and out.rstrip().endswith(", 0 avvikelser.")
    code, out, _ = run(capsys, "--year", "2013", "--data", str(data), "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_unknown_year_and_year_without_report_exit_2(capsys):
    code, out, err = run(capsys, "--year", "2011")
    assert (code, out) == (2, "")
    assert "2011 finns inte i data" in err
    code, out, err = run(capsys, "--year", "2012")
    assert (code, out) == (2, "")
    assert "ingen analys för 2012" in err and "--year 2013" in err


def test_bad_claim_expression_exits_2(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    _set_cells(data / "claims.csv", "claim_id", {("ek-prognos", "expression"): "__import__('os')"})
    code, _, err = run(capsys, "--year", "2013", "--data", str(data))
    assert code == 2
    assert "claims.csv" in err and "kolumn 'expression'" in err
