"""Present stage: the chart policy — what the report draws and how, decided once here.

Every chart of the report follows these rules; :func:`audit` checks a finished figure
against them and tests/test_plots.py runs it on every chart the report draws (and shows,
rule by rule, that a chart breaking the rule is caught):

1. **No chart of a single value** (``single_value``): a chart shows at least two values; a
   line needs :data:`MIN_LINE_POINTS` values (``short_line``). With fewer the chapter says
   the figures in words or a table (:func:`require_points` raises :class:`ChartRefused`).
2. **No line through two points presented as a trend** (``short_trend``): a fitted trend or
   projection (:func:`trend_line`) is drawn only beside a series of
   :data:`~ksanalys.compute.trends.MIN_TREND_POINTS` values of one definition
   (:func:`require_trend_points`).
3. **Level charts start at zero** (``zero_baseline``), or mark that the axis is broken:
   :func:`start_at_zero` / :func:`mark_broken_axis`. The value axis is y unless
   :func:`start_at_zero` or :func:`mark_broken_axis` names x (horizontal bars).
4. **Every chart names its source** under it (``source``): :func:`source_note`.
5. **Colour-blind-safe colours** (``palette``): data are drawn in the Okabe–Ito colours of
   :data:`PALETTE` only.
6. **A sign is never shown by colour alone** (``sign_by_colour``): bars with both signs carry
   a label with the sign on every bar (:func:`signed_labels`), beside their direction.
7. **Alt text** (``alt_text``): a chart has a non-empty Swedish alt text.

Reference and target lines are drawn with :func:`reference_line` so the audit does not
count them as data.

Goal statuses in tables follow :data:`STATUS_STYLES`: **a colour never suggests more than
the status**. A status decided for the year (uppfyllt, delvis uppfyllt, ej uppfyllt) fills
its cell; a status about a target still ahead (på väg, osäker, inte på väg) has a dashed
frame, and på väg and inte på väg no fill, so "på väg" never looks like "uppfyllt". Osäker
is always filled lila, as the legend says: with the dashed frame for a target ahead, without
it (:data:`UNCERTAIN_FOR_YEAR_STYLE`) when decided for the year (the report's printings
disagree, or a goal's main part cannot be judged). The frame is an outline drawn inside
the cell (``outline-offset`` negative), so it never spills over a neighbouring cell or a
table header repeated on the next printed page. The status is always written
in the cell: colour is never the only carrier of meaning.
"""

from __future__ import annotations

import textwrap
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import Collection, PolyCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ksanalys.compute.trends import MIN_TREND_POINTS
from ksanalys.present import swedish

__all__ = [
    "MIN_BARS",
    "MIN_LINE_POINTS",
    "MIN_PRINT_POINTS",
    "MIN_TREND_POINTS",
    "NEGATIVE",
    "NEUTRAL",
    "NEUTRAL_SERIES",
    "PALETTE",
    "POSITIVE",
    "SERIES",
    "STATUS_STYLES",
    "TARGET",
    "UNCERTAIN_FOR_YEAR_STYLE",
    "ChartRefused",
    "Violation",
    "audit",
    "escape_mathtext",
    "mark_broken_axis",
    "print_scale",
    "reference_line",
    "require_points",
    "require_trend_points",
    "signed_labels",
    "source_note",
    "start_at_zero",
    "trend_line",
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
    "silver": "#B4B4B4",  # the lighter of two neutral series (NEUTRAL_SERIES)
}
POSITIVE = PALETTE["blue"]  # surplus, better than target
NEGATIVE = PALETTE["vermillion"]  # deficit, worse than target
NEUTRAL = PALETTE["grey"]
TARGET = PALETTE["black"]  # target and reference lines (dashed)
# Colours of several series in one chart, in this order (seaborn ``palette=``).
SERIES = [PALETTE[c] for c in ("blue", "orange", "sky", "green", "vermillion", "purple")]
# Series beside a table of goal statuses: greys, so no bar reads as a status colour.
NEUTRAL_SERIES = [PALETTE["grey"], PALETTE["silver"]]

MIN_LINE_POINTS = 3
MIN_BARS = 2

# CSS for a goal status's table cell (text stays black on every fill: contrast ≥ 7:1).
# Filled: decided for the year. Dashed frame inside the cell: a target year still ahead.
_UNCERTAIN_FILL = "#e3dcef"


