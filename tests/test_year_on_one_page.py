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


def plain(shown) -> str:
    return " ".join(str(shown).replace("\\", "").replace("\xa0", " ").split())


def test_the_result_says_the_cautious_message_first_in_six_short_sentences(analysis_2013):
    # Review r8 B3, C, D. Result 9 267 tkr; the bokslut: "Överskottet beror till största
    # delen på lägre kostnader för omställningsåtgärder, vakanser och försenade projekt."
    # Without every surplus with a temporary cause and the one-off events: 9 267 − 9 929
    # + 2 000 − 994 − (0…1 454) = −1 110 … +344 tkr. Savings 12,8 mkr 2013, full-year
    # effect 18,3 mkr 2014 (18,3 − 12,8 = 5,5); politisk ledning −872 tkr by an indexation
    # rule. Resultaträkning 2012 → 2013: material och tjänster −4 926, lokaler och
    # anläggningar −3 941, kommunbidrag −3 506; personal +6 195.
    text = plain(chapters.year_result(analysis_2013))
    assert text == (
        "## Resultat "
        "Kommunstyrelsen redovisar ett överskott på 9,3 mkr. Bokslutet anger inte hur stor del "
        "av det som består, bara: ”Överskottet beror till största delen på lägre kostnader för "
        "omställningsåtgärder, vakanser och försenade projekt.” Om alla överskott med "
        "tillfälliga orsaker räknas bort blir resultatet mellan −1,1 och +0,3 mkr; bokslutets "
        "”till största delen” talar för att det ligger högre. Besparingarna väntas ge 18,3 mkr "
        "2014, alltså 5,5 mkr mer än 2013 (12,8 mkr). Den politiska ledningens underskott på "
        "0,9 mkr har en bestående orsak och återkommer 2014 om budgeten inte ändras. Jämfört "
        "med 2012 försämrades resultatet mest av högre kostnader för material och tjänster "
        "(−4,9 mkr) och lokaler och anläggningar (−3,9 mkr) samt lägre kommunbidrag (−3,5 mkr), "
        "och förbättrades mest av lägre kostnader för personal (+6,2 mkr); kapitlet Ekonomi "
        "visar varje rad."
    )
    # A committee would quote "ungefär noll"; page one leaves to Ekonomi the Vinnova pair,
    # the per-unit shares, the investments and the amounts on no line.
    for gone in ("ungefär noll", "i värsta fall", "Vinnova", "driftbidrag", "procent av", "invest"):
        assert gone not in text, gone
    assert "2,6 mkr" not in text


def test_an_area_rated_ok_without_any_goal_met_is_named(analysis_2013):
    # The four employer goals (attractive workplaces 83 → 83, managers 18 → 18 and specialists
    # 14,81 → 14,08, median pay 93,9 → 93,3, sick leave 6,39 → 7,13): none met, area "Ok".
    text = " ".join(str(chapters.goals_summary(analysis_2013)).split())
    assert (
        "Inom Södertälje kommun som arbetsgivare är alla 4 mål ej uppfyllda för kommunen "
        "(också de 2 som är uppfyllda för kommunstyrelsens kontor), men bokslutet bedömer "
        "området som Ok."
    ) in text
    assert text.count("Inom ") == 1  # the other areas have a goal met


def test_the_geh_assessment_is_a_small_table_not_a_list_of_headings(analysis_2013):
    # "7. Sammanfattande GEH-bedömning för kommunstyrelsens områden" (source lines 1089–1093,
    # review r8 B7): "Ekonomi: kommunstyrelsens kontor Bra", Verksamhetsmål Ok, Personal Ok,
    # Sammanfattande lägesbedömning Ok, ... kommunen som arbetsgivare Ok: labels as printed.
    summary = chapters.goals_summary(analysis_2013)
    tables = [item for item in summary.items if hasattr(item, "to_html")]
    assert len(tables) == 1
    shown = tables[0].to_html()
    assert "Bokslutets samlade GEH-bedömning 2013" in shown
    assert ">Område<" in shown and ">Bokslutets bedömning<" in shown
    rows = re.findall(r"<tr>\s*<th[^>]*>([^<]+)</th>\s*<td[^>]*>([^<]+)</td>", shown)
    assert [(area.strip(), word.strip()) for area, word in rows] == [
        ("Ekonomi: kommunstyrelsens kontor", "Bra"),
        ("Verksamhetsmål", "Ok"),
        ("Personal", "Ok"),
        ("Sammanfattande lägesbedömning", "Ok"),
        ("Sammanfattande lägesbedömning kommunen som arbetsgivare", "Ok"),
    ]
    # The long last label keeps a gap before its word (print CSS pads cells 0.3rem only).
    assert re.search(r"td\.col1 \{\s*padding-left: 2em;", shown)
    text = " ".join(str(summary.items[-1]).split())
    assert "lägesbedömning Ok och" not in text and "GEH" not in text


def test_the_brief_drivers_group_what_moved_and_point_to_ekonomi():
    down = [summary.Driver("Kommunbidrag", -3506.0), summary.Driver("", -2586.0)]
    up = [summary.Driver("Personal", 6195.0, cost=True)]
    assert summary.drivers_sentence(2012, down, up) == (
        "Jämfört med 2012 försämrades resultatet mest av lägre kommunbidrag (−3,5\xa0mkr) och "
        "det som inte står på någon rad (−2,6\xa0mkr), och förbättrades mest av lägre "
        "kostnader för personal (+6,2\xa0mkr); kapitlet Ekonomi visar varje rad."
    )
    assert summary.drivers_sentence(2012, [], up).startswith(
        "Jämfört med 2012 förbättrades resultatet mest av lägre kostnader för personal"
    )
    assert summary.drivers_sentence(2012, [], []) == ""


def test_the_message_words_a_deficit_and_fewer_savings_and_escapes_data():
    # A deficit the bokslut explains without "till största delen"; savings that shrink.
    text = " ".join(summary.message_sentences("<b>Nämnden</b>", -1500.0, "", -2400.0, -800.0))
    assert text.replace("\xa0", " ") == (
        "&lt;b&gt;Nämnden&lt;/b&gt; redovisar ett underskott på 1,5 mkr. Bokslutet anger inte "
        "hur stor del av det som består. Om alla överskott med tillfälliga orsaker räknas bort "
        "blir resultatet mellan −2,4 och −0,8 mkr."
    )
    ahead = summary.ahead_sentences(2013, {"saving": 10.0, "full_year": 8.0}, "<i>x</i>s", 500.0)
    assert [s.replace("\xa0", " ") for s in ahead] == [
        "Besparingarna väntas ge 8 mkr 2014, alltså 2 mkr mindre än 2013 (10 mkr)."
    ]  # a surplus is not a lasting deficit
    assert summary.message_sentences("Nämnden", float("nan"), "", 0.0, 1.0) == []
