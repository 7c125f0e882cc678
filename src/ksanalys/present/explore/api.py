"""The data, key figures, goals, findings and trends of the report as plain DataFrames.

Every function takes ``data``: a :class:`~ksanalys.load.Dataset` from :func:`load_data`, a
data folder, or None for the default folder (``--data``'s default). Column names are the
library's own, so a frame goes straight into :mod:`ksanalys.present.explore.charts`.

A year's figures are those known when its report was published, as in the report and the
command line (:mod:`ksanalys.load.vintage`), so adding later data never changes them;
``revised=True`` takes the latest published values instead (``--revised``). A
:class:`~ksanalys.load.vintage.Vintage` given as ``data`` is used as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ksanalys.compute.key_figures import UNIT_KEYS
from ksanalys.compute.trends import TrendFit
from ksanalys.load import Dataset, load_dataset, vintage
from ksanalys.present.columns import column

__all__ = [
    "KEY_FIGURE_COLUMNS",
    "findings",
    "fit_trend",
    "goal_status",
    "indicator",
    "key_figures",
    "load_data",
    "ratios",
]

Data = Dataset | Path | str | None

# The documented columns of key_figures(), in this order (others may follow).
KEY_FIGURE_COLUMNS = ("year", "unit_id", *UNIT_KEYS)


def load_data(data_dir: Path | str | None = None, board: str | None = None) -> Dataset:
    """Read and validate every file of the data folder (None or "": the default folder,
    ``$KSANALYS_DATA`` or ./data or the project's data/); ``board``: the board of a folder
    with several (None: the only one).

    The result's tables are DataFrames by file name: ``data.budget``, ``data.indicators``,
    ``data.tables`` (all of them); ``data.years`` lists the fiscal years.
    """
    return load_dataset(data_dir or None, board or None)


def _dataset(data: Data) -> Dataset:
    return data if isinstance(data, Dataset) else load_data(data)


def _of_year(data: Dataset, year: int, revised: bool) -> Dataset:
    if isinstance(data, vintage.Vintage):
        return data
    return vintage.for_report(data, year, revised)


def _years(year: int | Iterable[int] | None, data: Dataset) -> list[int]:
    if year is None:
        return list(data.years)
    if isinstance(year, Iterable) and not isinstance(year, str):
        return [data.require_year(y) for y in year]
    return [data.require_year(year)]


def key_figures(
    year: int | Iterable[int] | None = None, data: Data = None, *, revised: bool = False
) -> pd.DataFrame:
    """Key figures per unit, department and for the whole board, one row each per year.

    ``year``: one year, several, or None for every year of the data. Columns (tkr unless
    stated; NaN where the data cannot give a value):

    - year; unit_id; unit (Swedish label); level: "unit" (a unit of the board),
      "department" (a department of a unit) or "board" (the whole board, last of its year);
    - net_cost, net_cost_prev (previous year), growth_tkr, growth_pct (percent);
    - grant (kommunbidrag), forecast (prognos augusti);
    - deviation_tkr (grant − net cost, a surplus positive), deviation_pct (percent of the
      grant), forecast_deviation_tkr (forecast − net cost);
    - also parent_unit_id, grant_prev, grant_change_pct and source.

    Values are unrounded; the report rounds when it shows them.
    """
    from ksanalys.compute.key_figures import key_figures as compute

    dataset = _dataset(data)
    frames = []
    for y in _years(year, dataset):
        figures = compute(_of_year(dataset, y, revised), y)
        frames += [figures.units, pd.DataFrame([figures.total])]
    frame = pd.concat(frames, ignore_index=True)
    first = [c for c in KEY_FIGURE_COLUMNS if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]


RATIO_LABELS = {
    "ki": column("ki").label,
    "result_share_of_grant_pct": column("result_share_of_grant").label,
    "grant_change_pct": "Förändring av kommunbidraget mot föregående år, procent",
}


def ratios(
    year: int | Iterable[int] | None = None, data: Data = None, *, revised: bool = False
) -> pd.DataFrame:
    """The board's ratios per year. Columns: year, ratio (ki, result_share_of_grant_pct,
    grant_change_pct), label (Swedish), value (unrounded; NaN where missing)."""
    from ksanalys.compute.key_figures import key_figures as compute

    dataset = _dataset(data)
    rows = []
    for y in _years(year, dataset):
        for key, value in compute(_of_year(dataset, y, revised), y).ratios.items():
            label = RATIO_LABELS.get(key, key)
            rows.append({"year": y, "ratio": key, "label": label, "value": value})
    return pd.DataFrame(rows).astype({"value": "float64"})


def goal_status(year: int, data: Data = None, *, revised: bool = False) -> pd.DataFrame:
    """The KF goals of ``year``, judged from data beside the report's own assessment.

    One row per goal: the codes of :mod:`ksanalys.compute.goals` (id, area, number, goal,
    indicator, scope, report_assessment: the report's own "Bra"/"Ok"/"Har brister",
    computed_status: met, partial, on_track, uncertain, off_track, not_met or
    not_assessable, agreement, projection_year, projection_value, projection_low,
    projection_high, same_goal_as, ...) and beside them the same in Swedish words
    (status_label, agreement_label, agreement_note, interpretation, evidence, parts,
    context, rule, projection_text, caveats, same_goal; "" where there is none).
    A year without its own report (a comparison year) has no rows.
    """
    from ksanalys.compute.check.questioned import report_questioned
    from ksanalys.compute.goals import assess_goals
    from ksanalys.present.text.goal_rows import goal_rows

    dataset = _dataset(data)
    year = dataset.require_year(year)
    judged = _of_year(dataset, year, revised)
    return goal_rows(assess_goals(judged, year, report_questioned(judged, year))).reset_index(
        drop=True
    )


def findings(year: int, data: Data = None, *, revised: bool = False) -> pd.DataFrame:
    """The granskning of ``year``: every printed figure that disagrees with what it follows
    from. One row per finding; columns: where (where it is printed, Swedish), printed,
    computed, difference, unit ("tkr", "procent", ...), decimals (as printed), cause (a
    code) and cause_label (Swedish), likely (what the printed figure most likely is),
    formula (what it should equal), note, message (the finding as one Swedish sentence),
    rule, table, row and column (the data's ids of the figure)."""
    from ksanalys.compute.check import check_year
    from ksanalys.present.export_sheets import worded_findings

    dataset = _dataset(data)
    year = dataset.require_year(year)
    return worded_findings(check_year(_of_year(dataset, year, revised), year))


def indicator(
    name: str, scope: str = "kommunen", data: Data = None, *, whole_year: bool = True
) -> pd.DataFrame:
    """One indicator's values by year (from indicators.csv), sorted by year.

    Columns: indicator, label (Swedish), scope, year, period, value, unit, source.
    ``whole_year`` keeps only the values without a period (not "ht", "1 april", ...), so a
    year has one value and the frame goes into :func:`fit_trend` as it is.
    """
    dataset = _dataset(data)
    table = dataset.indicators
    rows = table[(table["indicator"] == name) & (table["scope"] == scope)]
    if rows.empty:
        known = sorted(set(table.loc[table["indicator"] == name, "scope"]))
        what = f"omfattningar för {name}: {', '.join(known)}" if known else "indikatorn saknas"
        raise KeyError(f"ingen indikator {name!r} för {scope!r} i data ({what})")
    if whole_year:
        rows = rows[rows["period"].isna()]
    meta = dataset.indicator_meta.set_index("indicator")
    label = meta["label"].get(name, name)
    columns = ["indicator", "scope", "year", "period", "value", "unit", "source"]
    frame = rows[columns].assign(label=label).sort_values("year", ignore_index=True)
    return frame[["indicator", "label", *columns[1:]]]


def fit_trend(series: pd.DataFrame | pd.Series, y: str = "value", *, x: str = "year") -> TrendFit:
    """A straight-line trend (OLS on the year) through ``series``.

    ``series``: a DataFrame with the columns ``x`` (default year) and ``y`` (default value),
    or a Series indexed by year. The result's ``slope`` is the change per year,
    ``project(year)`` a value with a 95 % prediction interval (from three years on) and
    ``fitted`` a frame with the columns year, value, fitted, low, high.
    """
    from ksanalys.compute.trends import fit_trend as compute

    if isinstance(series, pd.Series):
        frame = pd.DataFrame({"year": series.index, "value": series.to_numpy()})
    else:
        missing = [c for c in (x, y) if c not in series.columns]
        if missing:
            raise KeyError(f"fit_trend: kolumnen {', '.join(missing)} saknas")
        frame = pd.DataFrame({"year": series[x].to_numpy(), "value": series[y].to_numpy()})
    return compute(frame)
