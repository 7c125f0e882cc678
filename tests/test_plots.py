"""Figures: Swedish titles and labels, whole-year ticks, Swedish tick numbers, alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex

from ksanalys.compute import trends
from ksanalys.present import plots
from ksanalys.present.plots import policy
from ksanalys.present.swedish import MINUS, NBSP

NET_COST = pd.DataFrame(
    {
        "year": [2011, 2012, 2013, 2011, 2012, 2013],
        "unit": ["Politisk ledning"] * 3 + ["Kommunstyrelsens kontor"] * 3,
        "net_cost": [66000.0, 67081.0, 66857.0, 214000.0, 216035.0, 217840.0],
    }
)
# Budget deviation in percent of the grant, as in the 2013 report (result / grant).
DEVIATION = pd.DataFrame(
    {
        "unit": ["Politisk ledning", "Stadsdirektörens kansli", "Administration och utredning"],
        "deviation_pct": [-1.3215, 24.7463, -1.9409],
    }
)
SICK_LEAVE = pd.DataFrame({"year": [2011, 2012, 2013], "value": [6.0, 6.39, 7.13]})
PROJECTION = pd.DataFrame(
    {"year": [2014, 2015], "value": [7.6, 8.2], "low": [6.9, 7.3], "high": [8.3, 9.1]}
)


def tick_labels(axis) -> list[str]:
    """The labels of the ticks inside the visible range, as drawn."""
    axis.axes.figure.canvas.draw()
    low, high = sorted(axis.get_view_interval())
    return [
        label.get_text()
        for loc, label in zip(axis.get_majorticklocs(), axis.get_ticklabels(), strict=True)
        if low <= loc <= high and label.get_text()
    ]


def test_net_cost_chart_has_swedish_labels_and_one_tick_per_year():
    chart = plots.net_cost_chart(NET_COST)
    ax = chart.figure.axes[0]
    assert ax.get_title() == "Nettokostnad per enhet och år"
    assert ax.get_xlabel() == "År"
    assert ax.get_ylabel() == "Nettokostnad, tkr"
    assert tick_labels(ax.xaxis) == ["2011", "2012", "2013"]
    assert f"200{NBSP}000" in tick_labels(ax.yaxis)
    assert ax.get_legend().get_title().get_text() == "Enhet"
    assert policy.audit(chart.figure, chart.alt) == []


def test_net_cost_alt_text_names_the_chart_and_its_values():
    alt = plots.net_cost_chart(NET_COST).alt
    assert alt.startswith("Linjediagram: Nettokostnad per enhet och år.")
    assert f"Politisk ledning: 66{NBSP}000{NBSP}tkr 2011, 67{NBSP}081{NBSP}tkr 2012" in alt
    assert f"Kommunstyrelsens kontor: 214{NBSP}000{NBSP}tkr 2011" in alt
    assert "Källa: " in alt


def test_net_cost_chart_refuses_lines_through_two_years():
    two_years = NET_COST[NET_COST["year"] > 2011]
    with pytest.raises(policy.ChartRefused):
        plots.net_cost_chart(two_years)


def test_year_ticks_are_the_whole_years_of_the_data():
    frame = pd.DataFrame({"year": [2009, 2012, 2016], "unit": "A", "net_cost": [1.0] * 3})
    ax = plots.net_cost_chart(frame).figure.axes[0]
    assert tick_labels(ax.xaxis) == ["2009", "2012", "2016"]


def test_many_years_get_integer_ticks_without_thousands_separator():
    years = list(range(1998, 2016))
    frame = pd.DataFrame({"year": years, "value": [float(y % 7) for y in years]})
    ax = plots.indicator_chart(frame, title="Test", unit="antal").figure.axes[0]
    labels = tick_labels(ax.xaxis)
    assert len(labels) >= 3
    assert all(label.isdigit() and len(label) == 4 for label in labels)
    assert all(1997 <= int(label) <= 2016 for label in labels)


def test_deviation_chart_sorts_the_shares_and_draws_the_board_as_reference():
    chart = plots.deviation_chart(
        DEVIATION,
        reference=3.152,
        reference_label="Kommunstyrelsen totalt",
        sources=["Bokslut 2013"],
    )
    ax = chart.figure.axes[0]
    assert ax.get_xlabel() == "Avvikelse, % av kommunbidrag"
    bars = sorted(ax.patches, key=lambda p: -p.get_y())  # top first
    assert [round(p.get_width(), 1) for p in bars] == [24.7, -1.3, -1.9]
    assert [to_hex(p.get_facecolor()) for p in bars] == [
        policy.POSITIVE.lower(),
        policy.NEGATIVE.lower(),
        policy.NEGATIVE.lower(),
    ]
    labels = [t.get_text() for t in ax.get_yticklabels()]  # set top first
    assert labels == ["Stadsdirektörens kansli", "Politisk ledning", "Administration och utredning"]
    references = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID]
    assert any(line.get_label() == f"Kommunstyrelsen totalt +3,2{NBSP}%" for line in references)
    assert policy.audit(chart.figure, chart.alt) == []


def test_deviation_bars_carry_their_sign_as_text():
    ax = plots.deviation_chart(DEVIATION).figure.axes[0]
    signed = {t.get_text() for t in ax.texts if t.get_gid() == policy.SIGNED_GID}
    assert signed == {f"+24,7{NBSP}%", f"{MINUS}1,3{NBSP}%", f"{MINUS}1,9{NBSP}%"}


def test_deviation_alt_text_gives_signed_shares_reference_and_source():
    alt = plots.deviation_chart(
        DEVIATION,
        reference=3.152,
        reference_label="Kommunstyrelsen totalt",
        sources=["Bokslut 2013"],
    ).alt
    assert alt.startswith("Stapeldiagram: Avvikelse per avdelning.")
    assert f"Stadsdirektörens kansli +24,7{NBSP}%; Politisk ledning {MINUS}1,3{NBSP}%" in alt
    assert f"Streckad linje: Kommunstyrelsen totalt +3,2{NBSP}%." in alt
    assert alt.endswith("Källa: Bokslut 2013")


def test_deviation_chart_refuses_a_single_bar():
    with pytest.raises(policy.ChartRefused):
        plots.deviation_chart(DEVIATION.head(1))


AMOUNTS = pd.DataFrame(
    {
        "unit": ["Politisk ledning", "Stadsdirektörens kansli", "Nämndens eget ansvar"],
        "deviation": [-872.0, 3341.0, 994.0],
        "share": [f"{MINUS}1,3 %", "24,7 %", ""],
    }
)


def test_deviation_amount_chart_draws_tkr_with_each_rows_share_and_the_total():
    chart = plots.deviation_amount_chart(
        AMOUNTS,
        total=("Totalt", 3463.0),
        sources=["Bokslut 2013"],
        note="Anm.: en not",
    )
    ax = chart.figure.axes[0]
    # Review r8 E: the share stands beside the amount, not under the name, and no axis text
    # explains it (a group's heading says what it is of).
    assert ax.get_xlabel() == "Budgetavvikelse, tkr (överskott positivt)"
    bars = sorted(ax.patches, key=lambda p: -p.get_y())  # top first
    assert [p.get_width() for p in bars] == [3341.0, 994.0, -872.0, 3463.0]
    assert [to_hex(p.get_facecolor()) for p in bars] == [
        policy.POSITIVE.lower(),
        policy.POSITIVE.lower(),
        policy.NEGATIVE.lower(),
        policy.NEUTRAL.lower(),  # the total is no row of its own
    ]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [
        "Stadsdirektörens kansli",
        "Nämndens eget ansvar",
        "Politisk ledning",
        "Totalt",
    ]
    signed = {t.get_text() for t in ax.texts if t.get_gid() == policy.SIGNED_GID}
    assert signed == {
        f"+3{NBSP}341 (24,7 %)",
        "+994",
        f"{MINUS}872 ({MINUS}1,3 %)",
        f"+3{NBSP}463",
    }
    assert f"Stadsdirektörens kansli +3{NBSP}341{NBSP}tkr (24,7 %)" in chart.alt
    assert chart.alt.endswith("Källa: Bokslut 2013; Anm.: en not")
    assert policy.audit(chart.figure, chart.alt) == []


def test_deviation_amount_chart_keeps_every_label_inside_the_axes():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    wide = AMOUNTS.assign(share=["inget eget nämndbidrag, en lång text", "24,7 %", ""])
    figure = plots.deviation_amount_chart(wide).figure
    ax = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    box = ax.get_window_extent(renderer)
    texts = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == policy.SIGNED_GID]
    assert len(texts) == 3
    for text in texts:  # the amount and its share, however long, inside the axes
        assert box.x0 <= text.x0 and text.x1 <= box.x1, (box, text)


def test_deviation_amount_chart_groups_rows_under_a_heading_above_their_subtotal():
    frame = pd.DataFrame(
        {
            "unit": ["Enhet A", "Kontoret, summa", "Avd 1", "Avd 2"],
            "deviation": [-50.0, 300.0, 100.0, 200.0],
            "share": ["", "", "", ""],
            "group": [
                "",
                "Kontorets avdelningar",
                "Kontorets avdelningar",
                "Kontorets avdelningar",
            ],
            "subtotal": [False, True, False, False],
        }
    )
    chart = plots.deviation_amount_chart(frame, total=("Totalt", 250.0), sources=["B"])
    ax = chart.figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # groups keep the frame's order (here the rows in no group first); within a group the
    # heading, the largest surplus first and the subtotal last
    assert labels == [
        "Enhet A",
        "Kontorets avdelningar",
        "Avd 2",
        "Avd 1",
        "Kontoret, summa",
        "Totalt",
    ]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())
    assert [p.get_width() for p in bars] == [-50.0, 200.0, 100.0, 300.0, 250.0]
    assert [to_hex(p.get_facecolor()) for p in bars][3:] == [policy.NEUTRAL.lower()] * 2
    assert "Kontorets avdelningar: Avd 2 +200" in chart.alt
    assert policy.audit(chart.figure, chart.alt) == []


def test_bridge_chart_is_a_waterfall_whose_steps_start_where_the_last_ended():
    frame = pd.DataFrame(
        {
            "label": [
                "Resultat 2012",
                "Personal",
                "Kommunbidrag",
                "Ej på någon rad",
                "Resultat 2013",
            ],
            "value": [14353.0, 6195.0, -3506.0, -2585.0, 14457.0],
            "neutral": [False, False, False, True, False],
        }
    )
    chart = plots.bridge_chart(frame, title="Från 2012 till 2013", sources=["RR"])
    ax = chart.figure.axes[0]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())
    assert [(p.get_x(), p.get_width()) for p in bars] == [
        (0.0, 14353.0),
        (14353.0, 6195.0),
        (20548.0, -3506.0),
        (17042.0, -2585.0),
        (0.0, 14457.0),
    ]
    colours = [to_hex(p.get_facecolor()) for p in bars]
    assert colours == [
        policy.NEUTRAL.lower(),
        policy.POSITIVE.lower(),  # a lower cost improves the result
        policy.NEGATIVE.lower(),  # a lower grant worsens it
        "#ffffff",  # on no line: white, hatched, framed in grey; no driver, no total
        policy.NEUTRAL.lower(),
    ]
    assert bars[3].get_hatch() and to_hex(bars[3].get_edgecolor()) == policy.NEUTRAL.lower()
    assert chart.alt.startswith("Vattenfallsdiagram: Från 2012 till 2013.")
    assert f"Kommunbidrag {MINUS}3{NBSP}506{NBSP}tkr" in chart.alt
    assert policy.audit(chart.figure, chart.alt) == []
    # The legend says what the colours mean, in the colours of the bars.
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "Förbättrar resultatet",
        "Försämrar resultatet",
        "Streckad: ej fördelat",
    ]
    keys = legend.get_patches()
    assert [to_hex(p.get_facecolor()) for p in keys] == [*colours[1:4]]
    assert keys[2].get_hatch() == bars[3].get_hatch()
    assert "(förbättrar resultatet; försämrar resultatet; streckad:" in chart.alt


def _printed_texts(figure):
    """(font size, extent in pixels) of every text the figure draws: a tick label outside
    its axis's view is not drawn and not counted."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    hidden = set()
    for ax in figure.axes:
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted((low, high))
            for tick in axis.get_major_ticks():
                if not low <= tick.get_loc() <= high:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [
        (t.get_fontsize(), t.get_window_extent(renderer))
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]


