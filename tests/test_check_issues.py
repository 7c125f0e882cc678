"""Findings grouped into the deviations a reader meets, and ranked: on tiny hand-made reports,
each way one misprint shows in several figures, and the order (result first, then money
misprinted, then percentage points; a percentage is never turned into money)."""

from __future__ import annotations

import textwrap

from ksanalys.compute.check import check_tables, check_year
from ksanalys.compute.check.issues import group_issues
from ksanalys.load import load_dataset
from ksanalys.present.text.check import CheckWording
from ksanalys.present.text.check_issues import IssueWording, issues_opening


def issues(result) -> list[tuple]:
    """(lead row, lead column, [(relation, row, column)]) per issue, in rank order."""
    return [
        (
            issue.lead.check.target.row,
            issue.lead.check.target.column,
            [(kind, f.check.target.row, f.check.target.column) for kind, f in issue.related],
        )
        for issue in group_issues(result.records)
    ]


def departments(table, rows: str):
    return table("departments", textwrap.dedent(rows))


def test_a_percentage_computed_from_a_wrong_amount_is_the_same_deviation(table):
    # The total prints grant 400 where a + b = 300; its 7,5 % = 30 / 400 follows from it.
    frame = departments(
        table,
        """
        2013,1,a,A,line,,10,100,90,10.0,s
        2013,2,b,B,line,,20,200,180,10.0,s
        2013,3,t,Totalt,total,a+b,30,400,270,7.5,s
        """,
    )
    found = issues(check_tables({"departments": frame}, 2013))
    assert found == [("t", "grant", [("follows", "t", "deviation_pct")])]
    [issue] = group_issues(check_tables({"departments": frame}, 2013).records)
    assert issue.amount_tkr == 100  # the grant's 100 tkr; the percentage adds no money


def test_a_figure_printed_with_another_deviating_rows_value_joins_that_deviation(table):
    # a: 10 / 100 = 10,0 %, printed 1,0. b: 20 / 400 = 5,0 %, printed 10,0: a's value.
    frame = departments(
        table,
        """
        2013,1,a,A,line,,10,100,90,1.0,s
        2013,2,b,B,line,,20,400,380,10.0,s
        """,
    )
    result = check_tables({"departments": frame}, 2013)
    assert issues(result) == [("a", "deviation_pct", [("points_to", "b", "deviation_pct")])]
    [issue] = group_issues(result.records)
    assert (issue.amount_tkr, issue.points) == (0, 9)  # 9 percentage points, no tkr
    wording = IssueWording(CheckWording(result))
    assert wording.wrong(issue) == (
        "A (Avvikelse %) är tryckt som 1,0\u00a0procent, men beloppen ger 10,0\u00a0procent. "
        "Avvikelse % för B är tryckt som 10,0\u00a0procent, vilket är det värde A ska ha; "
        "radens egna belopp ger 5,0\u00a0procent. Se tabellen Resultat per avdelning i "
        "bokslutet."
    )


def test_one_statement_quoted_in_two_sections_is_one_deviation(table):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    forecast = "({budget:kommunstyrelsen:forecast} - {budget:kommunstyrelsen:net_cost}) / 1000"
    claims = table(
        "claims",
        f"""
        2013,a,Ett,"4,5 mkr bättre",4.5,mkr,1,{forecast},,forecast_deviation_tkr,s,
        2013,b,Två,"4,5 mkr bättre",4.5,mkr,1,{forecast},,forecast_deviation_tkr,s,
        2013,c,Tre,"2,0 mkr",2.0,mkr,1,{{budget:kommunstyrelsen:deviation}} / 1000,,,s,
        """,
    )
    result = check_tables({"budget": budget}, 2013, claims=claims)
    # a and b state the same (1,7 mkr off); c another figure (7,3 mkr off) ranks first.
    assert issues(result) == [("c", "value", []), ("a", "value", [("repeats", "b", "value")])]


def test_a_sum_over_blank_lines_failing_in_two_columns_is_one_deviation(table):
    frame = table(
        "balansrakning",
        """
        2013,1,x,X,tillgangar,,line,,100,100,s
        2013,2,y,Y,tillgangar,,line,,,,s
        2013,3,summa,S:A,tillgangar,,total,x+y,120,130,s
        """,
    )
    result = check_tables({"balansrakning": frame}, 2013)
    assert issues(result) == [("summa", "balance", [("same_row", "summa", "balance_prev")])]


def test_money_misprinted_ranks_before_percentage_points_and_the_result_before_all(table):
    # a's percentage is 9 points off (no money); the total's grant 350 is 50 tkr more than
    # a + b; the board's budget deviation 150 for 1 000 − 900 = 100 changes the result.
    frame = departments(
        table,
        """
        2013,1,a,A,line,,10,100,90,1.0,s
        2013,2,b,B,line,,20,200,180,10.0,s
        2013,3,t,Totalt,total,a+b,30,350,270,,s
        """,
    )
    budget = table("budget", "2013,1,namnden,Summa,line,,1000,950,900,150,s")
    board = table("board", "namnden,Nämnden,nämnden,nämndens,N,")
    result = check_tables({"departments": frame, "budget": budget, "board": board}, 2013)
    ranked = group_issues(result.records, result.board)
    leads = [(i.lead.check.target.table, i.lead.check.target.row) for i in ranked]
    assert leads == [("budget", "namnden"), ("departments", "t"), ("departments", "a")]
    assert [i.changes_result for i in ranked] == [True, False, False]
    assert [int(i.amount_tkr) for i in ranked] == [50, 50, 0]
    assert issues_opening(result.checks, 2013, ranked, "100 tkr") == (
        f"Granskningen gjorde {result.checks} kontroller av talen i bokslutet för 2013. Den "
        "fann 3 avvikelser, i sammanlagt 3 tryckta tal. En av dem ändrar årets resultat "
        "(100 tkr)."
    )


def test_a_deviation_that_can_change_the_result_ranks_before_larger_ones_that_cannot():
    # Review r9 A8, on the 2013 bokslut: SUMMA KOSTNADER is 310 355 − 307 973 = 2 382 tkr
    # larger than its rows, and the result adds it through sums that add up, so the result is
    # wrong if the sum is; the nämndbidrag printed 297 469 (2012's kommunbidrag) instead of
    # 293 963 is 3 506 tkr off but changes no result. The cost sum comes first.
    result = check_year(load_dataset(), 2013)
    ranked = group_issues(result.records, result.board)
    leads = [(i.lead.check.target.table, i.lead.check.target.row) for i in ranked[:2]]
    assert leads == [("resultatrakning", "summa_kostnader"), ("departments", "kommunstyrelsen")]
    assert [int(i.amount_tkr) for i in ranked[:2]] == [2382, 3506]
    assert [(i.changes_result, i.may_change_result) for i in ranked[:2]] == [
        (False, True),
        (False, False),
    ]
    assert sum(i.may_change_result for i in ranked) == 1
