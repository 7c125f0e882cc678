"""``ksanalys goals``: the KF-mål judged from data beside the report's own assessment."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from ._common import (
    add_data_argument,
    add_format_argument,
    add_revised_argument,
    add_year_argument,
    load_vintage,
)
from ._export import EXPORT_FORMATS, add_out_argument, check_out, export, is_export

if TYPE_CHECKING:
    from ksanalys.compute.goals import GoalAssessments


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "goals",
        help="mål och lägesbedömning: analysens bedömning, prognos och bokslutets bedömning",
        description=(
            "Bedömer kommunfullmäktiges mål för ett år ur data (uppfyllt, delvis uppfyllt, "
            "ej uppfyllt; för ett målår framåt på väg, osäker eller inte på väg; kan inte "
            "bedömas), varje del för sig, med tolkningen som bedömningen vilar på, "
            "underlag, jämförelser som inte ingår i bedömningen, trend till målåret och "
            "bokslutets egen lägesbedömning och skäl bredvid, samt områdenas och "
            "GEH-bedömningen. Ett mål som följs upp två gånger räknas en gång."
        ),
    )
    add_year_argument(parser)
    add_data_argument(parser)
    add_revised_argument(parser)
    add_format_argument(parser, {"text": "per område", "json": "maskinläsbart", **EXPORT_FORMATS})
    add_out_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.compute.check.questioned import report_questioned
    from ksanalys.compute.goals import assess_goals
    from ksanalys.present.text.goal_rows import goals_json

    check_out(args)
    dataset = load_vintage(args)
    year = dataset.require_year(args.year)
    report = assess_goals(dataset, year, report_questioned(dataset, year))
    if is_export(args):
        from ksanalys.present.export_sheets import goals_sheets

        content = f"Mål och lägesbedömning {report.year}"
        export(args, goals_sheets(report), content=content, dataset=dataset)
        return 0
    if args.format == "json":
        print(json.dumps(goals_json(report), ensure_ascii=False, indent=2))
    else:
        print(render_text(report))
    return 0


def render_text(report: GoalAssessments) -> str:
    """A readable Swedish listing of the goals per area, then areas and GEH."""
    from ksanalys.present.text.goal_counts import goal_count_sentences
    from ksanalys.present.text.goal_rows import context_texts, goal_rows, part_texts
    from ksanalys.present.text.goals import STATUS_PLURALS, comparison_year_sentence
    from ksanalys.values import is_missing

    lines = [
        f"Mål och lägesbedömning {report.year}",
        "Analysens bedömning ur data, med tolkningen den vilar på, bredvid bokslutets egen "
        "lägesbedömning (bokslutets ord: Bra, Ok, Har brister).",
    ]
    if not report.own_goals:
        lines.append(comparison_year_sentence(report.year))
    else:
        lines += goal_count_sentences(report.distinct, report.goals, report.year, None)
    rows = goal_rows(report)
    details = {
        a.id: (part_texts(a, report.year), context_texts(a, report.year))
        for a in report.assessments
    }
    for area, goals in rows.groupby("area", sort=False):
        lines += ["", area, "=" * len(area)]
        for goal in goals.to_dict("records"):
            lines += _goal_lines(goal, *details[goal["id"]])
    lines += ["", "Områden", "======="]
    for row in report.areas.to_dict("records"):
        own = "–" if is_missing(row["report_assessment"]) else row["report_assessment"]
        text = f"{row['report_year']} {row['area']}: bokslutet {own}"
        if not is_missing(row["n_goals"]):
            counts = ", ".join(f"{words} {row[s]}" for s, words in STATUS_PLURALS.items() if row[s])
            text += f"; beräknat för {row['n_goals']} mål: {counts}"
        lines.append(text)
    lines += ["", "GEH-bedömning", "============="]
    if report.geh.empty:
        lines.append(f"Ingen GEH-bedömning i data för {report.year} eller tidigare.")
    for row in report.geh.to_dict("records"):
        lines.append(f"{row['report_year']} {row['area']}: {row['assessment']}")
    return "\n".join(lines)


def _goal_lines(goal: dict, parts: list[str], context: list[str]) -> list[str]:
    from ksanalys.values import is_missing

    own = goal["report_assessment"]
    own_text = "–" if is_missing(own) else own
    lines = [
        "",
        f"{goal['id']}: {goal['goal']}",
        f"  Bokslutet: {own_text}. Beräknat: {goal['status_label']}. "
        f"Jämförelse: {goal['agreement_label']}.",
    ]
    if goal["interpretation"]:
        lines.append(f"  Tolkning: {goal['interpretation']}.")
    if len(parts) > 1:
        lines += ["  Delar:", *(f"  - {text}" for text in parts)]
    else:
        lines.append(f"  Underlag: {goal['evidence']}")
        if goal["projection_text"]:
            lines.append(f"  Prognos: {goal['projection_text']}")
    lines += [f"  {text}" for text in context]
    for column in ("same_goal", "agreement_note"):
        if goal[column]:
            lines.append(f"  {goal[column]}")
    if goal["caveats"]:
        lines.append(f"  Obs: {goal['caveats']}")
    return lines
