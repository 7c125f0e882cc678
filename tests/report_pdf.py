"""A report's text printed as a PDF by Chromium, as a reader would get it (for tests).

:func:`report_html` lays out a report text in the 2013 text's form as a page: a line with
tabs is a table row (one cell per tab-separated part, numbers right-aligned, the label
column never wrapped), a line starting with ``#`` a heading, any other line a paragraph;
``<b>``/``<i>`` and ``*`` emphasis are dropped. :func:`print_report_pdf` prints it on A4.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

from ksanalys.run.pdf import print_pdf

STYLE = (
    "@page { size: A4; margin: 15mm }"
    "body { font: 10pt sans-serif }"
    "table { border-collapse: collapse; margin: 6pt 0 }"
    "td { padding: 1pt 8pt; text-align: right; vertical-align: top }"
    "td { white-space: nowrap }"
    "td:first-child { text-align: left }"
)
_MARKUP = re.compile(r"</?[bi]>|\*")


def plain(cell: str) -> str:
    """A cell or line without the text's emphasis markup."""
    return _MARKUP.sub("", cell).strip()


def report_html(text: str) -> str:
    body: list[str] = []
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(plain(c))}</td>" for c in line.split("\t"))
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line.startswith("#"):
            body.append(f"<h3>{html.escape(plain(line.lstrip('# ')))}</h3>")
        elif line.strip():
            body.append(f"<p>{html.escape(plain(line))}</p>")
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Rapport</title>'
        f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>"
    )


def print_report_pdf(text: str, target: Path) -> Path:
    """``text`` laid out by :func:`report_html`, printed by Chromium into ``target``."""
    with tempfile.TemporaryDirectory(prefix="ksanalys-report-pdf-") as folder:
        page = Path(folder) / "rapport.html"
        page.write_text(report_html(text), encoding="utf-8")
        target.write_bytes(print_pdf(page, 0))
    return target
