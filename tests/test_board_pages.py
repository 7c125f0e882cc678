"""The board version as a whole (review r8 C, D): its short glossary "Ord och förkortningar"
at the end of Om analysen, and that the figures the review found three times are stated in
detail once and mentioned at most once more."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.glossary import glossary
from ksanalys.present.text.glossary import WORDS_HEADING, terms_used
from ksanalys.run.render import ANNEX, BOARD_PART, annex_body, notebook_part
from ksanalys.run.words import board_words, visible_text


def test_the_board_words_are_the_glossary_terms_its_pages_use():
    # The shipped glossary (glossary.csv): a term counts in visible text and in a chart's
    # alt text; in a style, a script or a tag's attribute it is no word a reader meets.
    pages = [
        "<style>.SBA { color: red }</style><p>Bokslutets GEH-bedömning och K/I-tal 0,97</p>",
        '<img alt="NKI per område"><script>var VP = 1;</script><p title="HT">Ksk</p>',
        "<p>Avviker i 7 av 19 uppföljningar; kommunbidraget 293 963 tkr</p>",
    ]
    terms = [term for term, _ in board_words(str(default_data_dir()), None, pages)]
    assert terms == ["GEH", "Ksk", "NKI", "K/I-tal", "kommunbidrag", "tkr", "uppföljning"]
    explained = dict(board_words(str(default_data_dir()), None, pages))
    assert explained["GEH"].startswith("god ekonomisk hushållning")
    shown = visible_text("<p>a &amp; b</p><img alt='c &lt; d'>")
    assert shown.split() == ["a", "&", "b", "c", "<", "d"]


def test_om_analysen_ends_with_the_words_explained_and_escaped():
    from ksanalys.run.record import RunRecord

    record = RunRecord(2013, "data", "h", "h", "9.9.9", None, None, "2014-03-01T10:00:00+01:00")
    body = annex_body(record, True, [("GEH", "god ekonomisk hushållning"), ("<b>", "x & y.")])
    assert f"<h2>{WORDS_HEADING}</h2>" in body
    assert "<dt>GEH</dt><dd>god ekonomisk hushållning.</dd>" in body  # a sentence, no source
    assert "<dt>&lt;b&gt;</dt><dd>x &amp; y.</dd>" in body
    assert body.index("analysen hittar inte på några egna") < body.index(WORDS_HEADING)
    assert WORDS_HEADING not in annex_body(record, True)  # nothing to explain, no heading


# ---------------------------------------------------------------- the rendered board pages


def board_pages(folder: Path) -> list[str]:
    """The HTML of the year's board chapters (the notebooks' own part), in order."""
    pages = []
    for executed in sorted(folder.glob("*.ipynb")):
        if notebook_part(nbformat.read(executed, as_version=4)) == BOARD_PART:
            pages.append(executed.with_suffix(".html").read_text("utf-8"))
    return pages


@pytest.mark.notebooks
def test_the_board_pages_explain_every_glossary_term_they_use(chapter_reports):
    folder = chapter_reports[2013] / "2013"
    chapters = board_pages(folder)
    assert len(chapters) == 3  # Året på en sida, Ekonomi, Personal och mål
    about = (folder / ANNEX).read_text("utf-8")
    assert f"<h2>{WORDS_HEADING}</h2>" in about
    listed = [html.unescape(term) for term in re.findall(r"<dt>(.*?)</dt>", about)]
    table = glossary(load_dataset())
    used = terms_used(table, [visible_text(page) for page in chapters])["term"].tolist()
    # Review r8 C names these as met on the board pages and explained only in the annex.
    named = ["GEH", "KF", "KS", "Ksk", "K/I-tal", "kommunbidrag", "nämndbidrag", "tkr", "mkr"]
    assert set(named) | {"uppföljning"} <= set(used)
    # Each term the pages use is explained once, in the glossary's order; no other term is.
    assert listed == used
    assert not {"VP", "VT", "balanskravsresultat"} & set(listed)


@pytest.mark.notebooks
def test_figures_said_in_ekonomi_are_at_most_mentioned_once_more(chapter_reports):
    # Review r8 D: driftbidrag +4,1 against bidrag och transfereringar +1,6 (Vinnova), the
    # board against its August forecast 2,8 mkr (the text says 4,5), and the savings'
    # full-year effect 18,3 mkr stood three times each (pages 2, 5 and 9).
    folder = chapter_reports[2013] / "2013"
    text = " ".join(visible_text(page) for page in board_pages(folder))
    text = " ".join(text.replace("\xa0", " ").split())
    assert "Året på en sida" in text and "Frågor till förvaltningen" in text
    for figure in ("4,1 mkr", "2,8 mkr", "18,3 mkr"):
        found = re.findall(rf"(?<![\d,]){re.escape(figure)}", text)  # not 12,8 for 2,8
        assert 1 <= len(found) <= 2, (figure, len(found))
