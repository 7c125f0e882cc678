"""What each notebook section displays: one small function per section.

The notebooks in notebooks/ hold no logic. A cell calls one function here with the
:class:`Report` from :func:`open_report` and shows what it returns: a :class:`Text`
(Markdown), a table (a ``Styler`` from :func:`ksanalys.tables.display_table`), a
:class:`~ksanalys.plots.Chart`, or a :class:`Section` of several of them where the number
of items depends on the data (one table per goal area, one figure per goal).

A report is about one year and narrates that year beside every earlier year of the data;
later years in the data are never shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ksanalys import narrative, plots, swedish
from ksanalys.figures import BOARD, income_statement
from ksanalys.goals import GoalReport, assess_goals, goal_series
from ksanalys.load import Dataset, load_dataset
from ksanalys.measures import cost_income_ratio
from ksanalys.reconcile import Reconciliation, check_report
from ksanalys.reconcile.rules import RULE_TITLES
from ksanalys.summary import KeyFigures, key_figures
from ksanalys.tables import ColumnFormat, display_table
from ksanalys.trends import TrendFit, fit_trend

__all__ = [
    "FEW_TREND_YEARS",
    "MIN_TREND_YEARS",
    "PERSONNEL_INDICATORS",
    "SCOPE_LABELS",
    "Report",
    "Section",
    "Text",
    "about",
    "area_table",
    "assessment_text",
    "balance_sheet_table",
    "budget_table",
    "checks_table",
    "deviation_figure",
    "economy_text",
    "findings_explained",
    "findings_table",
    "geh_table",
    "goal_figures",
    "goal_tables",
    "income_statement_table",
    "key_figures_table",
    "ki_table",
    "net_cost_figure",
    "net_cost_table",
    "open_report",
    "personnel_table",
    "personnel_text",
    "review_summary",
    "review_text",
    "summary_text",
    "trend_figure",
    "trend_sentence",
    "trend_text",
]

MIN_TREND_YEARS = 3
# Below this many years the trend text says it is a direction, not a forecast.
FEW_TREND_YEARS = 6

# The personnel indicators of chapter 3, in the order they are shown.
PERSONNEL_INDICATORS = (
    "sjukfranvaro",
    "attraktiv_arbetsgivare",
    "utlandsk_bakgrund_anstallda",
    "utlandsk_bakgrund_chefer",
    "utlandsk_bakgrund_specialister",
    "kvinnors_medianlon_andel",
)

# Swedish names of the indicator scopes (other scopes are shown with "_" as a space).
SCOPE_LABELS = {
    "kommunen": "kommunen",
    "kommunkoncernen": "kommunkoncernen",
    "kommunstyrelsen": "kommunstyrelsen",
    "ks_kontor": "kommunstyrelsens kontor",
    "kommunalradskansliet": "kommunalrådskansliet",
    "chefer": "chefer",
    "ovriga_medarbetare": "övriga medarbetare",
    "jamforbara_kommuner": "jämförbara kommuner",
    "campus_telge": "Campus Telge",
    "bygglov": "bygglov",
    "markupplatelse": "markupplåtelse",
    "miljo_halsoskydd": "miljö- och hälsoskydd",
    "serveringstillstand": "serveringstillstånd",
    "brandtillsyn": "brandtillsyn",
}

STATUS_ORDER = ("met", "on_track", "not_met", "not_assessable")

# What a finding of each reconciliation rule means for a reader.
RULE_MEANINGS = {
    "sum": "En summarad stämmer inte med sina delposter: en delpost saknas eller är fel, "
    "eller summan är feltryckt.",
    "difference": "En differens i tabellen stämmer inte med de tal den räknas ur.",
    "percent": "En procentsats stämmer inte med beloppen den räknas ur.",
    "same_figure": "Samma tal är tryckt med olika värden på olika ställen i rapporten.",
    "ki": "K/I-talet stämmer inte med kostnaderna, intäkterna och kommunbidraget.",
    "balance": "Tillgångarna är inte lika stora som skulderna och det egna kapitalet.",
    "opening_equity": "Årets ingående eget kapital stämmer inte med föregående års "
    "ingående balans och resultat.",
    "previous_report": "Föregående års siffror skiljer sig från dem i föregående års rapport.",
    "claim": "Texten anger ett annat tal än det som följer av rapportens tabeller och nyckeltal.",
}


# ---------------------------------------------------------------- display objects


@dataclass(frozen=True)
class Text:
    """Markdown shown as a notebook output."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown


