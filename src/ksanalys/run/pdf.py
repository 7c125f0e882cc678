"""One A4 PDF of a year's report, printed by headless Chromium or Chrome.

:func:`combined_html` puts pages into one handout: a cover (kommun, board, the bokslut analysed
with its Dnr and date, the status, the contents: :mod:`ksanalys.run.cover`), every chapter in
order (a one-page chapter, Året på en sida, on a page of its own, each later chapter from where
the one before ends), then a closing section. A year has two handouts
(:func:`ksanalys.run.report`): the board version (:func:`pdf_name`: the board's chapters closed
by "Om analysen") and the revision annex (:func:`revision_pdf_name`: the Granskning and Målen
och ekonomin i detalj, closed by the method in detail and the run record, titled
"Revisionsbilaga: granskning av … bokslut 2013, målen och ekonomin i detalj" on its cover and
in its HTML title; its running footer is the short "Revisionsbilaga till analysen av … bokslut
2013", one line at A4, and its status drops the board version's name). Each chapter's content
is taken from between the markers the chapter template writes
(:data:`ksanalys.run.render.CHAPTER_START` / ``CHAPTER_END``), so navigation and footers stay
out, and is grouped into sections, one per second-level heading (:func:`sectioned`): a page
breaks before a short section that does not fit, not inside it, and an appendix ("Bilaga: …")
starts a page of its own. The stylesheet's print rules (``templates/ksanalys/page.css``) set A4
with margins, keep headings and a section's introduction with what follows, never split a
chart, a table row, a quote or a short list item, print a chart at most about a third of a page
high, let wide tables wrap and shrink instead of being cut, start a chapter after Året på en
sida on the page where the one before ends (Året på en sida itself fills exactly one page), and
print what every page repeats (the line under each heading, the legend for "–") once, on the
cover.

:func:`print_pdf` prints that document with a browser found on PATH (:data:`BROWSERS`),
driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: file descriptors 3
and 4, standard library only) with ``Page.printToPDF``, which adds page numbers in the
footer. No browser: :class:`NoBrowserError` (checked before a report run starts, see
:func:`require_browser`).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from ksanalys.errors import KsanalysError
from ksanalys.run.cover import Cover, cover_html
from ksanalys.run.render import CHAPTER_END, CHAPTER_START, CSS, ONE_PAGE

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)
TIMEOUT = 120.0
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
)


class NoBrowserError(KsanalysError):
    """--pdf was asked for and no Chromium or Chrome is on PATH."""


class PdfError(KsanalysError):
    """The browser did not print the PDF."""


def pdf_name(year: int) -> str:
    """The board version's PDF file name in the year's report folder."""
    return f"bokslut-{year}.pdf"


def revision_pdf_name(year: int) -> str:
    """The revision annex's PDF file name in the year's report folder."""
    return f"revisionsbilaga-{year}.pdf"


def find_browser() -> str | None:
    """The first of :data:`BROWSERS` on PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    """The browser that will print the PDF; NoBrowserError naming what to install."""
    found = find_browser()
    if found is None:
        raise NoBrowserError(
            "--pdf behöver Chromium eller Google Chrome i PATH (sökte efter "
            f"{', '.join(BROWSERS)}); installera t.ex. med 'apt-get install chromium'"
        )
    return found


def chapter_content(page: str) -> str:
    """The content of a chapter page, between its chapter markers (the whole page if none)."""
    start, end = page.find(CHAPTER_START), page.find(CHAPTER_END)
    if start < 0 or end < start:
        return page
    return page[start + len(CHAPTER_START) : end]


_CELL = re.compile(r'(?=<div class="jp-Cell )')
_APPENDIX = re.compile(r"<h2[^>]*>\s*Bilaga\b")
_TAG = re.compile(r"<style.*?</style>|<[^>]+>", re.DOTALL)
# A section of at most this many estimated printed lines (about half an A4 page) is kept on
# one page; a longer one may break inside, so that no page is left nearly empty before it.
SHORT_LINES = 28
LINE_CHARS = 95  # characters on a printed line of body text, about
IMAGE_LINES = 22  # printed lines a chart takes, about


