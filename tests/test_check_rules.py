"""Each granskning rule on small hand-made tables: a finding appears exactly when the
printed figures disagree beyond the rounding tolerance."""

from __future__ import annotations

import csv
import io

import pytest

from ksanalys.compute.check import check_tables
from ksanalys.errors import DataError
from ksanalys.load import default_data_dir, read_table
from ksanalys.load.schema import SCHEMAS
from ksanalys.present.text.check import CheckWording, report_differences

# The shipped data folder's rules across the tables (balance sheet, K/I box, …).
SHIPPED_RULES = read_table(default_data_dir() / "check_rules.csv", SCHEMAS["check_rules"], {})


def note(result, index: int) -> str:
    """The Swedish note on the finding at ``index``."""
    return CheckWording(result).note(result.records[index])


def found(result) -> list[tuple]:
    return [
        (f["table"], f["row"], f["column"], f["rule"], f["printed"], f["computed"])
        for f in result.findings.to_dict("records")
    ]


def net_cost_table(table, total: str = "300,280,20,7.1", a_pct: str = "11.1"):
    # a: 100 − 90 = 10, 10/90 = 11,1 %; b: 200 − 190 = 10, 10/190 = 5,3 %;
    # total 300 − 280 = 20, 20/280 = 7,1 %.
    return table(
        "net_cost",
        f"""
        2013,1,a,A,line,,100,90,10,{a_pct},s
        2013,2,b,B,line,,200,190,10,5.3,s
        2013,3,t,Summa,total,a+b,{total},s
        """,
    )


def test_consistent_table_has_no_findings(table):
    result = check_tables({"net_cost": net_cost_table(table)}, 2013)
    # 3 sums (net_cost, net_cost_prev, difference) + 3 differences + 3 percentages
    assert result.checks == 9
    assert found(result) == []


def test_sum_off_by_rounding_is_no_finding(table):
    # 100 + 200 = 300, printed 301: two printed terms may be 1 tkr off; 301 − 280 = 21 vs
    # printed 20 is within rounding too, and 20/280 = 7,1 %.
    result = check_tables({"net_cost": net_cost_table(table, "301,280,20,7.1")}, 2013)
    assert found(result) == []


def test_sum_beyond_tolerance_is_one_finding(table):
    # 100 + 200 = 300, printed 302: beyond ±1. The difference row (302 − 280 = 22 vs 20)
    # fails with the printed total too, so the total is not confirmed and the recomputed 300
    # is used in the later checks: 300 − 280 = 20 agrees, giving exactly one finding.
    result = check_tables({"net_cost": net_cost_table(table, "302,280,20,7.1")}, 2013)
    assert found(result) == [("net_cost", "t", "net_cost", "sum", 302.0, 300.0)]
    figure = result.figure("net_cost", "t", "net_cost")
    assert (figure.printed, figure.value, figure.differs) == (302.0, 300.0, True)
    assert "summan av raderna" in CheckWording(result).message(result.records[0])


def test_percentage_is_compared_at_its_printed_decimals(table):
    # 10/90 = 11,11 %: 11,1 is right, 11,2 is not.
    result = check_tables({"net_cost": net_cost_table(table, a_pct="11.2")}, 2013)
    assert found(result) == [("net_cost", "a", "growth_pct", "percent", 11.2, 11.1)]


@pytest.mark.parametrize(
    ("difference", "printed", "finding"),
    [
        (1, "0.1", False),  # 1/2000 = 0,05 % rounds half-up to 0,1
        (1, "0.0", True),  # half-to-even would have said 0,0
        (-1, "-0.1", False),  # −0,05 rounds away from zero
    ],
)
def test_percentage_rounds_half_up(table, difference, printed, finding):
    frame = table("net_cost", f"2013,1,a,A,line,,{2000 + difference},2000,{difference},{printed},s")
    assert (len(check_tables({"net_cost": frame}, 2013).findings) == 1) is finding


def test_budget_deviation_is_grant_minus_net_cost(table):
    def findings_for(deviation: int):
        frame = table("budget", f"2013,1,a,A,line,,1000,950,900,{deviation},s")
        return found(check_tables({"budget": frame}, 2013))

    assert findings_for(100) == []
    assert findings_for(101) == []  # 1 tkr: rounding of two printed amounts
    assert findings_for(102) == [("budget", "a", "deviation", "difference", 102.0, 100.0)]


