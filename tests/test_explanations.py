"""The report's own explanations (data/explanations.csv): verbatim quotes, existing subjects,
a kind only where the report states it, and a reason for every deviation of 2013."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ksanalys.load import load_dataset

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def explanations(dataset):
    return dataset.tables["explanations"]


@pytest.fixture(scope="module")
def report_text() -> str:
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the report text is not at {SEED}")
        pytest.skip(f"the report text is not at {SEED}")
    return flat(SEED.read_text(encoding="utf-8"))


def test_every_quote_occurs_in_the_report(explanations, report_text):
    missing = [
        (row.explanation_id, row.quote)
        for row in explanations.itertuples()
        if flat(row.quote) not in report_text
    ]
    assert missing == []


def test_a_kind_is_given_only_with_the_reports_words_for_it(explanations, report_text):
    for row in explanations.itertuples():
        stated = isinstance(row.kind_quote, str) and row.kind_quote.strip() != ""
        assert stated == (row.kind != "ej_angivet"), row.explanation_id
        if stated:
            assert flat(row.kind_quote) in report_text, row.explanation_id


def test_the_kinds_the_report_states(explanations):
    kinds = dict(zip(explanations["explanation_id"], explanations["kind"], strict=True))
    assert kinds["avvikelse-politisk-ledning"] == "strukturell"  # arvoden follow the index
    assert kinds["utveckling-politisk-ledning"] == "engangs"  # a retroactive payment in 2012
    assert kinds["avvikelse-administration-plattform"] == "engangs"  # the project is finished
    assert kinds["avvikelse-hr"] == "ej_angivet"


def keys(dataset, subject_type: str, year: int) -> set[str]:
    tables = dataset.tables
    if subject_type == "unit":
        found: set[str] = set()
        for name in ("net_cost", "budget", "departments"):
            table = tables[name]
            found |= set(table.loc[table["report_year"] == year, "unit_id"])
        return found
    if subject_type == "line":
        table = tables["resultatrakning"]
        return set(table.loc[table["report_year"] == year, "line_id"])
    return set(tables["indicators"]["indicator"])


def test_every_subject_key_exists_in_its_table(dataset, explanations):
    unknown = [
        (row.explanation_id, row.subject_type, row.subject)
        for row in explanations.itertuples()
        if row.subject not in keys(dataset, row.subject_type, row.report_year)
    ]
    assert unknown == []


def test_every_unit_and_department_of_2013_has_the_reports_reason(dataset, explanations):
    departments = dataset.tables["departments"]
    units = set(departments.loc[departments["report_year"] == 2013, "unit_id"])
    explained = set(
        explanations.loc[
            (explanations["report_year"] == 2013) & (explanations["topic"] == "deviation"),
            "subject",
        ]
    )
    assert units - explained == set()


def test_the_source_of_each_explanation_is_a_section_of_the_2013_report(dataset, explanations):
    sources = dataset.tables["sources"].set_index("source")["document"]
    assert set(sources[explanations["source"]]) == {"ks2013"}
