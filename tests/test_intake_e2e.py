"""A made-up 2014 goes from ``new-year`` to a rendered analysis without editing a CSV, and
the 2013 report's rendered text is the same before and after.

The workbook is filled programmatically as an economist would: the year's columns of
every printed table (sums and differences left as the workbook's formulas), a restated
comparison cell, a blank comparison cell, a renamed department on the Enheter sheet, goal
assessments, indicator values and the publication date. The values are those of
tests/fixtures/year2014/.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import load_workbook

from ksanalys.cli import main
from ksanalys.compute.key_figures import key_figures
from ksanalys.load import load_dataset, vintage

FIXTURE = Path(__file__).parent / "fixtures" / "year2014"
DATA = Path(__file__).parents[1] / "data"

# Sheet → (fixture file, id column, the columns a person types: value columns of the year).
TYPED = {
    "Resultaträkning": ("resultatrakning", "line_id", ("budget", "outcome")),
    "Balansräkning": ("balansrakning", "line_id", ("balance_prev", "balance")),
    "Nettokostnad": ("net_cost", "unit_id", ("net_cost", "net_cost_prev")),
    "Budget": ("budget", "unit_id", ("grant", "forecast", "net_cost")),
    "Avdelningar": ("departments", "unit_id", ("grant", "net_cost")),
    "K-I-tal": ("ki", "line_id", ("value",)),
}


def fixture(name: str) -> list[dict[str, str]]:
    with (FIXTURE / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float | int | None:
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def headings(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[3] if cell.value}


def fill(path: Path) -> None:
    book = load_workbook(path)
    for sheet, (table, id_column, typed) in TYPED.items():
        ws = book[sheet]
        rows = {r[id_column]: r for r in fixture(table)}
        if table == "departments":  # the rename: same row, new id and name
            for row in ws.iter_rows(min_row=4):
                if row[0].value == "kommunikation":
                    row[0].value = "kommunikation_medborgarservice"
                    row[1].value = "Kommunikation och medborgarservice"
        columns = {c: i for i, c in enumerate(_fields(table))}
        for row in ws.iter_rows(min_row=4):
            record = rows.get(row[0].value)
            if record is None:
                continue
            for column in typed:
                cell = row[columns[column]]
                is_formula = isinstance(cell.value, str) and cell.value.startswith("=")
                if not is_formula or column == "net_cost_prev":
                    cell.value = number(record[column])
            if table == "resultatrakning" and record["kind"] in ("subtotal", "total"):
                row[columns["outcome_prev"]].value = number(record["outcome_prev"])
    units = book["Enheter"]
    for row in units.iter_rows(min_row=4):
        if row[0].value == "kommunikation":
            row[5].value = 2013
    units.append(
        [
            "kommunikation_medborgarservice",
            "Kommunikation och medborgarservice",
            "department",
            "ks_kontor",
            2014,
            None,
            "kommunikation",
            None,
            None,
            "Påhittat testfall.",
        ]
    )
    assessments = {r["goal_id"]: r["report_assessment"] for r in fixture("goals")}
    for row in book["Mål"].iter_rows(min_row=4):
        row[4].value = assessments.get(row[0].value) or None
    areas = {(r["level"], r["area"]): r["assessment"] for r in fixture("assessments")}
    for row in book["Bedömningar"].iter_rows(min_row=4):
        row[2].value = areas.get((row[0].value, row[1].value))
    indicators = book["Indikatorer"]
    report_rows = [r for r in fixture("indicators") if r["source"].startswith("ks2014")]
    place = {
        (r[0].value, r[1].value, r[2].value, r[3].value): r for r in indicators.iter_rows(min_row=4)
    }
    for r in report_rows:
        key = (r["indicator"], r["scope"], int(r["year"]), r["period"] or None)
        if key in place:
            place[key][4].value = number(r["value"])
            place[key][7].value = "Näringsliv och högskola"
            place[key][8].value = r["quote"]
        else:
            indicators.append(
                [
                    r["indicator"],
                    r["scope"],
                    int(r["year"]),
                    None,
                    number(r["value"]),
                    r["unit"],
                    None,
                    "Näringsliv och högskola",
                    r["quote"],
                    None,
                ]
            )
    book["Rapport"]["D4"] = "2015-03-16"
    book.save(path)


def _fields(table: str) -> list[str]:
    from ksanalys.intake.layout import SHEET_BY_TABLE

    return [f.field for f in SHEET_BY_TABLE[table].fields]


def test_a_later_year_through_the_workbook_leaves_2013_unchanged(tmp_path, render_chapters, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    before = render_chapters(2013, data_dir)
    path = tmp_path / "bokslut-2014.xlsx"
    assert main(["new-year", "2014", "--data", str(data_dir), "--out", str(path)]) == 0
    fill(path)
    assert main(["import", str(path), "--data", str(data_dir)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "resultatrakning: 20 tillagda, 0 ändrade, 0 borttagna rader" in printed
    assert "units: 1 tillagda, 1 ändrade, 0 borttagna rader" in printed

    files = {p.name: p.read_bytes() for p in data_dir.glob("*.csv")}
    assert main(["import", str(path), "--data", str(data_dir)]) == 0
    assert "Inget ändrat" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in data_dir.glob("*.csv")} == files

    ds = load_dataset(data_dir)
    assert ds.report_years == [2013, 2014]
    net_cost = ds.net_cost[ds.net_cost["report_year"] == 2014].set_index("unit_id")
    expected = {r["unit_id"]: r for r in fixture("net_cost")}
    for unit, row in net_cost.iterrows():  # computed by the workbook's formulas
        assert row["difference"] == float(expected[unit]["difference"])
        assert row["growth_pct"] == float(expected[unit]["growth_pct"])
    assert (
        ds.net_cost.loc[ds.net_cost["unit_id"] == "kommunstyrelsen", "total_of"].tolist()
        == ["politisk_ledning+ks_kontor"] * 2
    )
    balance = ds.balansrakning.set_index(["report_year", "line_id"])
    assert balance.loc[(2014, "omsattningstillgangar"), "balance_prev"] != 0  # NaN, not 0
    assert (
        balance.loc[(2014, "omsattningstillgangar"), "balance_prev"]
        != balance.loc[(2014, "omsattningstillgangar"), "balance_prev"]
    )

    assert render_chapters(2013, data_dir) == before
    later = render_chapters(2014, data_dir)
    assert "Omräkningar" in later["check_appendix"]
    units = key_figures(vintage.as_published(ds, 2014), 2014).units
    assert "Kommunikation och medborgarservice (fd Kommunikation)" in set(units["unit"])
