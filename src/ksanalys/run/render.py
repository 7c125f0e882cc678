"""HTML pages of the report: executed chapter notebooks (nbconvert, in process), indexes,
the method page ("Om analysen") and the run record ("Underlag och körning").

A year's report has two parts. The board version holds the chapters for the board and "Om
analysen" (how the analysis is made, with no run details); the revision annex
("Revisionsbilaga") holds the chapters a notebook marks ``"ksanalys": {"part": "revision"}``
in its metadata (the Granskning, and Målen och ekonomin i detalj: what a board need not read)
and the run record (:mod:`ksanalys.run.record`): data
folder (its name, never a local path), data hash, version, commit, parameters and run time.
The year's index lists both parts.

Every page is one self-contained file that reads offline: images are embedded as data URIs,
styles are inline, and nothing (script, style sheet, font) is fetched from the network; the
template ``templates/ksanalys`` removes the CDN scripts and the JupyterLab stylesheets of
nbconvert's 'lab' template, so a page carries only :data:`CSS` (``page.css`` there), once. Every
page ends with a footer linking the year's method page.

Accessibility: a page's title names the chapter and the year ("Ekonomi – bokslut 2013");
nothing is focusable only for being output (nbconvert's ``tabindex`` on every cell is
removed; tables wrap instead of scrolling); a page whose tables show "–" explains it in a
legend at the end of the chapter.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ksanalys.present.swedish import format_datetime
from ksanalys.present.text.method import revision_holds
from ksanalys.run.record import RunRecord

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "ksanalys"
MISSING_ALT = "Figur utan beskrivning"
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters"})
ANNEX = "om_analysen.html"
ANNEX_TITLE = "Om analysen"
RECORD_PAGE = "underlag.html"
RECORD_TITLE = "Underlag och körning"
REVISION_TITLE = "Revisionsbilaga"
DETAIL_TITLE = "Metoden i detalj"  # the first part of the run record page
RUN_TITLE = "Körningen"  # its second part
BOARD_PART, REVISION_PART = "board", "revision"
BOARDS_TITLE = "Analyser av nämndernas bokslut"
CHAPTER_START = "<!-- ksanalys:chapter -->"
CHAPTER_END = "<!-- /ksanalys:chapter -->"
# A chapter whose notebook metadata says ``"ksanalys": {"print": "one-page"}`` is printed
# compactly, to fit one page (Året på en sida); its page carries this marker.
ONE_PAGE = "<!-- ksanalys:one-page -->"
DASH_LEGEND = '<p class="ksanalys-legend">– i en tabell betyder att uppgiften saknas.</p>'

_WARNING = re.compile(r"^(?:\S.*:\d+: )?[A-Za-z_]*Warning: ", re.MULTILINE)
_STDERR_MIME = "application/vnd.jupyter.stderr"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.DOTALL)
SHORT_TABLE_ROWS = 12  # a table up to this many rows is never split across printed pages
_DASH_CELL = re.compile(r"<t[dh][^>]*>\s*–\s*</t[dh]>")
_NBCONVERT_TABINDEX = re.compile(
    r'(<div class="[^"]*(?:jp-Cell-inputWrapper|jp-OutputArea-output)[^"]*"[^>]*?) tabindex="0"'
)

CSS = (Path(__file__).parent / "templates" / "ksanalys" / "page.css").read_text("utf-8")


@dataclass(frozen=True)
class Page:
    """A rendered page and the number of its images that had no alt text."""

    html: str
    images_without_alt: int = 0


def footer_html(annex_href: str = ANNEX) -> str:
    """The footer of every page: a link to the year's method page."""
    return (
        '<footer class="ksanalys-footer">\n<p>Så är analysen gjord: '
        f'<a href="{html.escape(annex_href)}">{ANNEX_TITLE}</a></p>\n</footer>'
    )


def notebook_part(nb) -> str:
    """The part of the report a chapter notebook belongs to: :data:`REVISION_PART` when its
    metadata says so, else :data:`BOARD_PART`."""
    part = nb.metadata.get("ksanalys", {}).get("part", BOARD_PART)
    return REVISION_PART if part == REVISION_PART else BOARD_PART


def page_title(title: str, year: int) -> str:
    """A page's title: the chapter and the year ("Ekonomi – bokslut 2013")."""
    return f"{title} – bokslut {year}"


def _keep_short_tables(page: str) -> str:
    """Mark tables of at most :data:`SHORT_TABLE_ROWS` rows ``ksanalys-keep`` (print CSS keeps
    them on one page; a longer table breaks between rows and repeats its header)."""

    def mark(match: re.Match) -> str:
        attributes, content = match.group(1), match.group(2)
        if content.count("<tr") > SHORT_TABLE_ROWS or "class=" in attributes:
            return match.group(0)
        return f'<table class="ksanalys-keep"{attributes}>{content}</table>'

    return _TABLE.sub(mark, page)


