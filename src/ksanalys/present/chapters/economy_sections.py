"""Present stage: the sections of chapter 02 Ekonomi that explain the year — the report's
reasons beside each deviation, costs by type, investments, savings and the next year, and
the municipality's figures beside the board's.

Amounts are the printed ones (:func:`ksanalys.compute.deviations.printed_deviations`,
:func:`ksanalys.compute.costs.cost_types`); reasons are the report's quotes
(:func:`ksanalys.compute.costs.explanations`). Only the analysis's own report year is
explained: an earlier year's page never borrows a later report's reasons.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ksanalys.compute import costs as cost_data
from ksanalys.compute import one_off
from ksanalys.compute import quotes as quote_rules
from ksanalys.compute.deviations import printed_deviations, sum_gaps
from ksanalys.load import Dataset
from ksanalys.load.schema import DEPARTMENT_LEVEL, UNIT_LEVEL
from ksanalys.present import plots
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.plots import economy as economy_plots
from ksanalys.present.plots.policy import ChartRefused
from ksanalys.present.text import costs as cost_text
from ksanalys.present.text import economy as economy_text
from ksanalys.present.text import next_year as next_year_words
from ksanalys.present.text import reasons as reason_text
from ksanalys.present.text.check import report_differences
from ksanalys.present.text.words import capitalize, paragraph
from ksanalys.values import is_missing

__all__ = [
    "context_text",
    "cost_types_text",
    "deviation_reasons",
    "economy_reasons",
    "investments_text",
    "next_year_text",
    "outlook_text",
    "section_text",
    "source_names",
]


def source_names(ds: Dataset, source_ids: Sequence[str]) -> list[str]:
    """Source keys as the words a chart's "Källa:" line names: document title, section."""
    sources = ds.sources.set_index("source")
    titles = ds.documents.set_index("document")["title"]
    sections: dict[str, list[str]] = {}
    for key in dict.fromkeys(s.strip() for ids in source_ids for s in str(ids).split(",")):
        if key in sources.index:
            row = sources.loc[key]
            title = str(titles.get(row["document"], row["document"]))
            sections.setdefault(title, []).append(str(row["section"]))
    return [f"{title}: {'; '.join(parts)}" for title, parts in sections.items()]


def economy_reasons(analysis: Analysis, year: int) -> dict[str, str]:
    """The report's reasons for the board's figures of ``year`` (keys of
    :func:`ksanalys.present.text.economy.economy_sentences`); empty without a report."""
    ds = analysis.dataset
    board = ds.organisation.board_id
    units = [unit.unit_id for unit in ds.organisation.units_of_board(year)]

    def says(topic: str, subjects: Sequence[str]) -> str:
        rows = [cost_data.explanations(ds, year, topic, s) for s in subjects]
        frame = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
        return reason_text.report_says(frame) if not frame.empty else ""

    return {
        "deviation": says("deviation", [board]),
        "growth": says("growth", [board]),
        "units_growth": says("growth", units),
        "forecast": says("forecast", [board]),
    }


def deviation_reasons(analysis: Analysis) -> Text | Section:
    """Each unit's and department's printed deviation with the report's reasons, the largest
    surplus first, one list item each (a further passage of the report on the same unit is
    an item of its own under it); a row printed without a result is left out."""
    frame = printed_deviations(analysis.dataset, analysis.year)
    board = analysis.organisation.board_id
    rows = (
        frame[frame["unit_id"] != board].dropna(subset=["deviation"]) if not frame.empty else frame
    )
    if rows.empty:
        return Section(())
    unexplained: list[str] = []
    events = one_off.one_off_events(analysis.dataset, analysis.year)

    def item(row: pd.Series, grant_word: str, indent: str = "") -> list[str]:
        reasons = cost_data.explanations(
            analysis.dataset, analysis.year, "deviation", row["unit_id"]
        )
        if reasons.empty:
            unexplained.append(row["unit"])
        lines = reason_text.deviation_line(
            row["unit"],
            row["deviation"],
            row["grant"],
            row["deviation_pct_printed"],
            row["deviation_pct"],
            reasons,
            grant_word,
            indent,
        )
        # the passages in deviation_line's order: the subject's own first
        passages = sorted(reasons.to_dict("records"), key=lambda r: bool(r["item"]))
        for number, passage in enumerate(passages[1:], 1):
            amounts = cost_text.event_amounts(_events_in(events, row["unit_id"], passage))
            lines[number] += f" {amounts}" if amounts else ""
        return lines

    departments = rows[rows["level"] == DEPARTMENT_LEVEL].sort_values("deviation", ascending=False)
    items: list[str] = []
    for _, unit in rows[rows["level"] == UNIT_LEVEL].iterrows():
        items += item(unit, "kommunbidrag")
        for _, row in departments[departments["parent"] == unit["unit_id"]].iterrows():
            items += item(row, "nämndbidrag", "  ")
    text = "\n".join(items)
    if unexplained:
        text += "\n\n" + reason_text.no_reason(unexplained)
    return Text(text)


