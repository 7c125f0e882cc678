"""The data folder "without 2013" that the extraction's backtest starts from (for tests).

It keeps the organisation and the definitions and drops every figure and text of the 2013
report (data/README.md, "New year from the report"):

- kept: units.csv (the organisation), indicator_meta.csv (what each indicator means), the
  public documents with their sources and indicators (figures the report does not print);
- emptied: goal_rules.csv (its rules are about the 2013 report's goals, which go; the
  header stays);
- dropped: every row of report year 2013 in the year tables (the six printed tables,
  goals, assessments, claims, explanations), every indicator whose source is the 2013
  report, the 2013 report's sources and its document.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"
YEAR_TABLES = (
    "resultatrakning",
    "balansrakning",
    "net_cost",
    "budget",
    "departments",
    "ki",
    "goals",
    "assessments",
    "claims",
    "explanations",
)


def _rewrite(path: Path, keep) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if keep(r))


def data_without_2013(target: Path) -> Path:
    """A copy of data/ at ``target`` without the 2013 report (module docstring)."""
    shutil.copytree(DATA, target)
    for table in YEAR_TABLES:
        _rewrite(target / f"{table}.csv", lambda r: r["report_year"] != "2013")
    with (target / "sources.csv").open(encoding="utf-8", newline="") as handle:
        document = {r["source"]: r["document"] for r in csv.DictReader(handle)}
    _rewrite(target / "indicators.csv", lambda r: document[r["source"]] != "ks2013")
    _rewrite(target / "sources.csv", lambda r: r["document"] != "ks2013")
    _rewrite(target / "documents.csv", lambda r: r["document"] != "ks2013")
    _rewrite(target / "goal_rules.csv", lambda r: False)
    return target
