"""Present stage: the chart object and the axes every chart of the report shares.

Figures are built with ``matplotlib.figure.Figure`` directly, never through pyplot, so
nothing is registered with a GUI backend, nothing leaks and no backend but Agg is needed.
In a notebook a :class:`Chart` displays as one SVG output whose metadata carries its
Swedish alt text (see :meth:`Chart._repr_svg_`): vector graphics stay sharp at any zoom
and in print. Glyphs are drawn as paths (no font needed on the reader's machine) and the
file carries no date and no random ids, so the same chart gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, Formatter, FuncFormatter, MaxNLocator

from ksanalys.present import swedish
from ksanalys.present.swedish import UNITLESS
from ksanalys.values import decimals_needed, round_half_up

STYLE = "whitegrid"
SIZE = (7.5, 4.2)
DPI = 100
SVG_SETTINGS: dict[Any, Any] = {"svg.fonttype": "path", "svg.hashsalt": "ksanalys"}
MAX_YEAR_TICKS = 12


@dataclass(eq=False)
class Chart:
    """A finished figure and its Swedish alt text.

    ``figure`` stays inspectable (axes, labels, ticks) after the PNG is made.
    """

    figure: Figure
    alt: str
    _png: bytes | None = field(default=None, repr=False)
    _svg: str | None = field(default=None, repr=False)

    def png(self) -> bytes:
        """The figure as PNG bytes (rendered once)."""
        if self._png is None:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=DPI)
            self._png = buffer.getvalue()
        return self._png

    def svg(self) -> str:
        """The figure as SVG text (rendered once; reproducible, see the module docstring)."""
        if self._svg is None:
            buffer = io.StringIO()
            with matplotlib.rc_context(SVG_SETTINGS):
                self.figure.savefig(buffer, format="svg", metadata={"Date": None})
            self._svg = buffer.getvalue()
        return self._svg

    def _repr_svg_(self) -> tuple[str, dict[str, str]]:
        return self.svg(), {"alt": self.alt}


class SwedishFormatter(Formatter):
    """Tick labels in Swedish digits ("50 000", "4,5", "−2"), with as few decimals as the
    ticks on the axis need to stay distinct (at most ``max_decimals``)."""

    def __init__(self, max_decimals: int = 3) -> None:
        self.max_decimals = max_decimals
        self.decimals = 0

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.decimals = decimals_needed(locs, self.max_decimals)

    def __call__(self, x, pos=None) -> str:
        return swedish.format_number(float(x), self.decimals)


def set_year_axis(ax: Axes, years: Sequence[int], label: str = "År") -> None:
    """Whole years on the x axis: one tick per year (or an integer locator for many years),
    written without a thousands separator ("2013")."""
    years = sorted({int(y) for y in years})
    if len(years) <= MAX_YEAR_TICKS:
        ax.xaxis.set_major_locator(FixedLocator(years))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if years:
        margin = 0.5 if len(years) == 1 else 0.25
        ax.set_xlim(years[0] - margin, years[-1] + margin)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, pos: str(int(round_half_up(x)))))
    ax.xaxis.set_minor_locator(FixedLocator([]))
    ax.set_xlabel(label)


def new_axes() -> tuple[Figure, Axes]:
    with sns.axes_style(STYLE):
        figure = Figure(figsize=SIZE, layout="constrained")
        ax = figure.add_subplot()
    return figure, ax


def years_text(years: Sequence[int]) -> str:
    """The years a chart covers: "2011–2013", "2013"; none: "inga år"."""
    return swedish.year_span_of(years) or "inga år"


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what}: missing columns {missing}")


def unit_phrase(unit: str) -> str:
    return f" ({unit})" if unit in UNITLESS else f" i {unit}"


def unit_label(unit: str) -> str:
    labels = {"procent": "Procent", "index": "Index", "antal": "Antal", "kvot": "Kvot"}
    return labels.get(unit, f"Belopp, {unit}" if unit in ("tkr", "mkr", "kr") else unit)
