"""Unit-year figures taken from the printed tables: the one place that decides which
printed table a figure comes from.

:func:`unit_figures` returns one row per (year, unit) with the base figures net cost,
grant (kommunbidrag/nämndbidrag) and the August forecast, in tkr. The organisation (which
units the board has, in which order, and which unit's departments the report lists) is
data: ``ds.organisation`` (:mod:`ksanalys.load.organisation`). For a fiscal year Y the
tables are read with this precedence (a report's own year before a later report's
"previous year" column):

The board's units (level ``unit``)
    from units.csv, in file order, within ``from_year``/``to_year``.
    net_cost: net_cost.csv of report Y (``net_cost``), else net_cost.csv of report Y+1
    (``net_cost_prev``, also under the id of a unit that was renamed from it). A revised
    dataset (:func:`ksanalys.load.vintage.revised`) prefers the later report's figure.
    grant and forecast: budget.csv of report Y (no previous-year
    column exists, so earlier years have none).
departments (level ``department``)
    The rows of departments.csv of report Y that a unit's printed subtotal sums (the
    ``total_of`` of that unit's row); that unit is the parent. net_cost and grant
    from departments.csv; a blank nämndbidrag on a printed department row means the
    department has no grant of its own, so grant = 0 (its deviation is then −net cost and
    its deviation in percent NaN). No forecast.
the board (level ``board``, its units.csv row: id and label)
    Each figure is the sum of the board's units when all have it. Otherwise
    the resultaträkning of report Y (``outcome``), else of report Y+1 (``outcome_prev``):
    grant = Kommunbidrag, net cost = −(verksamhetens nettokostnad + räntenetto +
    förmedlingsbidrag), i.e. including the financial items (a blank financial item
    counts as 0). The forecast has no such fallback.

The printed sum rows (a unit's subtotal, the board's total) and the printed deviations
are never inputs here: they are what the granskning (compute.check) checks.

:func:`income_statement` gives the resultaträkning by fiscal year (same precedence).
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.load import Dataset
from ksanalys.load.schema import BOARD_LEVEL, DEPARTMENT_LEVEL, UNIT_LEVEL
from ksanalys.values import is_missing, sum_term

__all__ = [
    "FIGURE_COLUMNS",
    "INCOME_STATEMENT_COLUMNS",
    "MERGED",
    "NEW",
    "RENAMED",
    "board_units",
    "income_statement",
    "unit_figures",
]

# A unit's label in the first year after a rename: its name and the name it had before.
FORMER_NAME = "{unit} (fd {former})"

FIGURE_COLUMNS = (
    "year",
    "unit_id",
    "unit",
    "level",
    "parent_unit_id",
    "net_cost",
    "grant",
    "forecast",
    "source",
    "former_unit",
    "change",
    "predecessors",
)
# How a unit's organisation changed in a year (column ``change``).
NEW, RENAMED, MERGED = "new", "renamed", "merged"
INCOME_STATEMENT_COLUMNS = ("year", "income", "costs", "grant", "result", "source")

# Resultaträkning lines that make up the costs in the K/I box (all printed negative).
_COST_LINES = ("summa_kostnader", "avskrivningar", "rantenetto", "formedlingsbidrag")
_FINANCIAL_LINES = ("rantenetto", "formedlingsbidrag")


class _Figure:
    """A value with the sources it was read from (NaN and no source when unknown)."""

    def __init__(self, value: float = math.nan, sources: tuple[str, ...] = ()) -> None:
        self.value = value
        self.sources = () if is_missing(value) else sources

    @property
    def known(self) -> bool:
        return not is_missing(self.value)


def _row(table: pd.DataFrame, report_year: int, key: str, key_column: str) -> pd.Series | None:
    match = table[(table["report_year"] == report_year) & (table[key_column] == key)]
    return None if match.empty else match.iloc[0]


def _printed(
    table: pd.DataFrame, report_year: int, key: str, column: str, key_column: str = "unit_id"
) -> _Figure:
    row = _row(table, report_year, key, key_column)
    if row is None or is_missing(row[column]):
        return _Figure()
    return _Figure(float(row[column]), (str(row["source"]),))


def _first_known(*figures: _Figure) -> _Figure:
    return next((f for f in figures if f.known), _Figure())


def _own_or_next(ds: Dataset, own: _Figure, later: _Figure) -> _Figure:
    """A report's own figure for its year, else the next report's comparison column; a
    revised dataset takes the later report's figure first."""
    if getattr(ds, "revised", False):
        return _first_known(later, own)
    return _first_known(own, later)


def board_units(ds: Dataset, year: int) -> list[str]:
    """The unit_ids of the board's units (level ``unit``) in ``year``, in order."""
    return [unit.unit_id for unit in ds.organisation.units_of_board(year)]


