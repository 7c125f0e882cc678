"""Report text is untrusted: whatever the lines hold, reading them returns records (never an
exception), copies text only as text, and stays linear on long lines (hypothesis, bounded
and deterministic; the 2013 report's own lines mutated)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_backtest import SEED
from ksanalys.intake.extract.lines import read_lines
from ksanalys.intake.extract.read import extract_report
from ksanalys.load import load_dataset

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PIECES = st.sampled_from(
    [
        "\t",
        " ",
        "<b>",
        "</i>",
        "**",
        "KF-mål 1",
        "Summa",
        "Lägesbedömning för området X: Ok",
        "Bokslut 2014",
        "- 224",
        "284 697",
        '=HYPERLINK("x")',
        "(",
        ")",
        ".",
        "Detta ",
        "Kommunikation",
        "\u202e",
        "1" * 30,
    ]
)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@BOUNDED
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=60))
def test_any_lines_give_records_not_an_exception(dataset, lines):
    out = extract_report(lines, dataset, 2014)
    for cell in out.cells:
        assert isinstance(cell.value, Decimal | int | str | type(None))
    texts = [line.text for line in read_lines(lines)]
    for quote in out.quotes:  # a quote is the report's words: within one of its lines
        assert any(quote.text in text for text in texts)


def test_a_very_long_line_of_figures_and_tabs_is_read(dataset):
    long = "\t".join(["Summa", *("284 697" for _ in range(5000))])
    sentence = "Sjukfrånvaron " + " ".join("7,13 procent 2013" for _ in range(20000))
    out = extract_report([long, sentence, "(" * 50000], dataset, 2014)
    assert out.cells == []


@BOUNDED
@given(st.data())
def test_the_2013_reports_lines_shuffled_and_cut_give_records(dataset, data):
    if not SEED.exists():
        pytest.skip(f"the report text is not at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = data.draw(st.integers(0, len(lines) - 1))
    cut = data.draw(st.integers(0, 400))
    mixed = data.draw(st.permutations(lines[start : start + cut]))
    extract_report(mixed, dataset, 2013)