def printed_lines(fragment: str) -> int:
    """A rough estimate of the printed lines of an HTML fragment: its text at
    :data:`LINE_CHARS` a line, plus a line per table row and :data:`IMAGE_LINES` per chart."""
    text = " ".join(_TAG.sub(" ", fragment).split())
    return len(text) // LINE_CHARS + fragment.count("<tr") + IMAGE_LINES * fragment.count("<img")


def sectioned(content: str) -> str:
    """A chapter's content with its cells grouped into ``<section class="ksanalys-section">``
    elements, a new one at each cell holding a second-level heading (what comes before the
    first heading, the chapter's title and introduction, goes with the first section). A
    short section (:data:`SHORT_LINES`) is also ``ksanalys-short``: kept on one page; one
    whose heading starts with "Bilaga" is ``ksanalys-appendix``: a page of its own."""
    head, *cells = _CELL.split(content)
    groups: list[list[str]] = []
    for cell in cells:
        if not groups or ("<h2" in cell and any("<h2" in c for c in groups[-1])):
            groups.append([])
        groups[-1].append(cell)
    parts = [head]
    for group in groups:
        text = "".join(group)
        kinds = ["ksanalys-section"]
        if printed_lines(text) <= SHORT_LINES:
            kinds.append("ksanalys-short")
        if _APPENDIX.search(text):
            kinds.append("ksanalys-appendix")
        parts.append(f'<section class="{" ".join(kinds)}">\n{text}\n</section>')
    return "".join(parts)


def combined_html(chapters: list[tuple[str, str]], closing: tuple[str, str], cover: Cover) -> str:
    """One HTML document: ``chapters`` are (title, chapter page HTML), ``closing`` the last
    section's (title, HTML body)."""
    contents = [title for title, _ in chapters] + [closing[0]]
    sections = [cover_html(cover, contents)]
    sections += [
        f'<section class="ksanalys-chapter{" ksanalys-one-page" if ONE_PAGE in page else ""}">'
        f"\n{sectioned(chapter_content(page))}\n</section>"
        for _, page in chapters
    ]
    # The closing section (Om analysen, the run record) follows the last chapter on its page
    # rather than leaving a page nearly empty; a short one (Om analysen) is not split, so that
    # no last page holds only its last lines.
    short = " ksanalys-short" if printed_lines(closing[1]) <= SHORT_LINES else ""
    sections.append(
        f'<section class="ksanalys-closing{short}">\n<h1>{html.escape(closing[0])}</h1>\n'
        f"{closing[1]}\n</section>"
    )
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(cover.title)}</title>\n"
        f'<style type="text/css">{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n'
        "</body>\n</html>\n"
    )


def running_title(cover: Cover) -> str:
    """The title at the foot of every printed page: the cover's footer when it has one
    ("Revisionsbilaga till analysen av … bokslut 2013", one line at A4 with the status and
    the page number), else its title, with the part's name after it unless the title
    already names it."""
    if cover.footer:
        return cover.footer
    named = not cover.part or cover.title.startswith(cover.part)
    return cover.title if named else f"{cover.title} · {cover.part}"


def _footer_template(title: object, status: str = "") -> str:
    style = "font-size:8pt;color:#444;width:100%;margin:0 16mm;display:flex;"
    left = html.escape(f"{title} · {status}" if status else str(title))
    return (
        f'<div style="{style}justify-content:space-between;">'
        f"<span>{left}</span>"
        # the page number never wraps: a long title wraps instead
        '<span style="white-space:nowrap;margin-left:4mm;">Sida <span class="pageNumber"></span>'
        ' av <span class="totalPages"></span></span>'
        "</div>"
    )


