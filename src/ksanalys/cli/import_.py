"""``ksanalys import``: read a filled workbook into the data folder, all errors at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._common import add_data_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="läs in en ifylld arbetsbok till data",
        description="Kontrollerar varje blad och listar alla fel med blad och cell; vid "
        "fel skrivs ingenting. Varje påstående räknas om och en avvikelse mot tabellerna "
        "blir en varning vid sin cell. Annars skrivs CSV-filerna och det som lagts till "
        "eller ändrats per tabell skrivs ut. Samma arbetsbok en gång till ändrar ingenting. "
        "En rad i data för året som arbetsboken inte har tas aldrig bort utan --replace.",
    )
    parser.add_argument("workbook", type=Path, metavar="FIL", help="arbetsboken (.xlsx)")
    add_data_argument(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="ta bort årets rader i data som arbetsboken inte har (de listas)",
    )
    parser.set_defaults(handler=run)


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(f"ksanalys: varning: {line}", file=sys.stderr)


def _named(table: str) -> str:
    """A data table as the user knows it: its file and the sheet it came from."""
    from ksanalys.intake.layout import sheet_name
    from ksanalys.load.schema import SCHEMAS

    name = sheet_name(table)
    file = SCHEMAS[table].file if table in SCHEMAS else table
    return f"{file} ({name})" if name else file


def run(args: argparse.Namespace) -> int:
    from ksanalys.intake.merge import apply
    from ksanalys.intake.reader import read_workbook
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data, args.board)
    intake = read_workbook(args.workbook, dataset)
    changes = apply(
        dataset.data_dir, intake, replace=args.replace, warn=_warn, shared=dataset.shared_dir
    )
    for note in intake.notes:
        print(note)
    for change in changes:
        named = _named(change.table)
        if change.any:
            print(
                f"{named}: {change.added} tillagda, {change.changed} ändrade, "
                f"{change.removed} borttagna rader"
            )
        for note in change.notes:
            print(f"{named}: {note}")
        for line in change.unaccounted:
            print(f"{named}: borttagen (--replace): {line}")
    if not any(c.any for c in changes):
        print(f"Inget ändrat: data har redan bokslutet för {intake.year} som i arbetsboken.")
    return 0
