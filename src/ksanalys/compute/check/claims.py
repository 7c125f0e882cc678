"""Figures stated in the report's text (data/claims.csv) as checks.

Each row of claims.csv is one number in one sentence: the value as printed, its unit and
printed decimals, and an ``expression`` (:mod:`ksanalys.compute.check.expressions`) saying what
it claims in terms of the printed tables and indicators. It is checked by the rule for
derived figures (:mod:`ksanalys.compute.check.tolerance`): the expression, rounded half-up to
the printed decimals, must give the printed value.

Sentences with a number that no other printed figure determines are left out on purpose,
e.g. "lönekostnaderna minskat med 5,5 mkr och konsultkostnaderna med 1,7 mkr" (the
resultaträkning has a line Personal, −130 443 → −124 248, but no salary or consultancy
line), "varav 3,1 mkr kan hänföras till IT-enheten", "tillkommande kostnader på ca 2 mkr",
"underskott på 8 mkr" for investments, "ökat med 5 procentenheter till 85 procent" (the 2012
value for the office is not printed), "143 fler arbetsställen än 2012" (the 2012
count is not printed), and changes stated only in words ("minskat marginellt": held against
the figures in :mod:`ksanalys.compute.check.statements`). Where such a
number is printed in more than one place ("spara 12,8 mkr", "17 tjänster", "85 procent"),
the repetition is a claim against indicators.csv.

Words that may mean two things get a second expression, ``other_reading``: "kostnaderna har
ökat med 5 mkr" reads as the K/I box's Kostnader totalt (323 415 − 318 445 = 4 970 tkr) or
as SUMMA KOSTNADER (printed 7 349 tkr, its rows 4 967 tkr). The claim is checked on its
``expression``; both readings weigh a sum that does not add up
(:mod:`ksanalys.compute.check.causes`, ``missing_line``).
"""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.check.expressions import (
    Cell,
    ExpressionError,
    Indicator,
    Node,
    bind_year,
    parse,
    reference_text,
    references,
)
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.check.rules import Check
from ksanalys.compute.check.tolerance import ROUNDED
from ksanalys.errors import DataError, ErrorCollector
from ksanalys.load import Dataset, row_lines
from ksanalys.values import to_decimal

__all__ = [
    "BOARD_STATEMENTS",
    "CLAIMS_FILE",
    "INDICATOR_STATEMENTS",
    "UNIT_STATEMENTS",
    "claim_checks",
    "claims_path",
    "indicator_key",
    "validate_claims",
]

CLAIMS_FILE = "claims.csv"

# What a claim can restate (column ``restates``): the statement keys of the narrative.
# A key figure of a unit, "<unit_id>.<key>", or of the board, "<key>" (KeyFigures columns,
# :mod:`ksanalys.compute.key_figures`); a ratio of the board only; or an indicator's value
# or change, "<kind>:<indicator>:<scope>:<year>[:<period>]" (:func:`indicator_key`).
UNIT_STATEMENTS = (
    "net_cost",
    "growth_tkr",
    "growth_pct",
    "deviation_tkr",
    "deviation_pct",
    "forecast_deviation_tkr",
)
BOARD_STATEMENTS = ("result_share_of_grant_pct", "grant_change_pct")
INDICATOR_STATEMENTS = ("indicator", "indicator_change")
_UNIT_TABLES = ("net_cost", "budget", "departments")


def claim_checks(
    printed: PrintedFigures,
    claims: pd.DataFrame | None,
    year: int | None,
    file: str = CLAIMS_FILE,
    validate_all: bool = False,
) -> list[Check]:
    """The checks of the claims of report ``year`` (none when ``year`` is None), after
    checking their rows, and those of every other year too when ``validate_all``. Each
    expression is parsed once.

    Raises DataError (``file``, the row's line number, column ``expression`` or
    ``decimals``; every row's problem at once) for negative ``decimals``, or an
    ``expression`` outside the grammar or naming a cell or indicator the data does not have.
    """
    if claims is None:
        return []
    checks = []
    errors = ErrorCollector()
    for line, record in zip(row_lines(claims), claims.to_dict("records"), strict=True):
        checked = int(record["report_year"]) == year
        if not (checked or validate_all):
            continue
        with errors.collect():
            expression = _claim_expression(printed, record, line, file)
            other = _text(record.get("other_reading"))
            readings = (
                (_parsed(printed, other, record, line, file, "other_reading"),) if other else ()
            )
            if checked:
                checks.append(_check(record, expression, readings))
    errors.raise_if_any()
    return checks


