"""HTML pages of the report: executed chapter notebooks (nbconvert, in process) and indexes.

Every page is one self-contained file that reads offline: images are embedded as data URIs,
styles are inline, and nothing (script, style sheet, font) is fetched from the network; the
template ``templates/ksanalys`` removes the CDN scripts of nbconvert's 'lab' template. Every
page ends with a footer showing the run record (:mod:`ksanalys.run.record`).

What a chapter page leaves out of the executed notebook:

- code, unless ``show_code``: inputs and prompts are not rendered, code cells left without
  output disappear; the ``parameters`` cell and Papermill's ``injected-parameters`` cell
  disappear entirely;
- stderr streams, error outputs and any output whose text is a Python warning
  (``... UserWarning: ...``); the notebooks should produce none, this is a safety net.

Alt text contract (for the code that puts figures into notebooks, e.g. ksanalys.present.plots):
a figure's alt text is read, first found wins, from

1. ``output.metadata[MIME]["alt"]``, MIME being ``image/png``, ``image/jpeg`` or
   ``image/svg+xml``: what IPython writes when an object's ``_repr_png_`` returns
   ``(png_bytes, {"alt": text})``, for ``display(obj, metadata={"image/png": {"alt": text}})``
   and for ``IPython.display.Image(data, alt=text)``;
2. ``output.metadata["alt"]`` (one text for every image type of that output);
3. ``cell.metadata["alt"]`` (nbconvert's classic convention; one text for the whole cell).

Stock nbconvert ('lab' template) ignores all three and writes an English placeholder with a
warning. Here an image without alt text gets :data:`MISSING_ALT` and is counted in
:attr:`Page.images_without_alt`, which the report run prints as a warning.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ksanalys.run.record import RunRecord

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "ksanalys"
MISSING_ALT = "Figur utan beskrivning"
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters"})
TITLE = "Analys av kommunstyrelsens bokslut"

_WARNING = re.compile(r"^(?:\S.*:\d+: )?[A-Za-z_]*Warning: ", re.MULTILINE)
_STDERR_MIME = "application/vnd.jupyter.stderr"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

CSS = """
main { max-width: 62rem; margin: 0 auto; }
.ksanalys-nav { padding: 0.8rem 0 0; font-size: 0.95rem; }
.ksanalys-footer { margin: 2.5rem 0 1rem; padding: 0.8rem 0; border-top: 1px solid #bbb;
  color: #444; font-size: 0.85rem; }
.ksanalys-footer h2 { font-size: 0.95rem; margin: 0 0 0.4rem; }
.ksanalys-footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem;
  margin: 0; }
.ksanalys-footer dt { font-weight: 600; }
.ksanalys-footer dd { margin: 0; overflow-wrap: anywhere; }
"""

_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  margin: 0; line-height: 1.5; }
main { padding: 1.5rem 1rem; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 1rem; }
ol, ul { padding-left: 1.5rem; }
li { margin: 0.3rem 0; }
a { color: #1a5a96; }
.note { color: #555; }
"""


@dataclass(frozen=True)
class Page:
    """A rendered page and the number of its images that had no alt text."""

    html: str
    images_without_alt: int = 0


def footer_html(record: RunRecord, years: list[int] | None = None) -> str:
    """The run record as a Swedish footer; ``years`` replaces the single year (index page)."""
    rows = record.lines()
    if years is not None:
        rows[0] = ("År", ", ".join(str(y) for y in years))
    items = "\n".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in rows
    )
    return (
        f'<footer class="ksanalys-footer">\n<h2>Om körningen</h2>\n<dl>\n{items}\n</dl>\n</footer>'
    )


def notebook_title(nb, fallback: str) -> str:
    """The first level-1 Markdown heading of the notebook, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _HEADING.search(cell.source)
            if match:
                return match.group(1)
    return fallback


def _is_noise(output) -> bool:
    """stderr, errors and warnings: never part of a shared page."""
    kind = output.get("output_type")
    if kind == "error":
        return True
    if kind == "stream":
        return output.get("name") != "stdout" or bool(_WARNING.search(output.get("text", "")))
    data = output.get("data", {})
    if _STDERR_MIME in data:
        return True
    return set(data) == {"text/plain"} and bool(_WARNING.search(str(data["text/plain"])))


def prepare(nb, *, show_code: bool):
    """A copy of ``nb`` holding only what a reader sees (see the module docstring)."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if not show_code and HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
                continue
            cell.outputs = [o for o in cell.outputs if not _is_noise(o)]
            if not show_code and not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    return nb


class ChapterRenderer:
    """Renders executed notebooks with one nbconvert exporter, reused for every page."""

    def __init__(self, *, show_code: bool = False) -> None:
        from nbconvert import HTMLExporter

        self.show_code = show_code
        self.exporter = HTMLExporter(
            template_name=TEMPLATE,
            extra_template_basedirs=[str(TEMPLATES)],
            language_code="sv",
            exclude_anchor_links=True,
            exclude_input=not show_code,
            exclude_input_prompt=not show_code,
            exclude_output_prompt=True,
        )

    def warm_up(self, record: RunRecord) -> None:
        """Render a small notebook once: loads templates, filters and Markdown (about half a
        second) while there is nothing else to do."""
        from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

        output = new_output("stream", name="stdout", text="x\n")
        nb = new_notebook(
            cells=[new_markdown_cell("# x\n\n*x*"), new_code_cell("x", outputs=[output])]
        )
        self.render(nb, title="", record=record)

    def render(self, nb, *, title: str, record: RunRecord, index_href: str = "index.html") -> Page:
        """The HTML page of executed notebook ``nb``."""
        shown = prepare(nb, show_code=self.show_code)
        shown.metadata["title"] = title
        resources = {
            "ksanalys": {
                "css": CSS,
                "footer": footer_html(record),
                "index_href": index_href,
                "index_label": f"← Innehåll {record.year}",
                "missing_alt": MISSING_ALT,
            }
        }
        body, _ = self.exporter.from_notebook_node(shown, resources=resources)
        return Page(body, body.count(f'alt="{MISSING_ALT}"'))


def _index_page(title: str, heading: str, body: str, footer: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<style type="text/css">{_INDEX_CSS}{CSS}</style>\n</head>\n<body>\n<main>\n'
        f"<h1>{html.escape(heading)}</h1>\n{body}\n{footer}\n</main>\n</body>\n</html>\n"
    )


def year_index(year: int, chapters: list[tuple[str, str]], record: RunRecord) -> str:
    """The contents page of one year: ``chapters`` are (file name, title) in order."""
    items = "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
        for href, title in chapters
    )
    body = f'<p><a href="../index.html">← Alla år</a></p>\n<h2>Kapitel</h2>\n<ol>\n{items}\n</ol>'
    return _index_page(f"{TITLE} {year}", f"{TITLE} {year}", body, footer_html(record))


def reports_index(
    years: list[tuple[int, str | None]], record: RunRecord, run_years: list[int]
) -> str:
    """The page listing every year's report: ``years`` are (year, time of its run or None);
    the footer shows the run that wrote the page, for ``run_years``."""
    if years:
        items = "\n".join(
            f'<li><a href="{year}/index.html">Rapport för {year}</a>'
            + (f' <span class="note">(körd {html.escape(when)})</span>' if when else "")
            + "</li>"
            for year, when in years
        )
        body = f"<h2>Rapporter per år</h2>\n<ul>\n{items}\n</ul>"
    else:
        body = '<p class="note">Här finns ännu ingen färdig analys.</p>'
    return _index_page(TITLE, TITLE, body, footer_html(record, years=run_years))