def _frame(colour: str) -> str:
    return f"outline: 2px dashed {colour}; outline-offset: -4px"


STATUS_STYLES = {
    "met": "background-color: #cfe3f1; color: #000000",
    "partial": "background-color: #fbe6b8; color: #000000",
    "not_met": "background-color: #f7d3bf; color: #000000",
    "not_assessable": "background-color: #e4e4e4; color: #000000",
    "on_track": f"{_frame(PALETTE['blue'])}; color: #000000",
    "uncertain": f"background-color: {_UNCERTAIN_FILL}; {_frame(PALETTE['grey'])}; color: #000000",
    "off_track": f"{_frame(PALETTE['vermillion'])}; color: #000000",
}

# An osäker decided for the year, not about a target ahead: filled, without the frame.
UNCERTAIN_FOR_YEAR_STYLE = f"background-color: {_UNCERTAIN_FILL}; color: #000000"

Axis = Literal["x", "y"]

# Artist ids the audit reads: what is not data, and what was drawn by the policy's helpers.
REFERENCE_GID = "ksanalys-reference"
TREND_GID = "ksanalys-trend"
SOURCE_GID = "ksanalys-source"
SIGNED_GID = "ksanalys-signed"
SOURCE_PREFIX = "Källa: "
SOURCE_WIDTH = 98  # characters per line of the source note at the report's chart width
SOURCE_SIZE = 9  # its font size in the figure, points: at least MIN_PRINT_POINTS in print

# How a chart prints (templates/ksanalys/page.css): at most 85 % of the A4 text width
# (210 − 2 × 16 mm) and 12.5 cm high, scaled down to fit. The smallest text of a chart
# (source note, legend, bar labels) must print at MIN_PRINT_POINTS or more.
PRINT_WIDTH_MM = 0.85 * (210 - 2 * 16)
PRINT_HEIGHT_MM = 125.0
MIN_PRINT_POINTS = 7.0
MM_PER_INCH = 25.4
_ALLOWED = {c.lower() for c in PALETTE.values()} | {"#ffffff"}


class ChartRefused(ValueError):
    """The policy does not allow this chart (too few values); show the figures otherwise."""


@dataclass(frozen=True)
class Violation:
    """One broken rule: its code (see the module docstring) and what broke it."""

    rule: str
    detail: str


@dataclass
class _AxisState:
    value_axis: Axis = "y"
    broken: bool = False


_AXES: weakref.WeakKeyDictionary[Axes, _AxisState] = weakref.WeakKeyDictionary()


def require_points(n_points: int, minimum: int = MIN_LINE_POINTS, *, what: str = "") -> None:
    """Raise :class:`ChartRefused` unless a series has at least ``minimum`` values."""
    if n_points < minimum:
        raise ChartRefused(f"{what or 'series'}: {n_points} values, a chart needs {minimum}")


def require_trend_points(n_points: int, *, what: str = "") -> None:
    """Raise :class:`ChartRefused` unless a trend may be drawn from ``n_points`` values."""
    require_points(n_points, MIN_TREND_POINTS, what=what or "trend")


def start_at_zero(ax: Axes, axis: Axis = "y") -> None:
    """Let the value axis (``axis``) of a level chart include zero; values may be negative.

    Call it after the data are drawn (the limits are widened, never narrowed).
    """
    _AXES.setdefault(ax, _AxisState()).value_axis = axis
    get, set_ = (ax.get_ylim, ax.set_ylim) if axis == "y" else (ax.get_xlim, ax.set_xlim)
    low, high = get()
    set_(min(low, 0.0), max(high, 0.0))


def mark_broken_axis(ax: Axes, axis: Axis = "y", *, in_label: bool = False) -> None:
    """Mark that the value axis does not start at zero: a zigzag at its start and the
    words "Axeln börjar inte på noll" beside it, or, with ``in_label``, under the axis's
    label (set the label first), where no value can lie under them. The limits are left
    as they are."""
    _AXES[ax] = _AxisState(value_axis=axis, broken=True)
    d = 0.012
    for step in (0.0, 0.02):
        xs, ys = ([-d, d], [step - d, step + d]) if axis == "y" else ([step - d, step + d], [-d, d])
        ax.plot(
            xs, ys, transform=ax.transAxes, color=TARGET, clip_on=False, lw=1, gid=REFERENCE_GID
        )
    if in_label:
        get, set_ = (
            (ax.get_ylabel, ax.set_ylabel) if axis == "y" else (ax.get_xlabel, ax.set_xlabel)
        )
        set_(f"{get()}\n(axeln börjar inte på noll)".strip())
        return
    where = (0.005, 0.035) if axis == "y" else (0.035, 0.01)
    ax.text(*where, "Axeln börjar inte på noll", transform=ax.transAxes, fontsize=7)


