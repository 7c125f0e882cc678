"""The workbook writer's prefill: what a reading of the report found, placed and marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ksanalys.intake.layout import SHEET_BY_TABLE
from ksanalys.intake.prefill import (
    FOUND_NOTE,
    UNPLACED_SHEET,
    CandidateQuote,
    FoundCell,
    Prefill,
    UnplacedLine,
    row_key,
)
from ksanalys.intake.workbook import new_year_workbook
from ksanalys.load import load_dataset

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prefill") / "data"
    shutil.copytree(DATA, folder)
    return load_dataset(folder)


def row_of(ws, column: int, value: object):
    return next(row for row in ws.iter_rows(min_row=4) if row[column].value == value)


SECTION = "2. Södertälje kommun som arbetsgivare, KF-mål 4"  # a section of the 2013 report

PREFILL = Prefill(
    cells=(
        FoundCell("resultatrakning", "personal", "outcome", -131000, 812),
        FoundCell("resultatrakning", "summa_kostnader", "outcome", -300001, 820),
        FoundCell("resultatrakning", "ny_intakt", "line", "Nya intäkter", 815),
        FoundCell("resultatrakning", "ny_intakt", "kind", "line", 815),
        FoundCell("resultatrakning", "ny_intakt", "outcome", 12, 815),
        FoundCell("goals", "arbetsgivare-1", "report_assessment", "Ok", 900),
        FoundCell("indicators", "sjukfranvaro:kommunen:2014", "value", 7.4, 950),
        FoundCell("indicators", "sjukfranvaro:kommunen:2014", "_section", SECTION, 950),
        FoundCell("indicators", "nki:kommunen:2014", "value", 70, 960),
        FoundCell("indicators", "nki:kommunen:2014", "_section", "9. Ett nytt avsnitt", 960),
        FoundCell("documents", "report", "title", "Bokslut 2014", 1),
    ),
    unplaced=(UnplacedLine(1000, "Övrigt 12 345 67", "okänd rad"),),
    quotes=(
        CandidateQuote("deviation", "unit", "ks_kontor", "Överskottet beror på X.", 1200),
        CandidateQuote("deviation", "unit", "digitalisering", "Underskottet beror på Y.", 1300),
    ),
    report="ks-bokslut-2014.txt",
)


def test_found_cells_are_filled_in_their_own_style_with_a_note(dataset):
    book = new_year_workbook(dataset, 2014, PREFILL)
    rr = book["Resultaträkning"]
    personal = row_of(rr, 0, "personal")
    assert personal[5].value == -131000
    assert personal[5].comment.text == f"{FOUND_NOTE} (rad 812)"
    assert personal[5].fill.fgColor.rgb.endswith("DDEBF7")
    assert personal[4].comment is None and personal[4].fill.fgColor.rgb.endswith("FFF2CC")
    # A found sum keeps the printed value instead of the formula; the others stay formulas.
    summa = row_of(rr, 0, "summa_kostnader")
    assert summa[5].value == -300001
    assert isinstance(summa[4].value, str) and summa[4].value.startswith("=")
    # A row the previous report did not have is added after the row found before it (here
    # SUMMA KOSTNADER), label and kind marked.
    ids = [row[0].value for row in rr.iter_rows(min_row=4)]
    last = list(rr.iter_rows(min_row=4))[ids.index("summa_kostnader") + 1]
    assert [c.value for c in last[:3]] == ["ny_intakt", "Nya intäkter", "line"]
    assert last[5].value == 12 and last[1].comment.text == f"{FOUND_NOTE} (rad 815)"
    goal = row_of(book["Mål"], 0, "arbetsgivare-1")
    assert goal[4].value == "Ok" and goal[4].comment is not None
    indicator = next(
        row
        for row in book["Indikatorer"].iter_rows(min_row=4)
        if (row[0].value, row[1].value, row[2].value) == ("sjukfranvaro", "kommunen", 2014)
    )
    assert indicator[4].value == 7.4 and indicator[4].comment is not None
    # The section a value was read in is the row's source: last year's, or a new one.
    source = SHEET_BY_TABLE["indicators"].column("source") - 1
    assert indicator[source].value == "ks2014-arbetsgivare-kf4"
    nki = next(r for r in book["Indikatorer"].iter_rows(min_row=4) if r[0].value == "nki")
    assert nki[source].value == "ks2014-9-ett-nytt-avsnitt"
    sections = {r[0].value: r[1].value for r in book["Källor"].iter_rows(min_row=4)}
    assert sections["ks2014-arbetsgivare-kf4"] == SECTION
    assert sections["ks2014-9-ett-nytt-avsnitt"] == "9. Ett nytt avsnitt"


def test_unplaced_lines_get_a_sheet_and_candidate_quotes_go_on_forklaringar(dataset):
    book = new_year_workbook(dataset, 2014, PREFILL)
    unplaced = book[UNPLACED_SHEET]
    assert "ks-bokslut-2014.txt" in unplaced["A1"].value
    assert [c.value for c in unplaced[4]] == [1000, "Övrigt 12 345 67", "okänd rad"]
    rows = [r for r in book["Förklaringar"].iter_rows(min_row=4) if r[5].value]
    assert len(rows) == 2
    # A candidate about what last year explained takes last year's row: its id and source.
    kept, new = rows
    assert [c.value for c in kept[:4]] == ["avvikelse-ks-kontor", "deviation", "unit", "ks_kontor"]
    assert kept[5].value == "Överskottet beror på X." and kept[5].comment is not None
    assert kept[10].value == "ks2014-ekonomi"
    assert kept[9].value.startswith("Överskottet på kommunstyrelsens kontor")  # last year's
    # One about something new is a row of its own, at the end.
    assert [c.value for c in new[:4]] == [None, "deviation", "unit", "digitalisering"]
    assert new[5].value == "Underskottet beror på Y." and new[5].comment is not None
    assert new[0].row == book["Förklaringar"].max_row


def test_without_prefill_there_is_no_unplaced_sheet_and_no_marked_cell(dataset):
    book = new_year_workbook(dataset, 2014)
    assert UNPLACED_SHEET not in book.sheetnames
    assert not any(c.comment for ws in book for row in ws.iter_rows() for c in row)
    summa = row_of(book["Resultaträkning"], 0, "summa_kostnader")
    assert summa[5].value.startswith("=")


def test_row_keys_address_rows_as_the_data_does():
    assert row_key("resultatrakning", {"line_id": "personal"}) == "personal"
    assert row_key("indicators", {"indicator": "x", "scope": "kommunen", "year": 2014}) == (
        "x:kommunen:2014"
    )
    row = {"indicator": "x", "scope": "ks_kontor", "year": 2013.0, "period": "ht"}
    assert row_key("indicators", row) == "x:ks_kontor:2013:ht"
    assert row_key("assessments", {"level": "area", "area": "Ekonomi"}) == "area:Ekonomi"
    assert row_key("documents", {"title": "x"}) == "report"
