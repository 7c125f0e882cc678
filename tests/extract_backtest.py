"""The data folder "without 2013" that the extraction's backtest starts from (for tests).

It keeps the organisation and the definitions and drops every figure and text of the 2013
report (data/README.md, "New year from the report"):

- kept: units.csv (the organisation), indicator_meta.csv (what each indicator means),
  check_rules.csv (rules about the report's layout), the public documents with their
  sources and indicators (figures the report does not print);
- emptied: goal_rules.csv (its rules are about the 2013 report's goals, which go; the
  header stays);
- dropped: every row of report year 2013 in every file that has a report year (the six
  printed tables, goals, assessments, claims, explanations, statement pairs), every
  indicator and misspelt word (sic.csv) whose source is the 2013 report, the 2013 report's
  sources and its document.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"


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
    for path in sorted(target.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            has_year = "report_year" in handle.readline().strip().split(",")
        if has_year:
            _rewrite(path, lambda r: r["report_year"] != "2013")
    with (target / "sources.csv").open(encoding="utf-8", newline="") as handle:
        document = {r["source"]: r["document"] for r in csv.DictReader(handle)}
    _rewrite(target / "indicators.csv", lambda r: document[r["source"]] != "ks2013")
    _rewrite(target / "sic.csv", lambda r: document[r["source"]] != "ks2013")
    _rewrite(target / "sources.csv", lambda r: r["document"] != "ks2013")
    _rewrite(target / "documents.csv", lambda r: r["document"] != "ks2013")
    _rewrite(target / "goal_rules.csv", lambda r: False)
    return target