@dataclass(frozen=True)
class Section:
    """Several displayable items shown one after another, one output each."""

    items: tuple

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for item in self.items:
            display(item)

    def __repr__(self) -> str:
        return "\n\n".join(repr(item) for item in self.items)


# ---------------------------------------------------------------- the report


@dataclass(eq=False)
class Report:
    """A dataset and the year a report is about, with the computed results it shows."""

    dataset: Dataset
    year: int

    @property
    def years(self) -> list[int]:
        """The data's fiscal years up to and including the report's year."""
        return [y for y in self.dataset.years if y <= self.year]

    @cached_property
    def key_figures(self) -> dict[int, KeyFigures]:
        return {y: key_figures(self.dataset, y) for y in self.years}

    @property
    def figures(self) -> KeyFigures:
        return self.key_figures[self.year]

    @cached_property
    def reconciliations(self) -> dict[int, Reconciliation]:
        """The reconciliation of every report in the data up to the report's year."""
        return {
            y: check_report(self.dataset, y) for y in self.years if y in self.dataset.report_years
        }

    @property
    def reconciliation(self) -> Reconciliation | None:
        """The reconciliation of the year's own report (None when the data has none)."""
        return self.reconciliations.get(self.year)

    @cached_property
    def goals(self) -> GoalReport:
        return assess_goals(self.dataset, self.year)

    def printed(self, year: int) -> dict[str, str]:
        """What the report of ``year`` printed where its text differs from the computed
        value, by statement key (see :func:`ksanalys.narrative.report_differences`)."""
        reconciliation = self.reconciliations.get(year)
        if reconciliation is None:
            return {}
        return narrative.report_differences(
            reconciliation.findings, self.dataset.tables.get("claims")
        )


def open_report(year: int, data_dir: str = "") -> Report:
    """The report on ``year`` from the data in ``data_dir`` ("" = the project's data/).

    Raises YearNotInDataError when the data does not cover ``year``.
    """
    dataset = load_dataset(data_dir if data_dir else None)
    return Report(dataset, dataset.require_year(year))


def about(report: Report) -> Text:
    """The line under a chapter heading: the year and the data it is computed from."""
    return Text(
        f"**Bokslutsår {report.year}.** Beräknat ur data för {_span(report.dataset.years)} "
        f"i `{report.dataset.data_dir}` ({report.dataset.data_hash[:19]}…)."
    )


# ---------------------------------------------------------------- 01 sammanfattning


def summary_text(report: Report) -> Text:
    """The few sentences a politician reads: the year's result, net cost and forecast,
    then the same for each earlier year of the data."""
    story = narrative.economy_story(
        report.key_figures,
        report.year,
        report.dataset.years,
        {y: report.printed(y) for y in report.years},
        detail=False,
    )
    (_, current), *earlier = story
    blocks = [narrative.sentences_to_markdown(current)]
    blocks += [f"**{year}:** {narrative.sentences_to_markdown(s)}" for year, s in earlier]
    return Text("\n\n".join(blocks))


def key_figures_table(report: Report) -> object:
    """The board's key figures per year, up to the report's year."""
    rows = []
    for year, kf in report.key_figures.items():
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


def assessment_text(report: Report) -> Text:
    """The GEH assessments and how the goals' computed statuses compare with the report."""
    goals = report.goals
    geh = goals.geh[goals.geh["report_year"] == report.year]
    sentences = narrative.assessment_sentences(geh, report.year)
    sentences.append(_goal_count_sentence(goals.goals, report))
    return Text(narrative.sentences_to_markdown(sentences))


def _goal_count_sentence(goals: pd.DataFrame, report: Report) -> str:
    total = len(goals)
    if total == 0:
        return f"Data innehåller inga KF-mål för {report.year}."
    computed = [
        _status_count(_count(goals, "computed_status", status), status)
        for status in STATUS_ORDER
        if _count(goals, "computed_status", status)
    ]
    text = (
        f"Av de {total} KF-mål som följs upp {report.year} är enligt beräkningen ur data "
        f"{narrative.join_words(computed)}."
    )
    assessed = goals[goals["report_assessment"].isin(["Bra", "Ok", "Har brister"])]
    if assessed.empty:
        return (
            text + f" Rapporten för {report.year} finns inte i data, så ingen jämförelse "
            "med rapportens bedömningar kan göras."
        )
    agree = _count(goals, "agreement", "agree")
    disagree = _count(goals, "agreement", "disagree")
    other = total - agree - disagree
    text += (
        f" Rapportens bedömning stämmer överens med beräkningen för {agree} mål och avviker "
        f"för {disagree}"
    )
    return text + (f"; {other} går inte att jämföra." if other else ".")


