"""Present stage: chapter 03 Personal och mål (personnel indicators, KF-mål, areas, GEH)."""

from __future__ import annotations

import re

import pandas as pd

from ksanalys.compute.goals.areas import area_contrasts, namesake_areas
from ksanalys.compute.goals.disagreements import DIRECTIONS, disagreement_directions
from ksanalys.load.glossary import glossary
from ksanalys.present.chapters.context import (
    Analysis,
    Section,
    Text,
)
from ksanalys.present.chapters.goal_charts import goal_charts, goal_charts_intro, personnel_charts
from ksanalys.present.columns import column
from ksanalys.present.plots.policy import STATUS_STYLES, UNCERTAIN_FOR_YEAR_STYLE
from ksanalys.present.tables import ColumnFormat, display_table, quantity_cell, right_aligned
from ksanalys.present.text import annex as annex_text
from ksanalys.present.text import goal_counts as counts_text
from ksanalys.present.text import goal_parts, indicators, reasons
from ksanalys.present.text import goals as goals_text
from ksanalys.present.text.glossary import GLOSSARY_HEADING, glossary_lines, terms_used
from ksanalys.present.text.goal_rows import (
    WORD_COLUMNS,
    context_texts,
    goal_rows,
    part_table,
    part_texts,
)
from ksanalys.present.text.indicators import series_subject
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, paragraph
from ksanalys.values import decimals_needed, is_missing

__all__ = [
    "area_differing",
    "area_table",
    "geh_table",
    "goal_charts",
    "goal_charts_intro",
    "goal_counts",
    "goal_details",
    "goal_glossary",
    "goal_table",
    "personnel_charts",
    "personnel_table",
    "personnel_text",
]


def personnel_indicators(analysis: Analysis) -> list[str]:
    """The personnel indicators of chapter 3 in the order they are shown (indicator_meta.csv,
    column ``personnel``)."""
    meta = analysis.dataset.indicator_meta
    chosen = meta[meta["personnel"].notna()].sort_values("personnel", kind="stable")
    return [str(indicator) for indicator in chosen["indicator"]]


def _personnel_values(analysis: Analysis) -> pd.DataFrame:
    """One row per personnel indicator series and year up to the analysis's year."""
    indicators = analysis.dataset.indicators
    chosen = personnel_indicators(analysis)
    rows = indicators[indicators["indicator"].isin(chosen) & (indicators["year"] <= analysis.year)]
    # Several values in one year (e.g. "1 april", "31 december"): the last one printed.
    rows = rows.drop_duplicates(["indicator", "scope", "year"], keep="last")
    meta = analysis.dataset.indicator_meta.set_index("indicator")
    order = {name: i for i, name in enumerate(chosen)}
    org = analysis.organisation
    subjects = _subjects(analysis)
    frame = rows.assign(
        label=rows["indicator"].map(meta["label"]),
        scope_label=rows["scope"].map(org.scope_name),
        subject=[
            subjects.get(key)
            or series_subject(meta["subject"].get(key[0]), org.scope_where(key[1]))
            for key in zip(rows["indicator"], rows["scope"], strict=True)
        ],
        _order=rows["indicator"].map(order),
        _scope=rows["scope"].map(org.scope_rank),
    )
    frame = frame.sort_values(["_order", "_scope", "scope", "year"], kind="stable")
    return frame.drop(columns=["_order", "_scope"]).reset_index(drop=True)


def _subjects(analysis: Analysis) -> dict[tuple[str, str], str]:
    """(indicator, scope) → the series as the subject of a sentence, from the goal rules
    ("sjukfrånvaron i kommunen")."""
    rules = analysis.dataset.tables.get("goal_rules")
    if rules is None:
        return {}
    found: dict[tuple[str, str], str] = {}
    for indicator, scope, subject in zip(
        rules["indicator"], rules["scope"], rules["subject"], strict=True
    ):
        if isinstance(indicator, str) and isinstance(subject, str):
            found.setdefault((indicator, str(scope)), subject)
    return found