class Browser:
    """A headless browser with the DevTools protocol on a pipe: JSON messages ending in NUL.

    Events that arrive while waiting for an answer are kept in :attr:`events` (the browser
    tests read the page's network requests and console errors from them)."""

    def __init__(self, program: str, profile: Path, extra_flags: tuple[str, ...] = ()) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # Above 2 and away from 3/4 so that dup2 onto 3 and 4 cannot clobber them.
        high = [
            fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            for fd in (to_browser_read, from_browser_write)
        ]
        os.close(to_browser_read)
        os.close(from_browser_write)

        def pipes_to_3_and_4() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        try:
            self.process = subprocess.Popen(
                [program, *_FLAGS, *extra_flags, f"--user-data-dir={profile}", "about:blank"],
                preexec_fn=pipes_to_3_and_4,
                close_fds=False,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            os.close(self._to_browser)
            os.close(self._from_browser)
            raise PdfError(f"kunde inte starta {program}: {error.strerror}") from None
        finally:
            for fd in high:
                os.close(fd)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []

    def _next_message(self, deadline: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise PdfError("webbläsaren svarade inte i tid när PDF:en skulle skrivas")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise PdfError("webbläsaren avslutades innan PDF:en var skriven")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        try:
            return json.loads(raw)
        except ValueError:
            raise PdfError(
                "webbläsaren svarade med ogiltig data när PDF:en skulle skrivas"
            ) from None

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        message: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except OSError:
            raise PdfError("webbläsaren avslutades innan PDF:en var skriven") from None
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._next_message(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise PdfError(f"webbläsaren kunde inte skriva PDF:en ({method})")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, method: str, session: str | None = None) -> dict:
        """The first event ``method`` (of ``session``, when given), removed from the events."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and session in (None, event.get("sessionId")):
                    return self.events.pop(index)
            self.events.append(self._next_message(deadline))

    def close(self) -> None:
        with contextlib.suppress(PdfError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def print_pdf(
    document: Path, footer: object = "", *, status: str = "", browser: str | None = None
) -> bytes:
    """The PDF of HTML file ``document``: A4, ``footer`` (the title) and ``status`` beside
    the page numbers at the foot of every page."""
    program = browser or require_browser()
    with tempfile.TemporaryDirectory(prefix="ksanalys-pdf-") as profile:
        chrome = Browser(program, Path(profile))
        try:
            target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            chrome.call("Page.enable", session=session)
            chrome.call("Page.navigate", {"url": document.resolve().as_uri()}, session=session)
            chrome.wait_for("Page.loadEventFired", session)
            width, height = (mm / MM_PER_INCH for mm in A4_MM)
            result = chrome.call(
                "Page.printToPDF",
                {
                    "paperWidth": width,
                    "paperHeight": height,
                    "preferCSSPageSize": True,
                    "printBackground": True,
                    "displayHeaderFooter": True,
                    "headerTemplate": "<span></span>",
                    "footerTemplate": _footer_template(footer, status),
                },
                session=session,
            )
        finally:
            chrome.close()
    return base64.b64decode(result["data"])


def write_pdf(
    target: Path,
    chapters: list[tuple[str, str]],
    closing: tuple[str, str],
    cover: Cover,
    *,
    browser: str | None = None,
) -> None:
    """Write a PDF of ``chapters`` and ``closing`` (see :func:`combined_html`) to ``target``,
    whole or not at all."""
    footer = running_title(cover)
    with tempfile.TemporaryDirectory(prefix="ksanalys-pdf-html-") as folder:
        document = Path(folder) / f"{target.stem}.html"
        document.write_text(combined_html(chapters, closing, cover), encoding="utf-8")
        data = print_pdf(document, footer, status=cover.status, browser=browser)
    if not data.startswith(b"%PDF-"):
        raise PdfError("webbläsaren lämnade ingen PDF")
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
