"""Each claim of a workbook recomputed from its tables before import writes anything.

A claim on the sheet Påståenden is a number the report's text prints and an expression
saying what it restates; :func:`claim_warnings` checks the year's claims in the merged
data as ``ksanalys check`` will, and words every one the tables contradict at its cell:
"rapporten säger 1,7; tabellerna ger −1,7: ett tryckfel i rapporten eller ett skrivfel
här?". Warnings only: a report can misprint, and the granskning will say so.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import get_column_letter

from ksanalys.errors import KsanalysError
from ksanalys.intake.layout import SHEET_BY_TABLE
from ksanalys.intake.reader import Intake
from ksanalys.values import is_missing

__all__ = ["claim_warnings"]


def claim_warnings(
    folder: Path, intake: Intake, changes=None, board: str | None = None
) -> list[str]:
    """One warning per claim of the intake that the tables of ``folder`` (of its board
    ``board`` when it holds several) contradict."""
    from ksanalys.compute.check import check_year
    from ksanalys.load import load_dataset, vintage
    from ksanalys.present.swedish import format_number

    claims = intake.tables.get("claims", [])
    if not claims:
        return []
    try:
        dataset = vintage.as_published(load_dataset(folder, board), intake.year)
        findings = check_year(dataset, intake.year).findings
    except KsanalysError:
        return []
    sheet = SHEET_BY_TABLE["claims"]
    column = get_column_letter(sheet.column("value"))
    where = {
        str(c["claim_id"]): (origin, c)
        for c, origin in zip(claims, intake.origins.get("claims", []), strict=False)
    }
    warnings = []
    for finding in findings[findings["table"] == "claims"].to_dict("records"):
        if str(finding["row"]) not in where:
            continue
        (name, row), claim = where[str(finding["row"])]
        decimals = int(finding["decimals"])
        said = format_number(finding["printed"], decimals)
        computed = finding["computed"]
        given = "inget värde" if is_missing(computed) else format_number(computed, decimals)
        warnings.append(
            f"{name}!{column}{row}: rapporten säger {said}; tabellerna ger {given}: ett "
            f"tryckfel i rapporten eller ett skrivfel här? (uttrycket: {claim['expression']})"
        )
    return warnings
