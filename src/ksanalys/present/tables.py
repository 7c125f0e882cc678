"""Display tables for notebooks and HTML reports.

:func:`display_table` turns a DataFrame into a pandas ``Styler`` with Swedish column
labels and numbers formatted by :mod:`ksanalys.present.swedish`. Cells carry no unit words
(except "%" in percent columns): put the unit in the column label, e.g. "Bokslut, tkr".
Missing numbers show as an en dash, missing text as an empty cell.

The result is a :class:`Table`: a Styler whose HTML marks column headers
``<th scope="col">`` and the row header column (by default the first column, when it is
text) ``<th scope="row">``, and which keeps the plain DataFrame it shows as
:attr:`Table.frame` (numbers as numbers, Swedish column labels) for further work.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pandas.io.formats.style import Styler

from ksanalys.present import swedish
from ksanalys.values import is_missing

__all__ = [
    "ColumnFormat",
    "Kind",
    "Table",
    "display_table",
    "format_column",
    "quantity_cell",
    "right_aligned",
]

Kind = Literal["text", "number", "tkr", "signed", "percent", "pp", "ratio"]

DEFAULT_DECIMALS: dict[str, int] = {
    "number": 0,
    "tkr": 0,
    "signed": 0,
    "percent": 1,
    "pp": 1,
    "ratio": 2,
}

_NUMBER_HEADER = [("text-align", "right")]
_NUMBER_CELL = [
    ("text-align", "right"),
    ("font-variant-numeric", "tabular-nums"),
    ("white-space", "nowrap"),
]
_TEXT_CELL = [("text-align", "left")]
_TABLE_STYLES = [
    {
        "selector": "caption",
        "props": [("caption-side", "top"), ("text-align", "left"), ("font-weight", "bold")],
    },
    {"selector": "thead th", "props": [("vertical-align", "bottom")]},
]


_COLUMN_HEADER = re.compile(r'<th class="(col_heading [^"]*)" >')
_ROW_HEADER = re.compile(r'<td ((?:id="[^"]*" )?class="data row\d+ col0" )>(.*?)</td>', re.DOTALL)


class Table(Styler):
    """A display table: a Styler with accessible headers and the plain data it shows.

    ``frame`` is the shown columns of the input frame, unformatted, under their Swedish
    labels (a fresh 0..n-1 index); ``row_headers`` says whether the first column holds the
    row headers (``<th scope="row">``).
    """

    frame: pd.DataFrame | None = None
    row_headers: bool = False

    def to_html(self, buf=None, **kwargs):
        text = _accessible(super().to_html(**kwargs), self.row_headers)
        if buf is None:
            return text
        if hasattr(buf, "write"):
            buf.write(text)
        else:
            with open(buf, "w", encoding=kwargs.get("encoding") or "utf-8") as file:
                file.write(text)
        return None


def _accessible(text: str, row_headers: bool) -> str:
    text = _COLUMN_HEADER.sub(r'<th scope="col" class="\1">', text)
    if row_headers:
        text = _ROW_HEADER.sub(r'<th scope="row" \1>\2</th>', text)
    return text


@dataclass(frozen=True)
class ColumnFormat:
    """How one column is shown: its Swedish header, kind and number of decimals.

    Kinds: ``text`` (as is), ``number`` (``decimals`` places, default 0), ``tkr`` (whole
    tkr), ``signed`` (explicit +/−, for deviations), ``percent`` ("0,6 %"), ``pp``
    (signed percentage points, "−1,2"), ``ratio`` (default 2 decimals). ``decimals=None``
    means the kind's default.
    """

    label: str
    kind: Kind = "number"
    decimals: int | None = None

    def __post_init__(self) -> None:
        if self.kind != "text" and self.kind not in DEFAULT_DECIMALS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.kind == "text" and self.decimals is not None:
            raise ValueError(f"a text column takes no decimals: {self.label!r}")

    @property
    def numeric(self) -> bool:
        """True for every kind but ``text``; numeric columns are right-aligned."""
        return self.kind != "text"

    def formatter(self) -> Callable[[object], str]:
        """A function turning one cell value into its displayed text."""
        if self.kind == "text":
            return lambda value: "" if is_missing(value) else str(value)
        decimals = DEFAULT_DECIMALS[self.kind] if self.decimals is None else self.decimals
        function = {
            "number": swedish.format_number,
            "tkr": swedish.format_number,
            "signed": swedish.format_signed,
            "percent": swedish.format_percent_sign,
            "pp": swedish.format_signed,
            "ratio": swedish.format_ratio,
        }[self.kind]
        return lambda value: function(value, decimals)


def format_column(values: pd.Series, fmt: ColumnFormat) -> pd.Series:
    """``values`` as displayed text (str dtype, same index)."""
    to_text = fmt.formatter()
    return pd.Series([to_text(value) for value in values], index=values.index, dtype="str")


def _inferred_format(column: object, values: pd.Series) -> ColumnFormat:
    """Text for non-numeric columns; numbers with 0 decimals if all whole, else 1."""
    label = str(column)
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return ColumnFormat(label, "text")
    finite = values.dropna()
    whole = bool((finite == finite.round()).all())
    return ColumnFormat(label, "number", 0 if whole else 1)


def _blank_headings(shown: pd.DataFrame, heading_rows: Sequence[bool] | None) -> None:
    """Blank the cells after the first of ``shown``'s heading rows (by position)."""
    if heading_rows is not None:
        shown.iloc[[i for i, heading in enumerate(heading_rows) if heading], 1:] = ""