def _events_in(events: pd.DataFrame, unit_id: str, passage: dict) -> list[tuple[str, str, float]]:
    """The one-off events of ``unit_id`` (:func:`ksanalys.compute.one_off.one_off_events`)
    whose naming words lie within ``passage``: (item, share, amount in tkr)."""
    whole = _flat(passage["quote"])
    chosen = events[events["unit_id"] == unit_id]
    return [
        (str(r["item"]), str(r["share"]), float(r["low"]))
        for _, r in chosen.iterrows()
        if _flat(r["words"]) in whole
    ]


def deviation_figure(analysis: Analysis) -> plots.Chart | Section:
    """Budget deviation in tkr for every printed row: a unit's departments together under
    a heading (each with its share of its nämndbidrag), then the units, those with
    departments at their printed sum (each with its share of its kommunbidrag), and the
    board's printed total last, apart. Where rows do not add up to their printed sum, the
    note under the chart says so, and whether the difference is rounding. A share is what
    the amounts give; where the bokslut printed another, the text beside the chart says so
    and the annex's budget table shows both (review r9 B: no such note under the chart)."""
    frame = printed_deviations(analysis.dataset, analysis.year)
    if frame.empty:
        return Section(())
    organisation = analysis.organisation
    board_id = organisation.board_id
    labels = dict(zip(frame["unit_id"], frame["unit"], strict=True))
    parents = set(frame["parent"]) - {""}
    shown = frame[frame["unit_id"] != board_id]
    rows_word = organisation.level_word(DEPARTMENT_LEVEL, plural=True)
    department_grant, unit_grant = "nämndbidrag", "kommunbidrag"
    headings = {
        unit: economy_text.share_heading(
            reason_text.group_heading(labels[unit], rows_word, organisation.scope_where(unit)),
            department_grant,
        )
        for unit in parents
    }
    units_heading = economy_text.share_heading(
        capitalize(organisation.level_word(UNIT_LEVEL, plural=True)), unit_grant
    )
    departments = shown["level"] == DEPARTMENT_LEVEL
    data = pd.DataFrame(
        {
            "unit": shown["unit"],
            "deviation": shown["deviation"],
            "share": [
                economy_text.share_label(pct, department_grant if below else unit_grant)
                for pct, below in zip(shown["deviation_pct"], departments, strict=True)
            ],
            "group": [
                headings.get(parent, units_heading) if below else units_heading
                for parent, below in zip(shown["parent"], departments, strict=True)
            ],
        }
    )
    # the departments' groups first, in the order of their units; then the units
    data = data.sort_values("group", key=lambda g: g == units_heading, kind="stable")
    notes = []
    for _, gap in sum_gaps(frame).iterrows():
        unit = str(gap["unit_id"])
        rows = (
            organisation.level_word(UNIT_LEVEL, definite=True)
            if unit == board_id
            else reason_text.group_rows(
                labels[unit],
                organisation.level_word(DEPARTMENT_LEVEL, definite=True),
                organisation.scope_where(unit),
            )
        )
        notes.append(
            reason_text.sum_note(
                rows, float(gap["lines"]), float(gap["printed"]), rounding=bool(gap["rounding"])
            )
        )
    board = frame[frame["unit_id"] == board_id]
    total = float(board["deviation"].iloc[0]) if not board.empty else None
    label = str(analysis.figures.total["unit"])
    try:
        return economy_plots.deviation_amount_chart(
            data,
            total=(label, total) if total is not None else None,
            title=f"Budgetavvikelse {analysis.year} per avdelning och enhet, tkr",
            sources=source_names(analysis.dataset, list(frame["source"])),
            note="; ".join(n for n in notes if n),
        )
    except ChartRefused:
        return Section(())