def personnel_text(analysis: Analysis) -> Text:
    """The personnel indicators that need a word beside the table (:func:`personnel_table`
    gives every value): first each indicator the bokslut comments on (an explanation of
    the indicator in explanations.csv), its first series in the table's order with its
    change and the bokslut's words; then those the bokslut prints twice, with where that
    is discussed."""
    values = _personnel_values(analysis)
    if values.empty:
        return Text(f"Data innehåller inga personalindikatorer till och med {analysis.year}.")
    shown = values.assign(**{c: values[c].map(escape) for c in ("label", "scope_label", "subject")})
    year, printed, refer = (
        analysis.year,
        analysis.printed(analysis.year),
        _printings_discussed(analysis),
    )
    quotes = _indicator_quotes(analysis, set(values["indicator"]))
    led = _led_series(values, year, set(quotes))
    paragraphs = []
    for indicator, scope in led:
        series = shown[(shown["indicator"] == indicator) & (shown["scope"] == scope)]
        story = indicators.indicator_story(series, year, printed, refer)
        says = [reasons.report_says(quotes[indicator]), *reasons.more_passages(quotes[indicator])]
        paragraphs.append(paragraph([*story, says[0]]) + "".join(f"\n{s}" for s in says[1:]))
    keys = list(zip(shown["indicator"], shown["scope"], strict=True))
    rest = shown[[key not in led for key in keys]]
    paragraphs += indicators.indicator_story(rest, year, printed, refer, noted_only=True)
    return Text("\n\n".join(paragraphs))


def _indicator_quotes(analysis: Analysis, chosen: set[str]) -> dict[str, pd.DataFrame]:
    """Indicator → the bokslut's explanations of it (explanations.csv rows of the year
    whose subject is one of the ``chosen`` indicators), in file order."""
    table = analysis.dataset.tables.get("explanations")
    if table is None:
        return {}
    rows = table[
        (table["report_year"] == analysis.year)
        & (table["subject_type"] == "indicator")
        & table["subject"].isin(chosen)
    ]
    rows = rows.assign(item=rows["item"].fillna(""))
    return {str(key): group for key, group in rows.groupby("subject", sort=False)}


def _led_series(values: pd.DataFrame, year: int, explained: set[str]) -> list[tuple[str, str]]:
    """(indicator, scope) of the first series in the table's order of each ``explained``
    indicator that has a value for ``year``: the series the bokslut's words lead with
    (scopes.csv orders the scopes, the kommun first)."""
    current = values[(values["year"] == year) & values["indicator"].isin(explained)]
    first = current.drop_duplicates("indicator", keep="first")
    return list(zip(first["indicator"].astype(str), first["scope"].astype(str), strict=True))


def _printings_discussed(analysis: Analysis) -> dict[tuple[str, str], str]:
    """(indicator, scope) → a reference to the goal that says the report's two printings
    of the series' value (so the figures are said once, with the goal)."""
    goals = analysis.goals
    refer: dict[tuple[str, str], str] = {}
    for a in goals.assessments if goals.own_goals else ():
        c = a.headline.criterion if a.headline is not None else None
        if c is None or not (a.alternatives or a.settled) or c.indicator is None or c.scope is None:
            continue
        text = goal_parts.printings_reference(analysis.year, escape(a.area), a.number)
        refer.setdefault((c.indicator, c.scope), text)
    return refer


def _questioned(analysis: Analysis) -> set[tuple[str, str, int, float]]:
    """(indicator, scope, year, value) of the values the granskning questions as printed
    (:mod:`ksanalys.compute.check.questioned`); a printing found wrong elsewhere in the text
    is not the table's value and marks nothing."""
    return {(q.indicator, q.scope, q.year, q.printed) for q in analysis.questioned}


def personnel_table(analysis: Analysis) -> object:
    """The personnel indicators by year (columns), one row per indicator and scope, each
    value with the decimals its series is given with; a value the granskning questions
    says so in its cell."""
    values = _personnel_values(analysis)
    years = sorted(int(y) for y in values["year"].unique())
    questioned = _questioned(analysis)
    rows = []
    for (indicator, scope), series in values.groupby(["indicator", "scope"], sort=False):
        first = series.iloc[0]
        decimals = decimals_needed(series["value"])
        row: dict[object, object] = {"label": first["label"], "scope_label": first["scope_label"]}
        by_year = dict(zip(series["year"], series["value"], strict=True))
        for year in years:
            value = by_year.get(year)
            cell = quantity_cell(value, str(first["unit"]), decimals)
            if not is_missing(value) and (indicator, scope, year, float(value)) in questioned:
                cell = goal_parts.questioned_cell(cell)
            row[year] = cell
        rows.append(row)
    columns: dict[object, ColumnFormat] = {
        "label": ColumnFormat("Indikator", "text"),
        "scope_label": ColumnFormat("Avser", "text"),
    }
    columns.update({y: ColumnFormat(str(y), "text") for y in years})
    styler = display_table(
        pd.DataFrame(rows, columns=["label", "scope_label", *years]),
        columns,
        f"Personalindikatorer till och med {analysis.year} (– = uppgift saknas)",
    )
    return right_aligned(styler, [str(y) for y in years])


