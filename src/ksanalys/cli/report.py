"""``ksanalys report``: execute the chapter notebooks and publish the HTML report.

Exit codes: 0 every year published, 2 a bad request (nothing was run), 3 a notebook failed
(a bug: its year's earlier report is left as it was, the executed notebook kept and named),
130 interrupted.

``KSANALYS_NOTEBOOKS`` names another notebooks folder; ``KSANALYS_FORK_KERNELS=0`` starts
every kernel anew instead of forking it from a warm server (slower; for diagnosis).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._common import EXIT_INTERNAL, EXIT_INTERRUPTED, add_data_argument, add_year_argument


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"inte ett heltal: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"måste vara minst 1, inte {value}")
    return value


STATUS_CHARS = 80


def _status(text: str) -> str:
    """The report's status as the user gave it: one line of printable text."""
    flat = " ".join(text.split())
    if len(flat) > STATUS_CHARS:
        raise argparse.ArgumentTypeError(f"högst {STATUS_CHARS} tecken, inte {len(flat)}")
    if any(not ch.isprintable() for ch in flat):
        raise argparse.ArgumentTypeError("bara tecken som går att skriva ut")
    return flat


def _out_dir(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("tom sökväg; ange en mapp för rapporten")
    return Path(text).expanduser()


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="kör kapitlens anteckningsböcker och skriv rapporten som HTML",
        description="Kör varje kapitels anteckningsbok för de angivna åren och skriver "
        "fristående HTML-sidor till UT/<år>/ med en innehållsförteckning per år och en "
        "för alla år i UT/index.html. En tidigare analys för ett år ersätts först när "
        "den nya är komplett. Anteckningsböckerna tas från $KSANALYS_NOTEBOOKS, annars "
        "från paketet (installerat) eller projektets notebooks/.",
    )
    add_year_argument(parser, many=True)
    add_data_argument(parser)
    parser.add_argument(
        "--out",
        type=_out_dir,
        default=None,
        metavar="UT",
        help="mapp för rapporten, ny eller tom eller skapad av ksanalys "
        "(standard: projektets reports/, installerat ./reports)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="antal anteckningsböcker som körs samtidigt (standard: antal processorer)",
    )
    parser.add_argument(
        "--show-code", action="store_true", help="visa koden i rapporten (dold som standard)"
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="skriv också hela årets rapport som en PDF i A4 (UT/<år>/bokslut-<år>.pdf); "
        "kräver Chromium eller Google Chrome i PATH",
    )
    parser.add_argument(
        "--status",
        type=_status,
        default="",
        metavar="TEXT",
        help='status på PDF:ens försättsblad och i Om analysen, t.ex. "Analysbilaga, utkast" '
        f"(högst {STATUS_CHARS} tecken, en rad)",
    )
    parser.add_argument("--quiet", action="store_true", help="skriv inga förloppsrader")
    parser.add_argument(
        "--revised",
        action="store_true",
        help="reviderad rapport med de senast publicerade värdena, där varje tal som skiljer "
        "sig från den först publicerade rapporten anges; skrivs till UT/reviderad/<år>/",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.run.parameters import ReportRequest
    from ksanalys.run.report import make_report

    request = ReportRequest(
        years=tuple(args.year),
        data_dir=args.data,
        board=args.board,
        out_dir=args.out,
        jobs=args.jobs,
        show_code=args.show_code,
        quiet=args.quiet,
        pdf=args.pdf,
        revised=args.revised,
        status=args.status,
    )
    try:
        result = make_report(request)
    except KeyboardInterrupt:
        print(
            "ksanalys: avbrutet; år som inte hann bli klara har kvar sin förra analys",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return 0 if result.ok else EXIT_INTERNAL
