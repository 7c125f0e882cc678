"""Chapter 04 Granskning: a summary first, then one section per cause, largest first, each
with its figures printed beside recomputed; data text escaped."""

from __future__ import annotations

import csv
import shutil

import pytest

from ksanalys.load import default_data_dir
from ksanalys.present import chapters
from ksanalys.present.chapters.context import Text

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def analysis():
    return chapters.open_analysis(2013, "")


def markdown(section) -> list[str]:
    return [item.markdown for item in section.items if isinstance(item, Text)]


def test_the_chapter_opens_with_findings_causes_and_the_result(analysis):
    overview = chapters.causes_overview(analysis)
    opening = overview.items[0].markdown
    assert opening.startswith(
        "Granskningen gjorde 169 kontroller av rapportens tal för 2013. 13 tryckta tal avviker "
        "från det som följer av rapportens övriga tal, av 6 orsaker. Ingen av dem ändrar årets "
        f"resultat (RESULTAT 9{NBSP}267{NBSP}tkr)."
    )
    table = overview.items[1].data
    assert table["Orsak"].tolist()[0] == "Ett annat års värde"
    assert table["Orsak"].tolist()[-1] == "Avrundning"
    assert table["Antal tal"].tolist() == ["4", "2", "1", "1", "1", "4", "11"]


def test_one_section_per_cause_largest_first_printed_beside_recomputed(analysis):
    sections = chapters.cause_sections(analysis)
    headings = [m.split("\n")[0] for m in markdown(sections)]
    assert headings == [
        "### 1. Ett annat års värde",
        "### 2. Summan går inte ihop med sina delposter",
        "### 3. Talet följer inte av de tal det räknas ur",
        "### 4. Texten och tabellerna anger olika tal",
        "### 5. Värdet från en annan rad",
        "### 6. Belopp som saknas i tabellen",
        "### 7. Avrundning",
    ]
    tables = [item.data for item in sections.items if not isinstance(item, Text)]
    first = tables[0]
    assert list(first.columns) == [
        "Var i rapporten",
        "Tryckt",
        "Beräknat",
        "Skillnad",
        "Förklaring",
    ]
    assert first.iloc[0]["Tryckt"] == f"297{NBSP}469{NBSP}tkr"
    assert first.iloc[0]["Beräknat"] == f"293{NBSP}963{NBSP}tkr"
    assert "är 2012 års kommunbidrag" in first.iloc[0]["Förklaring"]
    # The forecast: the text and the tables side by side, neither chosen.
    forecast = tables[3]
    assert list(forecast.columns)[1:3] == ["I texten", "Ur tabellerna"]
    assert (forecast.iloc[0]["I texten"], forecast.iloc[0]["Ur tabellerna"]) == (
        f"4,5{NBSP}mkr",
        f"2,8{NBSP}mkr",
    )
    rounding = markdown(sections)[-1]
    assert "bara på att de tryckta talen är avrundade" in rounding
    assert "De påverkar inget." in rounding


def test_hostile_claim_text_is_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    prognos = next(r for r in rows if r["claim_id"] == "ek-prognos")
    prognos["section"] = "<script>alert(1)</script>"
    prognos["note"] = "<img src=x onerror=alert(2)>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sections = chapters.cause_sections(chapters.open_analysis(2013, str(data)))
    html = "".join(item.to_html() for item in sections.items if not isinstance(item, Text))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
