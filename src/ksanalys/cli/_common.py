"""Arguments shared by several subcommands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ksanalys.paths import default_data_dir

# Exit codes, the same for every command (see ksanalys.cli).
EXIT_FINDINGS = 1  # only check: the report has findings
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE (128 + 13)


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"mapp med data (standard: {default_data_dir()})",
    )
    parser.add_argument(
        "--board",
        default=None,
        metavar="ID",
        help="nämnden (board_id) i en datamapp med flera nämnder (standard: den enda)",
    )


def year(text: str) -> int:
    """An argparse type: a four-digit year, in the digits 0-9."""
    if not re.fullmatch(r"[0-9]{4}", text):
        raise argparse.ArgumentTypeError(f"förväntade ett årtal, t.ex. 2013, fann {text!r}")
    return int(text)


def add_year_argument(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    parser.add_argument(
        "--year",
        type=year,
        required=True,
        action="append" if many else "store",
        metavar="ÅR",
        help="bokslutsår" + (" (kan anges flera gånger)" if many else ""),
    )


def add_format_argument(parser: argparse.ArgumentParser, formats: dict[str, str]) -> None:
    """``--format`` with the first of ``formats`` (name → Swedish description) as default."""
    default = next(iter(formats))
    described = ", ".join(f"{name} ({what})" for name, what in formats.items())
    parser.add_argument(
        "--format",
        choices=tuple(formats),
        default=default,
        help=f"utdataformat: {described}; standard: {default}",
    )


def add_revised_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--revised",
        action="store_true",
        help="använd de senast publicerade värdena (standard: det som var känt när årets "
        "rapport gjordes, så att senare data aldrig ändrar den)",
    )


def load_vintage(args: argparse.Namespace):
    """The data of ``args.data`` as published for ``args.year`` (or revised)."""
    from ksanalys.load import load_dataset, vintage

    dataset = load_dataset(args.data, args.board)
    return vintage.for_report(dataset, args.year, getattr(args, "revised", False))