@pytest.mark.parametrize(("name", "clear"), [("bridge_figure", 0.05), ("deviation_figure", 0.0)])
def test_the_economy_charts_print_their_text_at_7_pt_inside_the_chart(name, clear):
    """Review r7 C: the waterfall's axis and source text printed at about 5–6 pt and its
    longest label ran to the edge. Printed (page.css: 85 % of the A4 text width, at most
    12,5 cm high), every text is at least 7 pt and stays inside the chart; the waterfall's
    clear of its edges by ``clear`` inches."""
    from ksanalys.present import chapters

    figure = getattr(chapters, name)(chapters.open_analysis(2013, "")).figure
    scale = policy.print_scale(figure)
    width = figure.get_size_inches()[0]  # 7,5 in prints 151 mm wide: scale 0,79
    assert scale == pytest.approx(0.85 * 178 / (width * 25.4))
    texts = _printed_texts(figure)
    assert len(texts) > 15
    assert min(size for size, _ in texts) * scale >= policy.MIN_PRINT_POINTS
    edge = clear * figure.dpi  # 0,05 in: about 1 mm in print
    right, top = figure.bbox.width - edge, figure.bbox.height - edge
    for _, box in texts:
        assert box.x0 >= edge and box.x1 <= right and box.y0 >= edge and box.y1 <= top, box