_GOAL_COLUMNS: dict[object, ColumnFormat] = {
    "area": column("area"),
    "number": ColumnFormat("Nr", "number"),
    "goal": ColumnFormat("Mål", "text"),
    "status_label": column("computed_status"),
    "interpretation": ColumnFormat("Så har målet bedömts", "text"),
    "report_assessment": column("report_assessment"),
    "comparison": ColumnFormat("Jämförelse", "text"),
}


def goal_table(analysis: Analysis) -> Section:
    """One table of the year's goals: the computed status in words (its cell styled by the
    chart policy's status styles), the interpretation it rests on, the bokslut's own word
    and how the two compare, and one sentence saying that each goal's detail is in the
    revision annex (:func:`goal_details`). A year without its own report says so in one
    sentence."""
    report = analysis.goals
    if not report.own_goals:
        return Section((Text(goals_text.comparison_year_sentence(analysis.year)),))
    goals = goal_rows(report)
    if goals.empty:
        return Section((Text(f"Data innehåller inga KF-mål för {analysis.year}."),))
    frame = goals.assign(
        comparison=[
            goals_text.comparison_label(a, None if is_missing(m) else bool(m))
            for a, m in zip(goals["agreement"], goals["report_more_positive"], strict=True)
        ]
    )
    caption = goals_text.goal_table_caption(analysis.year, len(goals), len(report.distinct))
    styler = display_table(frame, _GOAL_COLUMNS, caption)
    styles = [_status_style(a) for a in report.assessments]
    styler = styler.apply(lambda _: styles, subset=[column("computed_status").label], axis=0)
    legend = Text(goals_text.status_colour_legend())
    return Section((styler, legend, Text(annex_text.goals_pointer())))


def goal_details(analysis: Analysis) -> Section:
    """Each goal of the year in detail (see :func:`_evidence_list`), for the revision annex
    (the board pages show :func:`goal_table` and point here); nothing for a year without
    its own goals."""
    report = analysis.goals
    goals = goal_rows(report) if report.own_goals else pd.DataFrame()
    if goals.empty:
        return Section(())
    return Section(tuple(_evidence_list(analysis, goals)))


def _status_style(a) -> str:
    """A status cell's style: an osäker that a cap decided for the year (not a target
    ahead) is filled, not framed (see :mod:`ksanalys.present.plots.policy`)."""
    if a.status == "uncertain" and a.figure_status != a.status:
        return UNCERTAIN_FOR_YEAR_STYLE
    return STATUS_STYLES[a.status]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])")


def _sentences(*parts: str) -> list[str]:
    return [s for part in parts if part for s in _SENTENCE_END.split(part.strip())]


def _goal_item(a, row: dict, year: int, said: set[str]) -> str:
    """One goal as a Markdown list item: its head with the status, then what the data
    shows (each part on its own line when there are several), each context part, the
    report's side and the notes; a sentence already said on the page is not said again
    (the report's side is one sentence per goal, with its reason or that it gives none for
    that goal). That a goal is followed up twice is said once per area
    (:func:`_same_goals`)."""
    head = f"**{goals_text.goal_item_head(row['number'], row['status_label'])}.**"
    texts = part_texts(a, year)
    lines: list[str] = []
    body: list[str] = []
    table = part_table(a, year)
    if table is not None:
        lines.append(goals_text.part_table_lead(len(table)))
    elif len(texts) > 1:
        lines += texts
    else:
        body = _sentences(row["evidence"], row["projection_text"])
    lines += [*context_texts(a, year), row["agreement_note"], row["caveats"]]
    fresh = [s for s in dict.fromkeys(body) if s not in said]
    said.update(fresh)
    subs = []
    for line in lines:
        kept = [s for s in dict.fromkeys(_sentences(line)) if s not in said]
        said.update(kept)
        if kept:
            subs.append("    - " + " ".join(escape(s) for s in kept))
    first = f"- {head} {' '.join(escape(s) for s in fresh)}".rstrip()
    return "\n".join([first, *subs])