def _count(frame: pd.DataFrame, column: str, value: str) -> int:
    return int((frame[column] == value).sum())


_STATUS_COUNT_WORDS = {
    "met": ("uppfyllt", "uppfyllda"),
    "on_track": ("på väg", "på väg"),
    "not_met": ("inte uppfyllt", "inte uppfyllda"),
    "not_assessable": ("kan inte bedömas", "kan inte bedömas"),
}


def _status_count(n: int, status: str) -> str:
    one, many = _STATUS_COUNT_WORDS[status]
    return f"{n} {one if n == 1 else many}"


def geh_table(report: Report) -> object:
    """The report's GEH assessments for the year and earlier years."""
    geh = report.goals.geh
    if geh.empty:
        return Text(f"Data innehåller inga GEH-bedömningar till och med {report.year}.")
    frame = geh.assign(year=geh["report_year"].astype("str"))
    columns = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "assessment": ColumnFormat("Bedömning", "text"),
    }
    return display_table(frame, columns, "Samlad GEH-bedömning (rapportens)")


def review_summary(report: Report) -> Text:
    """One paragraph on the reconciliation: checks made and findings."""
    reconciliation = report.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(report))
    findings = reconciliation.findings
    claims = int((findings["table"] == "claims").sum())
    text = (
        f"Granskningen gjorde {reconciliation.checks} kontroller av rapportens tal för "
        f"{report.year}. {_findings_count(len(findings))}"
    )
    if len(findings):
        text += f" {_findings_split(claims, len(findings) - claims)} Se kapitlet Granskning."
    return Text(text)


def _findings_split(in_text: int, in_tables: int) -> str:
    """Where the findings are: "Av avvikelserna gäller 1 uppgift i texten och 10 tal i
    tabellerna." (one finding or one place: "Avvikelsen gäller …", "Alla gäller …")."""
    if in_text + in_tables == 1:
        return f"Avvikelsen gäller {'en uppgift i texten' if in_text else 'ett tal i tabellerna'}."
    if not in_tables:
        return "Alla gäller uppgifter i texten."
    if not in_text:
        return "Alla gäller tal i tabellerna."
    uppgift = "uppgift" if in_text == 1 else "uppgifter"
    return f"Av avvikelserna gäller {in_text} {uppgift} i texten och {in_tables} tal i tabellerna."


def _findings_count(n: int) -> str:
    if n == 0:
        return "Inget tryckt tal avviker från det som följer av rapportens övriga tal."
    if n == 1:
        return "Ett tryckt tal avviker från det som följer av rapportens övriga tal."
    return f"{n} tryckta tal avviker från det som följer av rapportens övriga tal."


def _no_report_text(report: Report) -> str:
    later = [y for y in report.dataset.report_years if y > report.year]
    text = f"Data innehåller ingen egen rapport för {report.year}, så det finns inget att granska."
    if later:
        text += (
            f" Siffrorna för {report.year} granskas som föregående års kolumner i rapporten "
            f"för {later[0]}."
        )
    return text


# ---------------------------------------------------------------- 02 ekonomi


def economy_text(report: Report) -> Text:
    """The economy of the report's year and every earlier year, one paragraph per year."""
    story = narrative.economy_story(
        report.key_figures,
        report.year,
        report.dataset.years,
        {y: report.printed(y) for y in report.years},
    )
    blocks = [f"### {year}\n\n{narrative.sentences_to_markdown(s)}" for year, s in story]
    return Text("\n\n".join(blocks))


def net_cost_table(report: Report) -> object:
    """Net cost per unit (rows) and year (columns), the whole board last."""
    units = _units_and_board(report)
    rows = []
    for unit_id, label in units:
        record = {"unit": label}
        for year, kf in report.key_figures.items():
            record[year] = _unit_value(kf, unit_id, "net_cost")
        record["growth_tkr"] = _unit_value(report.figures, unit_id, "growth_tkr")
        record["growth_pct"] = _unit_value(report.figures, unit_id, "growth_pct")
        rows.append(record)
    columns = {"unit": ColumnFormat("Enhet", "text")}
    columns.update({y: ColumnFormat(f"Nettokostnad {y}, tkr", "tkr") for y in report.years})
    columns["growth_tkr"] = ColumnFormat(f"Förändring {report.year}, tkr", "signed")
    columns["growth_pct"] = ColumnFormat(f"Nettokostnadsutveckling {report.year}", "percent")
    return display_table(
        pd.DataFrame(rows),
        columns,
        f"Nettokostnad per enhet {_span(report.years)}",
        strong_rows=[unit_id == BOARD for unit_id, _ in units],
    )