def test_bridge_chart_legend_names_only_the_colours_it_uses():
    frame = pd.DataFrame({"label": ["Resultat 2012", "Personal", "Resultat 2013"]})
    frame["value"] = [100.0, 20.0, 120.0]
    ax = plots.bridge_chart(frame, title="T", sources=["RR"]).figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Förbättrar resultatet"]


def test_bridge_chart_refuses_a_bridge_without_steps():
    frame = pd.DataFrame({"label": ["Resultat 2012", "Resultat 2013"], "value": [1.0, 1.0]})
    with pytest.raises(policy.ChartRefused):
        plots.bridge_chart(frame, title="T", sources=["RR"])


def test_indicator_chart_draws_target_line_and_projection_band():
    chart = plots.indicator_chart(
        SICK_LEAVE,
        title="Sjukfrånvaro, kommunen",
        unit="procent",
        target=5.0,
        projection=PROJECTION,
    )
    ax = chart.figure.axes[0]
    assert ax.get_title() == "Sjukfrånvaro, kommunen"
    assert ax.get_ylabel() == "Procent"
    assert tick_labels(ax.xaxis) == ["2011", "2012", "2013", "2014", "2015"]
    target = [line for line in ax.get_lines() if line.get_label() == "Mål"]
    assert len(target) == 1 and list(target[0].get_ydata()) == [5.0, 5.0]
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1
    vertices = bands[0].get_paths()[0].vertices
    assert vertices[:, 1].min() == pytest.approx(6.9) and vertices[:, 1].max() == pytest.approx(9.1)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Utfall", "Prognosintervall 95 %", "Trend", "Mål"]


def test_indicator_alt_text_has_values_target_and_projection():
    chart = plots.indicator_chart(
        SICK_LEAVE,
        title="Sjukfrånvaro, kommunen",
        unit="procent",
        target=5.0,
        projection=PROJECTION,
    )
    assert chart.alt == (
        "Linjediagram: Sjukfrånvaro, kommunen. Utfall i procent: "
        "2011: 6,00, 2012: 6,39, 2013: 7,13. "
        "Trenden pekar mot 8,20 för 2015 (prognosintervall 7,30–9,10). Mål: 5 procent."
    )


