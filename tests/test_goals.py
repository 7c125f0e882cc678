"""Goal rules, statuses and projection guardrails on small hand-made series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ksanalys.compute.goals import build_assessments, parse_rules
from ksanalys.compute.goals.rules import Criterion
from ksanalys.compute.goals.series import criterion_series
from ksanalys.compute.goals.status import agreement, combine, evaluate_criterion
from ksanalys.errors import DataError
from ksanalys.present.swedish import format_change
from ksanalys.present.swedish import format_quantity as format_value
from ksanalys.present.text.goal_rows import goal_rows
from ksanalys.present.text.words import join_words

NBSP = "\u00a0"
RULE_COLUMNS = (
    "goal_id", "criterion", "indicator", "scope", "period", "comparison", "direction",
    "threshold", "base_year", "target_year", "horizon", "max_lag", "subject", "rule_text",
    "note", "role",
)  # fmt: skip
NUMERIC = ("threshold", "base_year", "target_year", "max_lag")


def indicators(*series: tuple[str, str, dict[int, float]], basis=None, period=None):
    """An indicators table: each series is (indicator, scope, {year: value})."""
    rows = []
    for indicator, scope, values in series:
        for year, value in values.items():
            rows.append(
                {
                    "indicator": indicator,
                    "scope": scope,
                    "year": year,
                    "period": (period or {}).get((indicator, year)),
                    "value": float(value),
                    "unit": "procent",
                    "basis": (basis or {}).get((indicator, year)),
                    "source": "test",
                    "quote": None,
                    "note": None,
                }
            )
    frame = pd.DataFrame(rows)
    text = ["indicator", "scope", "period", "unit", "basis", "source", "quote", "note"]
    return frame.astype({**{c: "str" for c in text}, "year": "int64", "value": "float64"})


def rules(*rows: dict) -> pd.DataFrame:
    """A goal_rules table as the loader returns it (blank cells NaN)."""
    records = [{c: row.get(c) for c in RULE_COLUMNS} for row in rows]
    frame = pd.DataFrame.from_records(records, columns=list(RULE_COLUMNS))
    return frame.astype(
        {
            **{c: "str" for c in RULE_COLUMNS if c not in NUMERIC and c != "criterion"},
            **{c: "float64" for c in NUMERIC},
            "criterion": "int64",
        }
    )


def rule(goal_id="g-1", criterion=1, **fields) -> dict:
    base = {
        "goal_id": goal_id,
        "criterion": criterion,
        "indicator": "x",
        "scope": "kommunen",
        "comparison": "previous",
        "direction": "increase",
        "horizon": "annual",
        "subject": "andelen x",
        "rule_text": "att andelen ökar",
    }
    return {**base, **fields}


def goals_table(*ids: str, assessment: str | None = "Ok", report_year: int = 2013):
    frame = pd.DataFrame(
        {
            "report_year": [report_year] * len(ids),
            "goal_id": list(ids),
            "area": ["Område"] * len(ids),
            "number": list(range(1, len(ids) + 1)),
            "goal": [f"Mål {i}" for i in ids],
            "report_assessment": [assessment] * len(ids),
            "source": ["test"] * len(ids),
        }
    )
    return frame.astype(
        {c: "str" for c in ("goal_id", "area", "goal", "report_assessment", "source")}
    )


NO_ASSESSMENTS = pd.DataFrame(
    {
        "report_year": pd.Series(dtype="int64"),
        "level": pd.Series(dtype="str"),
        "area": pd.Series(dtype="str"),
        "assessment": pd.Series(dtype="str"),
        "source": pd.Series(dtype="str"),
    }
)


def judge(rule_rows: list[dict], table: pd.DataFrame, year: int = 2013, **goal_kw):
    """Judge the goals named in ``rule_rows`` (of the report for ``year`` unless
    ``report_year`` is given) and return the assessments."""
    goal_kw.setdefault("report_year", year)
    ids = list(dict.fromkeys(r["goal_id"] for r in rule_rows))
    return build_assessments(
        year=year,
        goals=goals_table(*ids, **goal_kw),
        rules=parse_rules(rules(*rule_rows), table),
        indicators=table,
        assessments=NO_ASSESSMENTS,
    )


def words(report) -> pd.DataFrame:
    """The goals with their Swedish words (present stage)."""
    return goal_rows(report)


def status_of(rule_rows: list[dict], table: pd.DataFrame, year: int = 2013) -> str:
    return judge(rule_rows, table, year).goals["computed_status"].iloc[0]


# --- each status -------------------------------------------------------------------------


def test_increase_from_previous_is_met_and_a_fall_is_not_met():
    rising = indicators(("x", "kommunen", {2012: 83, 2013: 85}))
    falling = indicators(("x", "kommunen", {2012: 83, 2013: 82}))
    flat = indicators(("x", "kommunen", {2012: 83, 2013: 83}))
    assert status_of([rule()], rising) == "met"
    assert status_of([rule()], falling) == "not_met"
    assert status_of([rule()], flat) == "not_met"  # unchanged is not an increase


def test_threshold_of_change_must_be_reached():
    table = indicators(("x", "kommunen", {2012: 7429, 2013: 7572}))
    assert status_of([rule(threshold=100)], table) == "met"
    assert status_of([rule(threshold=200)], table) == "not_met"


def test_long_term_level_with_the_right_direction_is_on_track():
    sick_leave = [
        rule(comparison="level", direction="at_most", threshold=5, horizon="long_term"),
        rule(criterion=2, direction="decrease"),
    ]
    better = indicators(("x", "kommunen", {2012: 7.0, 2013: 6.5}))
    worse = indicators(("x", "kommunen", {2012: 6.39, 2013: 7.13}))
    below = indicators(("x", "kommunen", {2012: 4.55, 2013: 4.54}))
    assert status_of(sick_leave, better) == "on_track"
    assert status_of(sick_leave, worse) == "not_met"
    assert status_of(sick_leave, below) == "met"


def test_a_long_term_level_moving_away_is_off_track_never_not_met():
    only_level = [rule(comparison="level", direction="at_most", threshold=5, horizon="long_term")]
    away = indicators(("x", "kommunen", {2012: 6.0, 2013: 7.0}))
    toward = indicators(("x", "kommunen", {2012: 7.0, 2013: 6.0}))
    assert status_of(only_level, away) == "off_track"
    assert status_of(only_level, toward) == "on_track"
    criteria = judge(only_level, away).criteria.iloc[0]
    assert (criteria["prospect"], criteria["prospect_basis"]) == ("off_track", "latest_change")


def test_on_track_through_a_projection_interval_that_clears_the_target():
    values = {2006: 60.0, 2007: 61.0, 2008: 62.1, 2009: 62.9, 2010: 64.0}
    values |= {2011: 65.1, 2012: 66.0, 2013: 65.9}  # the last step goes down
    table = indicators(("x", "kommunen", values))

    def by_2015(target):
        return rule(
            comparison="level",
            direction="at_least",
            threshold=target,
            horizon="target_year",
            target_year=2015,
        )

    # The 95 % interval for 2015 is about 67,19–69,57 (see the trends module): a target
    # below it is on track, inside it uncertain, above it off track; never "not met" while
    # the target year lies ahead.
    assert status_of([by_2015(67)], table) == "on_track"
    assert status_of([by_2015(68)], table) == "uncertain"
    assert status_of([by_2015(70)], table) == "off_track"
    report = judge([by_2015(67)], table)
    assert bool(report.goals["projection_clears_target"].iloc[0]) is True
    assert report.goals["projection_year"].iloc[0] == 2015
    assert report.criteria["prospect_basis"].iloc[0] == "interval"
    text = words(judge([by_2015(68)], table)).iloc[0]["projection_text"]
    assert text.startswith("Trenden 2006–2013 (8 värden med samma definition) pekar mot")
    assert f"målnivån 68{NBSP}procent ligger inom intervallet, så det är osäkert" in text


def test_a_target_year_ahead_with_too_few_values_for_a_trend_is_uncertain():
    def by_2015(target):
        return [
            rule(
                comparison="level",
                direction="at_least",
                threshold=target,
                horizon="target_year",
                target_year=2015,
            )
        ]

    rising = indicators(("x", "kommunen", {2012: 60.0, 2013: 61.0}))
    falling = indicators(("x", "kommunen", {2012: 61.0, 2013: 60.0}))
    flat = indicators(("x", "kommunen", {2012: 60.0, 2013: 60.0}))
    # two values are no trend: whichever way they move, the goal is osäker, never more
    for table in (rising, falling, flat):
        assert status_of(by_2015(70), table) == "uncertain"
    row = words(judge(by_2015(70), flat)).iloc[0]
    assert row["projection_text"] == (
        "Målet 70\u00a0procent 2015 kräver en ökning med 10\u00a0procentenheter på två år. "
        "Det går inte att säga om det nås."
    )
    assert "few_points" in row["flags"] and pd.isna(row["projection_value"])


def test_a_passed_target_year_not_reached_is_not_met_and_reached_is_met():
    table = indicators(("x", "kommunen", {2013: 1.0}))
    result_rule = rule(
        comparison="level",
        direction="at_least",
        threshold=1.2,
        horizon="target_year",
        target_year=2013,
    )
    assert status_of([result_rule], table) == "not_met"
    assert status_of([result_rule], indicators(("x", "kommunen", {2013: 140}))) == "met"


def test_change_indicators_are_judged_by_their_sign():
    amortisation = [rule(comparison="change", direction="increase")]
    guarantees = [rule(comparison="change", direction="decrease")]
    assert status_of(amortisation, indicators(("x", "kommunen", {2013: 782}))) == "met"
    assert status_of(amortisation, indicators(("x", "kommunen", {2013: 0}))) == "not_met"
    assert status_of(guarantees, indicators(("x", "kommunen", {2013: -0.7}))) == "met"


def test_missing_values_make_a_goal_not_assessable():
    one_value = indicators(("x", "kommunen", {2013: 85}))
    old_only = indicators(("x", "kommunen", {2011: 80, 2012: 85}))
    assert status_of([rule()], one_value) == "not_assessable"
    assert status_of([rule()], old_only) == "not_assessable"  # no 2013 value, no lag allowed
    # a failing criterion outweighs a missing one
    both = indicators(("x", "kommunen", {2013: 85}), ("y", "kommunen", {2012: 5, 2013: 4}))
    rows = [rule(), rule(criterion=2, indicator="y")]
    assert status_of(rows, both) == "not_met"


def test_a_pending_target_with_a_single_value_cannot_be_judged():
    # one value is not a trend: the part cannot be judged, nor a goal that rests on it alone
    rows = [rule(comparison="level", direction="at_least", threshold=100, horizon="long_term")]
    report = judge(rows, indicators(("x", "kommunen", {2013: 35})))
    assert report.goals["computed_status"].iloc[0] == "not_assessable"
    assert report.criteria["prospect_basis"].iloc[0] == "single_value"
    assert (
        words(report)
        .iloc[0]["interpretation"]
        .startswith(f"Målnivån 100{NBSP}procent gäller på sikt; riktningen bedöms.")
    )
    assert words(report).iloc[0]["projection_text"] == (
        "Bara ett värde (2013), så det syns inte om värdet rör sig mot målet."
    )


def test_base_year_comparison_needs_the_base_year():
    rows = [rule(comparison="base", base_year=2011)]
    assert status_of(rows, indicators(("x", "kommunen", {2012: 217, 2013: 234}))) == (
        "not_assessable"
    )
    assert status_of(rows, indicators(("x", "kommunen", {2011: 200, 2013: 234}))) == "met"


def test_unmeasurable_goal_and_goal_without_rule_are_not_assessable():
    table = indicators(("x", "kommunen", {2013: 1}))
    unmeasurable = {
        "goal_id": "g-1",
        "criterion": 1,
        "rule_text": "målet anger ingen mätbar nivå",
    }
    report = judge([unmeasurable], table)
    row = words(report).iloc[0]
    assert row["computed_status"] == "not_assessable"
    assert row["evidence"] == "Målet kan inte bedömas från data: målet anger ingen mätbar nivå."
    assert "unmeasurable" in row["flags"]
    without_rule = build_assessments(
        year=2013,
        goals=goals_table("g-1", "g-2"),
        rules=parse_rules(rules(rule()), table),
        indicators=table,
        assessments=NO_ASSESSMENTS,
    )
    assert without_rule.goals.set_index("id").loc["g-2", "flags"] == "no_rule"
    assert without_rule.goals.set_index("id").loc["g-2", "computed_status"] == "not_assessable"


def test_max_lag_uses_last_years_value_and_flags_it():
    table = indicators(("x", "kommunen", {2011: 71.8, 2012: 72.5}))
    report = judge([rule(max_lag=1)], table)
    row = words(report).iloc[0]
    assert row["computed_status"] == "met"
    assert "stale_value" in row["flags"]
    assert "avser 2012, inte 2013" in row["caveats"]


def test_values_after_the_assessed_year_are_never_used():
    table = indicators(("x", "kommunen", {2012: 6.39, 2013: 7.13, 2015: 8.2, 2016: 7.2}))
    report = judge([rule(direction="decrease")], table)
    assert report.goals["computed_status"].iloc[0] == "not_met"
    assert report.projections.empty  # two values up to 2013: no trend at all


# --- guardrails ---------------------------------------------------------------------------


@pytest.mark.parametrize("values", [{2012: 6.39, 2013: 7.13}, {2011: 5.0, 2012: 5.5, 2013: 5.8}])
def test_fewer_than_four_values_give_the_change_not_a_projection(values):
    table = indicators(("x", "kommunen", values))
    report = judge([rule(direction="decrease")], table)
    row = words(report).iloc[0]
    assert pd.isna(row["projection_year"]) and pd.isna(row["projection_value"])
    assert report.projections.empty
    assert "few_points" in row["flags"]
    assert row["projection_text"] == ""
    assert "ökade från" in row["evidence"]  # the change is given instead


def test_six_values_give_an_interval_around_the_point_and_five_none():
    five = indicators(("x", "kommunen", {2009: 4.6, 2010: 4.8, 2011: 5.0, 2012: 5.5, 2013: 5.8}))
    assert judge([rule()], five).projections.empty  # MIN_GOAL_TREND_POINTS = 6
    values = {2008: 4.5, 2009: 4.6, 2010: 4.8, 2011: 5.0, 2012: 5.5, 2013: 5.8}
    table = indicators(("x", "kommunen", values))
    row = words(judge([rule()], table)).iloc[0]
    assert row["projection_has_interval"]
    assert row["projection_low"] < row["projection_value"] < row["projection_high"]
    assert row["projection_text"] == ""  # annual: the projection is not the test
    report = judge([rule(comparison="level", direction="at_least", threshold=7,
                         horizon="target_year", target_year=2015)], table)  # fmt: skip
    text = words(report).iloc[0]["projection_text"]
    assert text.startswith("Trenden 2008–2013 (6 värden med samma definition) pekar mot")


def test_the_prediction_band_is_drawn_forward_only_from_the_last_value():
    values = {2007: 68.0, 2008: 68.9, 2009: 69.5, 2010: 70.5, 2011: 71.8, 2012: 71.8}
    table = indicators(("x", "kommunen", values))
    target = rule(comparison="base", base_year=2012, threshold=2, horizon="target_year",
                  target_year=2015, max_lag=1)  # fmt: skip
    band = judge([target], table).projections
    fitted = band.loc[band["kind"] == "fitted"]
    forward = band.loc[band["kind"] == "forward"]
    assert list(fitted["year"]) == [2007, 2008, 2009, 2010, 2011, 2012]
    assert fitted[["low", "high"]].isna().all().all()  # no band across observed years
    assert list(forward["year"]) == [2012, 2013, 2014, 2015]
    start = forward.iloc[0]
    assert start["value"] == start["low"] == start["high"] == 71.8  # from the last value
    widths = list(forward["high"] - forward["low"])
    assert widths[0] == 0 and widths[1] < widths[2] < widths[3]
    last = forward.iloc[-1]
    slope, intercept = np.polyfit(list(values), list(values.values()), 1)  # independent OLS
    assert last["value"] == pytest.approx(slope * 2015 + intercept)
    assert last["low"] < last["value"] < last["high"]


def test_projection_further_ahead_than_the_series_is_long_is_flagged():
    def by(year):
        return [
            rule(
                comparison="level",
                direction="at_least",
                threshold=80,
                horizon="target_year",
                target_year=year,
            )
        ]

    values = {2008: 66.0, 2009: 67.2, 2010: 68.0, 2011: 69.0, 2012: 70.5, 2013: 71.0}
    table = indicators(("x", "kommunen", values))
    row = words(judge(by(2019), table)).iloc[0]  # spans 5 years, 6 ahead
    assert "beyond_series" in row["flags"]
    assert "längre fram än serien sträcker sig" in row["caveats"]
    assert "beyond_series" not in judge(by(2018), table).goals["flags"].iloc[0]


def test_projection_interval_is_clipped_to_the_possible_range_of_a_share():
    # A share rising fast towards 100 %: the straight line and its interval pass 100.
    values = {2008: 40.0, 2009: 52.0, 2010: 60.0, 2011: 75.0, 2012: 78.0, 2013: 95.0}
    table = indicators(("x", "kommunen", values))
    rows = [
        rule(
            comparison="level",
            direction="at_least",
            threshold=100,
            horizon="target_year",
            target_year=2015,
        )
    ]
    report = judge(rows, table)
    row = words(report).iloc[0]
    assert row["projection_value"] == 100.0
    assert row["projection_high"] == 100.0
    slope, intercept = np.polyfit(list(values), list(values.values()), 1)
    assert slope * 2015 + intercept > 100  # the straight line passes 100 by 2015
    assert 0 < row["projection_low"] <= 100
    assert report.projections[["value", "low", "high"]].max().max() <= 100.0
    assert "clipped" in row["flags"]
    assert "avskurna" in row["caveats"]


def test_a_share_falling_towards_zero_is_clipped_at_zero():
    values = {2008: 50.0, 2009: 41.0, 2010: 30.0, 2011: 20.0, 2012: 11.0, 2013: 3.0}
    table = indicators(("x", "kommunen", values))
    report = judge([rule(direction="decrease")], table)
    assert report.projections[["value", "low", "high"]].min().min() >= 0.0
    assert report.goals["projection_value"].iloc[0] == 0.0


def test_a_basis_break_is_marked_and_only_the_current_segment_is_fitted():
    values = {2007: 69.5, 2008: 70.5, 2009: 71.0, 2010: 71.3, 2011: 71.8, 2012: 71.8,
              2013: 72.4, 2014: 72.9}  # fmt: skip
    basis = {("x", y): ("gammal" if y <= 2008 else "ny") for y in values}
    table = indicators(("x", "kommunen", values), basis=basis)
    rows = [
        rule(
            comparison="level",
            direction="at_least",
            threshold=74,
            horizon="target_year",
            target_year=2016,
        )
    ]
    report = judge(rows, table, year=2014)
    row = words(report).iloc[0]
    assert "basis_break" in row["flags"]
    assert "byter definition" in row["caveats"]
    assert "Åren mäts på olika sätt och jämförs inte." in row["interpretation"]
    fitted = report.projections.loc[report.projections["kind"] == "fitted", "year"]
    assert list(fitted) == [2009, 2010, 2011, 2012, 2013, 2014]
    assert report.goals["computed_status"].iloc[0] == "uncertain"  # 2016 still ahead
    # five values of the new basis are not enough for a trend, even with older values
    short = judge(rows, table, year=2013)
    assert short.projections.empty
    assert "few_points" in short.goals["flags"].iloc[0]


def test_a_comparison_across_a_basis_break_is_not_made_and_both_figures_are_shown():
    basis = {("x", 2012): "inkl. lätta lastbilar", ("x", 2013): "äldre definitionen"}
    table = indicators(("x", "kommunen", {2012: 46, 2013: 85}), basis=basis)
    report = judge([rule()], table)
    row = words(report).iloc[0]
    assert row["computed_status"] == "not_assessable"
    assert report.criteria["outcome"].iloc[0] == "missing"
    assert "basis_break_in_comparison" in row["flags"]
    assert row["evidence"] == (
        f"Andelen x mäts på olika sätt åren som jämförs: 46{NBSP}procent (2012, inkl. lätta "
        f"lastbilar) och 85{NBSP}procent (2013, äldre definitionen); ingen förändring bedöms; "
        "målet är att andelen ökar."
    )
    assert "ökade" not in row["evidence"]
    # beside a comparable part that holds, the goal follows the part that can be judged,
    # with a note that the other could not be
    other = indicators(("y", "kommunen", {2012: 86, 2013: 275}))
    both = judge([rule(), rule(criterion=2, indicator="y")], pd.concat([table, other]))
    assert both.goals["computed_status"].iloc[0] == "met"
    assert "part_not_assessable" in both.goals["flags"].iloc[0]
    row = words(both).iloc[0]
    assert row["parts"].startswith("Andelen x mäts på olika sätt åren som jämförs")
    assert "målet är att andelen ökar – går inte att jämföra." in row["parts"]
    assert (
        "Delen om andelen x kan inte bedömas och räknas inte; statusen uppfyllt följer"
        in (row["caveats"])
    )
    # the same goal when the part that cannot be judged is its main part (role main, as
    # Campus Telge's students beside the lärcentra students): at most osäker, never met
    main = judge([rule(role="main"), rule(criterion=2, indicator="y")], pd.concat([table, other]))
    a = main.assessments[0]
    assert (a.status, a.figure_status, a.agreement) == ("uncertain", "met", "agree")
    assert "main_part_not_assessable" in a.flags
    assert (
        "Målets huvuddel, andelen x, kan inte bedömas. De andra delarna kan inte ensamma visa "
        "att målet är uppfyllt, så statusen blir osäker."
    ) in words(main).iloc[0]["caveats"]
    bra = judge(
        [rule(role="main"), rule(criterion=2, indicator="y")],
        pd.concat([table, other]),
        assessment="Bra",
    )
    assert bra.goals["agreement"].iloc[0] == "disagree"
    assert bool(bra.goals["report_more_positive"].iloc[0])
    # a main part that can be judged caps nothing
    judged = indicators(("x", "kommunen", {2012: 46, 2013: 85}))
    plain = judge([rule(role="main"), rule(criterion=2, indicator="y")], pd.concat([judged, other]))
    assert plain.assessments[0].status == "met"
    assert "main_part_not_assessable" not in plain.assessments[0].flags


# --- series, rules, agreement, text --------------------------------------------------------


def test_period_picks_the_row_of_a_year_with_several():
    periods = {("x", 2013): "31 december"}
    table = indicators(("x", "kommunen", {2012: 93.9, 2013: 93.3}), period=periods)
    april = indicators(("x", "kommunen", {2013: 93.8}), period={("x", 2013): "1 april"})
    table = pd.concat([table, april], ignore_index=True)
    chosen = rule(period="31 december")
    series = criterion_series(table, parse_rules(rules(chosen), table)["g-1"][0])
    assert list(series["value"]) == [93.9, 93.3]
    row = words(judge([chosen], table)).iloc[0]
    assert row["computed_status"] == "not_met"
    assert "olika tidpunkter" in row["caveats"]
    with pytest.raises(DataError, match="en period som väljer") as caught:
        parse_rules(rules(rule(), rule(criterion=2, period="31 december")), table)
    assert (caught.value.row, caught.value.column) == (2, "period")


@pytest.mark.parametrize(
    ("fields", "column"),
    [
        ({"direction": "at_least"}, "direction"),  # previous needs increase/decrease
        ({"comparison": "level", "direction": "at_most"}, "threshold"),
        ({"comparison": "base"}, "base_year"),
        ({"horizon": "target_year"}, "horizon"),
        (
            {"comparison": "level", "direction": "at_least", "threshold": 1, "target_year": 2015},
            "target_year",
        ),
        ({"scope": "okänd"}, "scope"),
        ({"threshold": -1}, "threshold"),
        ({"period": "1 april"}, "period"),  # the series has no such period
        (
            {
                "comparison": "base",
                "base_year": 2013,
                "horizon": "target_year",
                "target_year": 2012,
            },
            "target_year",
        ),
    ],
)
def test_inconsistent_rules_are_data_errors(fields, column):
    table = indicators(("x", "kommunen", {2013: 1}))
    with pytest.raises(DataError) as caught:
        parse_rules(rules(rule(**fields)), table)
    assert caught.value.column == column
    assert caught.value.row == 2


def test_agreement_mapping():
    assert agreement("Har brister", "not_met") == "agree"
    assert agreement("Bra", "met") == "agree"
    # Ok answers to the statuses between met and not met
    assert agreement("Ok", "on_track") == "agree"
    assert agreement("Ok", "uncertain") == "agree"
    assert agreement("Ok", "partial") == "agree"
    assert agreement("Har brister", "partial") == "disagree"
    assert agreement("Ok", "not_assessable") == "not_comparable"
    assert agreement("Har brister", "off_track") == "agree"
    assert agreement("Bra", "uncertain") == "disagree"
    assert agreement("Ok", "off_track") == "disagree"
    assert agreement("Ok", "not_met") == "disagree"
    assert agreement("Ok", "met") == "disagree"
    assert agreement("Bra", "on_track") == "disagree"
    assert agreement("Bra", "partial") == "disagree"
    assert agreement(None, "met") == "not_comparable"
    assert agreement("Bra", "not_assessable") == "not_comparable"


def test_report_assessment_beside_status_with_the_disagreement_explained():
    table = indicators(("x", "kommunen", {2012: 83, 2013: 83}))
    row = words(judge([rule()], table, assessment="Ok")).iloc[0]
    assert (row["report_assessment"], row["computed_status"]) == ("Ok", "not_met")
    assert row["agreement"] == "disagree"
    # the words and how they differ are in the table: the note says only that no reason
    assert row["agreement_note"] == "Bokslutet anger inget skäl för att bedöma mål 1 som Ok."
    assert "på väg" not in row["agreement_note"]


def test_ok_beside_a_partial_status_is_not_called_on_track():
    table = indicators(
        ("x", "kommunen", {2012: 10, 2013: 12}), ("y", "kommunen", {2012: 5, 2013: 4})
    )
    rows = [rule(), rule(criterion=2, indicator="y")]
    row = words(judge(rows, table, assessment="Ok")).iloc[0]
    assert row["computed_status"] == "partial"
    assert row["status_label"] == "delvis uppfyllt"
    assert row["agreement"] == "agree"
    assert row["agreement_note"] == ""


def test_a_year_without_its_own_report_judges_no_goals():
    # The 2013 report's goals are not applied to 2012 (a comparison year).
    table = indicators(("x", "kommunen", {2011: 80, 2012: 83}))
    report = judge([rule()], table, year=2012, report_year=2013)
    assert not report.own_goals
    assert report.goals.empty and report.criteria.empty
    assert report.to_dict()["goals"] == []
    own = judge([rule()], table, year=2012, report_year=2012)
    assert own.own_goals and own.goals["computed_status"].iloc[0] == "met"


def test_evidence_is_one_swedish_sentence_with_swedish_numbers():
    table = indicators(("x", "kommunen", {2012: 6.39, 2013: 7.13}))
    rows = [
        rule(
            comparison="level",
            direction="at_most",
            threshold=5,
            horizon="long_term",
            subject="sjukfrånvaron i kommunen",
            rule_text="högst 5 procent på lång sikt",
        ),
        rule(
            criterion=2,
            direction="decrease",
            subject="sjukfrånvaron i kommunen",
            rule_text="minskning varje år",
        ),
    ]
    evidence = words(judge(rows, table))["evidence"].iloc[0]
    assert evidence == (
        f"Sjukfrånvaron i kommunen ökade från 6,39{NBSP}procent 2012 till 7,13{NBSP}procent "
        f"2013 (+0,74{NBSP}procentenheter); målet är högst 5 procent på lång sikt och "
        "minskning varje år."
    )


def test_small_text_helpers():
    assert format_change(-0.73, "procent", 2) == f"\u22120,73{NBSP}procentenheter"
    assert format_change(143, "antal", 0) == "+143"
    assert format_change(81, "mkr", 0) == f"+81{NBSP}mkr"
    assert join_words(["a", "b", "c"]) == "a, b och c"


def test_combine_order_of_precedence():
    c = Criterion("g", 1, "x", "k", None, "previous", "increase", None, None, None, "annual", 0,
                  "x", "t", None)  # fmt: skip
    empty = indicators(("x", "k", {2013: 1}))
    series = criterion_series(empty, c)
    missing = evaluate_criterion(c, series, 2013)
    assert missing.outcome == "missing"
    assert combine([]) == "not_assessable"
    assert combine([missing]) == "not_assessable"


# --- partial, lag, interpretation ------------------------------------------------------------


def test_some_criteria_met_make_a_goal_partly_met():
    table = indicators(
        ("x", "kommunen", {2012: 7429, 2013: 7572}), ("y", "kommunen", {2012: 44197, 2013: 44098})
    )
    rows = [rule(threshold=100), rule(criterion=2, indicator="y", threshold=500)]
    assert status_of(rows, table) == "partial"
    # one met, one that cannot be assessed: the status follows the part that can be
    missing = indicators(("x", "kommunen", {2012: 1, 2013: 2}), ("y", "kommunen", {2013: 5}))
    assert status_of([rule(), rule(criterion=2, indicator="y")], missing) == "met"
    # none met: not met, whatever else
    both_fail = indicators(
        ("x", "kommunen", {2012: 2, 2013: 1}), ("y", "kommunen", {2012: 5, 2013: 4})
    )
    assert status_of([rule(), rule(criterion=2, indicator="y")], both_fail) == "not_met"
    # all met: met
    both = indicators(("x", "kommunen", {2012: 1, 2013: 2}), ("y", "kommunen", {2012: 4, 2013: 5}))
    assert status_of([rule(), rule(criterion=2, indicator="y")], both) == "met"


def test_a_survey_every_other_year_is_judged_on_its_latest_measurement():
    survey = indicators(("x", "kommunen", {2009: 33, 2011: 35, 2013: 31}))
    row = words(judge([rule(max_lag=1)], survey, year=2012)).iloc[0]
    assert row["computed_status"] == "met"  # 2011's 35 against 2009's 33
    assert "latest_measurement" in row["interpretations"]
    assert row["interpretation"] == "Jämfört med mätningen 2009. Senaste värdet är från 2011."
    # without the allowed lag the year has no value of its own
    assert status_of([rule()], survey, year=2012) == "not_assessable"
    # and a value two years old is beyond a lag of one
    assert status_of(
        [rule(max_lag=1)], indicators(("x", "kommunen", {2009: 1, 2010: 2})), 2012
    ) == ("not_assessable")


def test_every_status_carries_the_interpretation_it_rests_on():
    table = indicators(("x", "kommunen", {2011: 71.8, 2012: 71.8}))
    rows = [
        rule(
            comparison="base",
            direction="increase",
            threshold=2,
            base_year=2012,
            target_year=2015,
            horizon="target_year",
            max_lag=1,
        )
    ]
    report = judge(rows, table)
    codes = [i["code"] for i in report.to_dict()["goals"][0]["interpretations"]]
    assert codes[:2] == ["change_in_points", "latest_measurement"]
    assert report.to_dict()["goals"][0]["interpretations"][0] == {
        "code": "change_in_points",
        "threshold": 2.0,
    }
    text = words(report)["interpretation"].iloc[0]
    assert text == (
        "Målet gäller 2015; utvecklingen mot det bedöms (2 % räknat som procentenheter). "
        "Senaste värdet är från 2012."
    )


def test_values_in_percentage_points_take_singular_and_plural():
    assert format_value(1, "procentenheter", 0) == f"1{NBSP}procentenhet"
    assert format_value(0, "procentenheter", 0) == f"0{NBSP}procentenheter"
    assert format_value(-1, "procentenheter", 0) == f"\u22121{NBSP}procentenhet"
    assert format_change(1, "procentenheter", 0) == f"+1{NBSP}procentenhet"
    assert format_change(-0.5, "procentenheter", 1) == f"\u22120,5{NBSP}procentenheter"


# --- parts, context, misprints, goals measured twice, the report's words ---------------------


def test_a_context_part_is_shown_with_its_result_but_not_tested():
    table = indicators(("x", "kommunen", {2011: 58, 2013: 67}))
    rows = [
        rule(max_lag=1),
        rule(criterion=2, comparison="level", direction="at_least", threshold=75,
             horizon="long_term", max_lag=1, role="context",
             rule_text="SBA:s långsiktiga mål NKI 75"),
    ]  # fmt: skip
    report = judge(rows, table)
    assert report.goals["computed_status"].iloc[0] == "met"  # 58 → 67; 75 is not the test
    row = words(report).iloc[0]
    assert row["context"] == (
        f"Jämförelse (SBA:s långsiktiga mål NKI 75): andelen x var 67{NBSP}procent 2013, nivån "
        "nås inte."
    )
    assert "75" not in row["interpretation"]  # the reading rests on the test part only
    assert "NKI 75" not in row["rule"]


def test_a_context_row_may_only_show_values_and_a_goal_needs_a_test_row():
    table = indicators(("x", "kommunen", {2013: 1}), ("y", "kommunen", {2012: 99}))
    shown = {"goal_id": "g-1", "criterion": 2, "indicator": "y", "scope": "kommunen",
             "subject": "andelen y", "rule_text": "finns bara för 2012",
             "role": "context"}  # fmt: skip
    report = judge([rule(), shown], table)
    assert report.criteria["outcome"].tolist() == ["missing", "shown"]
    assert words(report).iloc[0]["context"].endswith(f"andelen y var 99{NBSP}procent 2012.")
    with pytest.raises(DataError) as caught:
        parse_rules(rules({**shown, "role": "test"}), table)
    assert caught.value.column == "comparison"
    with pytest.raises(DataError, match="minst en prövande rad") as caught:
        parse_rules(rules({**shown, "criterion": 1}), table)
    assert caught.value.column == "role"
    with pytest.raises(DataError) as caught:
        parse_rules(rules(rule(role="kanske")), table)
    assert caught.value.column == "role"


def test_a_target_orders_of_magnitude_off_is_flagged_as_a_likely_misprint():
    result_goal = [rule(comparison="level", direction="at_least", threshold=1.2,
                        horizon="target_year", target_year=2013,
                        subject="kommunens resultat")]  # fmt: skip
    table = indicators(("x", "kommunen", {2013: 140}))
    report = judge(result_goal, table)
    assert "implausible_target" in report.goals["flags"].iloc[0]
    assert report.goals["computed_status"].iloc[0] == "met"
    assert words(report).iloc[0]["caveats"] == (
        f"Målnivån 1,2{NBSP}procent är orimligt låg mot kommunens resultat, "
        f"140{NBSP}procent; den kan vara fel återgiven. Målet bedöms mot kommunens resultat."
    )
    # a level missed by a target far above it: the status holds for every target above it
    failed = judge(result_goal, indicators(("x", "kommunen", {2013: 0.1})))
    assert words(failed).iloc[0]["caveats"] == (
        f"Målnivån 1,2{NBSP}procent är orimligt hög mot kommunens resultat, "
        f"0,1{NBSP}procent; den kan vara fel återgiven. Målet bedöms mot kommunens resultat."
    )
    plausible = indicators(("x", "kommunen", {2013: 7.13}))
    sick = [rule(comparison="level", direction="at_most", threshold=5, horizon="annual")]
    assert "implausible_target" not in judge(sick, plausible).goals["flags"].iloc[0]


def test_a_goal_measured_twice_is_counted_once():
    table = indicators(
        ("x", "kommunen", {2012: 83, 2013: 83}), ("x", "kontor", {2012: 80, 2013: 85})
    )
    goals = goals_table("g-1", "g-2", "g-3")
    goals.loc[1, "goal"] = goals.loc[0, "goal"] + " "  # the same words, spaced differently
    report = build_assessments(
        year=2013,
        goals=goals,
        rules=parse_rules(
            rules(rule(), rule("g-2", scope="kontor"), rule("g-3", scope="kontor")), table
        ),
        indicators=table,
        assessments=NO_ASSESSMENTS,
    )
    assert [a.same_as for a in report.assessments] == [None, "g-1", None]
    distinct = report.distinct.set_index("goal_id")
    assert list(distinct.index) == ["g-1", "g-3"]
    assert distinct.loc["g-1", "n_measured"] == 2
    assert distinct.loc["g-1", "statuses"] == "not_met, met"
    assert pd.isna(distinct.loc["g-1", "status"])  # the two measurements differ
    assert distinct.loc["g-3", "status"] == "met"
    rows = words(report).set_index("id")
    assert rows.loc["g-1", "same_goal"] == "Samma KF-mål mäts en gång till under Område, mål 2."
    assert rows.loc["g-2", "same_goal"].startswith("Samma KF-mål som Område, mål 1")


def test_two_printings_that_give_different_statuses_make_the_goal_uncertain():
    from ksanalys.compute.goals.quotes import quotes_by_goal

    table = indicators(("x", "kommunen", {2011: 37, 2013: 41}))
    goals = goals_table("g-1")
    passages = pd.DataFrame(
        {
            "report_year": [2013, 2013],
            "goal_id": ["g-1", "g-1"],
            "number": [2, 1],
            "kind": ["other_figure", "reason"],
            "quote": ["Indexet är 36.", "Södertälje ligger dock långt under."],
            "value": [36.0, float("nan")],
            "source": ["s", "s"],
        }
    )
    quotes = quotes_by_goal(passages, goals, file="goal_quotes.csv")
    report = build_assessments(
        year=2013, goals=goals, rules=parse_rules(rules(rule(max_lag=1)), table),
        indicators=table, assessments=NO_ASSESSMENTS, quotes=quotes,
    )  # fmt: skip
    row = words(report).iloc[0]
    # 37 (2011) → 41: an increase (met); → 36: none (not met). The printings disagree, so
    # the goal is osäker, which the bokslut's Ok answers to.
    a = report.assessments[0]
    assert (a.status, a.figure_status, a.agreement) == ("uncertain", "met", "agree")
    assert a.alternatives == ((36.0, "not_met"),)
    assert "printings_disagree" in a.flags
    assert row["agreement_note"] == (
        "Bokslutet skriver: ”Södertälje ligger dock långt under.” På ett annat ställe anger "
        f"bokslutet 36{NBSP}procent för 2013: med 41{NBSP}procent är målet uppfyllt, med "
        f"36{NBSP}procent ej uppfyllt, så statusen är osäker."
    )
    # another printing that gives the same status leaves it as it is
    same = passages.assign(value=[40.0, float("nan")])
    again = build_assessments(
        year=2013, goals=goals, rules=parse_rules(rules(rule(max_lag=1)), table),
        indicators=table, assessments=NO_ASSESSMENTS,
        quotes=quotes_by_goal(same, goals, file="goal_quotes.csv"),
    )  # fmt: skip
    assert again.assessments[0].status == "met"
    assert "printings_disagree" not in again.assessments[0].flags
    assert (
        words(again)
        .iloc[0]["agreement_note"]
        .endswith(
            f"På ett annat ställe anger bokslutet 40{NBSP}procent för 2013; statusen blir också då "
            "uppfyllt."
        )
    )
    stray = passages.assign(goal_id=["g-9", "g-1"])
    with pytest.raises(DataError, match=r"ett mål som finns i goals\.csv") as caught:
        quotes_by_goal(stray, goals, file="goal_quotes.csv")
    assert (caught.value.row, caught.value.column) == (2, "goal_id")


def _area_report(values: dict[str, dict[int, float]], word: str):
    """Goals g-1, g-2 … (one per series, "ska öka") under "Område", rated ``word``."""
    table = indicators(*[(name, "kommunen", years) for name, years in values.items()])
    rows = [rule(goal_id=f"g-{i}", indicator=name) for i, name in enumerate(values, 1)]
    area = pd.DataFrame(
        {"report_year": [2013], "level": ["area"], "area": ["Område"], "assessment": [word],
         "source": ["test"]}
    )  # fmt: skip
    return build_assessments(
        year=2013,
        goals=goals_table(*[r["goal_id"] for r in rows]),
        rules=parse_rules(rules(*rows), table),
        indicators=table,
        assessments=area.astype({"level": "str", "area": "str", "assessment": "str"}),
    )


def test_an_area_whose_goals_all_fail_against_its_word_is_a_contrast():
    from ksanalys.compute.goals import area_contrasts
    from ksanalys.present.text.goal_counts import area_contrast_sentence

    falling = {"x": {2012: 5, 2013: 4}, "y": {2012: 3, 2013: 3}}
    found = area_contrasts(_area_report(falling, "Ok")).to_dict("records")
    assert found == [{"report_year": 2013, "area": "Område", "n_goals": 2,
                      "statuses": {"not_met": 2}, "report_assessment": "Ok",
                      "report_more_positive": True, "n_differing": 0}]  # fmt: skip
    assert area_contrast_sentence("Område", 2, {"not_met": 2}, "Ok") == (
        "Alla 2 mål under Område är enligt analysens bedömning ej uppfyllda, men bokslutet bedömer "
        "området som Ok."
    )
    # the same goals rated Har brister agree; one goal met among them is no contrast
    assert area_contrasts(_area_report(falling, "Har brister")).empty
    mixed = {"x": {2012: 5, 2013: 4}, "y": {2012: 3, 2013: 4}}
    assert area_contrasts(_area_report(mixed, "Ok")).empty
    # all met while the area is rated Har brister: the bokslut more cautious
    rising = area_contrasts(_area_report({"x": {2012: 1, 2013: 2}}, "Har brister"))
    assert rising["report_more_positive"].tolist() == [False]
    assert area_contrast_sentence("Område", 1, {"met": 1}, "Har brister") == (
        "Det enda målet under Område är enligt analysens bedömning uppfyllt, men bokslutet bedömer "
        "området som Har brister."
    )
    # an area whose goals are also followed up elsewhere says what its count is for
    assert area_contrast_sentence("Område", 2, {"not_met": 2}, "Ok", "kommunen") == (
        "Alla 2 mål under Område är enligt analysens bedömning ej uppfyllda för kommunen som "
        "helhet, "
        "men bokslutet bedömer området som Ok."
    )


def test_goals_whose_two_follow_ups_differ_are_counted_in_plain_words():
    from ksanalys.present.text.goal_counts import differing_clause, split_status, status_counts

    between = ("kommunen", "kontoret")  # the first follow-up's scope, then the second's
    # the better status leads, the worse one "inte" when it is ej uppfyllt (review r8 B6)
    assert split_status(2, ("not_met", "met"), between) == (
        "2 är uppfyllda för kontoret men inte för kommunen"
    )
    assert split_status(1, ("met", "not_met"), between) == (
        "1 är uppfyllt för kommunen men inte för kontoret"
    )
    assert split_status(2, ("uncertain", "met"), between) == (
        "2 är uppfyllda för kontoret men osäkra för kommunen"
    )
    # the count adds up: 3 + 2 goals; without the pairs the old wording stays
    assert status_counts({"met": 3}, 2, between, [("not_met", "met")] * 2) == (
        "3 uppfyllda och 2 är uppfyllda för kontoret men inte för kommunen"
    )
    assert status_counts({"met": 3}, 2, between) == (
        "3 uppfyllda och 2 mål bedöms olika för kommunen och för kontoret"
    )
    assert differing_clause((2, "kommunen", "kontoret", "met")) == (
        ", också de 2 som är uppfyllda för kontoret"
    )
    assert differing_clause((1, "kommunen", "kontoret", None)) == (
        ", också det som bedöms olika för kontoret"
    )


def test_goals_followed_up_twice_are_named_once_per_area():
    from ksanalys.present.text.goal_parts import same_goals_text

    pairs = [(1, "B", 1), (2, "B", 2), (4, "B", 3)]
    assert same_goals_text(pairs, first=True) == (
        "Mål 1, 2 och 4 följs upp en gång till under B, där som mål 1–3."
    )
    assert same_goals_text([(n, "A", m) for n, _, m in pairs], first=False, measured_for="X") == (
        "Mål 1, 2 och 4 här är samma KF-mål som mål 1–3 under A, uppföljda för X."
    )
    assert same_goals_text([(1, "A", 1), (3, "A", 4)], first=False) == (
        "Mål 1 och 3 här är samma KF-mål som mål 1 och 4 under A, uppföljda en gång till."
    )
    assert same_goals_text([(3, "A", 4)], first=False) == (
        "Mål 3 här är samma KF-mål som mål 4 under A, uppföljt en gång till."
    )


def test_a_share_is_placed_before_the_clause_that_says_who():
    from ksanalys.present.text.indicators import series_subject

    assert series_subject("andelen som anser x", "på kontoret") == (
        "andelen på kontoret som anser x"
    )
    assert series_subject("sjukfrånvaron", "i kommunen") == "sjukfrånvaron i kommunen"
    assert series_subject("sjukfrånvaron", None) == ""


def test_disagreement_directions_say_which_way_each_differing_word_leans():
    from ksanalys.compute.goals import disagreement_directions

    table = indicators(
        ("x", "kommunen", {2012: 83, 2013: 83}),  # not met
        ("y", "kommunen", {2012: 9.9, 2013: 12.5}),  # met
        ("z", "kommunen", {2012: 1, 2013: 2}),  # met
    )
    report = judge(
        [rule("g-1"), rule("g-2", indicator="y"), rule("g-3", indicator="z")], table
    )  # every goal rated Ok: g-1 Ok against ej uppfyllt, g-2 and g-3 Ok against uppfyllt
    rows = disagreement_directions(report)
    assert list(zip(rows["id"], rows["direction"], strict=True)) == [
        ("g-1", "more_positive"),
        ("g-2", "more_cautious"),
        ("g-3", "more_cautious"),
    ]
    from ksanalys.present.text.goal_counts import direction_clause

    assert direction_clause([("A", 1)], [("A", 2), ("A", 3)]) == (
        "mer positivt än analysen i 1 (1 under A) och försiktigare i 2 (alla under A)"
    )
    assert direction_clause([], [("A", 2)], name_goals=True) == (
        "försiktigare än analysen i 1 (A, mål 2)"
    )
    assert direction_clause([], []) == ""


def _readings_report(change: float, questioned=()):
    """A goal "ska öka" judged on 37 (2011) → 41 (2013), with another printing of 40 for
    2013 that states its own change ``change`` from the year before."""
    from ksanalys.compute.goals.quotes import quotes_by_goal

    table = indicators(("x", "kommunen", {2011: 37, 2013: 41}))
    goals = goals_table("g-1")
    passages = pd.DataFrame(
        {
            "report_year": [2013], "goal_id": ["g-1"], "number": [1],
            "kind": ["other_figure"], "quote": ["Indexet har ökat till 40."],
            "value": [40.0], "change": [change], "source": ["s"],
        }
    )  # fmt: skip
    return build_assessments(
        year=2013, goals=goals, rules=parse_rules(rules(rule(max_lag=1)), table),
        indicators=table, assessments=NO_ASSESSMENTS,
        quotes=quotes_by_goal(passages, goals, file="goal_quotes.csv"), questioned=questioned,
    )  # fmt: skip


def test_a_printing_with_its_own_stated_change_is_judged_as_that_reading():
    # 40 with "+4" reads 36 → 40: an increase, as 37 → 41 is: met with both readings.
    report = _readings_report(4.0)
    a = report.assessments[0]
    assert (a.status, a.readings) == ("met", ((36.0, 40.0, "met"),))
    assert "readings_agree" in a.flags and "printings_disagree" not in a.flags
    note = words(report).iloc[0]["agreement_note"]
    assert note.endswith(
        f"Bokslutet anger värdet på två sätt (36 → 40 och 37 → 41), båda en ökning med "
        f"4{NBSP}procentenheter; målet är uppfyllt med båda läsningarna."
    )


def test_readings_that_give_different_statuses_make_the_goal_uncertain():
    # 40 with "−1" reads 41 → 40, a decrease (not met), against 37 → 41 (met): osäker,
    # even where the granskning picks the year's value as the likeliest.
    from ksanalys.compute.check.questioned import QuestionedValue

    picked = (QuestionedValue("x", "kommunen", 2013, 40.0, "wrong", 41.0, "c"),)
    report = _readings_report(-1.0, picked)
    a = report.assessments[0]
    assert (a.status, a.figure_status, a.likeliest) == ("uncertain", "met", 41.0)
    assert a.settled == () and "printings_disagree" in a.flags
    note = words(report).iloc[0]["agreement_note"]
    assert note.endswith(
        "Bokslutet anger värdet på två sätt (41 → 40 och 37 → 41): med 41 → 40 ej uppfyllt, "
        "med 37 → 41 uppfyllt, så statusen är osäker. Granskningen bedömer 41 som troligast."
    )
