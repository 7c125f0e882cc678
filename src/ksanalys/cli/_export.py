"""``--format xlsx`` / ``excel-csv`` and ``--out`` for the subcommands that print tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ksanalys.errors import KsanalysError

if TYPE_CHECKING:
    from ksanalys.load import Dataset
    from ksanalys.present.export import Sheet

EXPORT_FORMATS = {
    "xlsx": "Excel-arbetsbok, kräver --out",
    "excel-csv": "CSV för svenskt Excel: semikolon, decimalkomma, UTF-8 med BOM",
}


def add_out_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FIL",
        help="fil att skriva (krävs för xlsx; excel-csv skrivs annars till standard ut)",
    )


def is_export(args: argparse.Namespace) -> bool:
    return args.format in EXPORT_FORMATS


def check_out(args: argparse.Namespace) -> None:
    """Refuse a bad ``--out`` before any work is done."""
    from ksanalys.paths import default_data_dir
    from ksanalys.present.export import CSV_SUFFIXES, XLSX_SUFFIXES, check_out_path

    if not is_export(args):
        if args.out is not None:
            raise KsanalysError(
                f"--out gäller bara --format {' och '.join(EXPORT_FORMATS)}; "
                f"--format {args.format} skrivs till standard ut"
            )
        return
    if args.format == "xlsx" or args.out is not None:
        check_out_path(
            args.out,
            f"--format {args.format}",
            suffixes=XLSX_SUFFIXES if args.format == "xlsx" else CSV_SUFFIXES,
            protected=[args.data or default_data_dir()],
        )


def export(
    args: argparse.Namespace, sheets: Sequence[Sheet], *, content: str, dataset: Dataset
) -> None:
    """Write ``sheets`` as the workbook or CSV that ``args`` ask for."""
    from ksanalys import __version__
    from ksanalys.present.export import excel_csv_bytes, write_excel_csv, write_xlsx
    from ksanalys.present.export_sheets import about_sheet

    if args.format == "xlsx":
        about = about_sheet(content, args.year, dataset.data_dir, dataset.data_hash, __version__)
        write_xlsx([*sheets, about], args.out, title=content, creator=f"ksanalys {__version__}")
        return
    if args.out is None:
        data = excel_csv_bytes(sheets[0])
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_excel_csv(sheets[0], args.out)
