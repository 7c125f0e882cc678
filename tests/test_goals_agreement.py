"""Every goal's status says the same thing in the table, the sentence and every chart of it.

For each year (2012 and 2013 on the shipped data, the made-up 2014 of conftest), the goal
statuses are read three ways from what a reader gets — the goal table's "Analysens bedömning"
column, the head of each goal's item in the list below it ("Område, mål N: status."), and
the "Analysens bedömning: …" clause of every goal chart's alt text — and compared with the
records the page is built from (``assess_goals`` on the year's vintage, with the values its
granskning questions). The summary's
goal count is checked against the same records, each distinct goal counted once.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ksanalys.compute.check.questioned import report_questioned
from ksanalys.compute.goals import assess_goals
from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.vintage import as_published
from ksanalys.present import chapters
from ksanalys.present.plots.indicators import STATUS_LEAD
from ksanalys.present.text.goals import STATUS_LABELS, STATUS_ORDER, STATUS_PLURALS, status_count

YEARS = (2012, 2013, 2014)
ITEM_HEAD = re.compile(r"^Mål (?P<number>\d+): (?P<status>[^.]+)\.$")
TAG = re.compile(r"^(?P<area>.+), mål (?P<number>\d+): (?P<status>.+)$")


def records(year: int, data_dir: Path) -> list[tuple[str, int, str]]:
    """(area, number, status in words) of each goal of ``year``, from the computed records."""
    published = as_published(load_dataset(data_dir), year)
    report = assess_goals(published, year, report_questioned(published, year))
    return [(a.area, a.number, STATUS_LABELS[a.status]) for a in report.assessments]


def chart_tags(alts: list[str]) -> list[tuple[str, int, str]]:
    """The goals and statuses named by the charts' alt texts."""
    found = []
    for alt in alts:
        if STATUS_LEAD not in alt:
            continue
        clause = alt.split(STATUS_LEAD, 1)[1].split(". ", 1)[0]
        for tag in clause.split("; "):
            match = TAG.match(tag)
            assert match, tag
            found.append((match["area"], int(match["number"]), match["status"]))
    return found


def list_heads(markdown_or_html: str) -> list[tuple[str, int, str]]:
    """The bold head of each goal's list item under its area's heading: (area, number,
    status)."""
    heads, area = [], ""
    pieces = re.findall(
        r"<h4[^>]*>(.*?)</h4>|^#### (.*)$|<strong>(.*?)</strong>|\*\*(.*?)\*\*",
        markdown_or_html,
        flags=re.M,
    )
    for h4_html, h4_md, *bold in pieces:
        if h4_html or h4_md:
            area = html.unescape(re.sub(r"<[^>]+>|¶", "", h4_html or h4_md)).strip()
            area = re.sub(r"\\(.)", r"\1", area)
            continue
        text = re.sub(r"\\(.)", r"\1", html.unescape(next(b for b in bold if b)))
        if match := ITEM_HEAD.match(text):
            heads.append((area, int(match["number"]), match["status"]))
    return heads