def test_indicator_without_interval_draws_no_band_and_says_so():
    two_points = PROJECTION.assign(low=float("nan"), high=float("nan"))
    chart = plots.indicator_chart(
        SICK_LEAVE, title="NKI", unit="index", target=75, projection=two_points
    )
    ax = chart.figure.axes[0]
    assert [c for c in ax.collections if isinstance(c, PolyCollection)] == []
    assert ax.get_ylabel() == "Index"
    assert chart.alt.endswith("för 2015, utan prognosintervall. Mål: 75.")


def test_percent_axis_ticks_use_decimal_comma():
    frame = pd.DataFrame({"year": [2012, 2013], "value": [4.55, 4.54]})
    ax = plots.indicator_chart(frame, title="Sjukfrånvaro", unit="procent").figure.axes[0]
    labels = tick_labels(ax.yaxis)
    assert any("," in label for label in labels)
    assert not any("." in label for label in labels)


def test_swedish_formatter_uses_the_decimals_the_ticks_need():
    formatter = plots.SwedishFormatter()
    assert formatter.format_ticks([0, 2.5, 5]) == ["0,0", "2,5", "5,0"]
    assert formatter.format_ticks([-2000, 0, 2000]) == [f"{MINUS}2{NBSP}000", "0", f"2{NBSP}000"]


def test_chart_displays_as_svg_with_alt_text_metadata():
    chart = plots.deviation_chart(DEVIATION)
    data, metadata = chart._repr_svg_()
    assert data.lstrip().startswith("<?xml") and "<svg" in data
    assert metadata == {"alt": chart.alt}
    assert not hasattr(chart, "_repr_png_")  # one image per chart in the notebook


def test_chart_svg_is_reproducible_and_needs_no_font():
    first = plots.deviation_chart(DEVIATION).svg()
    assert first == plots.deviation_chart(DEVIATION).svg()
    assert "<text" not in first  # glyphs are paths
    assert "dc:date" not in first


def test_figures_are_not_left_open_in_pyplot():
    before = plt.get_fignums()
    for _ in range(2):  # a figure left open in pyplot would be in get_fignums()
        plots.net_cost_chart(NET_COST).png()
    assert plt.get_fignums() == before


def test_missing_columns_are_reported():
    with pytest.raises(KeyError, match="net_cost"):
        plots.net_cost_chart(NET_COST.drop(columns=["net_cost"]))


# ---------------------------------------------------------------- the chart policy
# Each rule: a chart that keeps it passes the audit, and a chart that breaks it is caught.


