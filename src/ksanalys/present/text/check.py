"""Findings as Swedish sentences with the numbers formatted for a reader."""

from __future__ import annotations

from ksanalys.compute.check.rules import RULE_TITLES
from ksanalys.present.swedish import format_change, format_quantity


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