def test_department_result_and_percentage_with_blank_grant(table):
    frame = table(
        "departments",
        """
        2013,1,a,A,line,,994,,-994,,s
        2013,2,b,B,line,,223,15177,14954,11.4,s
        2013,3,c,C,line,,2029,17754,15725,11.4,s
        """,
    )
    # a: blank grant counts as 0, 0 − (−994) = 994, no percentage printed: nothing to check.
    # b: 15 177 − 14 954 = 223 right, 223 / 15 177 = 1,47 % → 1,5, printed 11,4.
    # c: 2 029 / 17 754 = 11,43 % → 11,4 right.
    result = check_tables({"departments": frame}, 2013)
    assert found(result) == [("departments", "b", "deviation_pct", "percent", 11.4, 1.5)]
    assert result.checks == 3 + 2  # three results, two percentages


def test_resultatrakning_deviation_is_outcome_minus_budget(table):
    frame = table(
        "resultatrakning",
        """
        2013,1,personal,Personal,,line,,-130,-128,-124,3,s
        2013,2,lokaler,Lokaler,,line,,-40,-44,-45,1,s
        """,
    )
    # personal: −124 − (−128) = 4, printed 3: 1 tkr is rounding.
    # lokaler: −45 − (−44) = −1, printed 1: a sign error.
    result = check_tables({"resultatrakning": frame}, 2013)
    assert found(result) == [("resultatrakning", "lokaler", "deviation", "difference", 1.0, -1.0)]


def test_blank_component_counts_as_zero_and_is_no_term(table):
    frame = table(
        "balansrakning",
        """
        2013,1,x,X,tillgangar,,line,,100,100,s
        2013,2,y,Y,tillgangar,,line,,,,s
        2013,3,summa,S:A,tillgangar,,total,x+y,100,101,s
        """,
    )
    # Only one printed term: 101 against 100 must be identical.
    result = check_tables({"balansrakning": frame}, 2013)
    assert found(result) == [("balansrakning", "summa", "balance", "sum", 101.0, 100.0)]
    assert "Tomma rader som troligen döljer belopp: Y." in note(result, 0)


def balance_sheet(table, opening: int = 60, equity: int = 40):
    # Assets 100 both years. 2013 equity side: opening + result + debts.
    total = f"total,ingaende_balans+arets_resultat+skulder,100,{opening + equity}"
    return table(
        "balansrakning",
        f"""
        2013,1,anlaggningstillgangar,A,tillgangar,,line,,100,100,s
        2013,2,summa_tillgangar,S:A TILLGÅNGAR,tillgangar,,total,anlaggningstillgangar,100,100,s
        2013,3,ingaende_balans,IB,eget_kapital_skulder,,line,,50,{opening},s
        2013,4,arets_resultat,ÅR,eget_kapital_skulder,,line,,10,0,s
        2013,5,skulder,Skulder,eget_kapital_skulder,,line,,40,{equity},s
        2013,6,summa_skulder_eget_kapital,S:A,eget_kapital_skulder,,{total},s
        """,
    )


def test_balance_sheet_balances_and_opening_equity_follows(table):
    result = check_tables({"balansrakning": balance_sheet(table)}, 2013, rules=SHIPPED_RULES)
    # 2 + 2 sums, 2 balance checks, 1 opening equity (50 + 10 = 60)
    assert result.checks == 7
    assert found(result) == []


def test_assets_differing_from_equity_and_liabilities(table):
    # Equity side adds up (60 + 0 + 30 = 90) but assets are 100.
    frame = balance_sheet(table, equity=30)
    result = check_tables({"balansrakning": frame}, 2013, rules=SHIPPED_RULES)
    assert found(result) == [
        ("balansrakning", "summa_skulder_eget_kapital", "balance", "balance", 90.0, 100.0)
    ]


