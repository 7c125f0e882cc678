"""``ksanalys new-year``: write the Excel workbook for a year's report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument, year


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new-year",
        help="skriv en Excel-arbetsbok att fylla i för ett nytt bokslutsår",
        description="Skriver en arbetsbok med ett blad per tryckt tabell, ifylld med förra "
        "årets rader, enheter, mål och jämförelsekolumn; årets texter står tomma med förra "
        "årets bredvid. Fyll i den och läs in den med 'ksanalys import'. Med --edit skrivs "
        "i stället ett år som data redan har, så att det kan ändras och läsas in igen.",
    )
    parser.add_argument("new_year", type=year, metavar="ÅR", help="bokslutsåret")
    add_data_argument(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FIL",
        help="arbetsbok (standard: bokslut-ÅR.xlsx)",
    )
    parser.add_argument(
        "--from",
        dest="report",
        type=Path,
        default=None,
        metavar="RAPPORT",
        help="årets rapport (PDF eller text): tabellernas tal, målen och bedömningarna "
        "hämtas ur den och markeras för kontroll; det som inte kunde placeras listas",
    )
    parser.add_argument(
        "--edit",
        action="store_true",
        help="skriv årets data som de är (året finns redan i data) för att ändra dem",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.errors import KsanalysError
    from ksanalys.intake.workbook import new_year_workbook, write_workbook
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data, args.board)
    has_year = args.new_year in dataset.report_years
    if has_year and not args.edit:
        raise KsanalysError(
            f"data har redan ett bokslut för {args.new_year}; skriv ut det med 'ksanalys "
            f"new-year {args.new_year} --edit', ändra i arbetsboken och läs in den med "
            "'ksanalys import'"
        )
    if args.edit and args.report is not None:
        raise KsanalysError(
            "--edit skriver årets data som de är och --from läser en ny rapport; välj det ena"
        )
    if args.edit and not has_year:
        years = ", ".join(str(y) for y in dataset.report_years) or "inga"
        raise KsanalysError(
            f"--edit: data har inget bokslut för {args.new_year} (bokslut i data: {years}); "
            "utan --edit skrivs en arbetsbok för ett nytt år"
        )
    out = args.out or Path(f"bokslut-{args.new_year}.xlsx")
    if out.exists():
        raise KsanalysError(
            f"{out} finns redan och skrivs inte över (den kan vara ifylld); ta bort den "
            "eller välj en annan fil med --out"
        )
    reading = None
    if args.report is not None:
        from ksanalys.intake.extract.to_workbook import read_for_workbook

        reading = read_for_workbook(args.report, dataset, args.new_year)
    prefill = reading.prefill if reading else None
    book = new_year_workbook(dataset, args.new_year, prefill, edit=args.edit)
    write_workbook(book, out)
    if reading is not None:
        print("\n".join(reading.terminal(book)))
    what = "Ändra i den" if args.edit else "Fyll i de gula cellerna"
    print(f"Skrev {out}. {what} och kör: ksanalys import {out}")
    return 0
