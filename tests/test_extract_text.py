"""The extraction's reading of the report's text on tiny hand-made lines: goals and their
assessments, the areas' and GEH assessments, the document, candidate reasons, and the
indicators read through the previous report's sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ksanalys.intake.extract.indicators import match, tokens
from ksanalys.intake.extract.lines import paragraphs, read_lines
from ksanalys.intake.extract.quotes import passages
from ksanalys.intake.extract.read import extract_report
from ksanalys.load import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def cells(out, table):
    return {(c.row, c.column): c.value for c in out.cells if c.table == table}


GOALS = """
## 2. Område som prövas

### KF-mål 1

**Andelen nöjda ska öka.**

(Andelen uppgick 2013 till 80 procent)

#### Uppföljning:

Andelen är 82 procent.

### Lägesbedömning i bokslutet 2014 för målet: *Ok*

**KF-mål 2**

Sjukfrånvaron ska minska för att ligga på högst 5 procent (2013 uppgick den till 6 procent)

Lägesbedömning i bokslutet 2014 för målet: **Har brister**

Lägesbedömning i bokslutet 2014 för målet: Bra

**Lägesbedömning för området Område: Ok**

## 4. Personal KS/Ksk

KF-mål 1

Två rader av ett mål
som fortsätter här

Uppföljning: inget.

**Lägesbedömning för området Personal: Bra**
""".splitlines()


def test_goals_by_area_and_number_with_text_and_assessment(dataset):
    out = extract_report(GOALS, dataset, 2014)
    got = cells(out, "goals")
    assert got[("omrade_som_provas-1", "area")] == "Område som prövas"
    assert got[("omrade_som_provas-1", "goal")] == "Andelen nöjda ska öka."
    assert got[("omrade_som_provas-1", "report_assessment")] == "Ok"
    # the baseline in parentheses at the end is not the goal
    assert got[("omrade_som_provas-2", "goal")] == (
        "Sjukfrånvaron ska minska för att ligga på högst 5 procent"
    )
    assert got[("omrade_som_provas-2", "report_assessment")] == "Har brister"
    # last year's goal of the same area and number keeps its id
    assert got[("personal-1", "goal")] == "Två rader av ett mål som fortsätter här"
    assert ("personal-1", "report_assessment") not in got
    assert [n.reason for n in out.unplaced if n.reason.endswith("assessment")] == [
        "repeated_assessment"
    ]


def test_a_goal_keeps_last_years_id_for_its_area_and_number(dataset):
    lines = ["## 6. Ekonomi och styrning", "", "### KF-mål 4", "", "Soliditeten ska öka."]
    out = extract_report(lines, dataset, 2014)
    assert cells(out, "goals")[("ekonomi-4", "goal")] == "Soliditeten ska öka."
    assert [n.reason for n in out.new_rows] == ["goal_changed"]


def test_area_assessments_are_named_as_the_goal_area_they_begin(dataset):
    lines = [
        *GOALS,
        "Lägesbedömningen för området personal är Ok.",
        "Lägesbedömningen sammantaget för verksamhetsmålen är Bra.",
    ]
    out = extract_report(lines, dataset, 2014)
    got = {r["area"]: r["assessment"] for r in out.rows("assessments")}
    assert got == {
        "Område som prövas": "Ok",
        "Personal KS/Ksk": "Bra",
        "Verksamhetsmål sammantaget": "Bra",
    }
    # the summary's "personal är Ok" disagrees with the body's "Personal: Bra"
    assert [(f.row, f.printed, f.expected) for f in out.findings] == [
        ("area:Personal KS/Ksk", "Ok", "Bra")
    ]


def test_the_report_s_own_geh_table_is_read_and_an_earlier_one_compared(dataset):
    # The GEH section closes the report (section 7); the summary prints the grades first.
    # Labels keep what follows the colon, as printed ("Ekonomi: kommunstyrelsens kontor").
    lines = [
        "<b>Ekonomi:</b> kontoret och ledningen\t<i>Bra</i>",
        "<b>Verksamhetsmål:</b>\t<i>Ok</i>",
        "",
        "Text emellan.",
        "Ekonomi: kontoret\t<b>Ok</b>",
    ]
    out = extract_report(lines, dataset, 2014)
    got = {r["_id"]: r["assessment"] for r in out.rows("assessments")}
    assert got == {"geh:Ekonomi: kontoret": "Ok", "geh:Verksamhetsmål": "Ok"}
    assert [(f.row, f.printed, f.expected, f.kind) for f in out.findings] == [
        ("geh:Ekonomi: kontoret", "Bra", "Ok", "repeated")
    ]


def test_the_documents_title_dnr_and_date(dataset):
    lines = ["2015 -03- 13", "2015-03-16", "## Bokslut per den 31 december 2014 för nämnden"]
    out = extract_report([*lines, "Dnr KS 15/62"], dataset, 2014)
    assert cells(out, "documents") == {
        ("report", "title"): "Bokslut per den 31 december 2014 för nämnden (Dnr KS 15/62)",
        ("report", "date"): "2015-03-16",
    }


def test_a_passage_that_refers_back_carries_the_sentence_before_it():
    text = "Ett. Två gör så. Dessutom tre. Detta ger ett överskott. Fyra."
    (paragraph,) = paragraphs(read_lines([text]))
    assert [p for _, p in passages(paragraph)] == [
        "Ett.",
        "Två gör så. Dessutom tre. Detta ger ett överskott.",
        "Fyra.",
    ]


QUOTES = """
### Ekonomi

