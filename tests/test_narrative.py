"""Swedish sentences from computed values: the 2013 figures, the first year, sign words."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from ksanalys.compute.key_figures import KeyFigures, key_figures
from ksanalys.load import load_dataset
from ksanalys.present import chapters, swedish
from ksanalys.present.swedish import MINUS, NBSP
from ksanalys.present.text import check as check_text
from ksanalys.present.text import economy, indicators


def mkr(tkr: float) -> str:
    """tkr as "9,3 mkr", rounded half-up by hand (independent of ksanalys.present.swedish)."""
    tenths = math.floor(abs(tkr) / 100 + 0.5)
    return f"{tenths // 10},{tenths % 10}{NBSP}mkr"


def pct(value: float) -> str:
    tenths = math.floor(abs(value) * 10 + 0.5)
    return f"{tenths // 10},{tenths % 10}{NBSP}procent"


# Base figures as printed in the 2013 report (tkr).
GRANT_2013, GRANT_2012 = 293963, 297469
NET_COST_2013, NET_COST_2012 = 284697, 283116
FORECAST_2013 = 287493
KSK_GRANT, KSK_NET_COST = 227978, 217840
PL_GRANT, PL_NET_COST = 65985, 66857


ORG = load_dataset().organisation  # the shipped board's names and level words


def sentences(*args, **kwargs) -> list[str]:
    return economy.economy_sentences(*args, org=ORG, **kwargs)


def story_of(*args, **kwargs) -> list:
    return economy.economy_story(*args, org=ORG, **kwargs)


def trend_sentence(fit, year: int) -> str:
    return chapters.trend_sentence(fit, year, ORG.board.genitive)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def text_2013(ds) -> str:
    figures = key_figures(ds, 2013)
    return " ".join(sentences(figures, previous_in_data=True))


@pytest.fixture(scope="module")
def text_2012(ds) -> str:
    figures = key_figures(ds, 2012)
    return " ".join(sentences(figures, previous_in_data=False))


def test_2013_states_the_surplus_in_mkr_and_percent_of_the_grant(text_2013):
    surplus = GRANT_2013 - NET_COST_2013  # 9 266 (the report prints 9 267)
    assert mkr(surplus) == f"9,3{NBSP}mkr"
    assert pct(100 * surplus / GRANT_2013) == f"3,2{NBSP}procent"
    assert f"ett överskott på {mkr(surplus)}" in text_2013
    assert f"som motsvarar {pct(100 * surplus / GRANT_2013)} av tilldelat kommunbidrag" in text_2013


def test_2013_states_the_net_cost_and_its_change(text_2013):
    growth = NET_COST_2013 - NET_COST_2012
    assert (mkr(NET_COST_2013), mkr(growth)) == (f"284,7{NBSP}mkr", f"1,6{NBSP}mkr")
    assert f"kostat {mkr(NET_COST_2013)} 2013, vilket är {mkr(growth)} mer än 2012" in text_2013
    assert f"nettokostnaden har ökat med {pct(100 * growth / NET_COST_2012)}" in text_2013
    assert pct(100 * growth / NET_COST_2012) == f"0,6{NBSP}procent"


def test_2013_states_that_the_grant_decreased(text_2013):
    change = 100 * (GRANT_2013 - GRANT_2012) / GRANT_2012
    assert pct(change) == f"1,2{NBSP}procent"
    assert f"kommunbidraget som har minskat med {pct(change)}" in text_2013


def test_2013_states_the_units_results(text_2013):
    ksk, pl = KSK_GRANT - KSK_NET_COST, PL_GRANT - PL_NET_COST
    assert (mkr(ksk), mkr(pl)) == (f"10,1{NBSP}mkr", f"0,9{NBSP}mkr")
    assert (
        f"Kommunstyrelsens kontor redovisar ett överskott på {mkr(ksk)} och politisk "
        f"ledning ett underskott på {mkr(pl)}."
    ) in text_2013


def test_2013_compares_the_outcome_with_the_august_forecast(text_2013):
    better = FORECAST_2013 - NET_COST_2013
    assert mkr(better) == f"2,8{NBSP}mkr"
    assert f"Utfallet är {mkr(better)} bättre än prognosen" in text_2013


def test_numbers_use_swedish_formatting(text_2013):
    assert "9.3" not in text_2013 and "284.7" not in text_2013
    assert f"9,3{NBSP}mkr" in text_2013


def test_2012_compares_with_no_earlier_year_and_fills_nothing_in(text_2012):
    assert "2011" not in text_2012
    # What the data lacks for the first year (units' grants, forecast) is left out.
    assert "finns inte i data" not in text_2012 and "ata saknas" not in text_2012
    assert "prognos" not in text_2012 and "redovisar ett överskott på" not in text_2012
    assert text_2012.count(".") >= 2  # the result and the net cost


def test_2012_surplus_comes_from_the_resultatrakning_grant(text_2012):
    surplus = GRANT_2012 - NET_COST_2012  # 14 353, as printed for RESULTAT 2012
    assert f"Kommunstyrelsen redovisar 2012 ett överskott på {mkr(surplus)}" in text_2012


def test_story_narrates_the_year_and_every_earlier_year(ds):
    figures = {y: key_figures(ds, y) for y in ds.years}
    story = story_of(figures, 2013, ds.years)
    assert [year for year, _ in story] == [2013, 2012]
    assert " ".join(story[1][1]).startswith("Kommunstyrelsen redovisar 2012 ett överskott")
    assert [year for year, _ in story_of(figures, 2012, ds.years)] == [2012]


def test_a_forecast_that_text_and_tables_disagree_on_is_given_both_ways(ds):
    figures = key_figures(ds, 2013)
    text = " ".join(sentences(figures, True, printed={"forecast_deviation_tkr": f"4,5{NBSP}mkr"}))
    better = FORECAST_2013 - NET_COST_2013  # 2 796 tkr from the tables
    assert (
        f"Enligt tabellerna är utfallet {mkr(better)} bättre än prognosen i delårsbokslutet "
        f"per augusti (prognos 287,5{NBSP}mkr), men bokslutets text anger 4,5{NBSP}mkr. "
        "Uppgifterna stämmer inte överens" in text
    )


# ---------------------------------------------------------------- hand-made figures


def hand_made(
    deviation: float,
    growth: float,
    grant_change: float,
    forecast_deviation: float,
    unit_deviations: tuple[float, float] = (-500.0, 1500.0),
) -> KeyFigures:
    """Key figures with chosen signs; net cost 100 000 tkr, grant = net cost + deviation."""
    net_cost = 100000.0
    grant = net_cost + deviation
    total = {
        "unit": "Kommunstyrelsen totalt",
        "net_cost": net_cost,
        "grant": grant,
        "forecast": net_cost + forecast_deviation,
        "net_cost_prev": net_cost - growth,
        "growth_tkr": growth,
        "growth_pct": 100 * growth / (net_cost - growth),
        "deviation_tkr": deviation,
        "deviation_pct": 100 * deviation / grant,
        "forecast_deviation_tkr": forecast_deviation,
        "grant_change_pct": grant_change,
    }
    units = pd.DataFrame(
        {
            "unit_id": ["politisk_ledning", "ks_kontor"],
            "unit": ["Politisk ledning", "Kommunstyrelsens kontor"],
            "level": ["unit", "unit"],
            "net_cost": [20000.0, 80000.0],
            "deviation_tkr": list(unit_deviations),
            "growth_pct": [-2.0, 3.0],
        }
    )
    ratios = {
        "ki": 1.02,
        "result_share_of_grant_pct": 100 * deviation / grant,
        "grant_change_pct": grant_change,
    }
    return KeyFigures(year=2015, units=units, total=total, ratios=ratios)


def test_a_deficit_and_falling_costs_get_the_matching_words():
    text = " ".join(sentences(hand_made(-2500, -1200, 2.5, -700), True))
    assert f"Kommunstyrelsen redovisar 2015 ett underskott på 2,5{NBSP}mkr" in text
    assert f"vilket är 1,2{NBSP}mkr mindre än 2014" in text
    assert "nettokostnaden har minskat med 1,2" in text
    assert f"kommunbidraget som har ökat med 2,5{NBSP}procent" in text
    assert f"Utfallet är 0,7{NBSP}mkr sämre än prognosen" in text
    assert "överskott på 2,5" not in text and "bättre än prognosen" not in text
    assert "högre än intäkterna" in text


def test_a_surplus_and_rising_costs_get_the_matching_words():
    text = " ".join(sentences(hand_made(2500, 1200, -2.5, 700), True))
    assert f"ett överskott på 2,5{NBSP}mkr" in text
    assert f"1,2{NBSP}mkr mer än 2014" in text
    assert f"kommunbidraget som har minskat med 2,5{NBSP}procent" in text
    assert f"0,7{NBSP}mkr bättre än prognosen" in text


def test_unit_words_follow_each_units_sign_largest_first():
    text = " ".join(sentences(hand_made(1000, 0, 0, 0, (-1500, 500)), True))
    assert (
        f"Politisk ledning redovisar ett underskott på 1,5{NBSP}mkr och kommunstyrelsens "
        f"kontor ett överskott på 0,5{NBSP}mkr."
    ) in text
    assert "Kommunstyrelsens kontor har ökat sina nettokostnader med 3,0" in text
    assert "politisk ledning har minskat sina nettokostnader med 2,0" in text


def test_zero_changes_are_not_called_increases_or_decreases():
    text = " ".join(sentences(hand_made(0, 0, 0.04, 0), True))
    assert "ett resultat i balans" in text
    assert "lika mycket som 2014" in text
    assert "kommunbidraget som är oförändrat" in text
    assert "detsamma som prognosen" in text
    assert "ökat" not in text.split("Kommunstyrelsens kontor har")[0]


def test_small_amounts_are_given_in_tkr_not_as_zero_mkr():
    text = " ".join(sentences(hand_made(-40, 30, 1.0, 20), True))
    assert f"ett underskott på 40{NBSP}tkr" in text
    assert f"30{NBSP}tkr mer än" in text
    assert f"som motsvarar mindre än 0,1{NBSP}procent av tilldelat kommunbidrag" in text
    assert not re.search(rf"(?<![0-9])0,0{NBSP}(mkr|procent)", text)


def test_amount_and_percent_are_unsigned_sizes():
    assert economy.amount(-872) == f"0,9{NBSP}mkr"
    assert economy.amount(9266) == f"9,3{NBSP}mkr"
    assert economy.percent(-1.1786) == f"1,2{NBSP}procent"
    assert MINUS not in economy.amount(-284697)


def test_indicator_sentence_uses_percentage_points_and_sign_words():
    up = indicators.indicator_sentence(
        "Sjukfrånvaron", "procent", 2013, 7.13, 6.39, 2012, "kommunen"
    )
    assert up == (
        f"Sjukfrånvaron (kommunen) ökade med 0,74{NBSP}procentenheter, från "
        f"6,39{NBSP}procent 2012 till 7,13{NBSP}procent 2013."
    )
    as_subject = indicators.indicator_sentence(
        "Sjukfrånvaro", "procent", 2013, 7.13, 6.39, 2012, "kommunen", "sjukfrånvaron i kommunen"
    )
    assert as_subject.startswith("Sjukfrånvaron i kommunen ökade med 0,74")
    down = indicators.indicator_sentence("Sjukfrånvaron", "procent", 2013, 4.54, 4.55, 2012)
    assert "sjönk med 0,01" in down
    ni = indicators.indicator_sentence("NI", "index", 2013, 31, 35, 2011)
    assert ni == "NI sjönk med 4\xa0indexenheter, från 35 (2011) till 31 (2013)."
    places = indicators.indicator_sentence("Antalet arbetsställen", "antal", 2013, 7572, 7429, 2012)
    assert places.startswith("Antalet arbetsställen ökade med 143, från")
    same = indicators.indicator_sentence("Andelen", "procent", 2013, 18, 18, 2012)
    assert same == f"Andelen var 18{NBSP}procent 2013, samma nivå som 2012."


# ---------------------------------------------------------------- what the report printed


def test_the_reports_other_figures_come_from_the_check(ds):
    from ksanalys.compute.check import check_year

    printed = check_text.report_differences(check_year(ds, 2013))
    # The text says 4,5 mkr better than the August forecast (287 493 − 284 697 = 2 796 tkr),
    # and 4,55 procent sick leave at the office in 2013 (section 4 prints 4,54).
    assert printed == {
        "forecast_deviation_tkr": f"4,5{NBSP}mkr",
        "indicator:sjukfranvaro:ks_kontor:2013": f"4,55{NBSP}procent",
    }
    text = " ".join(sentences(key_figures(ds, 2013), True, printed))
    assert f"{mkr(FORECAST_2013 - NET_COST_2013)} bättre än prognosen" in text
    assert f"bokslutets text anger 4,5{NBSP}mkr." in text
    assert text.count("anger 4,5") == 1


# ---------------------------------------------------------------- rounding and units


@pytest.mark.parametrize(
    ("ki", "shown", "meaning"),
    [
        (0.995, "1,00", "lika stora som"),  # half-up: shown 1,00, so not "lägre"
        (1.005, "1,01", "högre än"),  # shown 1,01, so not "lika stora"
        (0.994, "0,99", "lägre än"),
    ],
)
def test_ki_words_follow_the_ratio_as_shown(ki, shown, meaning):
    figures = hand_made(0, 0, 0, 0)
    figures.ratios["ki"] = ki
    text = " ".join(sentences(figures, True))
    assert f"K/I-talet 2015 är {shown}, det vill säga kostnaderna är {meaning} " in text


def test_percentage_points_take_singular_and_plural():
    assert swedish.format_quantity(1, "procentenheter", 0) == f"1{NBSP}procentenhet"
    assert swedish.format_quantity(1, "procentenheter", 1) == f"1,0{NBSP}procentenheter"
    sentence = indicators.indicator_sentence("Skillnaden", "procentenheter", 2013, 1, 0, 2012)
    assert sentence == (
        f"Skillnaden ökade med 1{NBSP}procentenhet, från 0{NBSP}procentenheter 2012 till "
        f"1{NBSP}procentenhet 2013."
    )


def test_signed_amount_keeps_the_sign():
    assert economy.signed_amount(-1234) == f"{MINUS}1,2{NBSP}mkr"
    assert economy.signed_amount(-40) == f"{MINUS}40{NBSP}tkr"
    assert economy.signed_amount(284697) == f"284,7{NBSP}mkr"


# ---------------------------------------------------------------- chapter texts


def trend(values: list[float], first_year: int = 2010):
    from ksanalys.compute.trends import fit_trend

    years = list(range(first_year, first_year + len(values)))
    return fit_trend(pd.DataFrame({"year": years, "value": values}))


def test_a_slope_below_half_a_tkr_is_unchanged():
    # slope 0,3 tkr/år shows as "0 tkr": the text must not say it increases.
    text = trend_sentence(trend([1000.0, 1000.3, 1000.6, 1000.9]), 2014)
    assert "nettokostnad är i stort sett oförändrad" in text
    assert "ökar" not in text


def test_a_small_slope_is_given_in_tkr():
    text = trend_sentence(trend([1000.0, 1001.0, 1002.0, 1003.0]), 2014)
    assert f"nettokostnad ökar med 1{NBSP}tkr per år" in text


def test_trend_interval_keeps_the_sign_of_its_ends():
    # Values scattered around 0 tkr: the lower end of the interval is negative.
    fit = trend([10.0, -30.0, 40.0, -20.0])
    ahead = fit.project(2014)
    assert ahead.low < -50 < 50 < ahead.high
    text = trend_sentence(fit, 2014)
    assert f"från {economy.signed_amount(ahead.low)} till " in text
    assert f"från {MINUS}" in text


def test_the_few_years_caveat_depends_on_the_number_of_years():
    few = trend_sentence(trend([100.0, 200.0, 250.0, 400.0]), 2014)
    assert "över 2010–2013 (4 år)" in few
    assert "Med bara 4 år är trenden osäker" in few
    many = [1000.0 + 100 * i + (5 if i % 2 else -5) for i in range(chapters.FEW_TREND_YEARS)]
    assert "Med bara" not in trend_sentence(trend(many), 2020)


def fake_report(results: pd.DataFrame, findings_tables: list[str]):
    """The parts of a chapters.Analysis that the review texts read."""
    findings = pd.DataFrame({"table": findings_tables})
    result = SimpleNamespace(checks=len(results), results=results, findings=findings)
    dataset = SimpleNamespace(report_years=[2013])
    return SimpleNamespace(year=2013, check_result=result, dataset=dataset)


def test_check_method_text_counts_checks_and_distinct_figures_and_lists_the_kinds():
    # Three checks of two printed figures: the total by its sum and by a same-figure check,
    # and one percentage.
    results = pd.DataFrame(
        {
            "table": ["net_cost", "net_cost", "net_cost"],
            "row": ["t", "t", "a"],
            "column": ["net_cost", "net_cost", "growth_pct"],
            "rule": ["sum", "same_figure", "percent"],
        }
    )
    text = chapters.check_method_text(fake_report(results, ["net_cost"])).markdown
    assert text.startswith(
        "De 3 kontrollerna gällde 2 tryckta tal i bokslutet för 2013. Varje tal "
        "jämfördes med vad det ska vara enligt 3 slags kontroller: summan av raderna; "
        "procentsatsen; samma tal på annat ställe i bokslutet. Ett tal räknas som avvikande"
    )


@pytest.mark.parametrize(
    ("issues", "shown", "expected"),
    [
        (0, 0, "Alla 169 kontroller av bokslutets tal stämmer; inget tryckt tal avviker"),
        (1, 1, "Av 169 kontroller av bokslutets tal visar granskningen en avvikelse:"),
        (2, 2, "Av 169 kontroller av bokslutets tal visar granskningen 2 avvikelser:"),
        (6, 3, "visar granskningen 6 avvikelser; de 3 viktigaste:"),
    ],
)
def test_the_summary_page_counts_the_deviations_it_lists(issues, shown, expected):
    assert expected in check_text.summary_findings_intro(169, issues, shown)
