"""Compute stage: granskning (check) of every figure a report prints against the figures it
follows from.

``check_year(ds, year)`` checks the report of ``year``: within each printed table
(totals, differences, percentages), across tables (the same net cost, grant or result
printed in several places, the K/I box against the resultaträkning), the balance sheet
(assets = equity + liabilities, opening equity) and the figures stated in the text
(data/claims.csv). Rules: :mod:`ksanalys.compute.check.rules`, the data folder's rules across
the tables (data/check_rules.csv, :mod:`ksanalys.compute.check.data_rules`) and
:mod:`ksanalys.compute.check.claims`; the tolerance for rounding:
:mod:`ksanalys.compute.check.tolerance`; the two-pass evaluation:
:mod:`ksanalys.compute.check.evaluate`; why a figure is wrong (cause codes, the likely
value, the amount involved, whether the result changes):
:mod:`ksanalys.compute.check.causes`. The result holds codes, numbers and records only;
:mod:`ksanalys.present.text.check` words them. ``validate_checks(ds)`` checks check_rules.csv
and claims.csv on their own (``ksanalys validate`` does), with the same errors as the check.

A year that the data covers only as a report's previous-year column (2012 in the shipped
data) has no report of its own: its figures are checked as part of the later report, and
asking for it raises :class:`NoReportError` (exit code 2 on the command line), naming the
report to check instead.

Example::

    rec = check_year(load_dataset(), 2013)
    rec.checks, len(rec.findings)
    rec.figure("resultatrakning", "resultat", "outcome")   # value to use, differs?
    rec.claim("ek-prognos")
    [(c.code, c.weight_tkr, c.changes_result) for c in rec.causes()]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ksanalys.compute.check.claims import CLAIMS_FILE, claim_checks, claims_path, validate_claims
from ksanalys.compute.check.data_rules import (
    RULES_FILE,
    rules_path,
    table_rules,
    validate_table_rules,
)
from ksanalys.compute.check.evaluate import (
    FINDING_COLUMNS,
    RESULT_COLUMNS,
    CheckResult,
    Figure,
    Finding,
    run_checks,
)
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.check.rules import table_checks
from ksanalys.errors import ErrorCollector, KsanalysError
from ksanalys.load import Dataset

__all__ = [
    "FINDING_COLUMNS",
    "RESULT_COLUMNS",
    "CheckResult",
    "Figure",
    "Finding",
    "NoReportError",
    "check_tables",
    "check_year",
    "validate_checks",
    "validate_claims",
]


class NoReportError(KsanalysError):
    """The data covers the year, but only as the previous year of a later report."""

    def __init__(self, year: int, report_years: list[int]) -> None:
        self.year = year
        later = [r for r in report_years if r - 1 == year]
        message = f"det finns ingen analys för {year} i data"
        if later:
            message += (
                f"; {year} finns bara som föregående års siffror i rapporten för {later[0]} "
                f"och granskas med den (ksanalys check --year {later[0]})"
            )
        super().__init__(message)


def check_year(ds: Dataset, year: object) -> CheckResult:
    """Check the report of ``year`` (YearNotInDataError / NoReportError if there is none)."""
    year = ds.require_year(year)
    if year not in ds.report_years:
        raise NoReportError(year, ds.report_years)
    tables = ds.tables
    return check_tables(
        tables,
        year,
        tables.get("claims"),
        tables.get("indicators"),
        tables.get("indicator_meta"),
        claims_file=claims_path(ds),
        rules=tables.get("check_rules"),
        rules_file=rules_path(ds),
    )


def validate_checks(ds: Dataset) -> None:
    """Check every row of check_rules.csv and claims.csv; raise the problems of both."""
    errors = ErrorCollector()
    with errors.collect():
        validate_table_rules(ds)
    with errors.collect():
        validate_claims(ds)
    errors.raise_if_any()


def check_tables(
    tables: Mapping[str, pd.DataFrame],
    year: int,
    claims: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    indicator_meta: pd.DataFrame | None = None,
    claims_file: str | None = None,
    rules: pd.DataFrame | None = None,
    rules_file: str = RULES_FILE,
) -> CheckResult:
    """Check report ``year`` in frames shaped as the loader returns them (tables may be
    missing: their rules are skipped). ``rules``: check_rules.csv's frame (None: only the
    rules within the tables and across the unit tables). With ``claims_file`` (the path
    errors name), the claims of every year are validated, else only those of ``year``."""
    printed = PrintedFigures(tables, indicators, indicator_meta)
    checks = [
        *table_checks(printed, year, table_rules(printed, rules, rules_file)),
        *claim_checks(
            printed, claims, year, claims_file or CLAIMS_FILE, validate_all=bool(claims_file)
        ),
    ]
    board = tables.get("board")
    board_id = str(board["board_id"].iloc[0]) if board is not None and len(board) else ""
    return run_checks(printed, checks, year, board_id)
