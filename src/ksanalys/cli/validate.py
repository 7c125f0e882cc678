"""``ksanalys validate``: check a data folder and exit 0 (valid) or 2 (with the first error).

Valid means what ``check``, ``goals`` and ``report`` need: every file loads, every claim
of claims.csv can be checked and every rule of goal_rules.csv can be judged.
"""

from __future__ import annotations

import argparse

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
    from ksanalys.compute.check import validate_claims
    from ksanalys.compute.goals import validate_rules
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data)
    validate_claims(dataset)
    validate_rules(dataset)
    rows = sum(len(frame) for frame in dataset.tables.values())
    years = ", ".join(str(y) for y in dataset.years)
    print(
        f"{dataset.data_dir}: {len(dataset.tables)} tabeller, {rows} rader, år {years} "
        f"({dataset.data_hash[:19]}…): giltig"
    )
    return 0