@pytest.mark.parametrize(("opening", "finding"), [(61, False), (62, True)])
def test_opening_equity_is_previous_opening_plus_result(table, opening, finding):
    # 50 + 10 = 60: 61 is within the rounding of two terms, 62 is not.
    frame = balance_sheet(table, opening=opening, equity=100 - opening)
    result = check_tables({"balansrakning": frame}, 2013, rules=SHIPPED_RULES)
    rules = [f[3] for f in found(result)]
    assert rules == (["opening_equity"] if finding else [])


def test_same_figure_in_two_tables_must_be_identical(table):
    budget = table("budget", "2013,1,politisk_ledning,PL,line,,65985,67185,66857,-872,s")
    departments = table("departments", "2013,1,politisk_ledning,PL,line,,-871,65986,66857,-1.3,s")
    # departments: 65 986 − 66 857 = −871 and −871/65 986 = −1,3 % agree within the row,
    # but the grant and result differ by 1 tkr from budget.csv's 65 985 and −872.
    result = check_tables({"budget": budget, "departments": departments}, 2013)
    assert found(result) == [
        ("departments", "politisk_ledning", "grant", "same_figure", 65986.0, 65985.0),
        ("departments", "politisk_ledning", "result", "same_figure", -871.0, -872.0),
    ]


@pytest.mark.parametrize(("ratio", "finding"), [("0.97", False), ("0.98", True)])
def test_ki_ratio_at_two_decimals(table, ratio, finding):
    frame = table(
        "ki",
        f"""
        2013,1,kostnader_totalt,Kostnader totalt,323415,tkr,s
        2013,2,intakter_totalt,Intäkter totalt,38719,tkr,s
        2013,3,kommunbidrag_totalt,Kommunbidrag totalt,293963,tkr,s
        2013,4,ki_tal,K/I-tal,{ratio},kvot,s
        """,
    )
    # 323 415 / (38 719 + 293 963) = 0,9721
    assert found(check_tables({"ki": frame}, 2013, rules=SHIPPED_RULES)) == (
        [("ki", "ki_tal", "value", "ki", 0.98, 0.97)] if finding else []
    )


@pytest.mark.parametrize("printed_prev", [500, 501])
def test_a_restated_previous_year_column_is_no_finding(table, printed_prev):
    growth = f"{510 - printed_prev},{(510 - printed_prev) / printed_prev * 100:.1f}"
    frame = table(
        "net_cost",
        f"""
        2012,1,a,A,line,,500,480,20,4.2,s
        2013,1,a,A,line,,510,{printed_prev},{growth},s
        """,
    )
    # A comparison column that differs from the previous report is a restatement
    # (ksanalys.compute.revisions, tests/test_vintage.py), not an error of either report.
    assert found(check_tables({"net_cost": frame}, 2013)) == []


def income_statement(table, vnk: int):
    # Income lines: a blank line and 100; SUMMA INTÄKTER printed 150 (50 hidden).
    return table(
        "resultatrakning",
        f"""
        2013,1,avgifter_taxor,Avgifter och taxor,,line,,,,,,s
        2013,2,driftbidrag,Driftbidrag,,line,,,,100,,s
        2013,3,summa_intakter,SUMMA INTÄKTER,,subtotal,avgifter_taxor+driftbidrag,,,150,,s
        2013,4,personal,Personal,,line,,,,-120,,s
        2013,5,summa_kostnader,SUMMA KOSTNADER,,subtotal,personal,,,-120,,s
        2013,6,verksamhetens_nettokostnad,VNK,,subtotal,summa_intakter+summa_kostnader,,,{vnk},,s
        """,
    )


def test_total_confirmed_elsewhere_keeps_its_printed_value(table):
    # 150 − 120 = 30 = printed VNK confirms SUMMA INTÄKTER; only the sum of its lines fails.
    result = check_tables({"resultatrakning": income_statement(table, 30)}, 2013)
    assert found(result) == [("resultatrakning", "summa_intakter", "outcome", "sum", 150.0, 100.0)]
    figure = result.figure("resultatrakning", "summa_intakter", "outcome")
    assert (figure.value, figure.differs) == (150.0, True)
    assert "stämmer med en annan uppgift i bokslutet" in note(result, 0)


