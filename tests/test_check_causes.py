"""Each cause code of the granskning on a tiny hand-made report: the cause, what the printed
figure most likely is, the weight in tkr and whether it changes the result."""

from __future__ import annotations

import textwrap

import pytest

from ksanalys.compute.check import check_tables
from ksanalys.compute.check.expressions import Cell, bind_year, parse


def causes(result) -> list[tuple]:
    return [(c.code, [f.check.target.row for f in c.findings]) for c in result.causes()]


def net_cost(table, total: str):
    # a: 100 − 90 = 10 (11,1 %), b: 200 − 190 = 10 (5,3 %), total 300 − 280 = 20 (7,1 %).
    return table(
        "net_cost",
        f"""
        2013,1,a,A,line,,100,90,10,11.1,s
        2013,2,b,B,line,,200,190,10,5.3,s
        2013,3,t,Summa,total,a+b,{total},s
        """,
    )


def test_wrong_year_a_total_printed_with_the_previous_years_value(table):
    # The total prints 280 for 2013, the previous year's 280: 100 + 200 = 300.
    result = check_tables({"net_cost": net_cost(table, "280,280,20,7.1")}, 2013)
    assert causes(result) == [("wrong_year", ["t"])]
    finding = result.records[0]
    assert finding.likely == Cell("net_cost", "t", "net_cost_prev", 2013)
    assert finding.weight_tkr == 20


def test_sum_does_not_add_when_no_likelier_value_is_found(table):
    result = check_tables({"net_cost": net_cost(table, "302,280,20,7.1")}, 2013)
    assert causes(result) == [("sum_does_not_add", ["t"])]
    assert result.records[0].likely is None


def test_missing_value_a_sum_over_blank_lines(table):
    frame = table(
        "balansrakning",
        """
        2013,1,x,X,tillgangar,,line,,100,100,s
        2013,2,y,Y,tillgangar,,line,,,,s
        2013,3,summa,S:A,tillgangar,,total,x+y,100,130,s
        """,
    )
    result = check_tables({"balansrakning": frame}, 2013)
    assert causes(result) == [("missing_value", ["summa"])]
    assert result.records[0].blank_terms == (Cell("balansrakning", "y", "balance", 2013),)


def departments(table, rows: str):
    return table("departments", textwrap.dedent(rows))


def test_comparison_column_a_percentage_of_the_wrong_amount(table):
    # 20 / 200 = 10,0 % of the grant; printed 11,1 = 20 / 180, a share of net cost.
    frame = departments(table, "2013,1,a,A,line,,20,200,180,11.1,s")
    result = check_tables({"departments": frame}, 2013)
    assert causes(result) == [("comparison_column", ["a"])]
    finding = result.records[0]
    expected = parse("100 * {departments:a:result} / {departments:a:net_cost}")
    assert finding.likely == bind_year(expected, 2013)
    # A percentage misprints no money: 1,1 percentage points are not turned into tkr.
    assert finding.weight_tkr == 0


def test_other_row_a_percentage_printed_from_the_row_above(table):
    # b: 20 / 400 = 5,0 %, printed 10,0: the value of a (10 / 100).
    frame = departments(
        table,
        """
        2013,1,a,A,line,,10,100,90,10.0,s
        2013,2,b,B,line,,20,400,380,10.0,s
        """,
    )
    result = check_tables({"departments": frame}, 2013)
    assert causes(result) == [("other_row", ["b"])]
    assert result.records[0].likely == Cell("departments", "a", "deviation_pct", 2013)


def test_does_not_follow_and_a_wrong_result_changes_the_result(table):
    # The board's budget deviation 1 000 − 900 = 100, printed 150.
    frame = table("budget", "2013,1,namnden,Summa,line,,1000,950,900,150,s")
    board = table("board", "namnden,Nämnden,nämnden,nämndens,N,")
    result = check_tables({"budget": frame, "board": board}, 2013)
    [cause] = result.causes()
    assert (cause.code, cause.weight_tkr, cause.changes_result) == ("does_not_follow", 50, True)


