"""Present stage: charts of the economy chapter, drawn under the chart policy
(:mod:`ksanalys.present.plots.policy`).

- :func:`net_cost_chart`: net cost per unit over the years (a line needs three years);
- :func:`deviation_chart`: budget deviation in percent of the grant, one bar per department
  or unit of one level, sorted, with the board's total as a reference line;
- :func:`deviation_amount_chart`: budget deviation in tkr per printed row, each amount
  with its share of its own grant beside it, rows grouped under headings (a unit's
  departments, then the units), with the printed total as a bar of its own;
- :func:`bridge_chart`: a waterfall from one year's result to the next, line by line.

Every chart names its sources under it; bars carry their signed value as a label, so the
sign never rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ksanalys.present import swedish
from ksanalys.present.columns import column
from ksanalys.present.plots import policy
from ksanalys.present.plots.chart import (
    SIZE,
    Chart,
    SwedishFormatter,
    new_axes,
    require_columns,
    set_year_axis,
    years_text,
)
from ksanalys.present.text.words import capitalize
from ksanalys.values import is_missing

__all__ = ["bridge_chart", "deviation_amount_chart", "deviation_chart", "net_cost_chart"]

# A step that is no driver (amounts on no line): white, hatched and framed in grey.
UNPLACED_FILL = "#ffffff"
SURPLUS_COLOR = policy.POSITIVE
DEFICIT_COLOR = policy.NEGATIVE


def net_cost_chart(
    frame: pd.DataFrame,
    title: str = "Nettokostnad per enhet och år",
    sources: Sequence[str] = ("bokslutets tabell över nettokostnadsutveckling",),
) -> Chart:
    """Net cost per unit and year, one line per unit, from zero.

    ``frame`` columns: year (int), unit (Swedish label), net_cost (tkr, positive).
    Rows with a missing net cost are left out. Fewer than
    :data:`~ksanalys.present.plots.policy.MIN_LINE_POINTS` years raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    require_columns(frame, ["year", "unit", "net_cost"], "net_cost_chart")
    data = frame.dropna(subset=["net_cost"])
    policy.require_points(data["year"].nunique(), what="net cost per unit")
    figure, ax = new_axes()
    data = data.assign(unit=data["unit"].map(policy.escape_mathtext))
    units = list(dict.fromkeys(data["unit"]))
    sns.lineplot(
        data=data,
        x="year",
        y="net_cost",
        hue="unit",
        palette=policy.SERIES[: len(units)],
        marker="o",
        markersize=8,
        errorbar=None,
        ax=ax,
    )
    set_year_axis(ax, data["year"])
    ax.set_ylabel(column("net_cost").label)
    ax.yaxis.set_major_formatter(SwedishFormatter())
    policy.start_at_zero(ax)
    ax.set_title(policy.escape_mathtext(title))
    if ax.get_legend() is not None:
        ax.legend(title="Enhet", loc="best")
    source = policy.source_note(figure, sources)
    parts = []
    for unit, rows in data.groupby("unit", sort=False):
        values = ", ".join(
            f"{swedish.format_tkr(v, unit=True)} {int(y)}"
            for y, v in zip(rows["year"], rows["net_cost"], strict=True)
        )
        parts.append(f"{unit}: {values}")
    alt = (
        f"Linjediagram: {title}. Nettokostnad per enhet, {years_text(data['year'])}: "
        f"{'; '.join(parts)}. {source}"
    )
    return Chart(figure, alt)