def test_unconfirmed_total_is_replaced_in_later_checks(table):
    # VNK printed −20 = 100 − 120: it agrees with the lines, not with the printed 150, so
    # SUMMA INTÄKTER is replaced by 100 and VNK is no finding.
    result = check_tables({"resultatrakning": income_statement(table, -20)}, 2013)
    assert found(result) == [("resultatrakning", "summa_intakter", "outcome", "sum", 150.0, 100.0)]
    assert result.figure("resultatrakning", "summa_intakter", "outcome").value == 100.0
    unchecked = result.figure("resultatrakning", "personal", "outcome")
    assert (unchecked.value, unchecked.differs) == (-120.0, False)


def claims_table(table, rows: str):
    """claims.csv rows written without ``other_reading`` (it is left blank)."""
    lines = [line.strip() for line in rows.strip().splitlines() if line.strip()]
    fields = [next(csv.reader([line])) for line in lines]
    at = SCHEMAS["claims"].column_names.index("other_reading")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*row[:at], "", *row[at:]] for row in fields)
    return table("claims", out.getvalue())


def indicators_table(table):
    return table(
        "indicators",
        """
        spec,kommunen,2012,,14.81,procent,,s,q,
        spec,kommunen,2013,,15,procent,,s,q,
        """,
    )


def test_claims_are_compared_at_their_printed_decimals(table):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    deviation, grant = "{budget:kommunstyrelsen:deviation}", "{budget:kommunstyrelsen:grant}"
    forecast = "({budget:kommunstyrelsen:forecast} - {budget:kommunstyrelsen:net_cost}) / 1000"
    claims = claims_table(
        table,
        f"""
        2013,ok-mkr,S,"överskott på 9,3 mkr",9.3,mkr,1,{deviation} / 1000,,s,
        2013,fel-mkr,S,"överskott på 9,2 mkr",9.2,mkr,1,{deviation} / 1000,,s,
        2013,ok-procent,S,"3,2 procent",3.2,procent,1,100 * {deviation} / {grant},,s,
        2013,prognos,S,"4,5 mkr bättre",4.5,mkr,1,{forecast},forecast_deviation_tkr,s,
        2013,avrundat,S,specialister 15 procent,15,procent,0,{{indicator:spec:kommunen:2012}},,s,
        2013,grovt-lagrat,S,"14,8 procent",14.8,procent,1,{{indicator:spec:kommunen:2013}},,s,
        2012,annat-ar,S,ett annat år,1,mkr,1,{deviation},,s,
        """,
    )
    result = check_tables(
        {"budget": budget}, 2013, claims=claims, indicators=indicators_table(table)
    )
    # 9 266 tkr → 9,3 mkr; 9 266 / 293 963 = 3,15 % → 3,2; 287 493 − 284 697 = 2 796 → 2,8;
    # 14,81 → 15 at 0 decimals; 14,8 against 15 (stored without decimals) compares at 0.
    assert found(result) == [
        ("claims", "fel-mkr", "value", "claim", 9.2, 9.3),
        ("claims", "prognos", "value", "claim", 4.5, 2.8),
    ]
    assert result.claim("prognos").value == pytest.approx(2.796)
    assert result.claim("ok-mkr").differs is False
    # budget.csv alone: one check (deviation = grant − net_cost); six claims of 2013.
    assert result.checks == 1 + 6
    # Only a claim that says which sentence it restates reaches the narrative.
    assert report_differences(result) == {"forecast_deviation_tkr": "4,5\u00a0mkr"}


@pytest.mark.parametrize(
    "restates",
    ["overskott", "nosuch.deviation_tkr", "kommunstyrelsen.grant_change_pct", "indicator:x:y:2013"],
)
def test_claim_restating_an_unknown_statement_is_a_data_error(table, restates):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    claims = claims_table(
        table,
        f"""
        2013,ok,S,q,9.3,mkr,1,{{budget:kommunstyrelsen:deviation}} / 1000,deviation_tkr,s,
        2013,bad,S,q,9.3,mkr,1,{{budget:kommunstyrelsen:deviation}} / 1000,{restates},s,
        """,
    )
    with pytest.raises(DataError) as error:
        check_tables({"budget": budget}, 2013, claims=claims)
    assert (error.value.file, error.value.row, error.value.column) == ("claims.csv", 3, "restates")
    assert error.value.found == restates
    assert "forecast_deviation_tkr" in error.value.expected