def cost_types_text(analysis: Analysis) -> Text | Section:
    """Every line of the resultaträkning the result adds, largest effect on the result first,
    each with the change against the previous year and the budget and the report's words;
    personnel costs beside staffing. A passage the report gives for two lines is quoted at
    the first of them, with whether its "motsvarande" holds, and pointed to at the other."""
    ds, year = analysis.dataset, analysis.year
    lines = cost_data.cost_types(ds, year)
    if lines.empty:
        return Section(())
    board, office = ds.organisation.board_id, ds.organisation.board.office or ""
    staffing = cost_text.staffing_sentence(
        cost_data.indicator_value(ds, "indragna_tjanster", board, year),
        cost_data.indicator_value(ds, "farre_arsarbetare", office, year),
        ds.organisation.scope_name(office) if office else "",
    )
    every = cost_data.explanations(ds, year, "cost_type")
    shown: dict[str, str] = {}  # quote → the line it was quoted at
    items = []
    for _, row in lines.iterrows():
        reasons = every[every["subject"] == row["line_id"]]
        if reasons.empty and not cost_data.notable_deviation(
            row["deviation"], row["deviation_pct"]
        ):
            continue  # the table above holds it
        words = [
            _line_reason(reason, row, shown, lines, every, year) for _, reason in reasons.iterrows()
        ]
        extra = staffing if row["line_id"] == "personal" else ""
        items.append("- " + cost_text.cost_line_item(row, year, " ".join(words), extra))
    if not items:
        return Section(())
    intro = cost_text.cost_types_intro(
        cost_data.NOTABLE_DEVIATION_TKR, cost_data.NOTABLE_DEVIATION_PCT
    )
    return Text(intro + "\n\n" + "\n".join(items))


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _line_reason(
    reason: pd.Series,
    row: pd.Series,
    shown: dict[str, str],
    lines: pd.DataFrame,
    every: pd.DataFrame,
    year: int,
) -> str:
    """The report's passage for a line; where it also explains other lines, whether its
    "motsvarande" holds; or, when it was quoted at another line, where it stands."""
    key = _flat(reason["quote"])
    if key in shown:
        return reason_text.shown_elsewhere(shown[key])
    shown[key] = str(row["line"])
    text = reason_text.report_says([reason])
    word = quote_rules.linking_word(key)
    same = every[(every["quote"].map(_flat) == key) & (every["subject"] != row["line_id"])]
    for subject in same["subject"]:
        other = lines[lines["line_id"] == subject]
        if word and not other.empty:
            pair = (row, other.iloc[0])
            holds = {
                reading: quote_rules.corresponds(pair[0][column], pair[1][column])
                for reading, column in (("budget", "over_budget"), ("previous", "change_tkr"))
                if not any(is_missing(r[column]) for r in pair)
            }
            note = reason_text.linked_note(word, pair[0], pair[1], year, holds)
            text += f" {note}" if note else ""
    return text


def section_text(key: str, markdown: str) -> Text | Section:
    """A section's text under its heading, or nothing at all (no heading either) where it
    has nothing to say."""
    text = economy_text.section(key, markdown)
    return Text(text) if text else Section(())


def investment_subject(ds) -> str:
    """Which investments the investment result is of, as indicator_meta.csv's subject gives
    it ("de nämndbeslutade investeringarna"); the text package's default without one."""
    meta = ds.indicator_meta.set_index("indicator")
    subject = meta["subject"].get(cost_data.INVESTMENT_RESULT) if "subject" in meta else None
    if isinstance(subject, str) and subject.strip():
        return subject
    return cost_text.INVESTMENTS


def investments_text(analysis: Analysis) -> Text | Section:
    """The investment result of the year and the previous year, with the named projects."""
    ds, year = analysis.dataset, analysis.year
    board = ds.organisation.board_id
    return section_text(
        "investments",
        cost_text.investment_text(
            year,
            cost_data.indicator_value(ds, cost_data.INVESTMENT_RESULT, board, year),
            cost_data.indicator_value(ds, cost_data.INVESTMENT_RESULT, board, year - 1),
            cost_data.explanations(ds, year, "investment"),
            investment_subject(ds),
            cost_data.gross_investment(ds, year),
        ),
    )


def _lasting(ds: Dataset, year: int) -> tuple[str, float, str]:
    """The one row the report explains with a lasting cause: (unit_id, result, words)."""
    rows = one_off.surplus_by_kind(ds, year)
    lasting = rows[rows["kind"] == one_off.LASTING]
    if len(lasting) != 1:
        return "", float("nan"), ""
    row = lasting.iloc[0]
    return str(row["unit_id"]), float(row["deviation"]), str(row["kind_quotes"])


def _cost_line(lines: pd.DataFrame, line_id: str, column: str) -> float:
    chosen = lines.loc[lines["line_id"] == line_id, column] if not lines.empty else lines
    return float(chosen.iloc[0]) if len(chosen) else float("nan")


def _first_quote(rows: pd.DataFrame, field: str = "quote") -> str:
    return str(rows[field].iloc[0]) if not rows.empty else ""


