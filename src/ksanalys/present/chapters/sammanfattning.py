"""Present stage: chapter 01 Sammanfattning (the year on one page)."""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.figures import income_statement
from ksanalys.present.chapters.context import (
    Analysis,
    Text,
)
from ksanalys.present.chapters.economy_sections import economy_reasons
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import economy
from ksanalys.present.text.words import paragraph
from ksanalys.values import is_missing

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
    printed_result = income_statement(analysis.dataset).set_index("year")["result"]
    rows = []
    for year, kf in analysis.key_figures.items():
        total = kf.total
        result = printed_result.get(year, math.nan)
        if is_missing(result):
            result = total.get("deviation_tkr")
        grant = total.get("grant")
        rows.append(
            {
                "year": str(year),
                "net_cost": total.get("net_cost"),
                "grant": grant,
                "deviation_tkr": result,
                "share": math.nan if is_missing(grant) or not grant else 100 * result / grant,
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
        "share": ColumnFormat("Avvikelse, % av kommunbidrag", "percent"),
        "growth_pct": ColumnFormat("Nettokostnadsutveckling", "percent"),
        "forecast_deviation_tkr": ColumnFormat(
            "Mot prognos augusti, tkr (ur tabellerna)", "signed"
        ),
        "ki": ColumnFormat("K/I-tal", "ratio"),
    }
    return display_table(
        frame,
        columns,
        "Kommunstyrelsens nyckeltal (resultat som tryckt i resultaträkningen, överskott positivt)",
    )


def _board_reasons(analysis: Analysis) -> dict[str, str]:
    """The report's reasons for the board's surplus and for the outcome against the
    forecast (the summary leaves the rest to chapter Ekonomi)."""
    reasons = economy_reasons(analysis, analysis.year)
    return {key: reasons[key] for key in ("deviation", "forecast")}