def with_legend(page: str) -> str:
    """``page`` with the "–" legend at the end of its chapter when a table cell shows "–"."""
    if _DASH_CELL.search(page) and CHAPTER_END in page:
        return page.replace(CHAPTER_END, f"{DASH_LEGEND}\n{CHAPTER_END}", 1)
    return page


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
        from traitlets.config import Config

        self.show_code = show_code
        # No JupyterLab highlighting CSS nor the user's custom.css: see _code_css.
        config = Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}})
        self.exporter = HTMLExporter(
            config=config,
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
        shown.metadata["title"] = page_title(title, record.year)
        resources = {
            "inlining": {"css": []},
            "ksanalys": {
                "css": CSS + (_code_css() if self.show_code else ""),
                "footer": footer_html(),
                "index_href": index_href,
                "index_label": f"← Innehåll {record.year}",
                "missing_alt": MISSING_ALT,
            },
        }
        body, _ = self.exporter.from_notebook_node(shown, resources=resources)
        body = with_legend(_keep_short_tables(_NBCONVERT_TABINDEX.sub(r"\1", body)))
        if nb.metadata.get("ksanalys", {}).get("print") == "one-page":
            body = body.replace(CHAPTER_START, CHAPTER_START + ONE_PAGE, 1)
        return Page(body, body.count(f'alt="{MISSING_ALT}"'))


def _code_css() -> str:
    """Highlighting for shown code (only on pages that show code)."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


def _moment(started: str) -> str:
    """A run's time as the reader reads it ("7 december 2026 kl. 20.35"); a run.json whose
    time is not ISO 8601 (edited by hand) shows it as written."""
    try:
        return format_datetime(started)
    except (TypeError, ValueError):
        return started


def _index_page(title: str, heading: str, body: str, footer: str, nav: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<style type="text/css">{CSS}</style>\n</head>\n<body>\n<main>\n{nav}'
        f"<h1>{html.escape(heading)}</h1>\n{body}\n{footer}\n</main>\n</body>\n</html>\n"
    )


def _links(pages: list[tuple[str, str]]) -> str:
    return "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in pages
    )


def _pdf_line(lead: str, name: str | None) -> str:
    if not name:
        return ""
    return f'\n<p>{lead} som PDF: <a href="{html.escape(name)}">{html.escape(name)}</a></p>'


def year_index(
    year: int,
    chapters: list[tuple[str, str]],
    record: RunRecord,
    *,
    revision: list[tuple[str, str]] | None = None,
    pdf: str | None = None,
    revision_pdf: str | None = None,
    title: str | None = None,
) -> str:
    """The contents page of one year: ``chapters`` (file name, title), in order, are the board
    version, followed by the method page; ``revision`` the chapters of the revision annex,
    followed by the run record; ``pdf`` and ``revision_pdf`` name the two PDFs when made;
    ``title`` replaces the report's title (a year without its own bokslut)."""
    body = (
        '<p><a href="../index.html">← Alla år</a></p>\n<h2>Kapitel</h2>\n<ol>\n'
        f"{_links([*chapters, (ANNEX, ANNEX_TITLE)])}\n</ol>"
        + _pdf_line("Rapporten", pdf)
        + f"\n<h2>{REVISION_TITLE}</h2>\n<p>{html.escape(revision_holds(bool(revision)))}</p>\n"
        f"<ul>\n{_links([*(revision or []), (RECORD_PAGE, RECORD_TITLE)])}\n</ul>"
        + _pdf_line(REVISION_TITLE, revision_pdf)
    )
    if record.status:
        body = f'<p class="ksanalys-status">{html.escape(record.status)}</p>\n' + body
    title = title or f"{record.title} {record.year if record.year else year}"
    return _index_page(title, title, body, footer_html())


def reports_index(
    years: list[tuple[int, str | None]],
    record: RunRecord,
    run_years: list[int],
    holding: dict[int, int] | None = None,
) -> str:
    """The page listing every year's report: ``years`` are (year, time of its run or None);
    ``holding`` names, for a year without its own bokslut, the report whose comparison
    columns it is made from. The footer says when the page was written and for which
    years; the tool and its version only in each year's run record (review r9 B)."""
    from ksanalys.present.text.comparison import year_entry

    held = holding or {}
    if years:
        items = "\n".join(
            f'<li><a href="{year}/index.html">{html.escape(year_entry(year, held.get(year)))}</a>'
            + (
                f' <span class="note">(framtagen {html.escape(_moment(when))})</span>'
                if when
                else ""
            )
            + "</li>"
            for year, when in years
        )
        body = f"<h2>Rapporter per år</h2>\n<ul>\n{items}\n</ul>"
    else:
        body = '<p class="note">Här finns ännu ingen färdig analys.</p>'
    ran = ", ".join(str(y) for y in run_years)
    footer = (
        '<footer class="ksanalys-footer">\n<p>Senast uppdaterad '
        f"{html.escape(_moment(record.started))} (år {html.escape(ran)}). Underlag och "
        f"metod finns under {ANNEX_TITLE} i varje års rapport.</p>\n</footer>"
    )
    return _index_page(record.title, record.title, body, footer)


def boards_index(boards: list[tuple[str, str, list[int]]], record: RunRecord) -> str:
    """The page of a data folder with several boards: each board's report title and its
    years (``boards``: (board id, title, years)), linking to the board's own index."""
    if boards:
        items = "\n".join(
            f'<li><a href="{html.escape(board)}/index.html">{html.escape(title)}</a>: '
            + ", ".join(
                f'<a href="{html.escape(board)}/{year}/index.html">{year}</a>' for year in years
            )
            + "</li>"
            for board, title, years in boards
        )
        body = f"<h2>Rapporter per nämnd</h2>\n<ul>\n{items}\n</ul>"
    else:
        body = '<p class="note">Här finns ännu ingen färdig analys.</p>'
    footer = (
        '<footer class="ksanalys-footer">\n<p>Senast uppdaterad '
        f"{html.escape(_moment(record.started))}. Underlag och metod finns under "
        f"{ANNEX_TITLE} i varje års rapport.</p>\n</footer>"
    )
    return _index_page(BOARDS_TITLE, BOARDS_TITLE, body, footer)


def annex_rows(record: RunRecord, *, show_code: bool = False) -> list[tuple[str, str]]:
    """The run record as (Swedish label, value) pairs for the annex, in a reader's words:
    no folder name or path (the checksum identifies the data; run.json keeps the folder),
    no option names; the choices made ("Inställningar") only when one was made; when the
    analysis was made ("Framtagen", review r9 B: not "Körd")."""
    if record.git_commit is None:
        commit = "ingen (inte en git-utcheckning)"
    else:
        commit = record.git_commit + (
            " (med ändringar som inte är incheckade)" if record.git_dirty else ""
        )
    choices = [
        *(["senaste värden"] if record.revised else []),
        *([f"status {record.status}"] if record.status else []),
        *(["koden visas"] if show_code else []),
    ]
    rows = [
        ("År", str(record.year)),
        ("Kontrollsumma för använda data (SHA-256)", record.used_data_hash),
        ("Version av ksanalys", record.ksanalys_version),
        ("Programversion", commit),
    ]
    if choices:
        rows.append(("Inställningar", ", ".join(choices)))
    return [*rows, ("Framtagen", _moment(record.started))]


def annex_body(record: RunRecord, own: bool = True, words: Sequence[tuple[str, str]] = ()) -> str:
    """The method page's content (without page frame), for the board: no run details
    (``own``: the year has a bokslut of its own, see :func:`method_paragraphs`), then the
    board pages' ``words`` (term, explanation: :func:`ksanalys.run.words.board_words`)."""
    from ksanalys.present.text.glossary import WORDS_HEADING, word_entry
    from ksanalys.present.text.method import method_paragraphs

    method = "\n".join(
        f"<p>{html.escape(text)}</p>" for text in method_paragraphs(record.board_genitive, own)
    )
    entries = [word_entry(term, explanation) for term, explanation in words]
    listed = "\n".join(
        f"<dt>{html.escape(term)}</dt><dd>{html.escape(text)}</dd>" for term, text in entries
    )
    glossary = f"\n<h2>{WORDS_HEADING}</h2>\n<dl>\n{listed}\n</dl>" if entries else ""
    return f'<section class="ksanalys-annex">\n{method}{glossary}\n</section>'


def record_body(record: RunRecord, *, show_code: bool = False, own: bool = True) -> str:
    """The run record's content (without page frame): the method in detail (the rules
    the board version's Om analysen leaves out), what the hash means, then the record."""
    from ksanalys.present.text.method import detail_paragraphs, record_paragraphs

    items = "\n".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
        for label, value in annex_rows(record, show_code=show_code)
    )
    method = "\n".join(f"<p>{html.escape(t)}</p>" for t in detail_paragraphs(own))
    text = "\n".join(f"<p>{html.escape(t)}</p>" for t in record_paragraphs())
    return (
        f'<section class="ksanalys-annex">\n<h2>{DETAIL_TITLE}</h2>\n{method}\n'
        f"<h2>{RUN_TITLE}</h2>\n{text}\n<dl>\n{items}\n</dl>\n</section>"
    )


def _own_page(record: RunRecord, title: str, body: str, footer: str = "") -> str:
    nav = f'<nav class="ksanalys-nav"><a href="index.html">← Innehåll {record.year}</a></nav>\n'
    return _index_page(page_title(title, record.year), title, body, footer, nav=nav)


def annex_page(record: RunRecord, own: bool = True, words: Sequence[tuple[str, str]] = ()) -> str:
    """The year's method page "Om analysen" (``own``, ``words``: see :func:`annex_body`)."""
    return _own_page(record, ANNEX_TITLE, annex_body(record, own, words))


def record_page(record: RunRecord, *, show_code: bool = False, own: bool = True) -> str:
    """The year's run record "Underlag och körning" (in the revision annex)."""
    body = record_body(record, show_code=show_code, own=own)
    return _own_page(record, RECORD_TITLE, body, footer_html())
