"""Present stage: the chart policy — what the report draws and how, decided once here.

Every chart of the report follows these rules (tests/test_plots.py checks them):

1. **No chart of a single value**: a series needs :data:`MIN_LINE_POINTS` values to be a
   line; with fewer the chapter says the figures in words or a table
   (:func:`require_points` raises :class:`ChartRefused`).
2. **No line through two points presented as a trend**: a fitted trend or projection is drawn
   only from :data:`~ksanalys.compute.trends.MIN_TREND_POINTS` values of one definition.
3. **Level charts start at zero**, or mark that the axis is broken (:func:`start_at_zero`).
4. **Every chart names its source** under it (:func:`source_note`).
5. **Colour-blind-safe colours** (Okabe–Ito, :data:`PALETTE`); a sign is never shown by colour
   alone but also by direction (bars left/right of zero) or a label with its sign.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ksanalys.compute.trends import MIN_TREND_POINTS

__all__ = [
    "MIN_LINE_POINTS",
    "MIN_TREND_POINTS",
    "NEGATIVE",
    "NEUTRAL",
    "PALETTE",
    "POSITIVE",
    "TARGET",
    "ChartRefused",
    "require_points",
    "source_note",
    "start_at_zero",
]

# Okabe & Ito (2008), distinguishable with every common colour-vision deficiency.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#6E6E6E",
}
POSITIVE = PALETTE["blue"]  # surplus, better than target
NEGATIVE = PALETTE["vermillion"]  # deficit, worse than target
NEUTRAL = PALETTE["grey"]
TARGET = PALETTE["black"]  # target and reference lines (dashed)

MIN_LINE_POINTS = 3


class ChartRefused(ValueError):
    """The policy does not allow this chart (too few values); show the figures otherwise."""


def require_points(n_points: int, minimum: int = MIN_LINE_POINTS, *, what: str = "") -> None:
    """Raise :class:`ChartRefused` unless a series has at least ``minimum`` values."""
    if n_points < minimum:
        raise ChartRefused(f"{what or 'series'}: {n_points} values, a chart needs {minimum}")


def start_at_zero(ax: Axes) -> None:
    """Let a level axis include zero (the y axis; values may be negative)."""
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, 0.0), max(high, 0.0))


def source_note(figure: Figure, sources: Sequence[str]) -> str:
    """Write "Källa: …" under the chart and return the text (for the alt text too).

    ``sources`` are already-worded Swedish source names (e.g. a document title and section).
    """
    text = "Källa: " + "; ".join(dict.fromkeys(s for s in sources if s))
    figure.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=8, color=NEUTRAL, wrap=True)
    return text