def test_a_wrong_line_does_not_change_the_result(table):
    frame = table(
        "resultatrakning",
        """
        2013,1,personal,Personal,,line,,-130,-128,-124,4,s
        2013,2,lokaler,Lokaler,,line,,-40,-44,-45,1,s
        """,
    )
    [cause] = check_tables({"resultatrakning": frame}, 2013).causes()
    assert (cause.code, cause.changes_result) == ("does_not_follow", False)


def test_text_vs_table_a_claim_the_tables_do_not_give(table):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    forecast = "({budget:kommunstyrelsen:forecast} - {budget:kommunstyrelsen:net_cost}) / 1000"
    claims = table(
        "claims",
        f'2013,prognos,S,"4,5 mkr bättre",4.5,mkr,1,{forecast},,forecast_deviation_tkr,s,',
    )
    result = check_tables({"budget": budget}, 2013, claims=claims)
    [cause] = result.causes()
    assert (cause.code, cause.weight_tkr, cause.changes_result) == ("text_vs_table", 1700, False)
    assert cause.findings[0].likely is None


def test_wrong_year_a_claim_stating_last_years_indicator(table):
    indicators = table(
        "indicators",
        """
        sjuk,kontor,2012,,4.55,procent,,s,q,
        sjuk,kontor,2013,,4.54,procent,,s,q,
        """,
    )
    claims = table("claims", "2013,sjuk,S,q,4.55,procent,2,{indicator:sjuk:kontor:2013},,,s,")
    result = check_tables({}, 2013, claims=claims, indicators=indicators)
    assert causes(result) == [("wrong_year", ["sjuk"])]
    assert str(result.records[0].likely) == str(parse("{indicator:sjuk:kontor:2012}"))


def test_a_percentage_follows_the_amount_it_is_computed_from(table):
    # The total prints grant 400 where a + b = 300; its 7,5 % = 30 / 400 follows from it.
    frame = departments(
        table,
        """
        2013,1,a,A,line,,10,100,90,10.0,s
        2013,2,b,B,line,,20,200,180,10.0,s
        2013,3,t,Totalt,total,a+b,30,400,270,7.5,s
        """,
    )
    result = check_tables({"departments": frame}, 2013)
    grant, share = result.records
    assert (grant.check.target.column, share.check.target.column) == ("grant", "deviation_pct")
    assert share.follows == grant.check.target and share.cause == grant.cause
    assert share.weight_tkr == 0


def test_rounding_only_differences_are_their_own_cause_and_change_nothing(table):
    # 1 000 − 900 = 100, printed 101: within the rounding of two printed amounts.
    frame = table("budget", "2013,1,kommunstyrelsen,Summa,line,,1000,950,900,101,s")
    result = check_tables({"budget": frame}, 2013)
    assert result.findings.empty
    [cause] = result.causes()
    assert (cause.code, cause.weight_tkr, cause.changes_result) == ("rounding", 1, False)
    assert cause.findings[0].exact == 100


def test_a_figure_with_few_digits_is_not_named_by_an_equal_value(table):
    # b: 2 / 40 = 5,0 %, printed 1,0, which equals a's 1,0 %: two digits say too little.
    frame = departments(
        table,
        """
        2013,1,a,A,line,,1,100,99,1.0,s
        2013,2,b,B,line,,2,40,38,1.0,s
        """,
    )
    result = check_tables({"departments": frame}, 2013)
    assert causes(result) == [("does_not_follow", ["b"])]
    assert result.records[0].likely is None


def test_every_rule_and_cause_code_is_worded_once():
    from ksanalys.compute.check.causes import CAUSES
    from ksanalys.compute.check.rules import RULES
    from ksanalys.present.text import check as words

    assert set(words.RULE_TITLES) == set(words.RULE_MEANINGS) == set(RULES)
    assert set(words.CAUSE_TITLES) == set(words.CAUSE_MEANINGS) == set(CAUSES)


def income_statement(table, other: str, total: str):
    # Lines a and b, with "other" printed as given; the sum printed as given, in the
    # columns previous year, budget, outcome, deviation (= outcome − budget).
    return table(
        "resultatrakning",
        f"""
        2013,1,a,A,,line,,-100,-100,-110,-10,s
        2013,2,b,B,,line,,-50,-60,-60,0,s
        2013,3,c,C,,line,,0,0,{other},s
        2013,4,t,Summa,,subtotal,a+b+c,{total},s
        """,
    )