def reference_line(
    ax: Axes, value: float, *, label: str, axis: Axis = "y", color: str = TARGET
) -> Line2D:
    """A dashed reference or target line at ``value`` across the chart (``axis`` = the value
    axis: "y" draws a horizontal line). Not data: the audit does not count it."""
    draw = ax.axhline if axis == "y" else ax.axvline
    return draw(value, color=color, linestyle="--", linewidth=1.2, label=label, gid=REFERENCE_GID)


def trend_line(
    ax: Axes, x: Sequence[float], y: Sequence[float], *, n_values: int, label: str = "Trend"
) -> Line2D:
    """A fitted trend or projection, dotted grey. ``n_values`` is the number of values it was
    fitted to; fewer than :data:`MIN_TREND_POINTS` raise :class:`ChartRefused`."""
    require_trend_points(n_values, what=label)
    (line,) = ax.plot(x, y, linestyle=":", color=NEUTRAL, marker=".", label=label, gid=TREND_GID)
    return line


def signed_labels(
    ax: Axes,
    bars: Iterable[Rectangle],
    values: Iterable[float],
    formatter: Callable[[float], str] = swedish.format_signed,
    *,
    axis: Axis = "x",
) -> None:
    """Write each bar's value with its sign ("+3,3", "−0,9") at the bar's end, outside it.

    ``axis`` is the value axis ("x" for horizontal bars). ``formatter`` must write the sign.
    """
    for bar, value in zip(bars, values, strict=True):
        outward = value >= 0
        if axis == "x":
            x, y = bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2
            offset, ha, va = (
                ((4, 0) if outward else (-4, 0)),
                ("left" if outward else "right"),
                "center",
            )
        else:
            x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height()
            offset, ha, va = (
                ((0, 3) if outward else (0, -3)),
                "center",
                ("bottom" if outward else "top"),
            )
        ax.annotate(
            formatter(value),
            (x, y),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=9,
            gid=SIGNED_GID,
        )
    if axis == "x":
        ax.margins(x=0.15)
    else:
        ax.margins(y=0.15)


def print_scale(figure: Figure) -> float:
    """How much the PDF shrinks ``figure`` (1.0: printed at its own size), from the print
    size rules (:data:`PRINT_WIDTH_MM`, :data:`PRINT_HEIGHT_MM`); a figure's text prints at
    its font size times this."""
    width, height = (inches * MM_PER_INCH for inches in figure.get_size_inches())
    return min(1.0, PRINT_WIDTH_MM / width, PRINT_HEIGHT_MM / height)


def escape_mathtext(text: str) -> str:
    """``text`` shown as written by matplotlib: a "$" never starts mathtext."""
    return text.replace("$", r"\$")


def source_note(figure: Figure, sources: Sequence[str]) -> str:
    """Write "Källa: …" under the chart (left, small, wrapped) and return the text, for the
    alt text too.

    ``sources`` are already-worded Swedish source names (e.g. a document title and section),
    untrusted text from data: repeated names are written once, and nothing in them is read
    as mathtext. Raises ValueError without a source.
    """
    names = list(dict.fromkeys(" ".join(s.split()) for s in sources if s and s.strip()))
    if not names:
        raise ValueError("a chart needs its source")
    text = SOURCE_PREFIX + "; ".join(names)
    wrapped = "\n".join(textwrap.wrap(text, SOURCE_WIDTH))
    figure.supxlabel(
        escape_mathtext(wrapped),
        x=0.01,
        ha="left",
        fontsize=SOURCE_SIZE,
        color=NEUTRAL,
        gid=SOURCE_GID,
    )
    return text


# ---------------------------------------------------------------- the audit


