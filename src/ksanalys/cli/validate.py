"""``ksanalys validate``: check a data folder and exit 0 (valid) or 2 (with the first error)."""

from __future__ import annotations

import argparse

from ksanalys.load import load_dataset

from ._common import add_data_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="kontrollera att datamappen är giltig",
        description="Läser och validerar alla datafiler. Avslutar med 0 om allt är giltigt, "
        "annars 2 med ett meddelande som anger fil, rad och kolumn.",
    )
    add_data_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    rows = sum(len(frame) for frame in dataset.tables.values())
    years = ", ".join(str(y) for y in dataset.years)
    print(
        f"{dataset.data_dir}: {len(dataset.tables)} tabeller, {rows} rader, år {years} "
        f"({dataset.data_hash[:19]}…): giltig"
    )
    return 0
