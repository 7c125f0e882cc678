"""The ``ksanalys`` command line: one module per subcommand, each with ``register``."""

from __future__ import annotations

import argparse
import sys

from ksanalys import __version__
from ksanalys.errors import KsanalysError

from . import check, goals, report, summary, validate

COMMANDS = (validate, summary, check, goals, report)

# Exit codes, as a linter: 0 fine, 1 findings (check), 2 usage or data error.
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ksanalys",
        description="Analys av kommunstyrelsens bokslut: validering, nyckeltal, granskning, "
        "mål och årsrapport.",
    )
    parser.add_argument("--version", action="version", version=f"ksanalys {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KsanalysError as error:
        print(f"ksanalys: fel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ksanalys: avbrutet", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