def net_cost_figure(report: Report) -> plots.Chart:
    """Net cost per unit over every year of the data up to the report's year."""
    frames = [kf.units[kf.units["level"] == "enhet"] for kf in report.key_figures.values()]
    units = pd.concat(frames, ignore_index=True)
    return plots.net_cost_chart(
        units[["year", "unit", "net_cost"]],
        title=f"Nettokostnad per enhet {_span(report.years)}",
    )


def budget_table(report: Report) -> object:
    """Grant, forecast, outcome and deviations per unit and department of the year."""
    kf = report.figures
    frame = pd.concat([kf.units, pd.DataFrame([kf.total])], ignore_index=True)
    frame = frame.assign(
        unit=[
            f"– {label}" if level == "avdelning" else label
            for label, level in zip(frame["unit"], frame["level"], strict=True)
        ]
    )
    columns = {
        "unit": ColumnFormat("Enhet / avdelning", "text"),
        "grant": ColumnFormat("Kommunbidrag, tkr", "tkr"),
        "forecast": ColumnFormat("Prognos augusti, tkr", "tkr"),
        "net_cost": ColumnFormat("Bokslut, tkr", "tkr"),
        "deviation_tkr": ColumnFormat("Budgetavvikelse, tkr", "signed"),
        "deviation_pct": ColumnFormat("Avvikelse av kommunbidraget", "percent"),
        "forecast_deviation_tkr": ColumnFormat("Mot prognos, tkr", "signed"),
    }
    return display_table(
        frame,
        columns,
        f"Budget- och prognosavvikelse {report.year} (överskott och utfall bättre än "
        "prognosen positivt)",
        strong_rows=[level != "avdelning" for level in frame["level"]],
    )


def deviation_figure(report: Report) -> plots.Chart | Text:
    """Budget deviation per unit and department of the year as bars."""
    units = report.figures.units.dropna(subset=["deviation_tkr"])
    if units.empty:
        return Text(
            f"Kommunbidrag per enhet finns inte i data för {report.year}, så ingen "
            "budgetavvikelse per enhet kan visas."
        )
    frame = pd.DataFrame(
        {
            "unit": [
                f"{label} (avdelning)" if level == "avdelning" else label
                for label, level in zip(units["unit"], units["level"], strict=True)
            ],
            "deviation": units["deviation_tkr"],
        }
    )
    return plots.deviation_chart(
        frame, title=f"Budgetavvikelse per enhet och avdelning {report.year}"
    )


def income_statement_table(report: Report) -> Section:
    """The resultaträkning of the year with its budget deviation (computed)."""
    table = report.dataset.resultatrakning
    own = table[table["report_year"] == report.year].sort_values("row")
    if own.empty:
        later = table[table["report_year"] == report.year + 1].sort_values("row")
        frame = later.assign(outcome=later["outcome_prev"])
        note = Text(
            f"Resultaträkningen för {report.year} finns i data bara som jämförelsekolumn i "
            f"rapporten för {report.year + 1}; budget och föregående år saknas."
        )
        columns = {
            "line": ColumnFormat("Rad", "text"),
            "outcome": ColumnFormat(f"Bokslut {report.year}, tkr", "tkr"),
        }
    else:
        frame = own.assign(computed=own["outcome"] - own["budget"])
        note = Text(
            "Budgetavvikelsen är beräknad som bokslut minus budget (positiv = bättre än "
            "budget). Kostnader är negativa, som i rapporten. Avvikelser mellan rapportens "
            "tryckta tal och beräkningen redovisas i kapitlet Granskning."
        )
        columns = {
            "line": ColumnFormat("Rad", "text"),
            "outcome_prev": ColumnFormat(f"Bokslut {report.year - 1}, tkr", "tkr"),
            "budget": ColumnFormat(f"Budget {report.year}, tkr", "tkr"),
            "outcome": ColumnFormat(f"Bokslut {report.year}, tkr", "tkr"),
            "computed": ColumnFormat("Budgetavvikelse, tkr", "signed"),
        }
    styler = display_table(
        frame,
        columns,
        f"Resultaträkning {report.year}",
        strong_rows=[kind != "line" for kind in frame["kind"]],
    )
    return Section((styler, note))


