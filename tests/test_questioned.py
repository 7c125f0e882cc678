"""The values the granskning questions (compute.check.questioned) and where they show:
the goal judged on the right printing, the personnel table's marked cell."""

from __future__ import annotations

import pytest

from ksanalys.compute.check import check_year
from ksanalys.compute.check.questioned import (
    QuestionedValue,
    questioned_values,
    report_questioned,
    year_pairs,
)
from ksanalys.load import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_the_texts_4_55_is_wrong_and_the_kanslis_0_09_is_doubtful(ds):
    found = report_questioned(ds, 2013)
    # the tjänsteskrivelse and the sammanfattning print 4,55 % for the office 2013; section
    # 4 prints 4,54 and 4,55 (2012) − 0,01 = 4,54 (seed lines 63, 127, 993)
    assert (
        QuestionedValue(
            "sjukfranvaro", "ks_kontor", 2013, 4.55, "wrong", 4.54, "ts-sjukfranvaro-kontor-2013"
        )
        in found
    )
    assert {q.source for q in found if q.verdict == "wrong"} == {
        "ts-sjukfranvaro-kontor-2013",
        "sf-sjukfranvaro-kontor-2013",
    }
    # "minskat marginellt" for 1,13 → 0,09 procent (−1,04 procentenheter): word or figure
    # wrong, no check decides which; the year's own value is the one questioned
    doubtful = [q for q in found if q.verdict == "doubtful"]
    assert [(q.indicator, q.scope, q.year, q.printed, q.right) for q in doubtful] == [
        ("sjukfranvaro", "kommunalradskansliet", 2013, 0.09, None)
    ]


def test_a_year_without_its_own_report_questions_nothing(ds):
    assert questioned_values(None, year_pairs(ds, 2012)) == ()
    assert report_questioned(ds, 2012) == ()


def test_without_statement_pairs_only_the_failed_claims_count(ds):
    found = questioned_values(check_year(ds, 2013), None)
    assert {q.verdict for q in found} == {"wrong"}


def test_the_personnel_table_marks_the_questioned_value_only():
    from ksanalys.present import chapters
    from ksanalys.present.chapters.personal_och_mal import personnel_table

    frame = personnel_table(chapters.open_analysis(2013, "")).data
    rows = {(r["Indikator"], r["Avser"]): r for r in frame.to_dict("records")}
    assert rows[("Sjukfrånvaro", "kommunalrådskansliet")]["2013"] == (
        "0,09\u00a0% (ifrågasatt, se revisionsbilagan)"
    )
    assert rows[("Sjukfrånvaro", "kommunalrådskansliet")]["2012"] == "1,13\u00a0%"
    # the table's 4,54 is the right printing: the text's 4,55 is what is wrong
    assert rows[("Sjukfrånvaro", "kommunstyrelsens kontor")]["2013"] == "4,54\u00a0%"
    assert "ifrågasatt" not in str(frame.drop(columns="2013").to_dict())
    assert str(frame["2013"].tolist()).count("ifrågasatt") == 1