def _signed_bars(
    data: pd.DataFrame,
    value: str,
    label: str,
    axis_label: str,
    title: str,
    formatter: Callable[[float], str],
    colours: Sequence[str] | None = None,
    positions: Sequence[float] | None = None,
    texts: Sequence[str] | None = None,
) -> tuple:
    """Horizontal bars of ``value`` per ``label`` in the frame's order (first at the top,
    or at ``positions``), labelled with their sign (or with ``texts``, one per bar, each
    beginning with the signed value) and coloured by sign unless ``colours`` are given;
    returns (figure, ax)."""
    figure, ax = new_axes()
    figure.set_size_inches(SIZE[0], max(2.6, 0.5 * len(data) + 1.6))
    if positions is None:
        positions = list(range(len(data)))[::-1]  # the first row at the top
    if colours is None:
        colours = [_sign_colour(v) for v in data[value]]
    bars = ax.barh(positions, data[value], color=list(colours), height=0.6)
    ax.set_yticks(positions, [policy.escape_mathtext(str(t)) for t in data[label]])
    ax.axvline(0, color=policy.TARGET, linewidth=0.8, gid=policy.REFERENCE_GID)
    if texts is not None:
        by_bar = iter(texts)  # signed_labels writes the bars in order
        formatter = lambda _value: next(by_bar)  # noqa: E731
    policy.signed_labels(ax, bars, list(data[value]), formatter, axis="x")
    policy.start_at_zero(ax, "x")
    ax.set_xlabel(axis_label)
    ax.set_ylabel("")
    ax.xaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.grid(axis="y", visible=False)
    return figure, ax


def _signed_percent(value: float) -> str:
    return f"{swedish.format_signed(value, 1)}{swedish.NBSP}%"


