"""Året på en sida (chapter 01): the key messages a board member reads first, against the
2013 report's own figures."""

from __future__ import annotations

import re

import pytest

from ksanalys.present import chapters
from ksanalys.present.text import summary


@pytest.fixture(scope="module")
def analysis_2013():
    return chapters.open_analysis(2013, "")


def test_the_investment_overrun_is_said_apart_from_the_operating_result(analysis_2013):
    # "För nämndbeslutade investeringar redovisas ett underskott på 8 mkr."
    text = str(chapters.year_result(analysis_2013))
    assert (
        "De nämndbeslutade investeringarna 2013 kostade 8\xa0mkr mer än budgeterat; det påverkar "
        "inte driftresultatet ovan."
    ) in text


def test_an_area_rated_ok_without_any_goal_met_is_named(analysis_2013):
    # The four employer goals (attractive workplaces 83 → 83, managers 18 → 18 and specialists
    # 14,81 → 14,08, median pay 93,9 → 93,3, sick leave 6,39 → 7,13): none met, area "Ok".
    text = " ".join(str(chapters.goals_summary(analysis_2013)).split())
    assert (
        "Inom Södertälje kommun som arbetsgivare är alla 4 mål ej uppfyllda för kommunen "
        "(också de 2 som bedöms olika), men bokslutet bedömer området som Ok."
    ) in text
    assert text.count("Inom ") == 1  # the other areas have a goal met


def test_the_geh_assessment_is_a_small_table_not_a_list_of_headings(analysis_2013):
    # "Den samlade GEH-bedömningen för kommunstyrelsen": Ekonomi Bra, Verksamhetsmål Ok,
    # Personal Ok, Sammanfattande lägesbedömning Ok, ... Kommunen som arbetsgivare Ok.
    summary = chapters.goals_summary(analysis_2013)
    tables = [item for item in summary.items if hasattr(item, "to_html")]
    assert len(tables) == 1
    shown = tables[0].to_html()
    assert "Bokslutets samlade GEH-bedömning 2013" in shown
    assert ">Område<" in shown and ">Bokslutets bedömning<" in shown
    rows = re.findall(r"<tr>\s*<th[^>]*>([^<]+)</th>\s*<td[^>]*>([^<]+)</td>", shown)
    assert [(area.strip(), word.strip()) for area, word in rows] == [
        ("Ekonomi", "Bra"),
        ("Verksamhetsmål", "Ok"),
        ("Personal", "Ok"),
        ("Sammanfattande lägesbedömning", "Ok"),
        ("Sammanfattande lägesbedömning Kommunen som arbetsgivare", "Ok"),
    ]
    text = " ".join(str(summary.items[-1]).split())
    assert "lägesbedömning Ok och" not in text and "GEH" not in text


def test_what_the_bridge_cannot_explain_is_said_on_the_first_page(analysis_2013):
    # The printed sums exceed their lines: SUMMA INTÄKTER by 973 (2013) and 1 177 (2012),
    # SUMMA KOSTNADER by 2 382 (2013): −204 − 2 382 = −2 586 tkr; RESULTAT 2012 (14 353 against
    # 14 354) is rounding, as Granskning says, and not counted. Granskning cannot place the
    # 2 382 on a line (the text's 5 mkr fits the rows too, review r6 A2): page one says no more.
    text = str(chapters.year_result(analysis_2013))
    assert (
        "Av förändringen går 2,6\xa0mkr inte att knyta till någon post, eftersom bokslutets "
        "summor inte stämmer med posterna."
    ) in text
    assert "Övriga kostnader" not in text


def test_the_drivers_of_the_result_say_what_moved(analysis_2013):
    # Resultaträkning 2012 → 2013 (tkr): material och tjänster −78 016 → −82 942 (−4 926),
    # lokaler och anläggningar −40 638 → −44 579 (−3 941), kommunbidrag 297 469 → 293 963
    # (−3 506); personal −130 443 → −124 248 (+6 195), driftbidrag 6 397 → 10 481 (+4 084),
    # which the report says is Vinnova's grant paid out again as företagscheckar (p. 5); but
    # bidrag och transfereringar grew only 1 6xx tkr against 2012 (r5 review 1.3).
    text = str(chapters.year_result(analysis_2013)).replace("\\", "")  # Markdown escapes
    assert (
        "Resultatet drogs ned mest av högre kostnader för material och tjänster (−4,9\xa0mkr) "
        "och lokaler och anläggningar (−3,9\xa0mkr) samt lägre kommunbidrag (−3,5\xa0mkr). "
        "Mest förbättrades resultatet av lägre kostnader för personal (+6,2\xa0mkr) och högre "
        "driftbidrag (+4,1\xa0mkr; bokslutet säger att bidraget motsvaras av lika stora "
        "kostnader, men bidrag och transfereringar ökade bara med 1,6\xa0mkr jämfört med 2012)."
    ) in text


def test_the_brief_change_rounds_half_up_and_groups_what_moved():
    # 0,5 tkr rounds to 1 tkr (half up), so the result is not "the same".
    assert (
        summary.bridge_sentences(0.5, 2012, [], [])[0] == "Mot 2012 är resultatet 1\xa0tkr högre."
    )
    assert summary.bridge_sentences(0.4, 2012, [], []) == ["Resultatet är detsamma som 2012."]
    down = [
        summary.Driver("Kommunbidrag", -3506.0),
        summary.Driver("", -2586.0),
    ]
    up = [summary.Driver("Personal", 6195.0, cost=True)]
    assert summary.bridge_sentences(-5086.0, 2012, down, up)[1:] == [
        "Resultatet drogs ned mest av lägre kommunbidrag (−3,5\xa0mkr) och det som inte står "
        "på någon rad (−2,6\xa0mkr).",
        "Mest förbättrades resultatet av lägre kostnader för personal (+6,2\xa0mkr).",
    ]
