"""Present stage: chapter 03 Personal och mål (personnel indicators, KF-mål, areas, GEH)."""

from __future__ import annotations

import re

import pandas as pd

from ksanalys.compute.goals.areas import area_contrasts, namesake_areas
from ksanalys.compute.goals.disagreements import DIRECTIONS, disagreement_directions
from ksanalys.compute.goals.frames import differing_pairs
from ksanalys.load.glossary import glossary
from ksanalys.present.chapters.context import (
    Analysis,
    Section,
    Text,
)
from ksanalys.present.chapters.goal_charts import goal_charts, goal_charts_intro
from ksanalys.present.chapters.personnel import (
    personnel_charts,
    personnel_table,
    personnel_text,
    personnel_values,
)
from ksanalys.present.columns import column
from ksanalys.present.plots.policy import STATUS_STYLES, UNCERTAIN_FOR_YEAR_STYLE
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import annex as annex_text
from ksanalys.present.text import goal_counts as counts_text
from ksanalys.present.text import goal_parts
from ksanalys.present.text import goals as goals_text
from ksanalys.present.text.glossary import GLOSSARY_HEADING, glossary_lines, terms_used
from ksanalys.present.text.goal_counts import Differing
from ksanalys.present.text.goal_rows import (
    WORD_COLUMNS,
    context_texts,
    goal_rows,
    part_table,
    part_texts,
)
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, paragraph
from ksanalys.values import is_missing

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
            goal_parts.comparison_cell(
                goals_text.comparison_label(agree, None if is_missing(m) else bool(m)),
                [q.quote for q in a.quotes if q.kind == "word"],
            )
            for a, agree, m in zip(
                report.assessments, goals["agreement"], goals["report_more_positive"], strict=True
            )
        ],
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
        tested = [r for r in a.tested if r.criterion.measurable]
        summary = goal_parts.parts_summary(tested, year)
        lines.append(goals_text.part_table_lead(len(table), summary))
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
    for each status that occurs, headed by the status as the goal table writes it:
    "Osäker", never a second form)."""
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
            status: ColumnFormat(capitalize(goals_text.STATUS_LABELS[status]), "number")
            for status in shown
        },
    }
    table = display_table(
        frame, columns, f"Områden: bokslutets och analysens bedömning {analysis.year}"
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
        pairs=differing_pairs(goals.distinct),
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


def area_differing(analysis: Analysis, count: int) -> Differing | None:
    """(count, the two follow-ups' scopes, escaped, the status the second follow-ups share)
    for an area's goals judged differently for their two follow-ups; None without such
    goals or one pair of scopes."""
    between = measured_for(analysis)
    if not count or between is None:
        return None
    seconds = {second for _, second in differing_pairs(analysis.goals.distinct)}
    shared = next(iter(seconds)) if len(seconds) == 1 else None
    return (int(count), *between, shared)


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
    values = personnel_values(analysis)
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