def policy_chart(draw, *, source: bool = True):
    """A bare figure drawn by ``draw(ax)``, with a source note unless ``source`` is False."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 3), layout="constrained")
    ax = figure.add_subplot()
    draw(ax)
    if source:
        policy.source_note(figure, ["Bokslut 2013, tabell"])
    return figure


def rules(figure, alt="Diagram.") -> set[str]:
    return {v.rule for v in policy.audit(figure, alt)}


def three_points(ax):
    ax.plot([2011, 2012, 2013], [6.0, 6.4, 7.1], color=policy.POSITIVE)
    policy.start_at_zero(ax)


def test_a_chart_that_keeps_every_rule_passes_the_audit():
    assert policy.audit(policy_chart(three_points), "Linjediagram.") == []


def test_policy_refuses_a_single_value():
    def one_bar(ax):
        ax.bar(["2013"], [9267.0], color=policy.POSITIVE)

    def one_dot(ax):
        ax.plot([2013], [7.1], marker="o", color=policy.POSITIVE)
        policy.start_at_zero(ax)

    assert "single_value" in rules(policy_chart(one_bar))
    assert "single_value" in rules(policy_chart(one_dot))
    with pytest.raises(policy.ChartRefused, match="1 values"):
        policy.require_points(1, policy.MIN_BARS, what="bars")


def test_policy_refuses_a_line_through_two_points():
    def two_points(ax):
        ax.plot([2012, 2013], [216035.0, 217840.0], color=policy.POSITIVE)
        policy.start_at_zero(ax)

    assert rules(policy_chart(two_points)) == {"short_line"}
    with pytest.raises(policy.ChartRefused):
        policy.require_points(2)
    policy.require_points(policy.MIN_LINE_POINTS)


def test_policy_refuses_a_trend_from_fewer_values_than_min_trend_points():
    def trend_beside_three(ax):
        three_points(ax)
        ax.plot([2013, 2014], [7.1, 7.6], gid=policy.TREND_GID, color=policy.NEUTRAL)

    assert rules(policy_chart(trend_beside_three)) == {"short_trend"}
    with pytest.raises(policy.ChartRefused):
        policy.trend_line(policy_chart(three_points).axes[0], [2014], [7.6], n_values=3)

    def trend_beside_four(ax):
        ax.plot([2010, 2011, 2012, 2013], [5.8, 6.0, 6.4, 7.1], color=policy.POSITIVE)
        policy.trend_line(ax, [2010, 2014], [5.6, 7.6], n_values=policy.MIN_TREND_POINTS)
        policy.start_at_zero(ax)

    assert rules(policy_chart(trend_beside_four)) == set()
    assert policy.MIN_TREND_POINTS == trends.MIN_TREND_POINTS


def test_policy_requires_a_level_axis_to_start_at_zero_or_be_marked_broken():
    def cut_axis(ax):
        ax.plot([2011, 2012, 2013], [6.0, 6.4, 7.1], color=policy.POSITIVE)

    def marked(ax):
        cut_axis(ax)
        policy.mark_broken_axis(ax)

    def horizontal_cut(ax):
        ax.barh(["A", "B"], [5.0, 7.0], color=policy.POSITIVE)
        ax.set_xlim(4, 8)
        policy.mark_broken_axis(ax, "x")
        ax.set_xlim(4, 8)

    assert rules(policy_chart(cut_axis)) == {"zero_baseline"}
    assert rules(policy_chart(marked)) == set()
    assert rules(policy_chart(horizontal_cut)) == set()
    ax = policy_chart(three_points).axes[0]
    assert ax.get_ylim()[0] == 0.0


def test_start_at_zero_keeps_negative_values_in_view():
    def negative(ax):
        ax.barh(["A", "B"], [-872.0, 3300.0], color=policy.POSITIVE)
        policy.start_at_zero(ax, "x")

    ax = policy_chart(negative).axes[0]
    low, high = ax.get_xlim()
    assert low < -872 and high > 3300


def test_policy_requires_a_source_under_every_chart():
    figure = policy_chart(three_points, source=False)
    assert rules(figure) == {"source"}
    with pytest.raises(ValueError, match="source"):
        policy.source_note(figure, ["", "  "])


def test_source_note_writes_each_source_once_and_never_as_mathtext():
    figure = policy_chart(three_points, source=False)
    text = policy.source_note(figure, ["Bokslut 2013", "Bokslut 2013", "Kostnad $5$ tkr"])
    assert text == "Källa: Bokslut 2013; Kostnad $5$ tkr"
    drawn = figure.get_supxlabel()
    assert drawn == r"Källa: Bokslut 2013; Kostnad \$5\$ tkr"
    figure.draw_without_rendering()  # no mathtext error, and the note is laid out under the axes
    note = figure._supxlabel.get_window_extent()
    assert note.y1 <= figure.axes[0].get_tightbbox().y0 + 1


def test_policy_allows_only_the_colour_blind_safe_palette():
    def default_colours(ax):
        ax.plot([2011, 2012, 2013], [1.0, 2.0, 3.0])  # matplotlib's default blue
        ax.bar([2011, 2012], [1.0, 2.0], color="green")
        policy.start_at_zero(ax)

    violations = policy.audit(policy_chart(default_colours))
    assert [v.rule for v in violations] == ["palette"]
    assert "#1f77b4" in violations[0].detail and "#008000" in violations[0].detail
    assert set(policy.SERIES) <= set(policy.PALETTE.values())


def test_policy_requires_a_signed_label_on_bars_of_both_signs():
    values = [-872.0, 3300.0]

    def colour_only(ax):
        ax.barh(["A", "B"], values, color=[policy.NEGATIVE, policy.POSITIVE])
        policy.start_at_zero(ax, "x")

    def labelled(ax):
        bars = ax.barh(["A", "B"], values, color=[policy.NEGATIVE, policy.POSITIVE])
        policy.signed_labels(ax, bars, values)
        policy.start_at_zero(ax, "x")

    assert rules(policy_chart(colour_only)) == {"sign_by_colour"}
    figure = policy_chart(labelled)
    assert rules(figure) == set()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == [f"{MINUS}872", f"+3{NBSP}300"]


def test_reference_lines_are_not_counted_as_data():
    def bars_and_reference(ax):
        ax.bar(["A", "B"], [2.0, 3.0], color=policy.POSITIVE)
        policy.reference_line(ax, 2.5, label="Mål")
        policy.start_at_zero(ax)

    figure = policy_chart(bars_and_reference)
    assert rules(figure) == set()
    (line,) = figure.axes[0].get_lines()
    assert line.get_label() == "Mål" and line.get_linestyle() == "--"


def test_policy_requires_alt_text():
    assert rules(policy_chart(three_points), alt=" ") == {"alt_text"}


# ---------------------------------------------------------------- goal charts


def _sick_leave(office: str) -> pd.DataFrame:
    """The bokslut's sick leave 2012–2013 for the kommun and the office (as printed)."""
    return pd.DataFrame(
        {
            "year": [2012, 2013, 2012, 2013],
            "group": ["kommunen", "kommunen", office, office],
            "value": [6.39, 7.13, 4.55, 4.54],
        }
    )


def test_target_bars_keep_the_policy_and_draw_the_target_as_a_reference():
    from ksanalys.present.plots.indicators import target_bars

    values = _sick_leave("KS kontor")
    chart = target_bars(
        values,
        title="Sjukfrånvaro och målet högst 5 procent",
        unit="procent",
        target=5.0,
        target_label="Mål: högst 5 procent",
        sources=["Bokslut 2013: KF-mål 4"],
        status="Område, mål 4: ej uppfyllt; Område, mål 3: uppfyllt",
    )
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    assert sorted(round(p.get_height(), 2) for p in ax.patches) == [4.54, 4.55, 6.39, 7.13]
    target = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID]
    assert len(target) == 1 and list(target[0].get_ydata()) == [5.0, 5.0]
    assert ax.get_ylim()[0] == 0.0
    assert chart.alt.startswith(
        "Stapeldiagram: Sjukfrånvaro och målet högst 5 procent. Analysens bedömning: Område, mål "
        "4: "
        f"ej uppfyllt; Område, mål 3: uppfyllt. Kommunen: 2012: 6,39{NBSP}procent, 2013: "
        f"7,13{NBSP}procent; KS kontor: 2012:"
    )
    # the status of each goal shown, one line each under the title
    assert ax.get_title().split("\n")[1:] == [
        "Område, mål 4: ej uppfyllt",
        "Område, mål 3: uppfyllt",
    ]
    assert "Källa: Bokslut 2013: KF-mål 4" in chart.alt