def _successors(ds: Dataset, unit_id: str) -> list[str]:
    """``unit_id`` and the units renamed from it (their ids in a later report)."""
    renamed = [u.unit_id for u in ds.organisation.units if u.renamed_from == unit_id]
    return [unit_id, *renamed]


def _former_name(ds: Dataset, year: int, unit_id: str) -> str | None:
    """The name a unit had in the previous report of the data, when it was renamed."""
    org = ds.organisation
    if not org.has_unit(unit_id):
        return None
    former = org.unit(unit_id).renamed_from
    earlier = [y for y in ds.report_years if y < year]
    if former is None or not earlier:
        return None
    for name in ("departments", "net_cost", "budget"):
        table = ds.tables[name]
        match = table[(table["report_year"] == earlier[-1]) & (table["unit_id"] == former)]
        if not match.empty:
            return str(match["unit"].iloc[0])
    return None


def _sum(figures: list[_Figure]) -> _Figure:
    if not figures or not all(f.known for f in figures):
        return _Figure()
    sources = tuple(dict.fromkeys(s for f in figures for s in f.sources))
    return _Figure(math.fsum(f.value for f in figures), sources)


def _rr_line(ds: Dataset, year: int, line_id: str) -> _Figure:
    """A resultaträkning line for fiscal year ``year``: own report, else next report's prev."""
    table = ds.tables["resultatrakning"]
    return _own_or_next(
        ds,
        _printed(table, year, line_id, "outcome", "line_id"),
        _printed(table, year + 1, line_id, "outcome_prev", "line_id"),
    )


def _rr_or_zero(ds: Dataset, year: int, line_id: str) -> _Figure:
    figure = _rr_line(ds, year, line_id)
    return figure if figure.known else _Figure(0.0)


def _label(ds: Dataset, unit_id: str) -> str:
    for name in ("net_cost", "budget"):
        table = ds.tables[name]
        rows = table[table["unit_id"] == unit_id].sort_values("report_year")
        if not rows.empty:
            return str(rows["unit"].iloc[-1])
    org = ds.organisation
    return org.unit(unit_id).label if org.has_unit(unit_id) else unit_id


def _record(year, unit_id, unit, level, parent, net_cost, grant, forecast) -> dict:
    """A row of :func:`unit_figures`, its figures still as :class:`_Figure`."""
    return {
        "year": year,
        "unit_id": unit_id,
        "unit": unit,
        "level": level,
        "parent_unit_id": parent,
        "net_cost": net_cost,
        "grant": grant,
        "forecast": forecast,
    }


def _lineage(ds: Dataset, year: int, unit_id: str) -> tuple[str | None, str]:
    """How ``unit_id`` changed in ``year`` (None, NEW, RENAMED or MERGED) and the units
    whose figures of the year before it continues, '+'-joined: itself, the unit it was
    renamed from, the units merged into it ("" for a new unit)."""
    org = ds.organisation
    if not org.has_unit(unit_id):
        return None, unit_id
    unit = org.unit(unit_id)
    change, base = None, [unit_id]
    if unit.from_year == year:
        change, base = (RENAMED, [unit.renamed_from]) if unit.renamed_from else (NEW, [])
    merged = [u.unit_id for u in org.units if u.merged_into == unit_id and u.to_year == year - 1]
    if merged:
        change = MERGED
    return change, "+".join(u for u in [*base, *merged] if u)


def _flat(ds: Dataset, record: dict) -> dict:
    figures = [record[c] for c in ("net_cost", "grant", "forecast")]
    sources = dict.fromkeys(s for f in figures for s in f.sources)
    values = {c: f.value for c, f in zip(("net_cost", "grant", "forecast"), figures, strict=True)}
    former = _former_name(ds, record["year"], record["unit_id"])
    unit = record["unit"]
    if former is not None and former != unit:
        unit = FORMER_NAME.format(unit=unit, former=former)
    change, predecessors = _lineage(ds, record["year"], record["unit_id"])
    return {
        **record,
        **values,
        "unit": unit,
        "source": ",".join(sources),
        "former_unit": former,
        "change": change,
        "predecessors": predecessors,
    }


def _unit(ds: Dataset, year: int, unit_id: str) -> dict:
    table = ds.tables["net_cost"]
    later = _first_known(
        *(_printed(table, year + 1, u, "net_cost_prev") for u in _successors(ds, unit_id))
    )
    net_cost = _own_or_next(ds, _printed(table, year, unit_id, "net_cost"), later)
    grant = _printed(ds.tables["budget"], year, unit_id, "grant")
    forecast = _printed(ds.tables["budget"], year, unit_id, "forecast")
    board = ds.organisation.board_id
    return _record(year, unit_id, _label(ds, unit_id), UNIT_LEVEL, board, net_cost, grant, forecast)


