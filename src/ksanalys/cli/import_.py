"""``ksanalys import``: read a filled workbook into the data folder, all errors at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="läs in en ifylld arbetsbok till data",
        description="Kontrollerar varje blad och listar alla fel med blad och cell; vid "
        "fel skrivs ingenting. Annars skrivs CSV-filerna och det som lagts till eller "
        "ändrats per tabell skrivs ut. Samma arbetsbok en gång till ändrar ingenting.",
    )
    parser.add_argument("workbook", type=Path, metavar="FIL", help="arbetsboken (.xlsx)")
    add_data_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.intake.merge import apply
    from ksanalys.intake.reader import read_workbook
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data)
    intake = read_workbook(args.workbook, dataset)
    changes = apply(dataset.data_dir, intake)
    for change in changes:
        if change.any:
            print(
                f"{change.table}: {change.added} tillagda, {change.changed} ändrade, "
                f"{change.removed} borttagna rader"
            )
        for note in change.notes:
            print(f"{change.table}: {note}")
    if not any(c.any for c in changes):
        print(f"Inget ändrat: data har redan bokslutet för {intake.year} som i arbetsboken.")
    return 0
