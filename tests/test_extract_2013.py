"""Backtest: the 2013 report read into a data folder without 2013 (tests/extract_backtest.py)
gives every figure of its printed tables as data/ holds them, its goals, assessments and
findings; its PDF gives the same. Values are those the report prints (data/ is the record
of them, typed by hand from the report)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from extract_backtest import SEED, data_without_2013
from ksanalys.intake.extract.read import extract_report
from ksanalys.load import load_dataset
from ksanalys.values import is_missing

FINANCE = ("resultatrakning", "balansrakning", "net_cost", "budget", "departments", "ki")
ID = {"net_cost": "unit_id", "budget": "unit_id", "departments": "unit_id"}
NOT_READ = {
    "report_year",
    "row",
    "source",
    "display_line",
    "claim_on",
}  # display_line, claim_on: set by hand, not printed


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the report text is not at {SEED}")
        pytest.skip(f"the report text is not at {SEED}")
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def without(tmp_path_factory):
    return load_dataset(data_without_2013(tmp_path_factory.mktemp("backtest") / "data"))


@pytest.fixture(scope="module")
def extraction(report_lines, without):
    return extract_report(report_lines, without, 2013)


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def data_rows(data, table):
    frame = data.tables[table]
    return frame[frame["report_year"] == 2013].sort_values("row").to_dict("records")


def same(printed, found) -> bool:
    if is_missing(printed):
        return found is None
    if isinstance(found, Decimal):
        return Decimal(str(printed)) == found
    return printed == found


@pytest.mark.parametrize("table", FINANCE)
def test_every_row_and_figure_of_the_printed_table_as_data_holds_it(extraction, data, table):
    """Ids, labels, kinds, sides, what each sum adds and every figure."""
    expected = data_rows(data, table)
    found = extraction.rows(table)
    id_field = ID.get(table, "line_id")
    assert [r["_id"] for r in found] == [r[id_field] for r in expected]
    for want, got in zip(expected, found, strict=True):
        columns = [c for c in want if c not in NOT_READ and c != id_field]
        wrong = {c: (want[c], got.get(c)) for c in columns if not same(want[c], got.get(c))}
        assert wrong == {}, want[id_field]


def test_all_148_figures_and_nothing_unplaced_in_the_tables(extraction, data):
    printed = sum(
        not is_missing(v)
        for table in FINANCE
        for row in data_rows(data, table)
        for c, v in row.items()
        if c not in NOT_READ and isinstance(v, float)
    )
    assert printed == len(extraction.figures) == 148
    assert [n for n in extraction.unplaced if n.reason != "unplaced_figure"] == []
    assert extraction.new_rows == []


def test_goals_and_their_assessments_by_area_and_number(extraction, data):
    expected = {
        (r["area"], int(r["number"])): (r["goal"], r["report_assessment"])
        for r in data_rows_plain(data, "goals")
    }
    found = {
        (r["area"], r["number"]): (r["goal"], r["report_assessment"])
        for r in extraction.rows("goals")
    }
    assert found == expected


def data_rows_plain(data, table):
    frame = data.tables[table]
    return frame[frame["report_year"] == 2013].to_dict("records")


def test_the_areas_and_geh_assessments(extraction, data):
    expected = {
        (r["level"], r["area"]): r["assessment"] for r in data_rows_plain(data, "assessments")
    }
    found = {(r["level"], r["area"]): r["assessment"] for r in extraction.rows("assessments")}
    assert found == expected


def test_the_documents_date_and_title(extraction):
    report = extraction.rows("documents")[0]
    assert report["date"] == "2014-03-17"
    assert report["title"] == "Bokslut per den 31 december 2013 för kommunstyrelsen (Dnr KS 14/84)"


def test_findings_are_the_tables_misprints_worked_out_by_hand(extraction):
    found = {(f.table, f.row, f.column): (f.printed, f.expected) for f in extraction.findings}
    assert found == {
        # SUMMA INTÄKTER: the blank lines Avgifter och taxor / Hyror och arrenden hide amounts
        ("resultatrakning", "summa_intakter", "outcome_prev"): (35330, 6397 + 27756),
        ("resultatrakning", "summa_intakter", "budget"): (30402, 6133 + 23260),
        ("resultatrakning", "summa_intakter", "outcome"): (38719, 10481 + 27265),
        ("resultatrakning", "summa_intakter", "deviation"): (8317, 4348 + 4005),
        # SUMMA KOSTNADER 2013: 2 382 tkr are missing in the lines
        ("resultatrakning", "summa_kostnader", "outcome"): (
            -310355,
            -124248 - 44579 - 82942 - 39343 - 16861,
        ),
        ("resultatrakning", "summa_kostnader", "deviation"): (-2344, 3703 - 326 + 1586 + 62 - 4987),
        # Nämnden totalt: the grant printed is 2012's (297 469); the lines give 293 963
        ("departments", "kommunstyrelsen", "grant"): (297469, 227978 + 65985),
        ("departments", "kommunstyrelsen", "result"): (9267, 297469 - 284697),
        # Destination Södertälje and Kommunikation: the percentages swapped
        ("departments", "destination_sodertalje", "deviation_pct"): (
            Decimal("1.3"),
            Decimal("11.4"),
        ),
        ("departments", "kommunikation", "deviation_pct"): (Decimal("11.4"), Decimal("1.5")),
    }


def test_candidate_reasons_are_the_reports_passages_by_subject(extraction):
    def offered(subject: str, passage: str) -> bool:
        return any(q.subject == subject and passage in q.text for q in extraction.quotes)

    # under a department's heading, its short comment whole
    assert offered(
        "hr",
        "Human resources uppvisar ett överskott på 4,3 mkr, vilket till största delen beror "
        "på att anslaget för omställningsarbetet inte har behövt användas som budgeterat samt "
        "på vakanser. Personalminskningar har inte krävts",
    )
    # "Övergripande" stands where the table prints Nämndens eget ansvar
    assert offered("namndens_eget_ansvar", "Avser reglering av kommunstyrelsens kontors")
    # a passage referring back ("Dessutom", "Detta") keeps the sentence it refers to
    assert offered(
        "politisk_ledning",
        "löneuppräknigen. Dessutom har även andra medlemsavgifter ökat mer än den generella "
        "uppräknigen. Detta har sammantaget genererat ett underskott på 872 tkr.",
    )
    # a named unit's reason in the economy text; a line named by its words
    assert offered("politisk_ledning", "Den politiska ledningens underskott beror")
    assert offered("lokaler", "lokalkostnaderna har ökat med 4 mkr")


def test_candidate_reasons_hold_the_reports_explanations_in_data(extraction, data):
    """A measure more than a rule: of the explanations data/ holds for units and lines,
    the share a candidate holds whole (20 of 21 when measured; the one missing also quotes
    the sentence stating the forecast deviation, which gives no reason)."""
    frame = data.tables["explanations"]
    curated = [
        r
        for r in frame[frame["report_year"] == 2013].to_dict("records")
        if r["subject_type"] in ("unit", "line")
        and r["topic"] in ("deviation", "growth", "forecast", "cost_type")
    ]
    held = [
        r
        for r in curated
        if any(
            q.subject == r["subject"] and " ".join(r["quote"].split()) in q.text
            for q in extraction.quotes
        )
    ]
    assert len(held) >= 0.9 * len(curated) and len(curated) >= 20


@pytest.mark.browser
def test_the_pdf_of_the_report_gives_the_same_extraction(extraction, without, seed_pdf_report):
    from_pdf = extract_report(seed_pdf_report.lines, without, 2013)

    def content(out):
        return sorted((c.table, c.row, c.column, str(c.value)) for c in out.cells)

    assert content(from_pdf) == content(extraction)
    assert [f.printed for f in from_pdf.findings] == [f.printed for f in extraction.findings]