def balance_sheet_table(report: Report) -> Section:
    """The balansräkning at year end with the change during the year (computed)."""
    table = report.dataset.balansrakning
    own = table[table["report_year"] == report.year].sort_values("row")
    if own.empty:
        later = table[table["report_year"] == report.year + 1].sort_values("row")
        frame = later.assign(balance=later["balance_prev"])
        note = Text(
            f"Balansräkningen per 31/12 {report.year} finns i data bara som jämförelsekolumn "
            f"i rapporten för {report.year + 1}. Den avser endast kommunstyrelsens kontor."
        )
        columns = {
            "line": ColumnFormat("Rad", "text"),
            "balance": ColumnFormat(f"31/12 {report.year}, tkr", "tkr"),
        }
    else:
        frame = own.assign(change=own["balance"] - own["balance_prev"])
        note = Text(
            "Balansräkningen avser endast kommunstyrelsens kontor. Förändringen är beräknad "
            "som saldot vid årets slut minus saldot vid föregående års slut."
        )
        columns = {
            "line": ColumnFormat("Rad", "text"),
            "balance_prev": ColumnFormat(f"31/12 {report.year - 1}, tkr", "tkr"),
            "balance": ColumnFormat(f"31/12 {report.year}, tkr", "tkr"),
            "change": ColumnFormat("Förändring, tkr", "signed"),
        }
    styler = display_table(
        frame,
        columns,
        f"Balansräkning {report.year}",
        strong_rows=[kind != "line" for kind in frame["kind"]],
    )
    return Section((styler, note))


def ki_table(report: Report) -> object:
    """K/I-tal per year: total costs / (income + grant), from the resultaträkning."""
    statement = income_statement(report.dataset)
    statement = statement[statement["year"] <= report.year]
    frame = statement.assign(
        year=statement["year"].astype("str"),
        ki=cost_income_ratio(statement["costs"], statement["income"], statement["grant"]),
    )
    columns = {
        "year": ColumnFormat("År", "text"),
        "costs": ColumnFormat("Kostnader totalt, tkr", "tkr"),
        "income": ColumnFormat("Intäkter totalt, tkr", "tkr"),
        "grant": ColumnFormat("Kommunbidrag, tkr", "tkr"),
        "ki": ColumnFormat("K/I-tal", "ratio"),
    }
    return display_table(frame, columns, "K/I-tal = kostnader / (intäkter + kommunbidrag)")


def _board_series(report: Report) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "year": list(report.key_figures),
            "value": [kf.total["net_cost"] for kf in report.key_figures.values()],
        }
    )
    return frame.dropna().astype({"year": "int64", "value": "float64"})


def trend_text(report: Report) -> Text:
    """The board's net-cost trend, or why no trend is fitted."""
    series = _board_series(report)
    if len(series) < MIN_TREND_YEARS:
        return Text(
            f"Data innehåller kommunstyrelsens nettokostnad för {len(series)} år "
            f"({_span(series['year'])}). En trend med prognosintervall kräver minst "
            f"{MIN_TREND_YEARS} år, så ingen trend skattas."
        )
    return Text(trend_sentence(fit_trend(series), report.year + 1))


def trend_sentence(fit: TrendFit, year: int) -> str:
    """The board's net-cost trend ``fit`` (tkr) in words, with its projection for ``year``.

    A slope that rounds to 0 tkr a year is "i stort sett oförändrad"; the projection and
    its interval keep their signs; fewer than :data:`FEW_TREND_YEARS` years add a caveat.
    """
    if abs(fit.slope) < 0.5:  # shows as "0 tkr"
        direction = "är i stort sett oförändrad"
    else:
        word = "ökar" if fit.slope > 0 else "minskar"
        direction = f"{word} med {narrative.amount(fit.slope)} per år"
    ahead = fit.project(year)
    text = (
        f"En linjär trend över {_span(fit.fitted['year'])} ({fit.n} år) visar att "
        f"kommunstyrelsens nettokostnad {direction}. Trenden pekar mot "
        f"{narrative.signed_amount(ahead.value)} {ahead.year}"
    )
    if ahead.has_interval:
        text += (
            f", med 95 procents prognosintervall från {narrative.signed_amount(ahead.low)} "
            f"till {narrative.signed_amount(ahead.high)}"
        )
    text += "."
    if fit.n < FEW_TREND_YEARS:
        text += (
            f" Med bara {fit.n} år är trenden osäker och ska läsas som en riktning, inte som "
            "en prognos."
        )
    return text


