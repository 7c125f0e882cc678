"""``ksanalys summary``: the key figures of one fiscal year as text, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ksanalys.cli._common import (
    add_data_argument,
    add_format_argument,
    add_revised_argument,
    add_year_argument,
    load_vintage,
)
from ksanalys.cli._export import EXPORT_FORMATS, add_out_argument, check_out, export, is_export

if TYPE_CHECKING:
    from ksanalys.compute.key_figures import KeyFigures


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="nyckeltal för ett bokslutsår",
        description="Nyckeltal för nämnden ett bokslutsår: nettokostnad, "
        "nettokostnadsutveckling, kommunbidrag, budgetavvikelse och K/I-tal per enhet och "
        "avdelning, beräknade ur bokslutets grundtal.",
    )
    add_year_argument(parser)
    add_data_argument(parser)
    add_revised_argument(parser)
    add_format_argument(
        parser,
        {"text": "tabell", "json": "maskinläsbart", "csv": "en rad per enhet", **EXPORT_FORMATS},
    )
    add_out_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.compute.key_figures import key_figures
    from ksanalys.load.schema import UNIT_LEVEL
    from ksanalys.present.text.titles import summary_title
    from ksanalys.present.text.words import capitalize

    check_out(args)
    dataset = load_vintage(args)
    figures = key_figures(dataset, args.year)
    org = dataset.organisation
    if is_export(args):
        from ksanalys.present.export_sheets import summary_sheets

        content = summary_title(org.board.name, figures.year)
        export(args, summary_sheets(figures), content=content, dataset=dataset)
        return 0
    if args.format == "text":
        title = summary_title(org.board.name, figures.year, "tkr")
        sys.stdout.write(render_text(figures, title, capitalize(org.level_word(UNIT_LEVEL))))
    else:
        sys.stdout.write({"json": render_json, "csv": render_csv}[args.format](figures))
    return 0


def render_json(figures: KeyFigures) -> str:
    return json.dumps(figures.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(figures: KeyFigures) -> str:
    """One row per unit and one for the whole board; the keys of the JSON as columns."""
    from ksanalys.compute.key_figures import UNIT_KEYS

    data = figures.to_dict()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(UNIT_KEYS), lineterminator="\n")
    writer.writeheader()
    for record in [*data["units"], data["total"]]:
        writer.writerow({k: _csv_value(v) for k, v in record.items()})
    return out.getvalue()


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        return " + ".join(str(v) for v in value)
    return "" if value is None else value


Column = tuple[str, str, Callable[[object], str]]


def _table(title: str, rows: list[dict], columns: list[Column], unit_word: str) -> list[str]:
    from ksanalys.load.schema import DEPARTMENT_LEVEL

    header = [unit_word, *(label for label, _, _ in columns)]
    body = [
        [
            ("  " if row["level"] == DEPARTMENT_LEVEL else "") + row["unit"],
            *(fmt(row[key]) for _, key, fmt in columns),
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(line(header))
    return [title, rule, line(header), rule, *(line(cells) for cells in body), rule]


def _change_notes(rows: list[dict], year: int) -> dict[str, str]:
    """Unit name → a note on what its growth compares with, for the units whose
    organisation changed in ``year`` and the units above a new one."""
    from ksanalys.compute.figures import NEW
    from ksanalys.present.text.unit_changes import change_note, office_note

    notes = {}
    for row in rows:
        note = change_note(row["unit"], row.get("change"), row.get("compared_with"), year)
        if note is not None:
            notes[row["unit"]] = note
    for row in rows:
        new = [
            r["unit"]
            for r in rows
            if r.get("change") == NEW and r.get("parent_unit_id") == row.get("unit_id")
        ]
        if new:
            notes[row["unit"]] = office_note(row["unit"], new, year)
    return notes


def render_text(figures: KeyFigures, title: str, unit_word: str) -> str:
    """Swedish tables of the key figures under ``title`` (unrounded values, rounded once
    when shown); ``unit_word`` heads the column of units ("Enhet")."""
    from ksanalys.load.schema import DEPARTMENT_LEVEL
    from ksanalys.present import swedish
    from ksanalys.present.columns import PRINTED, column, printed_heading
    from ksanalys.values import is_missing

    year = figures.year
    rows = [*figures.units.to_dict("records"), figures.total]

    def pct(value: object) -> str:
        return swedish.format_percent_sign(value, 1)

    # Departments without a previous year would only add empty rows to the growth table;
    # when some have one, all are listed, so that the rows add up to their unit's.
    departments = [row for row in rows if row["level"] == DEPARTMENT_LEVEL]
    compared = any(not is_missing(row["net_cost_prev"]) for row in departments)
    growth_rows = [row for row in rows if row["level"] != DEPARTMENT_LEVEL or compared]
    notes = _change_notes(growth_rows, year)
    lines = [title, ""]
    lines += _table(
        PRINTED["net_cost"].name,
        [
            {**row, "unit": row["unit"] + (" *" if row["unit"] in notes else "")}
            for row in growth_rows
        ],
        [
            (printed_heading("net_cost", "net_cost", year), "net_cost", swedish.format_tkr),
            (
                printed_heading("net_cost", "net_cost_prev", year),
                "net_cost_prev",
                swedish.format_tkr,
            ),
            (printed_heading("net_cost", "difference"), "growth_tkr", swedish.format_signed),
            ("Utveckling", "growth_pct", pct),
        ],
        unit_word,
    )
    lines += [f"* {note}" for note in notes.values()]
    lines.append("")
    lines += _table(
        "Budget och utfall",
        rows,
        [
            (printed_heading("budget", "grant"), "grant", swedish.format_tkr),
            (printed_heading("budget", "forecast"), "forecast", swedish.format_tkr),
            (printed_heading("budget", "net_cost"), "net_cost", swedish.format_tkr),
            (printed_heading("budget", "deviation"), "deviation_tkr", swedish.format_signed),
            ("Avvikelse", "deviation_pct", pct),
            ("Mot prognos", "forecast_deviation_tkr", swedish.format_signed),
        ],
        unit_word,
    )
    ratios = figures.ratios
    lines += [
        "",
        f"{column('ki').label}: {swedish.format_ratio(ratios['ki'], 2)}",
        f"{column('result_share_of_grant').label}: "
        + swedish.format_percent_sign(ratios["result_share_of_grant_pct"], 1),
        "Förändring av kommunbidraget mot föregående år: "
        + swedish.format_percent_sign(ratios["grant_change_pct"], 1),
        "",
        "Budgetavvikelse = kommunbidrag − bokslut (positiv = överskott). "
        "Mot prognos = prognos augusti − bokslut. – = uppgift saknas i data.",
    ]
    return "\n".join(lines) + "\n"
