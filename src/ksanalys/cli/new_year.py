"""``ksanalys new-year``: write the Excel workbook for next year's report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._common import add_data_argument, year


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new-year",
        help="skriv en Excel-arbetsbok att fylla i för ett nytt bokslutsår",
        description="Skriver en arbetsbok med ett blad per tryckt tabell, ifylld med förra "
        "årets rader, enheter, mål och jämförelsekolumn. Fyll i den och läs in den med "
        "'ksanalys import'.",
    )
    parser.add_argument("new_year", type=year, metavar="ÅR", help="det nya bokslutsåret")
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ksanalys.errors import KsanalysError
    from ksanalys.intake.workbook import new_year_workbook, write_workbook
    from ksanalys.load import load_dataset

    dataset = load_dataset(args.data)
    if args.new_year in dataset.report_years:
        raise KsanalysError(
            f"data har redan ett bokslut för {args.new_year}; ändra det med 'ksanalys import' "
            "av en arbetsbok eller i CSV-filerna"
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
    book = new_year_workbook(dataset, args.new_year, reading.prefill if reading else None)
    write_workbook(book, out)
    if reading is not None:
        print("\n".join(reading.terminal(book)))
    print(f"Skrev {out}. Fyll i de gula cellerna och kör: ksanalys import {out}")
    return 0
