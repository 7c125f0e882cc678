"""Present stage: chapter 01 Sammanfattning (the year on one page)."""

from __future__ import annotations

import pandas as pd

from ksanalys.present.chapters.context import (
    Analysis,
    Text,
)
from ksanalys.present.chapters.economy_sections import economy_reasons
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import economy
from ksanalys.present.text.words import paragraph

__all__ = [
    "key_figures_table",
    "summary_text",
]


def summary_text(analysis: Analysis) -> Text:
    """The few sentences a politician reads: the year's result, net cost and forecast,
    then the same for each earlier year of the data."""
    story = economy.economy_story(
        analysis.key_figures,
        analysis.year,
        analysis.dataset.years,
        {y: analysis.printed(y) for y in analysis.years},
        detail=False,
        reasons_by_year={analysis.year: _board_reasons(analysis)},
    )
    (_, current), *earlier = story
    blocks = [paragraph(current)]
    blocks += [f"**{year}:** {paragraph(s)}" for year, s in earlier]
    return Text("\n\n".join(blocks))


def key_figures_table(analysis: Analysis) -> object:
    """The board's key figures per year, up to the analysis's year."""
    rows = []
    for year, kf in analysis.key_figures.items():
        total = kf.total
        rows.append(
            {
                "year": str(year),
                "net_cost": total.get("net_cost"),
                "grant": total.get("grant"),
                "deviation_tkr": total.get("deviation_tkr"),
                "share": kf.ratios.get("result_share_of_grant_pct"),
                "growth_pct": total.get("growth_pct"),
                "forecast_deviation_tkr": total.get("forecast_deviation_tkr"),
                "ki": kf.ratios.get("ki"),
            }
        )
    frame = pd.DataFrame(rows).astype({c: "float64" for c in list(rows[0])[1:]})
    columns = {
        "year": ColumnFormat("År", "text"),
        "net_cost": ColumnFormat("Nettokostnad, tkr", "tkr"),
        "grant": ColumnFormat("Kommunbidrag, tkr", "tkr"),
        "deviation_tkr": ColumnFormat("Budgetavvikelse, tkr", "signed"),
        "share": ColumnFormat("Avvikelse av kommunbidraget", "percent"),
        "growth_pct": ColumnFormat("Nettokostnadsutveckling", "percent"),
        "forecast_deviation_tkr": ColumnFormat("Mot prognos augusti, tkr", "signed"),
        "ki": ColumnFormat("K/I-tal", "ratio"),
    }
    return display_table(frame, columns, "Kommunstyrelsens nyckeltal (överskott positivt)")


def _board_reasons(analysis: Analysis) -> dict[str, str]:
    """The report's reasons for the board's surplus and for the outcome against the
    forecast (the summary leaves the rest to chapter Ekonomi)."""
    reasons = economy_reasons(analysis, analysis.year)
    return {key: reasons[key] for key in ("deviation", "forecast")}
