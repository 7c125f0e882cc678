"""Figures: Swedish titles and labels, whole-year ticks, Swedish tick numbers, alt text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex

from ksanalys.present import plots
from ksanalys.present.plots import economy
from ksanalys.present.swedish import MINUS, NBSP

NET_COST = pd.DataFrame(
    {
        "year": [2012, 2013, 2012, 2013],
        "unit": ["Politisk ledning"] * 2 + ["Kommunstyrelsens kontor"] * 2,
        "net_cost": [67081.0, 66857.0, 216035.0, 217840.0],
    }
)
DEVIATION = pd.DataFrame(
    {
        "unit": ["Politisk ledning", "Kommunstyrelsens kontor"],
        "deviation": [-872.0, 10138.0],
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
    assert tick_labels(ax.xaxis) == ["2012", "2013"]
    assert f"200{NBSP}000" in tick_labels(ax.yaxis)
    assert ax.get_legend().get_title().get_text() == "Enhet"


def test_net_cost_alt_text_names_the_chart_and_its_values():
    alt = plots.net_cost_chart(NET_COST).alt
    assert alt.startswith("Linjediagram: Nettokostnad per enhet och år.")
    assert f"Politisk ledning: 67{NBSP}081{NBSP}tkr 2012, 66{NBSP}857{NBSP}tkr 2013" in alt
    assert f"Kommunstyrelsens kontor: 216{NBSP}035{NBSP}tkr 2012" in alt


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ([2013], ["2013"]),
        ([2009, 2012, 2016], ["2009", "2012", "2016"]),
    ],
)
def test_year_ticks_are_the_whole_years_of_the_data(years, expected):
    frame = pd.DataFrame({"year": years, "unit": "A", "net_cost": [1.0] * len(years)})
    ax = plots.net_cost_chart(frame).figure.axes[0]
    assert tick_labels(ax.xaxis) == expected


def test_many_years_get_integer_ticks_without_thousands_separator():
    years = list(range(1998, 2016))
    frame = pd.DataFrame({"year": years, "value": [float(y % 7) for y in years]})
    ax = plots.indicator_chart(frame, title="Test", unit="antal").figure.axes[0]
    labels = tick_labels(ax.xaxis)
    assert len(labels) >= 3
    assert all(label.isdigit() and len(label) == 4 for label in labels)
    assert all(1997 <= int(label) <= 2016 for label in labels)


def test_deviation_chart_bars_follow_the_sign():
    chart = plots.deviation_chart(DEVIATION)
    ax = chart.figure.axes[0]
    assert ax.get_title() == "Budgetavvikelse per enhet"
    assert ax.get_xlabel() == "Budgetavvikelse, tkr (överskott positivt)"
    widths = {round(p.get_width()): to_hex(p.get_facecolor()) for p in ax.patches}
    assert widths == {-872: economy.DEFICIT_COLOR, 10138: economy.SURPLUS_COLOR}
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Politisk ledning", "Kommunstyrelsens kontor"]


def test_deviation_axis_writes_deficits_with_a_true_minus():
    frame = pd.DataFrame({"unit": ["A", "B"], "deviation": [-4500.0, 3000.0]})
    ax = plots.deviation_chart(frame).figure.axes[0]
    assert f"{MINUS}4{NBSP}000" in tick_labels(ax.xaxis)


def test_deviation_alt_text_gives_signed_values():
    alt = plots.deviation_chart(DEVIATION).alt
    assert alt.startswith("Stapeldiagram: Budgetavvikelse per enhet.")
    assert f"Politisk ledning {MINUS}872{NBSP}tkr" in alt
    assert f"Kommunstyrelsens kontor +10{NBSP}138{NBSP}tkr" in alt


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


def test_chart_displays_as_png_with_alt_text_metadata():
    chart = plots.deviation_chart(DEVIATION)
    data, metadata = chart._repr_png_()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert metadata == {"alt": chart.alt}


def test_figures_are_not_left_open_in_pyplot():
    before = plt.get_fignums()
    for _ in range(25):  # matplotlib warns (an error here) from 20 open pyplot figures
        plots.net_cost_chart(NET_COST).png()
    assert plt.get_fignums() == before


def test_missing_columns_are_reported():
    with pytest.raises(KeyError, match="net_cost"):
        plots.net_cost_chart(NET_COST.drop(columns=["net_cost"]))