def test_a_target_for_one_group_is_drawn_over_that_groups_bars_only():
    from ksanalys.present.plots.indicators import target_bars

    # the 5 % level of KF-mål 4 applies to the kommun as a whole (the office's goal tests a
    # decrease): over the two kommunen bars (2012, 2013), not across the office's bars
    values = _sick_leave("KS kontor")
    chart = target_bars(
        values, title="Sjukfrånvaro", unit="procent", target=5.0,
        target_label="Långsiktig nivå: högst 5 procent", sources=["Bokslut 2013: KF-mål 4"],
        status="Område, mål 4: ej uppfyllt", target_groups=["kommunen"],
    )  # fmt: skip
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    lines = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID]
    bars = {round(p.get_height(), 2): p for p in ax.patches}
    spans = sorted((min(line.get_xdata()), max(line.get_xdata())) for line in lines)
    centre = {v: bars[v].get_x() + bars[v].get_width() / 2 for v in bars}
    assert len(lines) == 2 and all(list(line.get_ydata()) == [5.0, 5.0] for line in lines)
    # one segment centred on each kommunen bar, none reaching an office bar's centre
    assert [round((a + b) / 2, 6) for a, b in spans] == [round(centre[v], 6) for v in (6.39, 7.13)]
    assert all(not (a <= centre[v] <= b) for a, b in spans for v in (4.54, 4.55))
    assert "högst 5 procent (streckad linje, gäller kommunen)." in chart.alt
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].replace("\n", " ").startswith("Långsiktig nivå: högst 5 procent, gäller")


def test_target_bars_refuse_a_single_value():
    from ksanalys.present.plots.indicators import target_bars

    one = pd.DataFrame({"year": [2013], "group": ["kommunen"], "value": [35.0]})
    with pytest.raises(policy.ChartRefused):
        target_bars(
            one, title="T", unit="procent", target=100, target_label="Mål", sources=["K"],
            status="S",
        )  # fmt: skip


def _band(fitted, forward):
    """A projection band: the fitted line (years, values) and forward from the last value."""
    years, values = fitted
    ahead_years, ahead_values = forward
    return pd.DataFrame(
        {
            "year": [*years, *ahead_years],
            "value": [*values, *ahead_values],
            "low": [float("nan")] * len(years) + [v - 2 * i for i, v in enumerate(ahead_values)],
            "high": [float("nan")] * len(years) + [v + 2 * i for i, v in enumerate(ahead_values)],
            "kind": ["fitted"] * len(years) + ["forward"] * len(ahead_years),
        }
    )


def test_trend_chart_never_joins_values_across_a_definition_break():
    from ksanalys.present.plots.indicators import trend_chart

    series = pd.DataFrame(
        {
            "year": [2007, 2008, 2009, 2010, 2011, 2012],
            "value": [60.0, 61.0, 69.5, 70.5, 71.8, 71.8],
            "segment": [0, 0, 1, 1, 1, 1],
        }
    )
    chart = trend_chart(
        series,
        title="Förvärvsintensitet",
        unit="procent",
        band=_band(
            ([2009, 2010, 2011, 2012], [69.6, 70.5, 71.3, 72.1]),
            ([2012, 2013, 2014, 2015], [71.8, 72.9, 73.8, 74.6]),
        ),
        n_fit=4,
        target=73.8,
        target_label="Målnivå 2015",
        sources=["Bokslut 2013"],
        status="Näringsliv och högskola, mål 1: osäker",
    )
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    data_lines = [
        line
        for line in ax.get_lines()
        if line.get_gid() not in (policy.REFERENCE_GID, policy.TREND_GID)
        and len(line.get_xdata()) > 2
    ]
    # the new definition is one line; the two older values are dots, never joined to it
    assert [list(line.get_xdata()) for line in data_lines] == [[2009, 2010, 2011, 2012]]
    dots = [c for c in ax.collections if not isinstance(c, PolyCollection)]
    assert [list(c.get_offsets()[:, 0]) for c in dots] == [[2007.0, 2008.0]]
    # the prediction band starts at the last value and never covers an observed year
    (band,) = [c for c in ax.collections if isinstance(c, PolyCollection)]
    xs = band.get_paths()[0].vertices[:, 0]
    assert xs.min() == 2012 and xs.max() == 2015
    assert "Analysens bedömning: Näringsliv och högskola, mål 1: osäker." in chart.alt
    assert "ritat från det senaste värdet" in chart.alt