def _evidence_list(analysis: Analysis, goals: pd.DataFrame) -> list[object]:
    """Each goal of the year as a Markdown list item (see :func:`_goal_item`), under a
    heading per area in the report's order; a goal whose parts are a table is followed by
    it (the list goes on after it)."""
    report = analysis.goals
    said: set[str] = set()
    shown: list[object] = []
    blocks: list[str] = []
    area = None
    for a, row in zip(report.assessments, goals.to_dict("records"), strict=True):
        if row["area"] != area:
            area = row["area"]
            blocks.append(f"#### {escape(area)}\n")
            same = _same_goals(report.assessments, area, _area_measured_for(analysis, area))
            if same:
                blocks.append(f"{same}\n")
        blocks.append(_goal_item(a, row, report.year, said))
        table = part_table(a, report.year)
        if table is not None:
            shown += [Text("\n".join(blocks)), _part_table(row, table, report.year)]
            blocks = []
    return [*shown, Text("\n".join(blocks))] if blocks else shown


def _same_goals(assessments, area: str, measured_for: str | None) -> str:
    """Which goals of an area are KF-mål followed up a second time under another area, in
    one sentence per other area (escaped), "" for none; ``measured_for``: what this area's
    follow-ups measure (escaped), when one scope."""
    by_id = {a.id: a for a in assessments}
    mine = [a for a in assessments if a.area == area]
    later = [
        (a.number, escape(b.area), b.number) for a in mine for b in assessments if b.same_as == a.id
    ]
    earlier = [
        (a.number, escape(by_id[a.same_as].area), by_id[a.same_as].number)
        for a in mine
        if a.same_as in by_id
    ]
    texts = [
        goal_parts.same_goals_text(later, first=True) if later else "",
        goal_parts.same_goals_text(earlier, first=False, measured_for=measured_for)
        if earlier
        else "",
    ]
    return " ".join(t for t in texts if t)


def _part_table(row: dict, parts: pd.DataFrame, year: int) -> object:
    columns = {key: ColumnFormat(head, "text") for key, head in goals_text.PART_COLUMNS.items()}
    caption = goals_text.part_table_caption(row["area"], int(row["number"]), year)
    return display_table(parts, columns, caption)


def area_table(analysis: Analysis) -> object:
    """Each area: the bokslut's assessment and the computed statuses of its goals (a column
    for each status that occurs)."""
    areas = analysis.goals.areas
    if areas.empty:
        return Text(f"Data innehåller inga områdesbedömningar till och med {analysis.year}.")
    assessment = areas["report_assessment"].fillna("").astype("str")
    frame = areas.assign(
        report_assessment=assessment.replace({"nan": "–", "None": "–", "": "–"}),
    )
    shown = [s for s in goals_text.STATUS_ORDER if frame[s].fillna(0).sum() > 0]
    columns: dict[object, ColumnFormat] = {
        "area": column("area"),
        "report_assessment": column("report_assessment"),
        "n_goals": ColumnFormat("Mål", "number"),
        **{
            status: ColumnFormat(capitalize(goals_text.STATUS_PLURALS[status]), "number")
            for status in shown
        },
    }
    table = display_table(
        frame, columns, f"Områden: bokslutets bedömning och beräknad status {analysis.year}"
    )
    notes = [
        goals_text.namesake_area_sentence(escape(area), word, escape(other), n)
        for area, word, other, n in namesake_areas(areas, analysis.year)
    ]
    return Section((table, Text(" ".join(notes)))) if notes else table


# ---------------------------------------------------------------- 04 granskning


def goal_counts(analysis: Analysis) -> Text:
    """How many distinct goals the year has, which are followed up twice, their computed
    statuses (each goal counted once), how the report's own assessments compare and which
    way those that differ lean, and each area whose goals all lie on one side while the
    bokslut rates it on another. The rules of the comparison are in Om analysen
    (:func:`ksanalys.present.text.goal_counts.goal_method_paragraphs`)."""
    goals = analysis.goals
    if not goals.own_goals:
        return Text(goals_text.comparison_year_sentence(analysis.year))
    first = {a.id: a for a in goals.assessments}
    differing = [
        (escape(first[goal_id].area), first[goal_id].number)
        for goal_id, status in zip(goals.distinct["goal_id"], goals.distinct["status"], strict=True)
        if not isinstance(status, str)
    ]
    sentences = counts_text.goal_count_sentences(
        goals.distinct,
        goals.goals,
        analysis.year,
        _twice_in(goals),
        differing,
        between=measured_for(analysis),
        directions=directions(goals),
    )
    contrasts = [
        counts_text.area_contrast_sentence(
            escape(row["area"]),
            row["n_goals"],
            row["statuses"],
            row["report_assessment"],
            _area_measured_for(analysis, row["area"]),
            area_differing(analysis, row["n_differing"]),
        )
        for row in area_contrasts(goals).to_dict("records")
    ]
    paragraphs = [paragraph(sentences), *([paragraph(contrasts)] if contrasts else [])]
    # The scale where the table below is read (r4 review 1.3).
    return Text("\n\n".join([*paragraphs, counts_text.comparison_scale()]))