def trend_figure(report: Report) -> plots.Chart | Text:
    """The board's net cost with its trend and projection band (three or more years)."""
    series = _board_series(report)
    if len(series) < MIN_TREND_YEARS:
        return Text(
            f"Ingen trendfigur: nettokostnaden finns för {len(series)} år och en trend "
            f"kräver minst {MIN_TREND_YEARS}."
        )
    fit = fit_trend(series)
    fitted = fit.fitted.rename(columns={"value": "observed", "fitted": "value"})
    ahead = fit.project(report.year + 1)
    projection = pd.concat(
        [
            fitted[["year", "value", "low", "high"]],
            pd.DataFrame(
                {
                    "year": [ahead.year],
                    "value": [ahead.value],
                    "low": [ahead.low],
                    "high": [ahead.high],
                }
            ),
        ],
        ignore_index=True,
    )
    return plots.indicator_chart(
        series,
        title=f"Kommunstyrelsens nettokostnad {_span(series['year'])} med trend",
        unit="tkr",
        projection=projection,
    )


# ---------------------------------------------------------------- 03 personal och mål


def _personnel_values(report: Report) -> pd.DataFrame:
    """One row per personnel indicator series and year up to the report's year."""
    indicators = report.dataset.indicators
    rows = indicators[
        indicators["indicator"].isin(PERSONNEL_INDICATORS) & (indicators["year"] <= report.year)
    ]
    # Several values in one year (e.g. "1 april", "31 december"): the last one printed.
    rows = rows.drop_duplicates(["indicator", "scope", "year"], keep="last")
    meta = report.dataset.indicator_meta.set_index("indicator")
    order = {name: i for i, name in enumerate(PERSONNEL_INDICATORS)}
    scopes = {name: i for i, name in enumerate(SCOPE_LABELS)}
    frame = rows.assign(
        label=rows["indicator"].map(meta["label"]),
        scope_label=rows["scope"].map(_scope_label),
        _order=rows["indicator"].map(order),
        _scope=rows["scope"].map(lambda scope: scopes.get(scope, len(scopes))),
    )
    frame = frame.sort_values(["_order", "_scope", "scope", "year"], kind="stable")
    return frame.drop(columns=["_order", "_scope"]).reset_index(drop=True)


def _scope_label(scope: str) -> str:
    return SCOPE_LABELS.get(scope, scope.replace("_", " "))


def personnel_text(report: Report) -> Text:
    """The personnel indicators of the year beside their previous value."""
    values = _personnel_values(report)
    if values.empty:
        return Text(f"Data innehåller inga personalindikatorer till och med {report.year}.")
    sentences = narrative.indicator_story(values, report.year, report.printed(report.year))
    return Text("\n".join(f"- {s}" for s in sentences))


def personnel_table(report: Report) -> object:
    """The personnel indicators by year (columns), one row per indicator and scope, each
    value with the decimals its series is given with."""
    values = _personnel_values(report)
    years = sorted(int(y) for y in values["year"].unique())
    rows = []
    for _, series in values.groupby(["indicator", "scope"], sort=False):
        first = series.iloc[0]
        decimals = narrative.decimals_of(series["value"])
        row = {"label": first["label"], "scope_label": first["scope_label"]}
        by_year = dict(zip(series["year"], series["value"], strict=True))
        for year in years:
            value = by_year.get(year)
            row[year] = _table_value(value, str(first["unit"]), decimals)
        rows.append(row)
    columns = {
        "label": ColumnFormat("Indikator", "text"),
        "scope_label": ColumnFormat("Avser", "text"),
    }
    columns.update({y: ColumnFormat(str(y), "text") for y in years})
    styler = display_table(
        pd.DataFrame(rows, columns=["label", "scope_label", *years]),
        columns,
        f"Personalindikatorer till och med {report.year} (– = uppgift saknas)",
    )
    return _right_aligned(styler, [str(y) for y in years])


def _table_value(value: float | None, unit: str, decimals: int) -> str:
    """A value for a table cell: "6,39 %", "7 572", "140 mkr"; missing → "–"."""
    if value is None or swedish.is_missing(value):
        return swedish.DASH
    if unit == "procent":
        return swedish.format_percent_sign(value, decimals)
    return narrative.format_printed(value, unit, decimals)


def _right_aligned(styler, labels: Sequence[str]):
    """``styler`` with the columns ``labels`` (numbers already formatted as text) aligned
    right as numbers are."""
    styles = [
        {"selector": "td", "props": [("text-align", "right"), ("white-space", "nowrap")]},
        {"selector": "th", "props": [("text-align", "right")]},
    ]
    return styler.set_table_styles({label: styles for label in labels}, overwrite=False)


_GOAL_COLUMNS = {
    "number": ColumnFormat("Nr", "number"),
    "goal": ColumnFormat("Mål", "text"),
    "evidence": ColumnFormat("Underlag", "text"),
    "status_label": ColumnFormat("Beräknad status", "text"),
    "report_assessment": ColumnFormat("Rapportens bedömning", "text"),
    "agreement_label": ColumnFormat("Jämförelse", "text"),
}


