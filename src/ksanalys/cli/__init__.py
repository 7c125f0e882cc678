"""The ``ksanalys`` command line: one module per subcommand, each with ``register``.

Exit codes are a contract, the same for every command:

- 0 done;
- 1 only ``check``, when it has findings;
- 2 bad input or usage: a data or workbook error, an unknown year, a bad option (argparse's
  errors included), a path the user named that cannot be used; one line per problem;
- 3 an internal error (a bug): one line, ``ksanalys: internt fel: …``, and the traceback
  only with ``--debug``; for ``report`` also a chapter notebook that failed (the line names
  it, its failing cell and where its executed copy is kept);
- 130 interrupted, 141 the output pipe closed by its reader (``ksanalys goals | head``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from typing import NoReturn

from ksanalys import __version__
from ksanalys.errors import KsanalysError, one_line

from . import check, goals, import_, new_year, report, summary, validate
from ._common import (
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
)

COMMANDS = (validate, summary, check, goals, report, new_year, import_)

__all__ = [
    "COMMANDS",
    "EXIT_BROKEN_PIPE",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


# argparse's own messages, in Swedish; the rest of a message is kept as it is.
_SWEDISH = (
    (re.compile(r"^argument (\S+): "), r"\1: "),
    (re.compile(r"the following arguments are required: "), "dessa argument krävs: "),
    (re.compile(r"unrecognized arguments: "), "okända argument: "),
    (re.compile(r"invalid int value: "), "förväntade ett heltal, fann "),
    (
        re.compile(r"invalid choice: (.*) \(choose from (.*)\)$"),
        r"ogiltigt val: \1 (välj bland \2)",
    ),
    (re.compile(r"expected one argument$"), "värde saknas"),
)


class Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error as one Swedish line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, swedish in _SWEDISH:
            message = pattern.sub(swedish, message)
        self.exit(EXIT_USAGE, f"ksanalys: fel: {message} (se '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="ksanalys",
        description="Analys av en nämnds bokslut: validering, nyckeltal, granskning, "
        "mål och årsrapport.",
    )
    parser.add_argument("--version", action="version", version=f"ksanalys {__version__}")
    _add_debug_argument(parser, argparse.SUPPRESS)
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="KOMMANDO", parser_class=Parser
    )
    for command in COMMANDS:
        command.register(sub)
    for command_parser in sub.choices.values():
        _add_debug_argument(command_parser, argparse.SUPPRESS)
    parser.set_defaults(debug=False)
    return parser


def _add_debug_argument(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="visa hela felspåret (traceback) vid ett internt fel",
    )


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush finds no
    closed pipe (the reader, e.g. ``head``, has gone)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # standard output is no file (replaced in-process)
        pass
    finally:
        os.close(devnull)


def _internal_error(error: BaseException, debug: bool) -> int:
    """Report a bug: the traceback with ``--debug``, then one line; exit 3."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    message = one_line(f"{type(error).__name__}: {error}", limit=200)
    hint = "" if debug else "; kör med --debug för detaljer"
    print(f"ksanalys: internt fel: {message}{hint}", file=sys.stderr)
    return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (see the module docstring)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = None
    try:
        parser = build_parser()
        args = parser.parse_args(arguments)
        code = int(args.handler(args) or 0)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KsanalysError as error:
        for line in error.lines():
            print(f"ksanalys: fel: {line}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # a path the user named: missing folder, no permission, …
        where = f"{error.filename}: " if error.filename else ""
        print(f"ksanalys: fel: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ksanalys: avbrutet", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug: one line, the traceback only when asked for
        debug = args.debug if args is not None else "--debug" in arguments
        return _internal_error(error, debug)


if __name__ == "__main__":
    sys.exit(main())