def _check(record: dict, expression: Node, readings: tuple[Node, ...] = ()) -> Check:
    return Check(
        rule="claim",
        target=Cell("claims", str(record["claim_id"]), "value", int(record["report_year"])),
        expression=expression,
        mode=ROUNDED,
        printed=to_decimal(record["value"]),
        decimals=int(record["decimals"]),
        unit=str(record["unit"]),
        section=str(record["section"]),
        quote=str(record["quote"]),
        note=record["note"] if isinstance(record["note"], str) else "",
        restates=_text(record.get("restates")),
        readings=readings,
    )


def validate_claims(ds: Dataset) -> None:
    """Check every row of the data folder's claims.csv (of every report year).

    Raises DataError (file ``ds.data_dir / "claims.csv"``, the row's line number and column)
    as :func:`claim_checks` does. A folder without claims.csv has nothing to check.
    """
    tables = ds.tables
    printed = PrintedFigures(tables, tables.get("indicators"), tables.get("indicator_meta"))
    claim_checks(printed, tables.get("claims"), None, claims_path(ds), validate_all=True)


def claims_path(ds: Dataset) -> str:
    """The file named in errors about the data folder's claims."""
    return str(ds.data_dir / CLAIMS_FILE)


def _claim_expression(printed: PrintedFigures, record: dict, line: int, file: str) -> Node:
    """The row's expression bound to its report year, after checking the row."""
    _check_restates(printed, record, line, file)
    decimals = int(record["decimals"])
    if decimals < 0:
        raise DataError(
            file,
            "ett antal decimaler, noll eller större",
            row=line,
            column="decimals",
            found=decimals,
        )
    return _parsed(printed, record["expression"], record, line, file, "expression")


def _parsed(
    printed: PrintedFigures, text: str, record: dict, line: int, file: str, column: str
) -> Node:
    """``text`` (the row's ``column``) parsed and bound to the row's report year."""
    try:
        expression = bind_year(parse(text), int(record["report_year"]))
    except ExpressionError as error:
        raise DataError(file, f"ett giltigt uttryck ({error})", row=line, column=column) from None
    for ref in references(expression):
        known = printed.has(ref) if isinstance(ref, Cell) else printed.has_indicator(ref)
        if not known:
            raise DataError(
                file,
                "en cell eller indikator som finns i data",
                row=line,
                column=column,
                found=reference_text(ref),
            )
    return expression


def indicator_key(kind: str, indicator: str, scope: str, year: int, period: object) -> str:
    """Statement key of an indicator value or change; the period only when there is one."""
    key = f"{kind}:{indicator}:{scope}:{year}"
    return f"{key}:{period}" if isinstance(period, str) and period else key


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_restates(printed: PrintedFigures, record: dict, line: int, file: str) -> None:
    """Raise DataError unless the row's ``restates`` is blank or a known statement key."""
    key = _text(record.get("restates"))
    if not key or _statement_known(printed, key, int(record["report_year"])):
        return
    raise DataError(
        file,
        "tomt eller ett av "
        + ", ".join(BOARD_STATEMENTS + UNIT_STATEMENTS)
        + " (med '<enhet>.' före för en enhet) eller "
        + " eller ".join(f"{k}:<indikator>:<omfattning>:<år>" for k in INDICATOR_STATEMENTS)
        + " som finns i data",
        row=line,
        column="restates",
        found=key,
    )


def _statement_known(printed: PrintedFigures, key: str, year: int) -> bool:
    kind, _, rest = key.partition(":")
    if kind in INDICATOR_STATEMENTS:
        parts = rest.split(":", 3)
        if len(parts) < 3 or not parts[2].isdigit():
            return False
        period = parts[3] if len(parts) == 4 else ""
        return printed.has_indicator(Indicator(parts[0], parts[1], int(parts[2]), period))
    unit, dot, statement = key.rpartition(".")
    if not dot:
        return statement in BOARD_STATEMENTS + UNIT_STATEMENTS
    units = {
        str(record["unit_id"]) for table in _UNIT_TABLES for record in printed.rows(table, year)
    }
    return statement in UNIT_STATEMENTS and unit in units
