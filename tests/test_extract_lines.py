"""The extraction's reading of lines: Swedish numbers, markup, cells, page furniture and
paragraphs, on tiny hand-made lines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from ksanalys.intake.extract.lines import fold, paragraphs, read_lines, strip_markup
from ksanalys.intake.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("284 697", Decimal("284697")),
        ("- 224", Decimal("-224")),
        ("−1,9", Decimal("-1.9")),
        ("+ 10 139", Decimal("10139")),
        ("-2 239", Decimal("-2239")),
        ("0,97", Decimal("0.97")),
        ("5,0", Decimal("5.0")),
        ("1\xa0805", Decimal("1805")),
        ("44197", Decimal("44197")),
        ("0", Decimal("0")),
    ],
)
def test_swedish_numbers_as_printed(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "  ", "12 34", "1 2345", "1,2,3", "12a", "tkr", "1.5", "٣", "--5", "1 234,"]
)
def test_anything_else_is_no_number(text):
    assert parse_number(text) is None


def test_a_printed_decimal_keeps_its_trailing_zero():
    assert parse_number("5,0").as_tuple().exponent == -1


def test_a_very_long_cell_is_refused_quickly():
    assert parse_number("1 " + "000 " * 100_000) is None


def test_markup_is_removed_and_cells_split_on_tabs():
    (line,) = read_lines(["<b>Summa</b>\t<b>284 697</b>\t\t*Ok*"])
    assert line.cells == ("Summa", "284 697", "", "Ok")
    assert line.text == "Summa 284 697 Ok" and line.tabular
    assert strip_markup("### **Lägesbedömning:** *Bra*") == "Lägesbedömning: Bra"


def test_a_rule_is_blank_and_an_unknown_tag_stays_text():
    lines = read_lines(["-----------------", "<script>x</script>"])
    assert lines[0].blank
    assert lines[1].text == "<script>x</script>"


def test_fold_joins_a_word_broken_with_a_hyphen_but_not_before_och():
    assert fold("Budget- avvikelse") == "budgetavvikelse"
    assert fold("Miljö- och hälsoskydd") == "miljö- och hälsoskydd"


@dataclass
class PdfLine:
    number: int
    page: int
    text: str
    spans: tuple = ()


def pdf_pages(*pages: tuple[str, ...]) -> list[PdfLine]:
    """Lines of a PDF whose every page ends with a blank line and a footer."""
    lines: list[PdfLine] = []
    for page, content in enumerate(pages, 1):
        for text in (*content, "", f"Analys av bokslutet\tSida {page} av {len(pages)}"):
            lines.append(PdfLine(len(lines) + 1, page, text, ((0, 1),) if text else ()))
    return lines


def test_running_footers_are_dropped_a_line_on_half_the_pages_stays():
    content = ("Ett", "Två", "Uppföljning:", "Uppföljning:", "Uppföljning:", "Sex")
    texts = [line.text for line in read_lines(pdf_pages(*[(c,) for c in content]))]
    assert [t for t in texts if t] == list(content)


def test_a_page_break_drops_a_blank_only_where_a_sentence_goes_on():
    wrapped = "En lång mening som inte tar slut på den här raden utan som fortsätter på nästa sida"
    texts = [
        line.text
        for line in read_lines(
            pdf_pages((wrapped,), ("med fler ord.",), ("Rubrik",), ("Text.",), ("Slut.",))
        )
    ]
    assert texts == [wrapped, "med fler ord.", "", "Rubrik", "", "Text.", "", "Slut.", ""]


def test_paragraphs_join_a_pdfs_lines_and_know_where_each_line_starts():
    pdf = [
        PdfLine(1, 1, "Första raden", ((0, 1),)),
        PdfLine(2, 1, "fortsätter här.", ((0, 1),)),
        PdfLine(3, 1, ""),
        PdfLine(4, 1, "Rubrik", ((0, 1),)),
        PdfLine(5, 1, "A\t1", ((0, 1), (2, 3))),
    ]
    first, heading = paragraphs(read_lines(pdf))
    assert first.text == "Första raden fortsätter här."
    assert first.line_at(first.text.index("fortsätter")) == 2
    assert not first.heading and heading.heading and heading.number == 4
    # in a text file a line is a paragraph
    assert len(paragraphs(read_lines(["Första raden", "fortsätter här."]))) == 2
