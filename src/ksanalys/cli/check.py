"""``ksanalys check``: check the figures of a year's report; exit 1 when any disagree.

Exit codes as a linter: 0 no findings, 1 findings, 2 a usage or data error (also for a year
that the data has only as a previous-year column: it has no report of its own), 3 an
internal error (see :mod:`ksanalys.cli`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from ksanalys.cli._common import (
    EXIT_FINDINGS,
    add_data_argument,
    add_format_argument,
    add_revised_argument,
    add_year_argument,
    load_vintage,
)
from ksanalys.cli._export import EXPORT_FORMATS, add_out_argument, check_out, export, is_export

if TYPE_CHECKING:
    from ksanalys.compute.check import CheckResult

JSON_KEYS = (
    "table",
    "row",
    "column",
    "printed",
    "computed",
    "difference",
    "unit",
    "rule",
    "cause",
    "note",
    "message",
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="granska att rapportens tal går ihop",
        description="Stämmer av varje tal som bokslutet trycker mot de tal det följer av: "
        "summor och differenser i tabellerna, samma tal i flera tabeller, balansräkningen "
        "och talen i texten (data/claims.csv). Avslutar med 0 utan avvikelser, 1 med "
        "avvikelser, 2 vid fel i anrop eller data och 3 vid internt fel.",
    )
    add_year_argument(parser)
    add_data_argument(parser)
    add_revised_argument(parser)
    add_format_argument(
        parser, {"text": "en rad per avvikelse", "json": "maskinläsbart", **EXPORT_FORMATS}
    )
    add_out_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.compute.check import check_year
    from ksanalys.present.text.titles import check_title

    check_out(args)
    dataset = load_vintage(args)
    result = check_year(dataset, args.year)
    title = check_title(dataset.organisation.board.genitive, result.year)
    if is_export(args):
        from ksanalys.present.export_sheets import check_sheets

        content = title
        export(args, check_sheets(result), content=content, dataset=dataset)
        return EXIT_FINDINGS if len(result.findings) else 0
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result, title))
    return EXIT_FINDINGS if len(result.findings) else 0


def _count(number: int, singular: str, plural: str) -> str:
    from ksanalys.present import swedish

    return f"{swedish.format_number(number)} {singular if number == 1 else plural}"


def render_text(result: CheckResult, title: str) -> str:
    """The findings as Swedish lines under ``title`` (:func:`~ksanalys.present.text.titles.
    check_title`)."""
    from ksanalys.present.text.check import CheckWording

    wording = CheckWording(result)
    findings = result.records
    lines = [title, ""]
    lines += [wording.message(f) for f in findings] or ["Inga avvikelser."]
    lines += [
        "",
        f"{_count(result.checks, 'kontroll', 'kontroller')}, "
        f"{_count(len(findings), 'avvikelse', 'avvikelser')}.",
    ]
    return "\n".join(lines) + "\n"


def render_json(result: CheckResult) -> str:
    from ksanalys.present.text.check import CheckWording
    from ksanalys.values import rounded

    wording = CheckWording(result)
    findings = []
    rows = result.findings.to_dict("records")
    for finding, record in zip(rows, result.records, strict=True):
        decimals = int(finding["decimals"])
        finding = finding | {"note": wording.note(record), "message": wording.message(record)}
        entry = {key: finding[key] for key in JSON_KEYS}
        for key in ("printed", "computed", "difference"):
            entry[key] = rounded(finding[key], decimals)
        findings.append(entry)
    data = {"year": result.year, "checks": result.checks, "findings": findings}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