def display_table(
    frame: pd.DataFrame,
    columns: Mapping[Any, ColumnFormat] | None = None,
    caption: str | None = None,
    *,
    strong_rows: Sequence[bool] | pd.Series | None = None,
    row_headers: bool | None = None,
    heading_rows: Sequence[bool] | None = None,
) -> Table:
    """A :class:`Table` showing ``frame`` for a Swedish reader.

    ``columns`` maps frame columns to their format; only those columns are shown, in
    the mapping's order. ``None`` shows every column under its own name with an
    inferred format. ``strong_rows`` (one bool per row, by position) sets rows such as
    subtotals in bold; ``heading_rows`` (likewise) marks heading rows, which have no
    amounts: their cells after the first are blank, not "–" (which means missing).
    ``row_headers`` makes the first shown column the row headers (``None``: when that column
    is text). The index is hidden. The HTML is the same for the
    same content, so rendered reports are reproducible.
    """
    if columns is None:
        columns = {column: _inferred_format(column, frame[column]) for column in frame.columns}
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(f"columns not in the frame: {missing}")
    labels = [fmt.label for fmt in columns.values()]
    if len(set(labels)) != len(labels):
        raise ValueError(f"column labels must be unique: {labels}")

    shown = pd.DataFrame(
        {
            fmt.label: format_column(frame[column], fmt).to_numpy()
            for column, fmt in columns.items()
        },
        index=pd.RangeIndex(len(frame)),
        columns=labels,
    )
    _blank_headings(shown, heading_rows)
    cell_styles = {
        fmt.label: [
            {"selector": "th", "props": _NUMBER_HEADER if fmt.numeric else _TEXT_CELL},
            {"selector": "td", "props": _NUMBER_CELL if fmt.numeric else _TEXT_CELL},
        ]
        for fmt in columns.values()
    }
    strong = _strong_mask(strong_rows, len(frame))

    fingerprint = repr((shown.to_dict("split"), caption, strong, sorted(cell_styles.items())))
    uuid = hashlib.sha256(fingerprint.encode()).hexdigest()[:10]
    styler = Table(shown, uuid=uuid, cell_ids=False, escape="html")
    styler.frame = pd.DataFrame(
        {fmt.label: frame[column].to_numpy() for column, fmt in columns.items()},
        index=pd.RangeIndex(len(frame)),
        columns=labels,
    )
    first = next(iter(columns.values()), None)
    styler.row_headers = (
        (first is not None and not first.numeric) if row_headers is None else row_headers
    )
    styler.set_table_styles(_TABLE_STYLES)
    styler.set_table_styles(cell_styles, overwrite=False)
    styler.format_index(escape="html", axis="columns")
    styler.hide(axis="index")
    if caption is not None:
        styler.set_caption(html.escape(caption))
    if any(strong):
        bold = pd.DataFrame(
            [["font-weight: bold" if row else ""] * len(labels) for row in strong],
            index=shown.index,
            columns=labels,
        )
        styler.apply(lambda _: bold, axis=None)
    return styler


def _strong_mask(strong_rows: Sequence[bool] | pd.Series | None, n_rows: int) -> list[bool]:
    if strong_rows is None:
        return [False] * n_rows
    mask = [bool(row) for row in strong_rows]
    if len(mask) != n_rows:
        raise ValueError(f"strong_rows has {len(mask)} values for {n_rows} rows")
    return mask


def quantity_cell(value: object, unit: str, decimals: int) -> str:
    """A value with its unit for a table cell whose column mixes units: "6,39 %", "7 572",
    "140 mkr"; missing → "–". Such a column is text: align it with :func:`right_aligned`."""
    if is_missing(value):
        return swedish.DASH
    if unit == "procent":
        return swedish.format_percent_sign(value, decimals)
    return swedish.format_quantity(value, unit, decimals)


def right_aligned(styler: Styler, labels: Sequence[str]) -> Styler:
    """``styler`` with the columns ``labels`` (numbers already formatted as text) aligned
    right as numbers are."""
    styles = [
        {"selector": "td", "props": [("text-align", "right"), ("white-space", "nowrap")]},
        {"selector": "th", "props": [("text-align", "right")]},
    ]
    return styler.set_table_styles({label: styles for label in labels}, overwrite=False)