class _Tables(HTMLParser):
    """Every table of a page: its caption and its rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption and self.tables:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def table_statuses(page: str, year: int) -> list[tuple[str, int, str]]:
    parser = _Tables()
    parser.feed(page)
    goal_tables = [
        t for t in parser.tables if t["caption"].startswith(f"KF-mål {year}: analysens bedömning")
    ]
    if not goal_tables:
        return []
    (table,) = goal_tables
    header, *rows = table["rows"]
    area, number, status = (header.index(h) for h in ("Område", "Nr", "Analysens bedömning"))
    return [(r[area], int(r[number]), r[status]) for r in rows]


def expected_count_words(year: int, data_dir: Path) -> str:
    """The distinct goals by computed status, and those whose follow-ups differ, as the
    chapter and the summary count them."""
    published = as_published(load_dataset(data_dir), year)
    distinct = assess_goals(published, year, report_questioned(published, year)).distinct
    counts = Counter(distinct["status"].dropna())
    parts = [status_count(counts[s], s) for s in STATUS_ORDER if counts[s]]
    differing = Counter(distinct.loc[distinct["status"].isna(), "statuses"])
    for statuses, n in differing.items():  # part of the count: it adds up
        # the kommun as a whole (Södertälje kommun som arbetsgivare) and the office
        # (Personal KS/Ksk), as the shipped organisation names them
        codes = statuses.split(", ")
        named = [(codes[0], "kommunen"), (codes[1], "kommunstyrelsens kontor")]
        better, worse = sorted(named, key=lambda x: STATUS_ORDER.index(x[0]))
        word = {s: STATUS_LABELS[s] if n == 1 else STATUS_PLURALS[s] for s in codes}
        side = "inte" if worse[0] == "not_met" else word[worse[0]]
        parts.append(f"{n} är {word[better[0]]} för {better[1]} men {side} för {worse[1]}")
    return ", ".join(parts[:-1]) + " och " + parts[-1] if len(parts) > 1 else parts[0]


def assert_agreement(year, data_dir, table, heads, charts) -> None:
    expected = records(year, data_dir)
    assert table == expected
    assert heads == expected
    assert set(charts) <= set(expected)
    assert charts, "no chart names a goal's status"


# ---------------------------------------------------------------- fast: the chapter outputs


@pytest.mark.parametrize("year", [2013, 2014])
def test_status_sentence_and_chart_agree_in_the_chapter_outputs(year, data_2014):
    data_dir = data_2014 if year == 2014 else default_data_dir()
    analysis = chapters.open_analysis(year, str(data_dir))
    table = chapters.goal_table(analysis).items[0]
    rest = chapters.goal_details(analysis).items
    evidence = "\n".join(str(item) for item in rest if isinstance(item, chapters.Text))
    drawn = [*chapters.goal_charts(analysis).items, *chapters.personnel_charts(analysis).items]
    charts = chart_tags([c.alt for c in drawn])
    assert_agreement(year, data_dir, table_statuses(table.to_html(), year),
                     list_heads(str(evidence)), charts)  # fmt: skip
    words = expected_count_words(year, data_dir)
    assert f"Enligt analysens bedömning är {words}" in str(chapters.goal_counts(analysis))
    assert f"är enligt analysens bedömning {words}" in str(chapters.goals_summary(analysis))


def test_the_checks_see_a_disagreement():
    page = (
        "<table><caption>KF-mål 2013: analysens bedömning</caption><tr><th>Område</th><th>Nr</th>"
        "<th>Analysens bedömning</th></tr><tr><th>A</th><td>1</td><td>uppfyllt</td></tr></table>"
    )
    assert table_statuses(page, 2013) == [("A", 1, "uppfyllt")]
    assert list_heads("#### A\n\n- **Mål 1: på väg.** Text.") == [("A", 1, "på väg")]
    alt = "Linjediagram: T. Analysens bedömning: A, mål 1: osäker; B, mål 2: ej uppfyllt. Utfall"
    assert chart_tags([alt]) == [("A", 1, "osäker"), ("B", 2, "ej uppfyllt")]
    with pytest.raises(AssertionError):
        assert_agreement(2013, default_data_dir(), [("A", 1, "uppfyllt")], [], [])


# ---------------------------------------------------------------- the rendered pages


@pytest.mark.notebooks
@pytest.mark.parametrize("year", YEARS)
def test_status_sentence_and_chart_agree_on_every_rendered_page(
    year, chapter_reports, data_2014, parse_html
):
    data_dir = data_2014 if year == 2014 else default_data_dir()
    folder = chapter_reports[year] / str(year)
    if year == 2012:  # a comparison year: no page judges a goal, so none can disagree
        assert records(year, data_dir) == []
        for path in folder.glob("*.html"):
            page = path.read_text(encoding="utf-8")
            alts = [attrs.get("alt", "") for attrs in parse_html(page).all("img")]
            assert (table_statuses(page, year), list_heads(page), chart_tags(alts)) == (
                [], [], [],
            ), path.name  # fmt: skip
        return
    page = (folder / "03_personal_och_mal.html").read_text(encoding="utf-8")
    details = (folder / "05_detaljer.html").read_text(encoding="utf-8")  # each goal, charts
    alts = [attrs.get("alt", "") for attrs in parse_html(details).all("img")]
    table, heads, charts = table_statuses(page, year), list_heads(details), chart_tags(alts)
    summary = parse_html((folder / "01_sammanfattning.html").read_text(encoding="utf-8")).text
    summary = " ".join(summary.split())
    assert_agreement(year, data_dir, table, heads, charts)
    words = expected_count_words(year, data_dir)
    assert f"Enligt analysens bedömning är {words}" in " ".join(parse_html(page).text.split())
    assert f"är enligt analysens bedömning {words}" in summary


# A status is the analysis' reading of each goal's words, not a calculation (review r8 B5).
NOT_A_CALCULATION = ("beräknad status", "enligt beräkningen", "än beräkningen")


@pytest.mark.notebooks
@pytest.mark.parametrize("year", YEARS)
def test_no_rendered_page_calls_a_goal_status_a_calculation(year, chapter_reports, parse_html):
    folder = chapter_reports[year] / str(year)
    pages = sorted(folder.glob("*.html"))
    assert len(pages) >= 4, "the report's chapter pages"
    for path in pages:
        text = " ".join(parse_html(path.read_text(encoding="utf-8")).text.split()).lower()
        alts = " ".join(a.get("alt", "") for a in parse_html(path.read_text("utf-8")).all("img"))
        found = [w for w in NOT_A_CALCULATION if w in text or w in alts.lower()]
        assert found == [], path.name
    if year != 2012:  # the goals table names its column as the analysis' assessment
        page = (folder / "03_personal_och_mal.html").read_text(encoding="utf-8")
        assert f"KF-mål {year}: analysens bedömning" in page
