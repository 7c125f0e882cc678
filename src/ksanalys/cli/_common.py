"""Arguments shared by several subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from ksanalys.load import default_data_dir


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"mapp med data (standard: {default_data_dir()})",
    )


def add_year_argument(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    parser.add_argument(
        "--year",
        type=int,
        required=True,
        action="append" if many else "store",
        metavar="ÅR",
        help="bokslutsår" + (" (kan anges flera gånger)" if many else ""),
    )