def goal_tables(report: Report) -> Section:
    """One table per goal area: the computed status beside the report's assessment."""
    goals = report.goals.goals
    if goals.empty:
        return Section((Text(f"Data innehåller inga KF-mål för {report.year}."),))
    goals = goals.assign(report_assessment=goals["report_assessment"].replace("None", ""))
    items: list = []
    for area, rows in goals.groupby("area", sort=False):
        items.append(Text(f"### {area}"))
        items.append(display_table(rows, _GOAL_COLUMNS, f"{area}: mål {report.year}"))
        notes = [
            f"- Mål {number}: {note}"
            for number, note in zip(rows["number"], rows["agreement_note"], strict=True)
            if note and note != "nan"
        ]
        if notes:
            items.append(Text("\n".join(notes)))
    return Section(tuple(items))


def goal_figures(report: Report) -> Section:
    """For every goal with values: its indicator with the target line and projection band."""
    goals = report.goals.goals
    projections = report.goals.projections
    meta = report.dataset.indicator_meta.set_index("indicator")
    items: list = []
    for goal in goals.to_dict("records"):
        if not isinstance(goal["indicator"], str) or goal["indicator"] == "None":
            continue
        series = goal_series(report.dataset, goal["id"], report.year)
        headline = series[
            (series["indicator"] == goal["indicator"]) & (series["scope"] == goal["scope"])
        ]
        headline = headline[~headline["after_year"]]
        values = headline.drop_duplicates("year")[["year", "value"]]
        if values.empty:
            continue
        targets = headline["target"].dropna()
        band = projections[projections["goal_id"] == goal["id"]]
        band = band[band["criterion"] == band["criterion"].min()] if not band.empty else band
        label = str(meta.loc[goal["indicator"], "label"])
        unit = str(meta.loc[goal["indicator"], "unit"])
        items.append(Text(f"### {goal['area']}, mål {goal['number']}\n\n{goal['goal']}"))
        items.append(
            plots.indicator_chart(
                values,
                title=f"{label}, {_scope_label(goal['scope'])}",
                unit=unit,
                target=float(targets.iloc[0]) if not targets.empty else None,
                projection=band[["year", "value", "low", "high"]] if not band.empty else None,
            )
        )
        caption = [goal["evidence"], goal["projection_text"], goal["caveats"]]
        items.append(Text(" ".join(c for c in caption if _present(c))))
    if not items:
        items.append(Text(f"Inga mål har indikatorvärden till och med {report.year}."))
    return Section(tuple(items))


def _present(value: object) -> bool:
    return isinstance(value, str) and value not in ("", "nan", "None", "<NA>")


def area_table(report: Report) -> object:
    """Each area: the report's assessment and the computed statuses of its goals."""
    areas = report.goals.areas
    frame = areas.assign(
        year=areas["report_year"].astype("str"),
        report_assessment=areas["report_assessment"].replace({"nan": "", "None": ""}),
    )
    columns = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "report_assessment": ColumnFormat("Rapportens bedömning", "text"),
        "n_goals": ColumnFormat("Mål", "number"),
        "met": ColumnFormat("Uppfyllda", "number"),
        "on_track": ColumnFormat("På väg", "number"),
        "not_met": ColumnFormat("Ej uppfyllda", "number"),
        "not_assessable": ColumnFormat("Kan inte bedömas", "number"),
    }
    return display_table(
        frame, columns, f"Områden: rapportens bedömning och beräknad status {report.year}"
    )


# ---------------------------------------------------------------- 04 granskning


def review_text(report: Report) -> Text:
    """The number of checks and findings, and what a finding is."""
    reconciliation = report.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(report))
    results = reconciliation.results
    figures = len(results.drop_duplicates(["table", "row", "column"]))
    kinds = [RULE_TITLES[rule] for rule in RULE_TITLES if rule in set(results["rule"])]
    text = (
        f"Granskningen gjorde {reconciliation.checks} kontroller av {figures} tryckta tal i "
        f"rapporten för {report.year}. Varje tal jämfördes med vad det ska vara enligt "
        f"{len(kinds)} {'slags kontroll' if len(kinds) == 1 else 'slags kontroller'}: "
        f"{'; '.join(kinds)}. "
        f"{_findings_count(len(reconciliation.findings))} "
        "Ett tal räknas som avvikande först när skillnaden är större än vad avrundning av "
        "de tryckta talen kan förklara."
    )
    return Text(text)