def deviation_chart(
    frame: pd.DataFrame,
    *,
    reference: float | None = None,
    reference_label: str = "Totalt",
    title: str = "Avvikelse per avdelning",
    sources: Sequence[str] = ("bokslutets tabell över resultat per avdelning",),
) -> Chart:
    """Budget deviation in percent of the grant per unit of one level, largest surplus
    first, with ``reference`` (the board's deviation in percent of its grant) as a dashed
    line.

    ``frame`` columns: unit (Swedish label), deviation_pct (deviation in percent of the
    grant, positive = surplus; the column of key figures). Rows without it are left out;
    fewer than two bars raise :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    require_columns(frame, ["unit", "deviation_pct"], "deviation_chart")
    data = frame.dropna(subset=["deviation_pct"]).sort_values(
        "deviation_pct", ascending=False, kind="stable"
    )
    policy.require_points(len(data), policy.MIN_BARS, what="deviation")
    figure, ax = _signed_bars(
        data, "deviation_pct", "unit", column("deviation_pct").label, title, _signed_percent
    )
    parts = [
        f"{unit} {_signed_percent(v)}"
        for unit, v in zip(data["unit"], data["deviation_pct"], strict=True)
    ]
    alt = (
        f"Stapeldiagram: {title}. Avvikelse i procent av kommunbidraget, överskott positivt, "
        f"störst överskott först: {'; '.join(parts)}."
    )
    if not is_missing(reference):
        line_label = f"{reference_label} {_signed_percent(reference)}"
        policy.reference_line(ax, reference, label=policy.escape_mathtext(line_label), axis="x")
        ax.legend(loc="lower right", fontsize=8)
        alt += f" Streckad linje: {line_label}."
    source = policy.source_note(figure, sources)
    return Chart(figure, f"{alt} {source}")


def deviation_amount_chart(
    frame: pd.DataFrame,
    *,
    total: tuple[str, float] | None = None,
    title: str = "Budgetavvikelse per avdelning och enhet",
    sources: Sequence[str] = ("bokslutets tabell över resultat per avdelning",),
    note: str = "",
) -> Chart:
    """Budget deviation in tkr (the reader's money) per printed row, each bar labelled with
    its signed amount and its share of its own grant beside it ("+4 336 (11,7 %)"; what
    the share is of, the group's heading says); ``total`` (label, tkr), the printed sum of
    the rows, is a grey bar of its own at the bottom, apart from the groups.

    ``frame`` columns: unit (Swedish label), deviation (tkr, positive = surplus), share
    (e.g. "24,7 %"; "" for none); optional group (a heading, one or two lines: the rows of
    one group stand together under it; "" for rows in no group) and subtotal (True for a
    group's printed sum: a grey bar at the group's end). Within a group the largest
    surplus comes first and a subtotal last; the rows in no group form one group without a
    heading; groups keep the frame's order, set apart by a gap and a thin line. Rows
    without a deviation are left out; fewer than two bars raise
    :class:`~ksanalys.present.plots.policy.ChartRefused`. ``note`` is added under the chart
    and to the alt text (e.g. that rows add up to another sum than the one printed).
    """
    require_columns(frame, ["unit", "deviation", "share"], "deviation_amount_chart")
    data = frame.dropna(subset=["deviation"]).assign(
        group=frame.get("group", ""),
        subtotal=frame["subtotal"].astype(bool) if "subtotal" in frame else False,
    )
    policy.require_points(len(data), policy.MIN_BARS, what="deviation")
    groups = _deviation_groups(data)
    if total is not None:
        groups.append(("", [(total[0], total[1], "", policy.NEUTRAL)]))
    layout = _GroupLayout(groups)
    figure, ax = _signed_bars(
        pd.DataFrame({"unit": layout.labels, "deviation": layout.values}),
        "deviation",
        "unit",
        f"{column('deviation').label} (överskott positivt)",
        title,
        swedish.format_signed,
        layout.colours,
        positions=layout.positions,
        texts=layout.texts,
    )
    layout.draw(ax)
    figure.set_size_inches(SIZE[0], max(2.6, _ROW_INCHES * layout.span + 1.5))
    _room_for_labels(ax, layout.values)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))  # the row labels leave less width
    _fit_bar_texts(ax)
    parts = []
    for heading, rows in groups:
        described = "; ".join(
            f"{unit} {swedish.format_signed(value)}{swedish.NBSP}tkr"
            + (f" ({share})" if share else "")
            for unit, value, share, _ in rows
        )
        parts.append(f"{' '.join(heading.split())}: {described}" if heading else described)
    source = policy.source_note(figure, [*sources, note] if note else sources)
    alt = (
        f"Stapeldiagram: {title}. Budgetavvikelse i tkr, överskott positivt, störst "
        f"överskott först: {'. '.join(parts)}. {source}"
    )
    return Chart(figure, alt)


# One bar of the deviation chart: (label, tkr, share of its grant, colour); a group is its
# heading ("" for none) and its bars, top first.
_Bar = tuple[str, float, str, str]
_Group = tuple[str, list[_Bar]]

# The deviation chart's vertical layout, in bar positions: the gap between groups, the
# step below a group's one-line heading and what each further line of it adds; and the
# height of one position in inches.
_GROUP_GAP = 0.6
_HEADING_STEP = 0.8
_HEADING_LINE = 0.45
_ROW_INCHES = 0.32
# A waterfall's row: room for its one-line label and amount at the report's font size, so that
# the chart prints at the text's scale without filling the page.
_STEP_INCHES = 0.28
# White space inside a horizontal bar chart's edges, so that no label prints at the edge of
# the page's text column.
_EDGE_INCHES = 0.12
# White space between a bar's text and the axes' edge, in pixels at the figure's dpi.
_TEXT_PAD = 4.0


def _deviation_groups(data: pd.DataFrame) -> list[_Group]:
    """The rows per group in the frame's order, largest surplus first, subtotal last."""
    groups = []
    for heading, rows in data.groupby("group", sort=False):
        rows = rows.assign(order=-rows["deviation"]).sort_values(
            ["subtotal", "order"], kind="stable"
        )
        bars = [
            (unit, value, share, policy.NEUTRAL if sub else _sign_colour(value))
            for unit, value, share, sub in zip(
                rows["unit"], rows["deviation"], rows["share"], rows["subtotal"], strict=True
            )
        ]
        groups.append((str(heading), bars))
    return groups


class _GroupLayout:
    """Where each bar, heading and separating line of grouped bars stands (position 0 at
    the top, one bar per unit below it)."""

    def __init__(self, groups: list[_Group]) -> None:
        self.positions: list[float] = []
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.values: list[float] = []
        self.colours: list[str] = []
        self.headings: list[tuple[float, str]] = []
        self.separators: list[float] = []
        position = 0.0
        for number, (heading, bars) in enumerate(groups):
            if number:
                self.separators.append(position + (1 - _GROUP_GAP) / 2)
                position -= _GROUP_GAP
            if heading:
                lines = heading.count("\n")
                self.headings.append((position - _HEADING_LINE * lines / 2, heading))
                position -= _HEADING_STEP + _HEADING_LINE * lines
            for unit, value, share, colour in bars:
                self.positions.append(position)
                self.labels.append(unit)
                signed = swedish.format_signed(value)
                self.texts.append(f"{signed} ({share})" if share else signed)
                self.values.append(value)
                self.colours.append(colour)
                position -= 1
        self.bottom = position

    @property
    def span(self) -> float:
        """The chart's height in bar positions."""
        return 0.2 - self.bottom

    def draw(self, ax) -> None:
        """Tick labels top first (headings in bold), the limits and the separating lines."""
        ticks = sorted(
            [
                *((p, label, False) for p, label in zip(self.positions, self.labels, strict=True)),
                *((p, heading, True) for p, heading in self.headings),
            ],
            reverse=True,
        )
        ax.set_yticks([p for p, _, _ in ticks], [policy.escape_mathtext(t) for _, t, _ in ticks])
        for tick, (_, _, heading) in zip(ax.get_yticklabels(), ticks, strict=True):
            if heading:
                tick.set_fontweight("bold")
        ax.tick_params(axis="y", labelsize=policy.SOURCE_SIZE)  # ≥ 7 pt in print
        _clear_edges(ax.figure)
        ax.set_ylim(self.bottom + 0.4, 0.6)
        for height in self.separators:
            ax.axhline(height, color=policy.NEUTRAL, linewidth=0.8, gid=policy.REFERENCE_GID)


def _clear_edges(figure) -> None:
    """Keep :data:`_EDGE_INCHES` of white inside the figure's edges (its constrained layout's
    padding), so that no label prints at the edge of the text column."""
    engine = figure.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(w_pad=_EDGE_INCHES, h_pad=_EDGE_INCHES)


def _fit_bar_texts(ax, rounds: int = 8) -> None:
    """Widen the value axis until every bar's text (its amount and share) lies inside the
    axes, measured as drawn: a text's length, not the bar's, decides the room it needs."""
    figure = ax.figure
    FigureCanvasAgg(figure)  # a canvas that can measure text
    for _ in range(rounds):
        figure.draw_without_rendering()
        renderer = figure.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        texts = [
            t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == policy.SIGNED_GID
        ]
        if not texts:
            return
        left = max(0.0, box.x0 + _TEXT_PAD - min(t.x0 for t in texts))
        right = max(0.0, max(t.x1 for t in texts) - (box.x1 - _TEXT_PAD))
        if left == right == 0.0:
            return
        low, high = ax.get_xlim()
        per_pixel = (high - low) / box.width
        ax.set_xlim(low - 1.25 * left * per_pixel, high + 1.25 * right * per_pixel)


def _sign_colour(value: float) -> str:
    return SURPLUS_COLOR if value >= 0 else DEFICIT_COLOR


def _room_for_labels(ax, values: Sequence[float], share: float = 0.22) -> None:
    """Widen the value axis so a label outside the longest bar of each sign fits."""
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    ax.set_xlim(low - (share * span if low < 0 else 0), high + share * span)


def bridge_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    sources: Sequence[str],
) -> Chart:
    """A waterfall from one result to the next: the first row is the starting result, the
    last the end result (grey bars from zero), the rows between are steps drawn from the
    running total (blue when they improve the result, vermillion when they worsen it), with
    a legend above the chart saying what the colours and the hatching mean. Every bar
    carries its signed amount.

    ``frame`` columns: label (Swedish), value (tkr: the result for the first and last row,
    the effect on the result for a step), in the order they are drawn, top to bottom, and
    optionally neutral (True for a step that is no line of its own, e.g. an amount on no
    line: drawn hatched on white, so it reads neither as a driver nor as a result).
    The steps must add up to last − first (the caller's bridge does, exactly); fewer than
    one step raises :class:`~ksanalys.present.plots.policy.ChartRefused`.
    """
    require_columns(frame, ["label", "value"], "bridge_chart")
    values = [float(v) for v in frame["value"]]
    policy.require_points(len(values) - 2, 1, what="bridge steps")
    figure, ax = new_axes()
    figure.set_size_inches(SIZE[0], max(3.0, _STEP_INCHES * len(values) + 1.6))
    positions = list(range(len(values)))[::-1]
    neutral = list(frame["neutral"]) if "neutral" in frame.columns else [False] * len(values)
    lefts, colours, running = [], [], values[0]
    for i, value in enumerate(values):
        if i in (0, len(values) - 1):
            lefts.append(0.0)
            colours.append(policy.NEUTRAL)
            continue
        lefts.append(running)
        sign_colour = SURPLUS_COLOR if value >= 0 else DEFICIT_COLOR
        colours.append(policy.NEUTRAL if neutral[i] else sign_colour)
        running += value
    bars = ax.barh(positions, values, left=lefts, color=colours, height=0.6)
    for bar, is_neutral in zip(bars, neutral, strict=True):
        if is_neutral:
            bar.set_facecolor(UNPLACED_FILL)
            bar.set_edgecolor(policy.NEUTRAL)
            bar.set_hatch("////")
    for i in range(len(values) - 1):  # a thin line from each bar's end to the next bar
        end = lefts[i] + values[i]
        ax.plot(
            [end, end],
            [positions[i] - 0.3, positions[i + 1] + 0.3],
            color=policy.NEUTRAL,
            linewidth=0.6,
            gid=policy.REFERENCE_GID,
        )
    ax.set_yticks(positions, [policy.escape_mathtext(str(t)) for t in frame["label"]])
    policy.signed_labels(ax, bars, values, swedish.format_signed, axis="x")
    ends = [left + value for left, value in zip(lefts, values, strict=True)]
    _room_for_labels(ax, [*ends, *lefts], share=0.16)
    policy.start_at_zero(ax, "x")
    ax.set_xlabel("Resultat och påverkan på resultatet, tkr")
    ax.xaxis.set_major_formatter(SwedishFormatter())
    ax.set_title(policy.escape_mathtext(title))
    ax.grid(axis="y", visible=False)
    shown = _bridge_legend(ax, values[1:-1], neutral[1:-1])
    source = policy.source_note(figure, sources)
    _clear_edges(figure)
    parts = [
        f"{label} {swedish.format_signed(v)}{swedish.NBSP}tkr"
        for label, v in zip(frame["label"], values, strict=True)
    ]
    alt = (
        f"Vattenfallsdiagram: {title}. Första och sista stapeln är resultaten, staplarna "
        f"emellan förändringarnas påverkan på resultatet ({'; '.join(shown)}): "
        f"{'; '.join(parts)}. {source}"
    )
    return Chart(figure, alt)


# What the waterfall's colours mean, as its legend says it.
IMPROVES, WORSENS = "förbättrar resultatet", "försämrar resultatet"
UNPLACED = "streckad: ej fördelat"


def _bridge_legend(ax, steps: Sequence[float], neutral: Sequence[bool]) -> list[str]:
    """A legend of the colours the steps use (blue improves the result, vermillion worsens
    it, hatched is a gap between a printed sum and its lines); returns its entries."""
    placed = [v for v, n in zip(steps, neutral, strict=True) if not n]
    kinds = [
        (IMPROVES, Patch(facecolor=SURPLUS_COLOR), any(v >= 0 for v in placed)),
        (WORSENS, Patch(facecolor=DEFICIT_COLOR), any(v < 0 for v in placed)),
        (
            UNPLACED,
            Patch(facecolor=UNPLACED_FILL, edgecolor=policy.NEUTRAL, hatch="////"),
            any(neutral),
        ),
    ]
    handles = [patch for _, patch, used in kinds if used]
    for label, patch, _ in kinds:
        patch.set_label(capitalize(label))
    if handles:
        legend = ax.legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncol=len(handles),
            fontsize=policy.SOURCE_SIZE,
            frameon=False,
        )
        legend.set_in_layout(False)  # above the axes, into the labels' empty corner
        ax.set_title(ax.get_title(), pad=22)
    return [label for label, _, used in kinds if used]
