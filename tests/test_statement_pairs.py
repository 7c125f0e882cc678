"""The report's statements against each other (data/statement_pairs.csv): each quote is a
contiguous passage of the report, found under the section the row names, and carries the
sentence a back-reference points to."""

from __future__ import annotations

import re

import pytest

from ksanalys.load import load_dataset

BACK_REFERENCES = ("Detta", "Det", "Dessa", "Därför", "Denna")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain_report(text: str) -> str:
    """The report without Markdown emphasis and heading marks, whitespace folded."""
    return flat(re.sub(r"[*#]|</?[bi]>", "", text))


@pytest.fixture(scope="module")
def pairs():
    return load_dataset().tables["statement_pairs"]


def statements(pairs) -> list[tuple[str, str, str]]:
    return [
        (row.pair_id, getattr(row, f"section_{side}"), getattr(row, f"quote_{side}"))
        for row in pairs.itertuples()
        for side in ("a", "b")
    ]


def test_the_shipped_pairs(pairs):
    assert list(pairs["pair_id"]) == [
        "besparing-genomford",
        "sjukfranvaro-kontoret",
        "campus-telge-flytt",
    ]
    assert set(pairs["report_year"]) == {2013}


def test_every_quote_is_one_contiguous_passage_of_the_report(pairs, seed_text):
    text = plain_report(seed_text)
    missing = [(pid, quote) for pid, _, quote in statements(pairs) if flat(quote) not in text]
    assert missing == []


def test_every_quote_stands_under_the_section_its_row_names(pairs, seed_text):
    """Each part of the section ("Tjänsteskrivelse, Ärendet, Ekonomi") occurs, in order,
    before the quote."""
    text = plain_report(seed_text)
    wrong = []
    for pair_id, section, quote in statements(pairs):
        end = text.find(flat(quote))
        position = 0
        for part in (p.strip() for p in section.split(",")):
            found = text.find(part, position, end)
            if found < 0:
                wrong.append((pair_id, section, part))
                break
            position = found + len(part)
    assert wrong == []


def test_a_quote_never_starts_with_a_reference_back(pairs):
    starts = [
        (pid, quote)
        for pid, _, quote in statements(pairs)
        if quote.split()[0].strip(",.") in BACK_REFERENCES
    ]
    assert starts == []


def test_the_two_statements_of_a_pair_differ(pairs):
    assert all(row.quote_a != row.quote_b for row in pairs.itertuples())


def test_the_section_check_sees_a_quote_under_the_wrong_heading(seed_text):
    text = plain_report(seed_text)
    quote = "I princip har detta klarats av."
    end = text.find(quote)
    assert text.find("Årets effektiviseringar", 0, end) >= 0
    assert text.find("8. Framtida utveckling", 0, end) < 0
