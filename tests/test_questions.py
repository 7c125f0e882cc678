"""Frågor till förvaltningen: the questions the 2013 figures raise (balance sheet movements
the report does not explain, equity, the office's recurring surplus, the savings against the
personnel cost, depreciation moved to bought services, the Vinnova gap), each asked only
where its rule holds; short questions that point back to the section stating their figures,
at most six bullets, as Ekonomi's last section. The forecast's 4,5 against 2,8 mkr is
Granskning's finding, not a question (review r8 D)."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from ksanalys.compute import questions as rules
from ksanalys.compute.questions import Question, questions
from ksanalys.load import default_data_dir
from ksanalys.present import chapters
from ksanalys.present.chapters.context import Section, Text
from ksanalys.present.swedish import NBSP
from ksanalys.present.text import questions as question_text
from ksanalys.present.text.method import detail_paragraphs


@pytest.fixture(scope="module")
def analysis_2013():
    return chapters.open_analysis(2013)


@pytest.fixture(scope="module")
def found(analysis_2013):
    return {q.code: q for q in questions(analysis_2013.dataset, 2013)}


def _edit(folder, name: str, key: str, key_value: str, changes: dict) -> None:
    path = folder / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row[key] == key_value:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _append(folder, name: str, new_rows: list[dict]) -> None:
    path = folder / name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows.extend({column: row.get(column, "") for column in header} for row in new_rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_2013_asks_every_question_of_the_review(found):
    assert list(found) == list(rules.CODES)


def test_balance_movements_are_the_printed_ones_largest_first(found):
    # Balansräkning p. 5: kortfristiga skulder 62 400 → 25 890, omsättningstillgångar
    # 28 135 → 10 471, skuld till internbank −52 529 → −39 166 (a claim that fell),
    # anläggningstillgångar 42 055 → 48 540; 5 % of 70 191 is 3 510. No explanation row.
    lines = found["balance_movements"].figures["lines"]
    assert [(line, change) for line, change, _ in lines] == [
        ("Kortfristiga skulder", -36510),
        ("Omsättningstillgångar", -17664),
        ("Skuld till internbank", 13363),
        ("Anläggningstillgångar", 6485),
    ]
    # The one claim, and whom it is on (balansrakning.csv claim_on): the assets' "Fordran
    # internbank".
    assert [claim_on for *_, claim_on in lines] == [None, None, "internbanken", None]
    assert found["balance_movements"].sources == ("ks2013-br",)


def test_equity_is_the_office_s_and_its_share_of_the_grant(found):
    # Ingående balans 60 319 + Årets resultat 10 139 = 70 458; kontorets kommunbidrag 227 978.
    figures = found["equity"].figures
    assert (figures["equity_prev"], figures["equity"]) == (43930 + 16389, 70458)
    assert figures["grant"] == 227978
    assert figures["share_pct"] == pytest.approx(30.906, abs=0.001)


def test_recurring_surplus_of_the_office(found):
    # Årets resultat 2012 16 389 (balance sheet), 2013 10 139; prognos augusti 220 308.
    figures = found["recurring_surplus"].figures
    assert (figures["result_prev"], figures["result"]) == (16389, 10139)
    assert figures["forecast_under_grant"] == 227978 - 220308


def test_savings_against_the_personnel_cost(found):
    # Besparing 12,8 mkr; Personal −130 443 → −124 248 = 6 195 tkr.
    figures = found["savings"].figures
    assert (figures["saving_mkr"], figures["personnel_fell"]) == (12.8, 6195)


def test_depreciation_and_vinnova(found):
    assert found["depreciation"].figures["deviation"] == 14354 - 11374
    # "För nämndbeslutade investeringar redovisas ett underskott på 8 mkr."
    assert found["investment_depreciation"].figures == {"overrun_mkr": 8, "next_year": 2014}
    linked = found["linked_lines"].figures
    # Driftbidrag 6 397 → 10 481; Bidrag och transfereringar 15 299 → 16 861.
    assert (linked["change"], linked["other_change"]) == (4084, 1562)
    assert "forecast" not in found  # Granskning's finding (4,5 against 2,8 mkr)


def test_section_words_the_figures_as_short_questions(analysis_2013):
    shown = chapters.questions_text(analysis_2013)
    assert isinstance(shown, Text)
    text = re.sub(r"\\(.)", r"\1", str(shown)).replace(NBSP, " ")
    assert text.startswith(f"## {question_text.HEADING}\n")
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert 1 <= len(items) <= question_text.MAX_ITEMS == 6
    assert all(item.endswith("?") for item in items)
    for words in (
        "Bokslutet förklarar inte varför kortfristiga skulder, omsättningstillgångar, fordran "
        "på internbanken och anläggningstillgångar ändrades så mycket (se Balansräkning). "
        "Vad beror det på?",
        "Eget kapital ökade till 70,5 mkr, 31 procent av kommunbidraget",
        "Kommunstyrelsens kontor hade överskott två år i rad (se Resultat jämfört med "
        "föregående år), och redan prognosen i augusti visade ett överskott på 7,7 mkr.",
        # Review r8 B4 / r9 F3: the saving is against a budget raised for pay and prices
        # (Inför 2014 derives 12,8 − 3,5 = 9,3 mkr of indexation and other changes, if the
        # saving came off the grant); no index is given, none estimated here.
        "Besparingen och kommunbidraget (se Inför 2014): bokslutet anger inte hur mycket "
        "budgeten räknades upp för löner och priser, och personalkostnaden jämförs i kronor "
        "med 2012. Hur stor var uppräkningen, och hur mycket av besparingen syns i "
        "personalkostnaden?",
        "Avskrivningar blev lägre än budget; bokslutets förklaring om IT-plattformen står "
        "under Inför 2014.",
        # Review r9 F2: investments 8 mkr over budget; no avskrivningstid is printed, so the
        # extra depreciation is asked for, not estimated; it shares depreciation's bullet.
        "budgeten 2014? Bokslutet anger ingen avskrivningstid för investeringarna (se "
        "Investeringar): hur mycket höjer överskridandet avskrivningarna från 2014?",
        # Review r8 D / r9 B: 4 084 against 1 562 tkr stand in the bridge section; the
        # question points back without a figure (the mismatch said once).
        "Driftbidrag och bidrag och transfereringar (se Resultatet rad för rad): bokslutet "
        "kallar kostnaderna motsvarande, men de ändrades inte lika mycket jämfört med 2012. "
        "Vad förklarar skillnaden?",
    ):
        assert words in text, words
    # Figures said elsewhere in Ekonomi are not repeated here.
    for repeated in (
        "12,8 mkr",
        "18,3 mkr",
        "5,5 mkr",
        "4,1 mkr",
        "1,6 mkr",
        "2,8 mkr",
        "2,5 mkr",
        "8 mkr",
        "9,3 mkr",
        "4,5 mkr",
        "3,0 mkr",
        "13,4 mkr",
        "36,5 mkr",
        "16,4 mkr",
        "prognosen i augusti, men",
    ):
        assert repeated not in text, repeated
    assert "(en fordran)" not in text and "skuld till internbank" not in text


def test_the_rules_are_named_once_in_the_method_annex():
    text = " ".join(detail_paragraphs()).replace(NBSP, " ")
    assert text.count("Frågorna till förvaltningen ställs bara där") == 1
    for words in (
        "minst 5 procent av balansomslutningen och som bokslutet inte förklarar",
        "minst 10 procent av kommunbidraget",
        "minst 2 procent av kommunbidraget två år i rad",
        "minst 1,0 mkr och 10 procent",
    ):
        assert words in text, words


def test_the_section_is_ekonomi_s_last_cell():
    import json

    notebook = json.loads((default_data_dir().parent / "notebooks/02_ekonomi.ipynb").read_text())
    assert "".join(notebook["cells"][-1]["source"]) == "chapters.questions_text(analys)"


def test_a_year_without_its_own_report_has_no_questions():
    analysis = chapters.open_analysis(2012)
    assert questions(analysis.dataset, 2012) == []
    assert chapters.questions_text(analysis) == Section(())
    assert question_text.section([]) == ""


def test_joined_and_capped_bullets():
    lines = (("Kortfristiga skulder", -1000.0, None), ("Skuld till banken", 500.0, ""))
    equity = {"equity": 2000.0, "share_pct": 20.0, "unit": "Kontoret"}
    surplus = {"unit": "Kontoret", "forecast_under_grant": 0.0}
    asked = [
        Question("balance_movements", {"lines": lines}),
        Question("equity", equity),
        *[Question("recurring_surplus", surplus)] * 7,
    ]
    items = [item.replace(NBSP, " ") for item in question_text.question_items(asked)]
    assert len(items) == 6
    # a claim whom data does not name is still said to be one
    assert items[0].startswith(
        "- Bokslutet förklarar inte varför kortfristiga skulder och skuld till banken "
        "(en fordran) ändrades så mycket"
    )
    assert "Eget kapital ökade till 2,0 mkr, 20 procent" in items[0]


# ---------------------------------------------------------------- conditions not met


@pytest.fixture(scope="module")
def quiet(tmp_path_factory):
    """The 2013 data with every condition undone: each large movement explained, a deficit
    the year before, the personnel cost down by the whole saving, depreciation on budget,
    the Vinnova cost up as much as the grant, the investments within their budget, the
    kommun's result target 100 mkr."""
    folder = tmp_path_factory.mktemp("quiet") / "data"
    shutil.copytree(default_data_dir(), folder)
    _append(
        folder,
        "explanations.csv",
        [
            {
                "report_year": "2013",
                "explanation_id": f"balans-{line}",
                "topic": "balance",
                "subject_type": "balance_line",
                "subject": line,
                "quote": "Posten förändrades.",
                "kind": "ej_angivet",
                "source": "ks2013-br",
            }
            for line in (
                "kortfristiga_skulder",
                "omsattningstillgangar",
                "skuld_internbank",
                "anlaggningstillgangar",
            )
        ],
    )
    # Equity 43 930 + 16 389 → 60 319 − 4 000 + 10 139: falls, and 2012 a deficit.
    _edit(folder, "balansrakning.csv", "line_id", "arets_resultat", {"balance_prev": "-4000"})
    _edit(folder, "balansrakning.csv", "line_id", "ingaende_balans", {"balance_prev": "80000"})
    _edit(folder, "resultatrakning.csv", "line_id", "personal", {"outcome": "-117000"})
    _edit(folder, "resultatrakning.csv", "line_id", "avskrivningar", {"deviation": "0"})
    _edit(folder, "resultatrakning.csv", "line_id", "bidrag_transfereringar", {"outcome": "-19300"})
    _edit(folder, "indicators.csv", "indicator", "investeringar_resultat", {"value": "0"})
    _edit(folder, "goal_rules.csv", "goal_id", "ekonomi-1", {"threshold": "100"})
    return chapters.open_analysis(2013, str(folder))