def test_claim_may_restate_a_unit_figure_or_an_indicator(table):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    spec, mkr = "{indicator:spec:kommunen:2013}", "{budget:kommunstyrelsen:deviation} / 1000"
    claims = claims_table(
        table,
        f"""
        2013,a,S,q,9.3,mkr,1,{mkr},kommunstyrelsen.deviation_tkr,s,
        2013,b,S,q,16,procent,0,{spec},indicator:spec:kommunen:2013,s,
        """,
    )
    result = check_tables(
        {"budget": budget}, 2013, claims=claims, indicators=indicators_table(table)
    )
    assert report_differences(result) == {"indicator:spec:kommunen:2013": "16\u00a0procent"}


@pytest.mark.parametrize(
    ("expression", "found_text"),
    [
        ("{budget:kommunstyrelsen:deviation} +", None),
        ("{budget:kommunstyrelsen:nosuch}", "{budget:kommunstyrelsen:nosuch}"),
        ("{indicator:spec:kommunen:2011}", "{indicator:spec:kommunen:2011}"),
    ],
)
def test_bad_claim_expression_is_a_data_error(table, expression, found_text):
    budget = table("budget", "2013,1,kommunstyrelsen,Summa,line,,293963,287493,284697,9266,s")
    claims = claims_table(
        table,
        f"""
        2013,ok,S,q,9.3,mkr,1,{{budget:kommunstyrelsen:deviation}} / 1000,,s,
        2013,bad,S,q,1,mkr,1,{expression},,s,
        """,
    )
    with pytest.raises(DataError) as error:
        check_tables({"budget": budget}, 2013, claims=claims, indicators=indicators_table(table))
    assert (error.value.file, error.value.row, error.value.column) == (
        "claims.csv",
        3,
        "expression",
    )
    assert error.value.found == found_text


def departments_with_wrong_total_grant(table, total_pct: str):
    # a: 100 − 90 = 10 (10,0 %), b: 200 − 180 = 20 (10,0 %). The total prints grant 400
    # where a + b = 300; its result 30 and net cost 270 agree with their lines.
    return table(
        "departments",
        f"""
        2013,1,a,A,line,,10,100,90,10.0,s
        2013,2,b,B,line,,20,200,180,10.0,s
        2013,3,t,Nämnden totalt,total,a+b,30,400,270,{total_pct},s
        """,
    )


def percent_note(result) -> str:
    rules = result.findings["rule"].tolist()
    return note(result, rules.index("percent"))


def test_percentage_from_a_flagged_amount_names_that_amount(table):
    # 7,5 % = 30 / 400 follows from the printed grant, which the sum flags and replaces by
    # 300 (30 / 300 = 10,0 %): the note puts the error in the grant, not the percentage.
    frame = departments_with_wrong_total_grant(table, "7.5")
    result = check_tables({"departments": frame}, 2013)
    assert found(result) == [
        ("departments", "t", "grant", "sum", 400.0, 300.0),
        ("departments", "t", "deviation_pct", "percent", 7.5, 10.0),
    ]
    note = percent_note(result)
    assert "följer av det tryckta värdet för Nämndbidrag 2013" in note
    assert "stämmer med andra uppgifter" not in note


def test_percentage_wrong_also_with_the_printed_amount(table):
    # 12,0 % matches neither 30 / 400 = 7,5 nor 30 / 300 = 10,0.
    frame = departments_with_wrong_total_grant(table, "12.0")
    note = percent_note(check_tables({"departments": frame}, 2013))
    assert note.startswith("Procentsatsen räknas ur Nämndbidrag 2013, som en annan kontroll")
    assert "stämmer med andra uppgifter" not in note


def test_percentage_with_confirmed_amounts_puts_the_error_in_the_percentage(table):
    # 15 177 − 14 954 = 223 agrees, so the amounts are confirmed; 223 / 15 177 = 1,5 ≠ 11,4.
    frame = table("departments", "2013,1,b,B,line,,223,15177,14954,11.4,s")
    note = percent_note(check_tables({"departments": frame}, 2013))
    assert (
        note == "Beloppen stämmer med andra uppgifter i bokslutet, så felet sitter troligen i "
        "procentsatsen."
    )