def next_year_text(analysis: Analysis) -> Text | Section:
    """Two sections: the year's underlying result (the result without temporary causes and
    one-off events, an interval with each step shown, and the result against the August
    forecast), then what carries into the next year (the savings and their outcome, the
    lasting part, delayed projects, the platform and the investments)."""
    ds, year = analysis.dataset, analysis.year
    if year not in ds.report_years:
        return Section(())
    board = ds.organisation.board_id
    office = ds.organisation.board.office or ""
    lines = cost_data.cost_types(ds, year)
    every = cost_data.explanations(ds, year, "cost_type")
    printed = printed_deviations(ds, year).set_index("unit_id")
    steps = one_off.result_without_one_offs(ds, year)
    result = next_year_words.without_one_offs(year, steps, vacancies=bool(one_off.vacant(ds, year)))
    lasting_id, lasting_result, lasting_words = _lasting(ds, year)
    lasting = next_year_words.lasting_sentence(
        year,
        ds.organisation.unit(lasting_id).in_text if lasting_id else "",
        lasting_result,
        lasting_words,
    )
    ahead = one_off.savings_ahead(ds, board, year)
    savings = next_year_words.savings_sentences(
        year, ahead, _first_quote(cost_data.explanations(ds, year, "saving"))
    )
    grant_change = analysis.figures.total.get("grant", math.nan) - analysis.figures.total.get(
        "grant_prev", math.nan
    )
    budget = next_year_words.budget_change_sentences(
        ahead.get("saving", math.nan),
        grant_change,
        cost_data.budget_changes(ahead.get("saving", math.nan), grant_change),
    )
    delayed = next_year_words.delayed_sentence(
        year, [ds.organisation.unit(unit_id).in_text for unit_id in one_off.delayed(ds, year)]
    )
    platform = next_year_words.platform_sentence(
        year,
        cost_data.indicator_value(ds, cost_data.INVESTMENT_RESULT, board, year),
        investment_subject(ds),
        _cost_line(lines, "avskrivningar", "deviation"),
        _first_quote(every[every["subject"] == "avskrivningar"]),
    )
    outcome = next_year_words.outcome_sentences(
        year,
        analysis.figures.total.get("growth_tkr", float("nan")),
        -_cost_line(lines, "personal", "change_tkr"),
        _first_quote(every[every["subject"] == "personal"]),
        ahead.get("full_year", float("nan")) - ahead.get("saving", float("nan")),
    )
    forecast = ""
    if office in printed.index:
        row = printed.loc[office]
        forecast = next_year_words.forecast_sentence(
            str(row["unit"]), row["forecast"], row["net_cost"]
        )
    whole = ""
    if board in printed.index:
        row = printed.loc[board]
        in_text = ""
        if analysis.check_result is not None:
            in_text = report_differences(analysis.check_result).get("forecast_deviation_tkr", "")
        whole = next_year_words.board_forecast_sentence(row["forecast"], row["net_cost"], in_text)
    markdown = next_year_words.sections(
        year,
        [result, paragraph([forecast, whole])],
        [paragraph([*savings, *outcome, budget]), lasting, paragraph([delayed, platform])],
    )
    return Text(markdown) if markdown else Section(())


def _unit_labels(ds: Dataset, year: int) -> dict[str, str]:
    labels: dict[str, str] = {}
    for name in ("budget", "departments"):
        table = ds.tables[name]
        rows = table[table["report_year"] == year]
        labels.update(zip(rows["unit_id"], rows["unit"], strict=True))
    return labels


def outlook_text(analysis: Analysis) -> Text | Section:
    """What the report names for the next year that bears on money
    (:func:`ksanalys.compute.quotes.bears_on_money`), per department."""
    ds, year = analysis.dataset, analysis.year
    if year not in ds.report_years:
        return Section(())
    labels = _unit_labels(ds, year)
    every = cost_data.explanations(ds, year, "outlook")
    rows = every[every["quote"].map(quote_rules.bears_on_money)]
    pairs = [
        (labels.get(row["subject"], row["subject"].replace("_", " ")), row)
        for _, row in rows.iterrows()
    ]
    markdown = cost_text.outlook_items(pairs)
    return Text(markdown) if markdown else Section(())


def context_text(analysis: Analysis) -> Text | Section:
    """The municipality's result, balanskravsresultat, underlying result, solvency,
    guarantees and amortisation of the year, from indicators.csv."""
    ds, year = analysis.dataset, analysis.year
    values = {
        key: cost_data.indicator_value(ds, key, scope, year)
        for key, scope in (
            ("arets_resultat", "kommunen"),
            ("balanskravsresultat", "kommunen"),
            ("underliggande_resultat", "kommunen"),
            ("soliditet", "kommunkoncernen"),
            ("borgensatagande_forandring", "kommunkoncernen"),
            ("lanskuld_amortering", "kommunkoncernen"),
        )
    }
    values["soliditet_prev"] = cost_data.indicator_value(
        ds, "soliditet", "kommunkoncernen", year - 1
    )
    return section_text("context", paragraph(cost_text.context_sentences(year, values)))
