"""Present stage: the granskning (check) in Swedish: findings and what the bokslut printed."""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.check.expressions import (
    BinaryOp,
    Cell,
    ExpressionError,
    Indicator,
    parse,
    references,
)
from ksanalys.compute.check.rules import RULE_TITLES
from ksanalys.present import swedish
from ksanalys.present.swedish import format_change, format_quantity
from ksanalys.present.text.words import join_words

BOARD = "kommunstyrelsen"


def finding_line(finding: dict) -> str:
    """One finding as a Swedish sentence with the numbers formatted."""
    unit, decimals = finding["unit"], int(finding["decimals"])
    line = (
        f"{finding['where']}: tryckt {format_quantity(finding['printed'], unit, decimals)}, "
        f"ska vara {format_quantity(finding['computed'], unit, decimals)} "
        f"(skillnad {format_change(finding['difference'], unit, decimals)}) enligt "
        f"{RULE_TITLES[finding['rule']]}: {finding['formula']}."
    )
    if finding["note"]:
        line += f" {finding['note']}"
    return line


def indicator_key(kind: str, indicator: str, scope: str, year: int, period: object) -> str:
    """Statement key of an indicator value or change; the period only when there is one."""
    key = f"{kind}:{indicator}:{scope}:{year}"
    return f"{key}:{period}" if isinstance(period, str) and period else key


def claim_statement_key(expression: str, unit: str) -> str | None:
    """The statement key (see the module docstring) a claim of the report is about, read
    from the figures its expression rests on, or None when no sentence here states it.

    Indicator claims get ``"indicator:<indicator>:<scope>:<year>"`` for a value and
    ``"indicator_change:<indicator>:<scope>:<year>"`` for a change between two years, each
    followed by ``":<period>"`` when the value is one of several in its year (see
    :func:`indicator_key`).
    """
    try:
        node = parse(expression)
    except ExpressionError:
        return None
    refs = references(node)
    cells = [r for r in refs if isinstance(r, Cell)]
    indicators = [r for r in refs if isinstance(r, Indicator)]
    if indicators:
        first = indicators[0]
        if isinstance(node, Indicator):
            return indicator_key(
                "indicator", first.indicator, first.scope, first.year, first.period
            )
        same_series = {(r.indicator, r.scope, r.period) for r in indicators} == {
            (first.indicator, first.scope, first.period)
        }
        if (
            isinstance(node, BinaryOp)
            and node.op == "-"
            and not cells
            and len(indicators) == 2
            and isinstance(node.left, Indicator)
            and isinstance(node.right, Indicator)
            and same_series
            and node.left.year != node.right.year
        ):
            later = max(indicators, key=lambda r: r.year)
            return indicator_key(
                "indicator_change", later.indicator, later.scope, later.year, later.period
            )
        return None
    rows = {c.row for c in cells}
    if len(rows) != 1:
        return None
    row = rows.pop()
    tables = {c.table for c in cells}
    columns = {c.column for c in cells}
    prefix = "" if row == BOARD else f"{row}."
    percent_unit = unit == "procent"
    if tables == {"resultatrakning"} and row == "kommunbidrag":
        return "grant_change_pct" if percent_unit else None
    if "forecast" in columns:
        return prefix + "forecast_deviation_tkr"
    if columns & {"deviation", "result"}:
        if percent_unit:
            return "result_share_of_grant_pct" if row == BOARD else f"{row}.deviation_pct"
        return prefix + "deviation_tkr"
    if tables == {"net_cost"} and columns == {"net_cost"} and not percent_unit:
        return prefix + "net_cost"
    if tables == {"net_cost"} and columns == {"net_cost", "net_cost_prev"}:
        return prefix + ("growth_pct" if percent_unit else "growth_tkr")
    return None


def report_differences(findings: pd.DataFrame, claims: pd.DataFrame | None) -> dict[str, str]:
    """What the report's text printed, by statement key, for every claim the
    reconciliation found to differ from the computed value.

    ``findings``: :attr:`ksanalys.compute.check.CheckResult.findings` (claims have table
    "claims" and the claim_id as row). ``claims``: the loaded claims table.
    """
    if claims is None or findings.empty:
        return {}
    expressions = dict(zip(claims["claim_id"], claims["expression"], strict=True))
    texts: dict[str, list[str]] = {}
    for finding in findings[findings["table"] == "claims"].to_dict("records"):
        expression = expressions.get(finding["row"])
        if expression is None:
            continue
        key = claim_statement_key(expression, str(finding["unit"]))
        if key is None:
            continue
        text = swedish.format_quantity(
            finding["printed"], str(finding["unit"]), int(finding["decimals"])
        )
        texts.setdefault(key, [])
        if text not in texts[key]:
            texts[key].append(text)
    return {key: join_words(values) for key, values in texts.items()}