def area_differing(analysis: Analysis, count: int) -> tuple[int, str, str] | None:
    """(count, the two follow-ups' scopes, escaped) for an area's goals judged differently
    for their two follow-ups; None without such goals or one pair of scopes."""
    between = measured_for(analysis)
    return (int(count), *between) if count and between is not None else None


def _area_measured_for(analysis: Analysis, area: str) -> str | None:
    """What an area's follow-ups measure (the organisation's name, escaped), when they
    all measure one scope and some of its goals are followed up a second time elsewhere
    (so its count per follow-up differs from the count per goal); else None."""
    goals = analysis.goals
    mine = [a for a in goals.assessments if a.area == area]
    ids = {a.id for a in mine}
    twice = any(a.same_as is not None for a in mine) or any(
        a.same_as in ids for a in goals.assessments
    )
    scopes = {a.headline.criterion.scope if a.headline else None for a in mine}
    if not twice or len(scopes) != 1 or None in scopes:
        return None
    return escape(analysis.organisation.scope_name(str(next(iter(scopes)))))


def directions(goals) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(area escaped, number) of the follow-ups where the bokslut is more positive than
    the computation, and where it is more cautious
    (:func:`ksanalys.compute.goals.disagreement_directions`)."""
    rows = disagreement_directions(goals)
    return tuple(  # type: ignore[return-value]
        [
            (escape(area), int(number))
            for area, number, way in zip(
                rows["area"], rows["number"], rows["direction"], strict=True
            )
            if way == direction
        ]
        for direction in DIRECTIONS
    )


def measured_for(analysis: Analysis) -> tuple[str, str] | None:
    """What the two follow-ups of the goals measured twice measure (the scopes of their
    judged series, named by the organisation, escaped), when the same two for all."""
    goals = analysis.goals
    scopes = {a.id: a.headline.criterion.scope if a.headline else None for a in goals.assessments}
    pairs = {(scopes[a.same_as], scopes[a.id]) for a in goals.assessments if a.same_as in scopes}
    if len(pairs) != 1 or None in next(iter(pairs)):
        return None
    names = tuple(escape(analysis.organisation.scope_name(str(s))) for s in next(iter(pairs)))
    return (names[0], names[1]) if names[0] != names[1] else None


def _twice_in(goals) -> tuple[str, str] | None:
    """The two areas under which the goals measured twice are followed up, when they are
    the same two for every such goal (escaped), else None."""
    areas = {a.id: a.area for a in goals.assessments}
    pairs = {(areas[a.same_as], a.area) for a in goals.assessments if a.same_as in areas}
    if len(pairs) != 1:
        return None
    first, second = next(iter(pairs))
    return escape(first), escape(second)


def geh_table(analysis: Analysis) -> object:
    """The analysis's GEH assessments for the year and earlier years."""
    geh = analysis.goals.geh
    if geh.empty:
        return Text(f"Data innehåller inga GEH-bedömningar till och med {analysis.year}.")
    frame = geh.assign(year=geh["report_year"].astype("str"))
    columns: dict[object, ColumnFormat] = {
        "year": ColumnFormat("Rapport", "text"),
        "area": column("area"),
        "assessment": ColumnFormat("Bedömning", "text"),
    }
    return display_table(frame, columns, "Samlad GEH-bedömning (bokslutets)")


def _chapter_texts(analysis: Analysis) -> list[str]:
    """The words the chapter shows a reader: its headings' terms, the personnel labels, each
    goal's text and words and the areas (the GEH assessments are on page one)."""
    texts = ["KF-mål", counts_text.comparison_rule()]
    values = _personnel_values(analysis)
    texts += [str(v) for c in ("label", "scope_label", "subject") for v in values[c]]
    report = analysis.goals
    if report.own_goals and not report.goals.empty:
        rows = goal_rows(report)
        for name in ("area", "goal", *WORD_COLUMNS):
            texts += [str(v) for v in rows[name]]
    texts += [str(v) for v in report.areas["area"]]
    return texts


def goal_glossary(analysis: Analysis) -> Text:
    """The abbreviations and terms the chapter uses, explained from the data folder's
    glossary (glossary.csv), each once at the chapter's end; nothing without one."""
    used = terms_used(glossary(analysis.dataset), _chapter_texts(analysis))
    if used.empty:
        return Text("")
    return Text(f"#### {GLOSSARY_HEADING}\n\n" + "\n".join(glossary_lines(used)))
