"""Read access to the printed figures of a data folder: table cells and indicator values."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pandas as pd

from ksanalys.compute.check.expressions import Cell, Indicator
from ksanalys.values import is_missing, to_decimal

__all__ = ["ID_COLUMNS", "LABEL_COLUMNS", "PrintedFigures"]

# The key column of each printed table, and the column holding the row's printed label.
ID_COLUMNS = {
    "resultatrakning": "line_id",
    "balansrakning": "line_id",
    "ki": "line_id",
    "net_cost": "unit_id",
    "budget": "unit_id",
    "departments": "unit_id",
}
LABEL_COLUMNS = {"line_id": "line", "unit_id": "unit"}


class PrintedFigures:
    """The cells of the finance tables and the indicator values, looked up by reference.

    ``tables`` maps a table name (resultatrakning, balansrakning, net_cost, budget,
    departments, ki) to its frame as :func:`ksanalys.load.load_dataset` returns it; tables
    may be missing. ``indicators``/``indicator_meta`` are optional.
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        indicators: pd.DataFrame | None = None,
        indicator_meta: pd.DataFrame | None = None,
    ) -> None:
        self._cells: dict[tuple[int | None, str, str, str], Decimal | None] = {}
        self._labels: dict[tuple[int, str, str], str] = {}
        self._rows: dict[tuple[str, int], list[dict]] = {}
        for table, id_column in ID_COLUMNS.items():
            frame = tables.get(table)
            if frame is None:
                continue
            value_columns = [c for c in frame.columns if _is_value_column(frame, c, id_column)]
            for record in frame.sort_values(["report_year", "row"]).to_dict("records"):
                year, row = int(record["report_year"]), str(record[id_column])
                self._rows.setdefault((table, year), []).append(record)
                self._labels[(year, table, row)] = str(record[LABEL_COLUMNS[id_column]])
                for column in value_columns:
                    value = record[column]
                    self._cells[(year, table, row, column)] = (
                        None if is_missing(value) else to_decimal(value)
                    )
        self._indicators: dict[tuple[str, str, int, str], Decimal] = {}
        if indicators is not None:
            for record in indicators.to_dict("records"):
                period = record["period"]
                period = "" if not isinstance(period, str) else period
                key = (record["indicator"], record["scope"], int(record["year"]), period)
                self._indicators[key] = to_decimal(record["value"])
        self._indicator_labels: dict[str, str] = {}
        if indicator_meta is not None:
            self._indicator_labels = dict(
                zip(indicator_meta["indicator"], indicator_meta["label"], strict=True)
            )

    def has(self, cell: Cell) -> bool:
        return (cell.year, cell.table, cell.row, cell.column) in self._cells

    def value(self, cell: Cell) -> Decimal | None:
        """The printed value (None when the cell is blank); KeyError if there is no such cell."""
        return self._cells[(cell.year, cell.table, cell.row, cell.column)]

    def rows(self, table: str, year: int) -> list[dict]:
        """The rows of ``table`` in report ``year``, in printed order."""
        return self._rows.get((table, year), [])

    def row_ids(self, table: str) -> set[str]:
        """The row ids of ``table`` in every report year (empty: the data has no such table)."""
        return {key[2] for key in self._labels if key[1] == table}

    def row_label(self, year: int, table: str, row: str) -> str:
        return self._labels.get((year, table, row), row)

    def has_indicator(self, ref: Indicator) -> bool:
        return (ref.indicator, ref.scope, ref.year, ref.period) in self._indicators

    def indicator(self, ref: Indicator) -> Decimal:
        return self._indicators[(ref.indicator, ref.scope, ref.year, ref.period)]

    def indicator_name(self, indicator: str) -> str:
        """The indicator's label in indicator_meta.csv (its id when there is none)."""
        return self._indicator_labels.get(indicator, indicator)


def _is_value_column(frame: pd.DataFrame, column: str, id_column: str) -> bool:
    if column in ("report_year", "row", id_column):
        return False
    return pd.api.types.is_float_dtype(frame[column]) or pd.api.types.is_integer_dtype(
        frame[column]
    )