def test_trend_chart_refuses_a_trend_from_fewer_than_four_values():
    from ksanalys.present.plots.indicators import trend_chart

    series = pd.DataFrame({"year": [2011, 2012, 2013], "value": [6.0, 6.4, 7.1], "segment": 0})
    with pytest.raises(policy.ChartRefused):
        trend_chart(
            series,
            title="T",
            unit="procent",
            band=_band(([2011, 2012, 2013], [6.0, 6.5, 7.0]), ([2013, 2014], [7.1, 7.5])),
            n_fit=3,
            target=None,
            target_label="Mål",
            sources=["K"],
            status="S",
        )


def test_area_bars_show_every_area_with_its_value_and_the_reference_beside_it():
    from ksanalys.present.plots.indicators import area_bars

    values = pd.DataFrame(
        {
            "group": ["kommunen", "kommunen", "bygglov", "bygglov", "brandtillsyn", "brandtillsyn"],
            "year": [2011, 2013] * 3,
            "value": [58.0, 67.0, 52.0, 56.0, 80.0, 78.0],
        }
    )
    chart = area_bars(
        values, title="NKI per område", unit="index", reference=75.0,
        reference_label="Jämförelse: SBA 75", sources=["Bokslut 2013"],
        status="Näringsliv och högskola, mål 4: uppfyllt",
    )  # fmt: skip
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kommunen", "Bygglov", "Brandtillsyn"]
    assert sorted(p.get_width() for p in ax.patches) == [52, 56, 58, 67, 78, 80]
    labels = sorted(t.get_text() for t in ax.texts if t.get_text().isdigit())
    assert labels == ["52", "56", "58", "67", "78", "80"]
    reference = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID]
    assert list(reference[0].get_xdata()) == [75.0, 75.0]
    assert chart.alt.startswith(
        "Stapeldiagram: NKI per område. Analysens bedömning: Näringsliv och högskola, mål 4: "
        "uppfyllt. Kommunen: 2011: 58, 2013: 67; Bygglov: 2011: 52, 2013: 56;"
    )


def test_status_styles_never_let_a_forward_status_look_decided():
    from matplotlib.colors import to_rgb

    def fill(status):
        style = dict(
            part.split(":", 1) for part in policy.STATUS_STYLES[status].replace(" ", "").split(";")
        )
        return style.get("background-color"), style.get("outline")

    decided, ahead = (
        ("met", "partial", "not_met", "not_assessable"),
        ("on_track", "uncertain", "off_track"),
    )
    assert set(policy.STATUS_STYLES) == {*decided, *ahead}
    fills = [fill(s)[0] for s in decided]
    assert all(fills) and len(set(fills)) == len(fills)
    for status in ahead:  # a dashed frame inside the cell (never over the next row/header)
        _, outline = fill(status)
        assert "dashed" in outline and "outline-offset:-4px" in policy.STATUS_STYLES[
            status
        ].replace(" ", "")
        assert "border" not in policy.STATUS_STYLES[status]
    for status in ("on_track", "off_track"):  # no fill: "på väg" never looks like "uppfyllt"
        assert fill(status)[0] is None
    assert len({fill(s)[1] for s in ahead}) == len(ahead)

    def luminance(colour):
        channels = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    # an osäker decided for the year (a cap, not a target ahead) is filled, not framed
    capped = dict(
        part.split(":", 1) for part in policy.UNCERTAIN_FOR_YEAR_STYLE.replace(" ", "").split(";")
    )
    assert "outline" not in capped and capped["background-color"] not in fills
    # osäker is lila whether or not its target lies ahead, as the legend says
    assert fill("uncertain")[0] == capped["background-color"]
    fills.append(capped["background-color"])
    for colour in fills:  # black text on every fill: WCAG contrast at least 7:1
        assert (luminance(colour) + 0.05) / 0.05 >= 7


def test_the_goal_chapter_draws_only_charts_that_keep_the_policy():
    from ksanalys.present import chapters

    analysis = chapters.open_analysis(2013, "")
    annex, personnel = chapters.goal_charts(analysis).items, chapters.personnel_charts(analysis)
    # NKI by area and one trend in the annex; sick leave against its level in Personal
    assert len(annex) == 2 and len(personnel.items) == 1
    charts = [annex[0], *personnel.items, annex[1]]
    alts = [c.alt for c in charts]
    assert alts[0].startswith(
        "Stapeldiagram: NKI per område. Analysens bedömning: Näringsliv och högskola, mål 4: "
        "uppfyllt."
    )
    assert alts[1].startswith(
        f"Stapeldiagram: Sjukfrånvaro och nivån högst 5{NBSP}procent på lång sikt. Analysens "
        "bedömning: Södertälje kommun som arbetsgivare, mål 4: ej uppfyllt; Personal KS/Ksk, "
        "mål 3: uppfyllt."
    )
    # four values of förvärvsintensitet: the values and the target, no trend or band
    assert alts[2].startswith(
        "Linjediagram: Förvärvsintensitet, kommunen: utfall och målnivå 2015. Analysens bedömning: "
        "Näringsliv och högskola, mål 1: osäker. Utfall i procent: 2009: 69,5, 2010: 70,5, "
        "2011: 71,8, 2012: 71,8. Målnivå 2015 (analysens läsning: från 2012): "
        f"73,8{NBSP}procent (linjen visar den ökning som krävs, från 71,8 2012 till 73,8 2015)."
    )
    # the goal names no base year: the line's start is the analysis' reading (review r8 E)
    trend = charts[2].figure.axes[0]
    legend_texts = [text.get_text() for text in trend.get_legend().get_texts()]
    assert "Målnivå 2015\n(analysens läsning:\nfrån 2012)" in legend_texts
    # brandtillsyn is judged against 75 (goal_rules.csv), so SBA's 75 is not "outside"
    legend = " ".join(alts[0].split())
    assert "SBA:s långsiktiga mål NKI 75 för samtliga områden; brandtillsyn bedöms mot 75" in legend
    assert "ingår inte i bedömningen" not in legend
    ax = charts[2].figure.axes[0]
    assert not ax.collections  # no prediction band
    # the target as the path it requires: from 71,8 (2012) to 73,8 (2015), review r7 C
    path = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID]
    assert [list(path[0].get_xdata()), list(path[0].get_ydata())] == [[2012, 2015], [71.8, 73.8]]
    assert [line.get_gid() for line in ax.get_lines()].count(policy.TREND_GID) == 0
    assert "Trenden" not in alts[2] and "prognos" not in alts[2]
    for chart in charts:
        assert policy.audit(chart.figure, chart.alt) == []
    assert chapters.goal_charts(chapters.open_analysis(2012, "")).items == ()
    assert chapters.personnel_charts(chapters.open_analysis(2012, "")).items == ()


