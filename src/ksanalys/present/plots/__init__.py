"""Present stage: every chart of the report, as a :class:`Chart` with Swedish alt text.

- :mod:`.chart`: the chart object and the axes all charts share;
- :mod:`.economy`: net cost, budget deviation (in percent of the grant, and in tkr with
  the share as a label), the result bridge as a waterfall;
- :mod:`.indicators`: an indicator series with target and trend.

A function takes a DataFrame with documented columns and returns a :class:`Chart`.
"""

from ksanalys.present.plots.chart import Chart, SwedishFormatter, set_year_axis
from ksanalys.present.plots.economy import (
    bridge_chart,
    deviation_amount_chart,
    deviation_chart,
    net_cost_chart,
)
from ksanalys.present.plots.indicators import indicator_chart

__all__ = [
    "Chart",
    "SwedishFormatter",
    "bridge_chart",
    "deviation_amount_chart",
    "deviation_chart",
    "indicator_chart",
    "net_cost_chart",
    "set_year_axis",
]