def _value_text(value: float, unit: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return swedish.DASH
    return narrative.format_printed(value, unit, decimals)


def _difference_unit(unit: str) -> str:
    """The unit of a difference: percentages differ by percentage points."""
    return "procentenheter" if unit == "procent" else unit


def findings_table(report: Report) -> object:
    """Every finding: where, printed, computed and the difference, in Swedish."""
    reconciliation = report.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(report))
    findings = reconciliation.findings
    if findings.empty:
        return Text("Inga avvikelser.")
    frame = pd.DataFrame(
        {
            "where": findings["where"],
            "printed": [
                _table_value(v, u, d)
                for v, u, d in zip(
                    findings["printed"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "computed": [
                _table_value(v, u, d)
                for v, u, d in zip(
                    findings["computed"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "difference": [
                _signed_text(v, u, d)
                for v, u, d in zip(
                    findings["difference"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "rule": findings["rule"].map(_rule_title),
        }
    )
    columns = {
        "where": ColumnFormat("Var i rapporten", "text"),
        "printed": ColumnFormat("Tryckt", "text"),
        "computed": ColumnFormat("Beräknat", "text"),
        "difference": ColumnFormat("Skillnad", "text"),
        "rule": ColumnFormat("Kontroll", "text"),
    }
    styler = display_table(frame, columns, f"Avvikelser i rapporten för {report.year}")
    return _right_aligned(styler, ["Tryckt", "Beräknat", "Skillnad"])


def _signed_text(value: float, unit: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return swedish.DASH
    text = _value_text(abs(value), _difference_unit(unit), decimals)
    rounded = swedish.format_number(value, decimals)
    if rounded.startswith(swedish.MINUS):
        return swedish.MINUS + text
    return ("+" + text) if any(ch in "123456789" for ch in rounded) else text


def _rule_title(rule: str) -> str:
    from ksanalys.reconcile.rules import RULE_TITLES

    return RULE_TITLES.get(rule, rule)


def findings_explained(report: Report) -> Text:
    """Each finding in words: what differs, by how much, and what it means."""
    reconciliation = report.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(report))
    findings = reconciliation.findings
    if findings.empty:
        return Text("Alla kontrollerade tal stämmer inom avrundningen.")
    items = []
    for number, finding in enumerate(findings.to_dict("records"), start=1):
        unit, decimals = str(finding["unit"]), int(finding["decimals"])
        printed = _value_text(finding["printed"], unit, decimals)
        computed = _value_text(finding["computed"], unit, decimals)
        difference = finding["difference"]
        if difference is None or (isinstance(difference, float) and math.isnan(difference)):
            comparison = f"Rapporten trycker {printed}; värdet kan inte beräknas."
        else:
            word = "högre" if difference > 0 else "lägre"
            size = _value_text(abs(difference), _difference_unit(unit), decimals)
            comparison = (
                f"Rapporten trycker {printed}, beräkningen ger {computed}: det tryckta talet "
                f"är {size} {word}."
            )
        parts = [
            f"{number}. **{finding['where']}.** {comparison}",
            RULE_MEANINGS.get(finding["rule"], ""),
            finding["note"] if _present(finding["note"]) else "",
        ]
        items.append(" ".join(p for p in parts if p))
    return Text("\n".join(items))


def checks_table(report: Report) -> object:
    """Checks and findings per kind of check."""
    reconciliation = report.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(report))
    results = reconciliation.results
    grouped = results.groupby("rule", sort=False).agg(
        checks=("ok", "size"), failed=("ok", lambda ok: int((~ok.astype(bool)).sum()))
    )
    frame = grouped.reset_index().assign(rule=lambda f: f["rule"].map(_rule_title))
    columns = {
        "rule": ColumnFormat("Kontroll", "text"),
        "checks": ColumnFormat("Antal kontroller", "number"),
        "failed": ColumnFormat("Ej uppfyllda", "number"),
    }
    return display_table(frame, columns, f"Kontroller per slag, rapporten för {report.year}")


# ---------------------------------------------------------------- helpers


def _span(years: Sequence[int] | pd.Series) -> str:
    years = sorted({int(y) for y in years})
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _units_and_board(report: Report) -> list[tuple[str, str]]:
    units = report.figures.units
    enhet = units[units["level"] == "enhet"]
    pairs = list(zip(enhet["unit_id"], enhet["unit"], strict=True))
    return [*pairs, (BOARD, str(report.figures.total["unit"]))]


def _unit_value(kf: KeyFigures, unit_id: str, column: str) -> float:
    if unit_id == BOARD:
        value = kf.total.get(column)
        return math.nan if value is None else float(value)
    rows = kf.units[kf.units["unit_id"] == unit_id]
    return float(rows[column].iloc[0]) if not rows.empty else math.nan