def test_no_condition_no_question(quiet):
    assert questions(quiet.dataset, 2013) == []
    assert chapters.questions_text(quiet) == Section(())


def test_a_movement_explained_in_data_is_not_asked(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(default_data_dir(), folder)
    _append(
        folder,
        "explanations.csv",
        [
            {
                "report_year": "2013",
                "explanation_id": "balans-kortfristiga-skulder",
                "topic": "balance",
                "subject_type": "balance_line",
                "subject": "kortfristiga_skulder",
                "quote": "Posten förändrades.",
                "kind": "ej_angivet",
                "source": "ks2013-br",
            }
        ],
    )
    analysis = chapters.open_analysis(2013, str(folder))
    asked = {q.code: q for q in questions(analysis.dataset, 2013)}
    assert [line for line, *_ in asked["balance_movements"].figures["lines"]] == [
        "Omsättningstillgångar",
        "Skuld till internbank",
        "Anläggningstillgångar",
    ]


def test_a_goal_target_far_from_its_outcome_is_asked_about(found):
    # Ekonomi och styrning mål 1: "Resultat för kommunen på minst 1,2 mkr" against the
    # kommun's result of 140 mkr (seed): the board asks whether the target is right.
    question = found["goal_target"]
    assert question.figures == {
        "target": 1.2,
        "unit": "mkr",
        "area": "Ekonomi och styrning",
        "number": 1,
    }
    assert question_text.question_items([question]) == [
        "- Ekonomi och styrning, mål 1: målnivån är orimlig mot utfallet (se Personal och "
        "mål). Är målnivån 1,2\u00a0mkr rätt återgiven?"
    ]
