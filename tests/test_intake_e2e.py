"""A made-up 2014 goes from ``new-year`` to a rendered analysis without editing a CSV, and
the 2013 report's rendered text is the same before and after.

The workbook is filled as an economist would (tests/workbook_helpers.py): the year's
columns of every printed table (sums and differences left as the workbook's formulas), a
restated comparison cell, a blank comparison cell, a renamed, a merged and a new department
(column Ändring on Avdelningar, the new one in an inserted row), goal texts and
assessments, indicator values, title and publication date. The values are those of
tests/fixtures/year2014/ and workbook_helpers.DEPARTMENTS_2014. No claim is typed: a year
with tables only imports and renders. The traps of issue 17 have a test each in
tests/test_intake_traps.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ksanalys.cli import main
from ksanalys.compute.key_figures import key_figures
from ksanalys.load import load_dataset, vintage
from workbook_helpers import fill_year, fixture, reorganise

DATA = Path(__file__).parents[1] / "data"


def test_a_later_year_through_the_workbook_leaves_2013_unchanged(tmp_path, render_chapters, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    before = render_chapters(2013, data_dir)
    path = tmp_path / "bokslut-2014.xlsx"
    assert main(["new-year", "2014", "--data", str(data_dir), "--out", str(path)]) == 0
    book = fill_year(path)
    reorganise(book)  # Kommunikation renamed, Ekonomi merged, Digitalisering new
    book.save()
    assert main(["import", str(path), "--data", str(data_dir)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert (
        "resultatrakning.csv (Resultaträkning): 20 tillagda, 0 ändrade, 0 borttagna rader"
        in printed
    )
    assert "units.csv (Enheter): 2 tillagda, 2 ändrade, 0 borttagna rader" in printed

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
    departments = units[units["level"] == "department"]
    office = units[units["unit_id"] == "ks_kontor"].iloc[0]
    assert departments["net_cost"].sum() == office["net_cost"] == 221410
    assert "Digitalisering" in set(departments["unit"]) and "Ekonomi" not in set(
        departments["unit"]
    )
    assert any("Digitalisering" in text for text in later.values())
