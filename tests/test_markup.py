"""Text from data made inert: escape() for a value, inert_markdown() at the Markdown sink."""

from __future__ import annotations

import re

import pytest

from ksanalys.present.chapters.context import Text
from ksanalys.present.text.markup import escape, inert_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    "![i](https://example.org/beacon.png)",
    "[x][r]\n\n[r]: javascript:alert(4)",
    "[a\\\\](javascript:alert(5))",
]


# A tag from the text itself, or a link that is not a plain web address (autolinked http(s)
# addresses are allowed: source URLs may be shown).
LIVE = re.compile(r"<script|<img|<a href=\"(?!https?://)|<a href=\"https?://[^\"]*\">(?!https?://)")


def rendered(markdown: str) -> str:
    """HTML as nbconvert renders a notebook's Markdown output."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_sink_leaves_no_tag_and_no_link(text):
    assert LIVE.search(rendered(text))
    assert not LIVE.search(rendered(inert_markdown(text)))
    assert inert_markdown(inert_markdown(text)) == inert_markdown(text)


def test_sink_keeps_the_products_own_markdown():
    own = "## Rubrik\n\n> Rapporten: *citat*\n\n- **Ekonomi:** överskott 3,3 mkr\n- b"
    assert inert_markdown(own) == own


def test_sink_is_a_no_op_on_escaped_text():
    for text in HOSTILE:
        assert inert_markdown(escape(text)) == escape(text)


def test_escape_flattens_line_breaks_and_escapes_markdown():
    assert escape("a\n# b") == "a \\# b"
    assert escape("[x](y)") == "\\[x\\]\\(y\\)"
    assert escape("<b>") == "&lt;b&gt;"


def test_escape_keeps_the_no_break_space_of_a_swedish_number():
    # "44 098" broken over two lines in the PDF when the thousands separator became a space
    assert escape("till 44\u00a0098 (2013),\u2028ny rad") == "till 44\u00a0098 \\(2013\\), ny rad"


def test_chapter_text_passes_through_the_sink():
    assert Text("KS <b>x</b> [l](javascript:x)")._repr_markdown_() == (
        "KS &lt;b>x&lt;/b> [l]\\(javascript:x)"
    )


def test_straight_quotes_from_data_are_shown_as_swedish_ones():
    # Review r7 B: raka "…" on p.14 ("på sikt"), p.16 ("öka med minst 2 %") and in the
    # glossary beside Swedish ”…” elsewhere; one function makes them all ”…”.
    from ksanalys.present.text.markup import swedish_quotes

    assert swedish_quotes('målet gäller "på sikt"') == "målet gäller ”på sikt”"
    assert swedish_quotes('"öka med minst 2 %" och "KF-mål 1"') == (
        "”öka med minst 2 %” och ”KF-mål 1”"
    )
    assert swedish_quotes("ingen citering") == "ingen citering"
    assert escape('rubriken "Åtgärder i VP"') == "rubriken ”Åtgärder i VP”"
    assert escape('en ensam " står kvar') == "en ensam &quot; står kvar"