def _board(ds: Dataset, year: int, units: list[dict]) -> dict:
    def summed(column: str) -> _Figure:
        return _sum([u[column] for u in units])

    net_cost = summed("net_cost")
    if not net_cost.known:
        operating = _rr_line(ds, year, "verksamhetens_nettokostnad")
        if operating.known:
            terms = [operating, *(_rr_or_zero(ds, year, line) for line in _FINANCIAL_LINES)]
            total = _sum(terms)
            net_cost = _Figure(-total.value, total.sources)
    grant = summed("grant")
    if not grant.known:
        grant = _rr_line(ds, year, "kommunbidrag")
    forecast = summed("forecast")
    board = ds.organisation.board_unit
    return _record(year, board.unit_id, board.label, BOARD_LEVEL, None, net_cost, grant, forecast)


def _departments(ds: Dataset, year: int) -> list[dict]:
    table = ds.tables["departments"]
    printed = table[table["report_year"] == year].sort_values("row")
    parents = {}
    for _, row in printed[printed["unit_id"].isin(board_units(ds, year))].iterrows():
        if isinstance(row["total_of"], str):
            parents.update(dict.fromkeys(row["total_of"].split("+"), row["unit_id"]))
    records = []
    for _, row in printed[printed["unit_id"].isin(list(parents))].iterrows():
        source = (str(row["source"]),)
        net_cost = _Figure(float(row["net_cost"]), source)
        grant = _Figure(sum_term(row["grant"]), source)  # a blank nämndbidrag counts as 0
        parent = parents[row["unit_id"]]
        records.append(
            _record(
                year,
                row["unit_id"],
                row["unit"],
                DEPARTMENT_LEVEL,
                parent,
                net_cost,
                grant,
                _Figure(),
            )
        )
    return records


def unit_figures(ds: Dataset) -> pd.DataFrame:
    """One row per (year, unit) for every year of ``ds.years``; see the module docstring.

    Columns: year (int), unit_id, unit (Swedish label), level ('board' | 'unit' |
    'department'), parent_unit_id (NaN for the board), net_cost, grant, forecast
    (float tkr, NaN when the data does not give it), source (comma-joined source ids of
    the figures on the row), former_unit (the unit's name in the previous report when it
    was renamed since, else None; ``unit`` then reads "Ny (fd Gammal)"), change (None,
    'new', 'renamed' or 'merged': how the unit changed that year, from units.csv) and
    predecessors (the '+'-joined units whose figures of the year before it continues,
    "" for a new unit; :func:`ksanalys.compute.measures.add_measures` compares with their
    sum). Per year the rows are ordered as printed: the board's units, the departments,
    then the board.
    """
    records = []
    for year in ds.years:
        units = [_unit(ds, year, unit_id) for unit_id in board_units(ds, year)]
        records.extend(units)
        records.extend(_departments(ds, year))
        records.append(_board(ds, year, units))
    frame = pd.DataFrame.from_records([_flat(ds, r) for r in records], columns=list(FIGURE_COLUMNS))
    return frame.astype(
        {
            "year": "int64",
            "unit_id": "str",
            "unit": "str",
            "level": "str",
            "parent_unit_id": "str",
            "net_cost": "float64",
            "grant": "float64",
            "forecast": "float64",
            "source": "str",
            "former_unit": "object",
            "change": "object",
            "predecessors": "str",
        }
    )


def income_statement(ds: Dataset) -> pd.DataFrame:
    """The resultaträkning by fiscal year, one row for every year of ``ds.years``.

    Columns (float tkr, NaN when not printed): year (int); income = SUMMA INTÄKTER;
    costs = −(SUMMA KOSTNADER + avskrivningar + räntenetto + förmedlingsbidrag) as a
    positive number, i.e. the "Kostnader totalt" of the report's K/I box (a blank
    avskrivning or financial item counts as 0); grant = Kommunbidrag; result = RESULTAT as
    printed; source. With these, result = income + grant − costs up to rounding.
    """
    records = []
    for year in ds.years:
        income = _rr_line(ds, year, "summa_intakter")
        grant = _rr_line(ds, year, "kommunbidrag")
        result = _rr_line(ds, year, "resultat")
        costs = _Figure()
        operating_costs = _rr_line(ds, year, _COST_LINES[0])
        if operating_costs.known:
            terms = [operating_costs, *(_rr_or_zero(ds, year, line) for line in _COST_LINES[1:])]
            total = _sum(terms)
            costs = _Figure(-total.value, total.sources)
        sources = dict.fromkeys(s for f in (income, costs, grant, result) for s in f.sources)
        records.append(
            {
                "year": year,
                "income": income.value,
                "costs": costs.value,
                "grant": grant.value,
                "result": result.value,
                "source": ",".join(sources),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(INCOME_STATEMENT_COLUMNS))
    return frame.astype(
        {
            "year": "int64",
            "income": "float64",
            "costs": "float64",
            "grant": "float64",
            "result": "float64",
            "source": "str",
        }
    )