def test_the_goal_charts_intro_says_the_trend_rule_the_method_says():
    from ksanalys.compute.goals.projection import MIN_GOAL_TREND_POINTS
    from ksanalys.present import chapters
    from ksanalys.present.text.goal_counts import goal_method_paragraphs

    intro = chapters.goal_charts_intro(chapters.open_analysis(2013, "")).markdown
    rule = f"minst {MIN_GOAL_TREND_POINTS} värden med samma definition"
    assert MIN_GOAL_TREND_POINTS == 6  # the revision annex (review r7, R-p.7) says six
    assert rule in intro and any(rule in p for p in goal_method_paragraphs())
    assert "fyra" not in intro
    assert chapters.goal_charts_intro(chapters.open_analysis(2012, "")).markdown == ""


def test_target_bars_tie_each_status_to_its_bars_and_label_every_value():
    from ksanalys.present.plots.indicators import target_bars

    values = _sick_leave("kontoret")
    chart = target_bars(
        values, title="Sjukfrånvaro mot nivån högst 5 procent", unit="procent", target=5.0,
        target_label="Långsiktig nivå", sources=["Bokslut 2013"],
        status="A, mål 4: ej uppfyllt; B, mål 3: uppfyllt",
        group_status={"kommunen": "A, mål 4: ej uppfyllt", "kontoret": "B, mål 3: uppfyllt"},
    )  # fmt: skip
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    # one title line; two opposite statuses each beside its own group, never one title
    assert ax.get_title() == "Sjukfrånvaro mot nivån högst 5 procent"
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert "Kommunen – A, mål 4: ej uppfyllt" in legend
    assert "Kontoret – B, mål 3: uppfyllt" in legend
    # 4,55 → 4,54 can be read off the bars
    labels = sorted(t.get_text() for t in ax.texts if "," in t.get_text())
    assert labels == ["4,54", "4,55", "6,39", "7,13"]
    assert "Analysens bedömning: A, mål 4: ej uppfyllt; B, mål 3: uppfyllt." in chart.alt


def test_trend_chart_draws_the_target_from_its_base_year_and_projections_unlike_values():
    from ksanalys.present.plots.indicators import trend_chart

    series = pd.DataFrame(
        {"year": [2009, 2010, 2011, 2012], "value": [69.5, 70.5, 71.8, 71.8], "segment": 0}
    )
    chart = trend_chart(
        series, title="Förvärvsintensitet", unit="procent",
        band=_band(([2009, 2010, 2011, 2012], [69.6, 70.5, 71.3, 72.1]),
                   ([2012, 2013, 2014, 2015], [71.8, 72.9, 73.8, 74.6])),
        n_fit=4, target=73.8, target_label="Målnivå 2015", sources=["Bokslut 2013"],
        status="Näringsliv och högskola, mål 1: osäker", target_span=(2012, 2015),
    )  # fmt: skip
    assert policy.audit(chart.figure, chart.alt) == []
    ax = chart.figure.axes[0]
    (target,) = [line for line in ax.get_lines() if line.get_gid() == policy.REFERENCE_GID
                 and list(line.get_ydata()) == [73.8, 73.8]]  # fmt: skip
    assert list(target.get_xdata()) == [2012, 2015]  # from the base year, not across 2009–2011
    assert "Målnivå 2015: 73,8\xa0procent (linjen 2012–2015)." in chart.alt
    trend = [line for line in ax.get_lines() if line.get_gid() == policy.TREND_GID]
    projected = [line for line in trend if line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in projected] == [[2013, 2014, 2015]]
    assert projected[0].get_markerfacecolor() == "white"  # hollow: not an observed value
    assert all(line.get_marker() in ("None", None, "") for line in trend if line not in projected)
    # the axis does not reach zero: said in its label, where no value lies
    assert ax.get_ylabel().endswith("(axeln börjar inte på noll)")
    assert not [t for t in ax.texts if "noll" in t.get_text()]
    assert ax.get_ylim()[0] < 69.5 - 0.05 * (ax.get_ylim()[1] - ax.get_ylim()[0])