def test_missing_line_one_zero_line_explains_the_sum_in_two_columns(table):
    # Outcome: −110 − 60 + 0 = −170, printed −200 (gap −30); deviation: −10 + 0 + 0 = −10,
    # printed −40 (gap −30). C printed 0 against a budget of 0: at −30 it explains both, and
    # its own deviation −30 − 0 = −30 holds.
    frame = income_statement(table, "0,0", "-150,-160,-200,-40")
    result = check_tables({"resultatrakning": frame}, 2013)
    assert causes(result) == [("missing_line", ["t", "t"])]
    assert [(f.likely, f.likely_value) for f in result.records] == [
        (Cell("resultatrakning", "c", "outcome", 2013), -30),
        (Cell("resultatrakning", "c", "deviation", 2013), -30),
    ]
    assert result.likely_line("resultatrakning", "t", "outcome").value == -30


@pytest.mark.parametrize(
    ("stated", "certainty", "with_sum", "with_rows"),
    [
        # "ökade med 20": the rows rise 150 → 170 = 20, the printed sum 150 → 200 = 50.
        (20, "undecided", None, 20),
        # "ökade med 50" fits the printed sum only: the line stays likely.
        (50, "likely", 50, None),
    ],
)
def test_a_text_claim_on_the_sum_weighs_the_missing_line(
    table, stated, certainty, with_sum, with_rows
):
    frame = income_statement(table, "0,0", "-150,-160,-200,-40")
    rise = "{resultatrakning:t:outcome_prev} - {resultatrakning:t:outcome}"
    claims = table("claims", f"2013,kost,S,ökade,{stated},tkr,0,{rise},,,s,")
    result = check_tables({"resultatrakning": frame}, 2013, claims=claims)
    # The claim speaks for the sum's whole row: outcome and deviation alike.
    for column in ("outcome", "deviation"):
        line = result.likely_line("resultatrakning", "t", column)
        assert line is not None and line.value == -30 and line.certainty == certainty
        [text] = line.texts
        assert (text.claim.target.row, text.with_sum, text.with_rows) == (
            "kost",
            with_sum,
            with_rows,
        )


def test_a_second_reading_of_a_claim_can_fit_the_rows(table):
    # "ökade med 50" read as the sum's rise fits the printed sum (−150 → −200); its other
    # reading, the rise plus 30 (another item the words may include), fits the rows
    # (−150 → −170: 20 + 30 = 50). Both fit: the text does not decide.
    frame = income_statement(table, "0,0", "-150,-160,-200,-40")
    rise = "{resultatrakning:t:outcome_prev} - {resultatrakning:t:outcome}"
    claims = table("claims", f'2013,kost,S,ökade,50,tkr,0,{rise},"{rise} + 30",,s,')
    result = check_tables({"resultatrakning": frame}, 2013, claims=claims)
    assert all(f.check.rule != "claim" for f in result.records)  # checked on its expression
    line = result.likely_line("resultatrakning", "t", "outcome")
    assert line is not None and line.certainty == "undecided"
    assert [(t.with_sum, t.with_rows) for t in line.texts] == [(50, 50)]


def test_missing_line_not_named_when_the_gaps_disagree_with_one_line(table):
    # Outcome gap −30 but deviation gap −20: no single line's amount gives both.
    frame = income_statement(table, "0,0", "-150,-160,-200,-30")
    result = check_tables({"resultatrakning": frame}, 2013)
    assert {c.code for c in result.causes()} == {"sum_does_not_add"}
    assert result.likely_lines() == ()


def test_missing_line_not_named_in_one_column_only(table):
    # Only the outcome fails (the deviation column adds up): nothing confirms which line.
    frame = income_statement(table, "0,0", "-150,-160,-200,-10")
    result = check_tables({"resultatrakning": frame}, 2013)
    assert "missing_line" not in {c.code for c in result.causes()}
