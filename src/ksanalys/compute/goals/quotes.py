"""The report's own words about a goal, kept as data (goal_quotes.csv).

Each row is one contiguous passage of the report, verbatim, tied to one goal of one report
year, and of one kind:

- ``reason``: the report's words behind its own assessment of the goal (a benchmark against
  comparable kommuner, a margin of error, a claim that the goal is reached);
- ``other_figure``: the report prints another figure for the same value elsewhere; its
  ``value`` (when given) is that figure for the value the goal is judged on in the report
  year, and the goal is judged again with it (:mod:`.assessment`); its ``change`` (when
  given) is the change from the year before that the passage states with the figure, and
  the figure is then judged as that whole reading (the year before = value − change);
- ``word``: a few of the report's own words that qualify its assessment ("minskat
  marginellt"), shown beside it in the goal table.

The passages are shown attributed to the report beside the computed status; they are never
joined or shortened. :func:`validate_quotes` checks that each row names a goal of its report
year.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ksanalys.errors import DataError
from ksanalys.load import Dataset, row_lines
from ksanalys.values import number_or_none

__all__ = ["QUOTES_FILE", "GoalQuote", "quotes_by_goal", "validate_quotes"]

QUOTES_FILE = "goal_quotes.csv"


@dataclass(frozen=True)
class GoalQuote:
    """One passage of the report about a goal: its kind, the words and their source id."""

    kind: str
    quote: str
    source: str
    value: float | None = None
    change: float | None = None


QuoteMap = dict[tuple[int, str], tuple[GoalQuote, ...]]


def quotes_by_goal(table: pd.DataFrame | None, goals: pd.DataFrame, *, file: str) -> QuoteMap:
    """(report_year, goal_id) → the goal's passages in order; an empty map without a table.

    Raises :class:`DataError` naming ``file`` and the row for a passage whose goal is not a
    goal of its report year in ``goals``.
    """
    if table is None or table.empty:
        return {}
    known = set(zip(goals["report_year"].astype(int), goals["goal_id"].astype(str), strict=True))
    found: dict[tuple[int, str], list[tuple[int, GoalQuote]]] = {}
    for line, row in zip(row_lines(table), table.to_dict("records"), strict=True):
        key = (int(row["report_year"]), str(row["goal_id"]))
        if key not in known:
            raise DataError(
                file,
                f"ett mål som finns i goals.csv för bokslutsåret {key[0]}",
                row=line,
                column="goal_id",
                found=key[1],
            )
        number = number_or_none(row.get("value"))
        change = number_or_none(row.get("change"))
        quote = GoalQuote(str(row["kind"]), str(row["quote"]), str(row["source"]), number, change)
        found.setdefault(key, []).append((int(row["number"]), quote))
    return {
        key: tuple(q for _, q in sorted(rows, key=lambda r: r[0])) for key, rows in found.items()
    }


def validate_quotes(ds: Dataset) -> QuoteMap:
    """The passages of the data folder's goal_quotes.csv (optional), checked."""
    file = str(ds.data_dir / QUOTES_FILE)
    return quotes_by_goal(ds.tables.get("goal_quotes"), ds.goals, file=file)
