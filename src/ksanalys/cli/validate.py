"""``ksanalys validate``: check a data folder and exit 0 (valid) or 2 (listing every problem).

Valid means what ``check``, ``goals`` and ``report`` need: every file loads, every claim
of claims.csv can be checked and every rule of goal_rules.csv can be judged. Every problem
found is one line (at most :data:`~ksanalys.errors.MAX_ERRORS`); a file read in another
dialect (Swedish Excel's semicolons, Windows-1252) is said in one line on stderr.
"""

from __future__ import annotations

import argparse
import sys

from ksanalys.errors import ErrorCollector

from ._common import add_data_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="kontrollera att datamappen är giltig",
        description="Läser och validerar alla datafiler. Avslutar med 0 om allt är giltigt, "
        "annars 2 med en rad per fel som anger fil, rad och kolumn.",
    )
    add_data_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.compute.check import validate_checks
    from ksanalys.compute.goals import validate_rules
    from ksanalys.compute.goals.quotes import validate_quotes
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data, args.board)
    for notice in dataset.notices:
        print(f"ksanalys: obs: {notice}", file=sys.stderr)
    errors = ErrorCollector()
    with errors.collect():
        validate_checks(dataset)
    with errors.collect():
        validate_rules(dataset)
    with errors.collect():
        validate_quotes(dataset)
    errors.raise_if_any()
    rows = sum(len(frame) for frame in dataset.tables.values())
    years = ", ".join(str(y) for y in dataset.years)
    print(
        f"{dataset.data_dir}: {len(dataset.tables)} tabeller, {rows} rader, år {years} "
        f"({dataset.data_hash[:19]}…): giltig"
    )
    return 0
