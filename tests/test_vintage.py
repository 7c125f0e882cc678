"""Vintages: a published report does not change when later data is added.

The made-up 2014 report in tests/fixtures/year2014/ is appended to a copy of data/. It
prints 2013 again with a restated comparison column, a blank comparison cell, a renamed
department, a 2011 value first published in 2014 (which would change a 2013 goal status)
and a public figure about 2012 published in 2016.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.compute.goals import assess_goals
from ksanalys.compute.key_figures import key_figures
from ksanalys.compute.revisions import restatements, revisions
from ksanalys.load import load_dataset, vintage
from ksanalys.load.vintage import publication_date

FIXTURE = Path(__file__).parent / "fixtures" / "year2014"
DATA = Path(__file__).parents[1] / "data"


def append_fixture(folder: Path) -> None:
    """Append the rows of every fixture file to the same file in ``folder``."""
    for path in sorted(FIXTURE.glob("*.csv")):
        target = folder / path.name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with target.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        with target.open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerows(rows)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def statuses(ds, year: int) -> dict[str, str]:
    return {g["id"]: g["computed_status"] for g in assess_goals(ds, year).to_dict()["goals"]}


def test_publication_dates_partial_dates_count_as_the_end_of_their_period():
    assert publication_date("2014-03-17") == dt.date(2014, 3, 17)
    assert publication_date("2016-05") == dt.date(2016, 5, 31)
    assert publication_date("2015") == dt.date(2015, 12, 31)
    assert publication_date("") is None
    with pytest.raises(ValueError):
        publication_date("17 mars 2014")


def test_every_row_knows_its_document_and_date():
    ds = load_dataset(DATA)
    rows = vintage.published_rows(ds, "indicators")
    report = rows[rows["document"] == "ks2013"]
    assert set(report["published"]) == {dt.datetime(2014, 3, 17)}
    news = rows[rows["document"] == "public-positivt-resultat"]
    assert set(news["published"]) == {dt.datetime(2018, 12, 31)}
    undated = rows[rows["document"] == "public-snabbstatistik"]
    assert undated["published"].isna().all()


def test_the_2013_vintage_leaves_out_later_public_figures():
    ds = load_dataset(DATA)
    as_published = vintage.as_published(ds, 2013)
    assert as_published.as_of == dt.date(2014, 3, 17)
    documents = set(vintage.published_rows(as_published, "indicators")["document"])
    assert documents == {"ks2013"}
    assert len(vintage.revised(ds).indicators) == len(ds.indicators)


def test_adding_2014_leaves_the_2013_figures_and_statuses_unchanged(data_dir):
    before = load_dataset(data_dir)
    figures = key_figures(vintage.as_published(before, 2013), 2013).to_dict()
    goals = statuses(vintage.as_published(before, 2013), 2013)
    append_fixture(data_dir)
    after = load_dataset(data_dir)
    assert after.report_years == [2013, 2014]
    assert key_figures(vintage.as_published(after, 2013), 2013).to_dict() == figures
    assert statuses(vintage.as_published(after, 2013), 2013) == goals
    # Without vintages a trygghet value first published in 2016 (60 for 2012) would change
    # a 2013 status: 41 in 2013 is then a fall, not a rise from 37 (2011).
    revised = statuses(vintage.revised(after), 2013)
    assert goals["hallbarhet-2"] == "met"
    assert revised["hallbarhet-2"] == "not_met"


def test_adding_2014_leaves_the_rendered_2013_report_unchanged(data_dir, render_chapters):
    before = render_chapters(2013, data_dir)
    append_fixture(data_dir)
    after = render_chapters(2013, data_dir)
    assert after == before
    assert render_chapters(2013, data_dir, revised=True) != before


def test_revised_figures_are_marked_against_first_published(data_dir):
    append_fixture(data_dir)
    ds = load_dataset(data_dir)
    revised = key_figures(vintage.revised(ds), 2013)
    unit = revised.units.set_index("unit_id").loc["politisk_ledning"]
    assert unit["net_cost"] == 66900  # the 2014 report's comparison column
    found = revisions(ds, 2013)
    row = found[(found["table"] == "net_cost") & (found["row"] == "politisk_ledning")]
    assert row[["earlier", "later"]].values.tolist() == [[66857.0, 66900.0]]
    assert row["earlier_document"].iloc[0] == "ks2013"
    assert row["later_document"].iloc[0] == "ks2014"
    later = found[found["kind"] == "later_value"]
    assert set(later["row"]) == {
        "inflyttade_arbetsstallen/kommunen",
        "trygghet_index/kommunen",
        "arets_resultat/kommunen",
        "balanskravsresultat/kommunen",
        "verksamhetens_nettokostnader/kommunen",
    }
    assert revisions(load_dataset(DATA), 2013)["kind"].eq("later_value").all()


def test_a_restated_comparison_column_is_a_restatement_and_blank_stays_missing(data_dir):
    append_fixture(data_dir)
    ds = load_dataset(data_dir)
    found = restatements(ds, 2014)
    net_cost = found[found["table"] == "net_cost"]
    assert set(net_cost["row"]) == {"politisk_ledning", "kommunstyrelsen"}
    first = net_cost.set_index("row").loc["politisk_ledning"]
    assert (first["earlier"], first["later"], first["difference"]) == (66857.0, 66900.0, 43.0)
    # Printed blank in 2014's comparison column: missing, not 0, not a restatement.
    assert "omsattningstillgangar" not in set(found["row"])
    assert restatements(load_dataset(DATA), 2013).empty


def test_a_renamed_department_keeps_its_history_and_says_fd(data_dir):
    append_fixture(data_dir)
    ds = vintage.as_published(load_dataset(data_dir), 2014)
    units = key_figures(ds, 2014).units.set_index("unit_id")
    assert units.loc["kommunikation_medborgarservice", "unit"] == (
        "Kommunikation och medborgarservice (fd Kommunikation)"
    )
    units_2013 = key_figures(vintage.as_published(load_dataset(data_dir), 2013), 2013).units
    assert "fd" not in " ".join(units_2013["unit"])


def test_cli_summary_for_2013_is_the_same_after_2014_and_differs_when_revised(data_dir, capsys):
    assert main(["summary", "--year", "2013", "--data", str(data_dir)]) == 0
    before = capsys.readouterr().out
    append_fixture(data_dir)
    assert main(["summary", "--year", "2013", "--data", str(data_dir)]) == 0
    assert capsys.readouterr().out == before
    assert main(["summary", "--year", "2013", "--data", str(data_dir), "--revised"]) == 0
    assert capsys.readouterr().out != before


def test_granskning_shows_the_restatement_and_no_finding_for_it(data_dir):
    from ksanalys.compute.check import check_year
    from ksanalys.present import chapters

    append_fixture(data_dir)
    ds = vintage.as_published(load_dataset(data_dir), 2014)
    findings = check_year(ds, 2014).findings
    restated = findings[
        (findings["row"] == "politisk_ledning") & (findings["column"] == "net_cost_prev")
    ]
    assert restated.empty
    assert "previous_report" not in set(findings["rule"])
    text = str(chapters.check_method_text(chapters.open_analysis(2014, str(data_dir))))
    assert "**Omräkningar.** Rapporten för 2014 trycker 2 tal för 2013" in text
    assert (
        "66 900 tkr i bokslutet för 2014 mot 66 857 tkr i bokslutet för 2013 (omräknat +43 tkr)"
        in text.replace("\xa0", " ")
    )


def test_a_revised_report_goes_to_its_own_folder_and_the_notebooks_take_revised(tmp_path):
    from ksanalys.run.execute import execute_notebook
    from ksanalys.run.parameters import ReportRequest, default_notebooks_dir, parameters_cells, plan

    planned = plan(ReportRequest(years=(2013,), out_dir=tmp_path / "a", revised=True))
    assert planned.revised
    assert planned.year_dir(2013) == tmp_path / "a" / "reviderad" / "2013"
    ordinary = plan(ReportRequest(years=(2013,), out_dir=tmp_path / "b"))
    assert ordinary.year_dir(2013) == tmp_path / "b" / "2013"
    for notebook in sorted(default_notebooks_dir().glob("*.ipynb")):
        assert "revised: bool = False" in parameters_cells(notebook)[0]
    assert "revised" in execute_notebook.__code__.co_varnames


def _annex_without_run_time(html: str) -> str:
    return re.sub(r"<dt>Framtagen</dt><dd>[^<]*</dd>", "", html)


def test_adding_2014_leaves_the_2013_annex_and_used_data_hash_unchanged(data_dir, tmp_path):
    """The annex of the 2013 report records the hash of the data the report used (its
    vintage), not of the whole folder: adding 2014 changes only the run time line."""
    from ksanalys.run.parameters import ReportRequest, plan
    from ksanalys.run.record import new_record
    from ksanalys.run.render import record_page

    def annex_and_record(out: str):
        planned = plan(ReportRequest(years=(2013,), data_dir=data_dir, out_dir=tmp_path / out))
        record = new_record(planned.data_dir, planned.data_hash).for_year(
            2013, planned.used_data_hashes[2013]
        )
        return record_page(record), record

    before, record_before = annex_and_record("before")
    append_fixture(data_dir)
    after, record_after = annex_and_record("after")
    assert record_after.data_folder_hash != record_before.data_folder_hash
    assert record_after.used_data_hash == record_before.used_data_hash
    assert record_before.used_data_hash in before and record_before.data_folder_hash not in before
    assert _annex_without_run_time(after) == _annex_without_run_time(before)
    assert "Framtagen" not in _annex_without_run_time(before)


def test_a_revised_report_names_documents_and_scopes_as_a_reader_knows_them():
    from ksanalys.present import chapters

    text = str(chapters.about(chapters.open_analysis(2013, "", True)))
    assert "publicerat senare i Positivt resultat för Södertälje kommun" in text
    assert "public-" not in text.replace("\\-", "-")  # no document id
    assert "3 tal skiljer sig från bokslutet för 2013 som det först publicerades" in text