def audit(figure: Figure, alt: str | None = None) -> list[Violation]:
    """Every rule of the policy that the finished ``figure`` breaks (empty when none).

    ``alt`` is the chart's alt text (``Chart.alt``); None skips that rule.
    """
    found: list[Violation] = []
    if alt is not None and not alt.strip():
        found.append(Violation("alt_text", "the chart has no alt text"))
    if not _has_source(figure):
        found.append(Violation("source", "no 'Källa: …' under the chart"))
    for ax in figure.axes:
        if ax.get_label() == "<colorbar>":
            continue
        found += _audit_axes(ax)
    return found


def _has_source(figure: Figure) -> bool:
    label = getattr(figure, "_supxlabel", None)  # set by Figure.supxlabel, laid out with it
    texts = [*figure.texts, *([label] if label is not None else [])]
    return any(
        t.get_gid() == SOURCE_GID
        and t.get_text().startswith(SOURCE_PREFIX)
        and len(t.get_text()) > len(SOURCE_PREFIX)
        for t in texts
    )


def _data_lines(ax: Axes) -> list[Line2D]:
    return [
        line
        for line in ax.get_lines()
        if line.get_gid() not in (REFERENCE_GID, TREND_GID) and _count(line.get_xdata()) > 0
    ]


def _count(values: object) -> int:
    return len(np.atleast_1d(np.asarray(values)))


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _audit_axes(ax: Axes) -> list[Violation]:
    state = _AXES.get(ax, _AxisState())
    lines = _data_lines(ax)
    bars = _bars(ax)
    points = [_count(line.get_xdata()) for line in lines]
    scattered = [
        _count(c.get_offsets()) for c in ax.collections if not isinstance(c, PolyCollection)
    ]
    found = []
    n_values = sum(points) + len(bars) + sum(scattered)
    if n_values < MIN_BARS:
        found.append(Violation("single_value", f"{n_values} value(s) drawn"))
    for line, n in zip(lines, points, strict=True):
        if n < MIN_LINE_POINTS:
            found.append(Violation("short_line", f"line {line.get_label()!r}: {n} points"))
    trends = [line for line in ax.get_lines() if line.get_gid() == TREND_GID]
    longest = max([*points, *scattered, 0])
    if trends and longest < MIN_TREND_POINTS:
        found.append(Violation("short_trend", f"trend beside a series of {longest} values"))
    found += _audit_zero(ax, state)
    found += _audit_colours(ax, lines, bars)
    found += _audit_signs(ax, bars, state)
    return found


def _audit_zero(ax: Axes, state: _AxisState) -> list[Violation]:
    low, high = ax.get_ylim() if state.value_axis == "y" else ax.get_xlim()
    if state.broken or min(low, high) <= 0.0 <= max(low, high):
        return []
    return [
        Violation(
            "zero_baseline",
            f"{state.value_axis} axis {swedish.format_interval(low, high, 2)} without zero, "
            "not marked broken",
        )
    ]


def _audit_colours(ax: Axes, lines: list[Line2D], bars: list[Rectangle]) -> list[Violation]:
    colours = [(str(line.get_label()), _hex(line.get_color())) for line in lines]
    colours += [("bar", _hex(bar.get_facecolor())) for bar in bars]
    for collection in ax.collections:
        colours += [(_name(collection), _hex(c)) for c in collection.get_facecolor()]
    bad = sorted({f"{name} {colour}" for name, colour in colours if colour.lower() not in _ALLOWED})
    return [Violation("palette", f"not a colour of the palette: {', '.join(bad)}")] if bad else []


def _hex(colour: object) -> str:
    return to_hex(to_rgba(colour), keep_alpha=False)  # type: ignore[arg-type]


def _name(collection: Collection) -> str:
    return str(collection.get_label()) or type(collection).__name__


def _audit_signs(ax: Axes, bars: list[Rectangle], state: _AxisState) -> list[Violation]:
    size = (lambda b: b.get_width()) if state.value_axis == "x" else (lambda b: b.get_height())
    values = [size(bar) for bar in bars]
    if not (any(v < 0 for v in values) and any(v > 0 for v in values)):
        return []
    labels = [
        t.get_text()
        for t in ax.texts
        if t.get_gid() == SIGNED_GID and t.get_text()[:1] in ("+", swedish.MINUS, "0", "±")
    ]
    if len(labels) >= len(bars):
        return []
    return [
        Violation(
            "sign_by_colour",
            f"{len(bars)} bars of both signs, {len(labels)} labels with a sign",
        )
    ]