Överskottet beror till största delen på vakanser.

### Personal

Sjukfrånvaron har minskat.

### Stadsdirektörens kansli

Enheten visar ett överskott. Överskottet beror på vakanser.

### Ekonomi

För avdelningen redovisas ett överskott.

### Övergripande

Avser semesterlöneskulden.

### Politisk ledning

Den politiska ledningens underskott beror på arvoden.

T e x har lokalkostnaderna ökat med 4 mkr.
""".splitlines()
TABLE = [
    "(tkr)\tResultat 2014\tNämndbidrag 2014\tNettokostnad 2014\tAvvikelse %",
    "Stadsdirektörens kansli\t1\t10\t9\t10,0",
    "Ekonomi\t1\t10\t9\t10,0",
    "Nämndens eget ansvar\t1\t\t-1\t",
    "Summa kommunstyrelsens kontor\t3\t20\t17\t15,0",
    "Politisk ledning\t-1\t10\t11\t-10,0",
    "Nämnden totalt\t2\t30\t28\t6,7",
]


def test_candidate_reasons_by_unit_heading_named_unit_or_the_board(dataset):
    out = extract_report([*TABLE, *QUOTES], dataset, 2014)
    got = {(q.subject, q.topic, q.text) for q in out.quotes}
    assert got == {
        # "Ekonomi" heading a section on its own is the summary, so the board's
        ("kommunstyrelsen", "deviation", "Överskottet beror till största delen på vakanser."),
        # a unit's short comment paragraph is offered whole
        (
            "stadsdirektorens_kansli",
            "deviation",
            "Enheten visar ett överskott. Överskottet beror på vakanser.",
        ),
        ("ekonomi", "deviation", "För avdelningen redovisas ett överskott."),
        # "Övergripande" stands where the table has the one unit without a heading
        ("namndens_eget_ansvar", "deviation", "Avser semesterlöneskulden."),
        ("politisk_ledning", "deviation", "Den politiska ledningens underskott beror på arvoden."),
        ("politisk_ledning", "deviation", "T e x har lokalkostnaderna ökat med 4 mkr."),
        ("lokaler", "cost_type", "T e x har lokalkostnaderna ökat med 4 mkr."),
    }


def test_tokens_group_thousands_and_read_years_relative_to_the_report():
    found = tokens("ökat från 44 098 (2013) till 44 612 (2014), 7,45 procent", 2014)
    assert [t.shape for t in found] == [
        "ökat",
        "från",
        "#",
        "Y-1",
        "till",
        "#",
        "Y+0",
        "#",
        "procent",
    ]
    assert [t.value for t in found if t.shape == "#"] == [44098, 44612, Decimal("7.45")]


def test_match_counts_the_templates_tokens_in_order():
    template = tokens("har minskat till 14,08 procent, från 14,81 procent", 2013)
    sentence = tokens("och andelen har ökat till 14,60 procent, från 14,08 procent, alltså", 2014)
    coverage, pairs = match(template, sentence)
    assert coverage == 7 / 8
    assert sentence[pairs[3]].value == Decimal("14.60")


def test_indicators_through_last_years_sentences(dataset):
    lines = [
        "## 2. Södertälje kommun som arbetsgivare",
        "### KF-mål 4",
        "**Sjukfrånvaron ska minska varje år**",
        "(Sjukfrånvaron 2013 uppgick till 7,13 procent för kommunen totalt)",
        "Sjukfrånvaron i kommunen uppgick den 31 december 2014 till 7,45 procent.",
        "## 4. Personal KS/Ksk",
        "### KF-mål 2",
        "Andelen ska öka.",
        "Andelen har ökat från 26 procent till 28 procent. Chefer: från 13 procent till 15 procent",
    ]
    out = extract_report(lines, dataset, 2014)
    got = cells(out, "indicators")
    assert got[("sjukfranvaro:kommunen:2014", "value")] == Decimal("7.45")
    assert got[("sjukfranvaro:kommunen:2014", "_section")] == (
        "Södertälje kommun som arbetsgivare, KF-mål 4"
    )
    # 2013's 7,13 is in the data already: the first published value stays
    assert not any(row.startswith("sjukfranvaro:kommunen:2013") for row, _ in got)
    # two short templates alike ("från 23 procent till 26 procent" and "från 17 procent
    # till 13 procent") are not guessed between: both sentences are left to type
    assert not any(row.endswith(":ks_kontor:2014") for row, _ in got)
    assert sum(n.reason == "unplaced_figure" for n in out.unplaced) == 2
