"""Findings as Swedish sentences with the numbers formatted for a reader."""

from __future__ import annotations

from ksanalys import swedish
from ksanalys.reconcile.rules import RULE_TITLES


def format_value(value: float | None, unit: str, decimals: int) -> str:
    """A figure with its unit in Swedish: "38 719 tkr", "4,5 mkr", "3,1 procent"."""
    if unit == "procent":
        return swedish.format_percent(value, decimals)
    if unit == "procentenheter":
        return swedish.format_pp(value, decimals)
    if unit == "kvot":
        return swedish.format_ratio(value, decimals)
    number = swedish.format_number(value, decimals)
    if unit == "antal" or swedish.is_missing(value):
        return number
    return f"{number}{swedish.NBSP}{unit}"


def format_difference(value: float | None, unit: str, decimals: int) -> str:
    """printed − computed with sign; a difference of percentages is in procentenheter."""
    if swedish.is_missing(value):
        return swedish.DASH
    word = {"procent": "procentenheter", "kvot": "", "antal": ""}.get(unit, unit)
    signed = swedish.format_signed(value, decimals)
    return f"{signed}{swedish.NBSP}{word}" if word else signed


def finding_line(finding: dict) -> str:
    """One finding as a Swedish sentence with the numbers formatted."""
    unit, decimals = finding["unit"], int(finding["decimals"])
    line = (
        f"{finding['where']}: tryckt {format_value(finding['printed'], unit, decimals)}, "
        f"ska vara {format_value(finding['computed'], unit, decimals)} "
        f"(skillnad {format_difference(finding['difference'], unit, decimals)}) enligt "
        f"{RULE_TITLES[finding['rule']]}: {finding['formula']}."
    )
    if finding["note"]:
        line += f" {finding['note']}"
    return line
