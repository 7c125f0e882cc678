"""Make the report: every chapter notebook for every year, executed, rendered, published.

:func:`make_report` is the whole ``ksanalys report`` run and reads as its steps:

1. start the engine (:mod:`~ksanalys.run.engines`): its fork server imports the stack while
   this process checks the request and loads papermill and nbconvert;
2. check the request (:mod:`~ksanalys.run.parameters`): the data, the notebooks and the
   output folder, before any kernel starts (what needs no data, the output folder
   included, before the server starts; a bad request stops it at once);
3. undo what a killed run left in the output folder (:mod:`~ksanalys.run.publish`);
4. start every notebook, longest first, in worker threads: ``jobs`` run at a time, one
   fresh kernel each, while the next ones' kernels start;
5. render each executed notebook as soon as it is done (main thread, one exporter) and
   publish each year as soon as all its notebooks are (:class:`_Run`);
6. rewrite the index of all years.

Whatever happens, the engine's kernels are killed, and a year not published leaves its
earlier report as it was.
"""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ksanalys.run import engines, outdir, parameters, publish
from ksanalys.run.parameters import ReportPlan, ReportRequest
from ksanalys.run.record import RunRecord, new_record

if TYPE_CHECKING:
    from ksanalys.run.execute import NotebookFailed


# The fewest notebooks of a year for which its analysis is computed once, ahead, in the fork
# server: the first kernel waits for it, every one of them then skips it (about 0.5 s of CPU).
WARM_NOTEBOOKS = 3


@dataclass
class YearResult:
    """How one year went: ``folder`` is its published report (None if it failed), ``failures``
    the notebooks that failed and ``failed_dir`` where their executed copies are kept."""

    year: int
    folder: Path | None = None
    failures: list[NotebookFailed] = field(default_factory=list)
    failed_dir: Path | None = None


@dataclass
class ReportResult:
    out_dir: Path
    years: list[YearResult]

    @property
    def ok(self) -> bool:
        return all(not y.failures for y in self.years)


class Progress:
    """Progress lines on ``stream`` (silenced by ``quiet``); problems are always shown."""

    def __init__(self, stream: TextIO, quiet: bool) -> None:
        self.stream = stream
        self.quiet = quiet
        self._lock = threading.Lock()

    def _write(self, line: str) -> None:
        with self._lock:
            print(line, file=self.stream, flush=True)

    def step(self, line: str) -> None:
        if not self.quiet:
            self._write(f"ksanalys: {line}")

    def warn(self, line: str) -> None:
        self._write(f"ksanalys: varning: {line}")

    def error(self, line: str) -> None:
        self._write(f"ksanalys: fel: {line}")


class Places:
    """At most ``n`` notebooks run at once, and they start in the order of their tickets
    (the schedule's order), whichever kernel happens to be ready first."""

    def __init__(self, n: int) -> None:
        self._free = n
        self._next = 0
        self._passed: set[int] = set()
        self._closed = False
        self._changed = threading.Condition()

    def close(self) -> None:
        """Let no more notebooks start: :meth:`take` raises from now on."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _advance(self) -> None:
        while self._next in self._passed:
            self._passed.discard(self._next)
            self._next += 1
        self._changed.notify_all()

    def take(self, ticket: int) -> None:
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or (self._next == ticket and self._free > 0)
            )
            if self._closed:
                raise RuntimeError("the report run is stopping")
            self._free -= 1
            self._passed.add(ticket)
            self._advance()

    def give_back(self) -> None:
        with self._changed:
            self._free += 1
            self._changed.notify_all()

    def pass_over(self, ticket: int) -> None:
        """Ticket ``ticket`` will never take a place (its notebook ended before running)."""
        with self._changed:
            self._passed.add(ticket)
            self._advance()


class _Run:
    """The state of one report run: its notebooks in worker threads, its pages and years."""

    def __init__(self, plan: ReportPlan, progress: Progress, engine: engines.Engine) -> None:
        import ksanalys.run.execute  # noqa: F401  (papermill loads while the server imports)

        self.plan = plan
        self.progress = progress
        self.engine = engine
        self.record = new_record(
            plan.data_dir,
            plan.data_hash,
            revised=plan.revised,
            status=plan.status,
            board=plan.board,
            board_genitive=plan.board_genitive,
        )
        self.stages = {year: publish.YearStage(plan.out_dir, year) for year in plan.years}
        self.pending = {year: len(plan.notebooks_for(year)) for year in plan.years}
        self.chapters: dict[int, dict[str, str]] = {year: {} for year in plan.years}
        self.parts: dict[int, dict[str, str]] = {year: {} for year in plan.years}
        self.results = {year: YearResult(year) for year in plan.years}
        self.places = Places(plan.jobs)
        # Twice as many workers as places: while ``jobs`` notebooks run, the next ones'
        # kernels start and wait ready (kernel start-up is mostly waiting, not computing).
        workers = min(2 * plan.jobs, sum(self.pending.values()))
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="ksanalys-notebook")
        self.futures: dict[Future, tuple[int, Path]] = {}

    def warm_up(self) -> None:
        """Have the engine compute each year's analysis once for its notebooks' kernels,
        where enough of them share it to pay for the wait (:data:`WARM_NOTEBOOKS`)."""
        for year in self.plan.years:
            if len(self.plan.notebooks_for(year)) >= WARM_NOTEBOOKS:
                self.engine.warm_up(
                    year=year,
                    data_dir=str(self.plan.data_dir),
                    revised=self.plan.revised,
                    board=self.plan.board,
                )

    def start(self, jobs: list[tuple[int, Path]]) -> None:
        """Start every (year, notebook) of ``jobs``, which run in that order; then load and
        warm up the renderer (nbconvert), while the fork server still imports."""
        for ticket, (year, notebook) in enumerate(jobs):
            self.futures[self.pool.submit(self.execute, ticket, year, notebook)] = (year, notebook)
        from ksanalys.run.render import ChapterRenderer

        self.renderer = ChapterRenderer(show_code=self.plan.show_code)
        self.renderer.warm_up(self.record)

    def as_done(self) -> Iterator[tuple[int, Path, Future]]:
        """(year, notebook, its future) of each notebook as it ends, in schedule order among
        those ending together."""
        remaining = set(self.futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: self.futures[f]):
                yield (*self.futures[future], future)

    def execute(self, ticket: int, year: int, notebook: Path):
        """Run one notebook (worker thread): its kernel starts at once, its cells once its
        ticket gets one of the ``jobs`` places. Returns the executed notebook and the seconds
        it ran."""
        started: list[float] = []

        def take_place() -> None:
            self.places.take(ticket)
            started.append(time.perf_counter())
            self.progress.step(f"{year}: kör {notebook.stem}")

        output = self.stages[year].file(notebook.stem + ".ipynb")
        try:
            executed = self.engine.execute(
                notebook,
                output,
                year=year,
                data_dir=str(self.plan.data_dir),
                revised=self.plan.revised,
                board=self.plan.board,
                before_cells=take_place,
            )
        finally:
            if started:
                self.places.give_back()
            else:
                self.places.pass_over(ticket)
        seconds = (time.perf_counter() - started[0]) if started else 0.0
        # No local path in what is published: the data folder by its name (as in run.json);
        # the notebook and staging folders, which Papermill records, left out.
        local_paths = {
            str(self.plan.data_dir): self.plan.data_dir.name,
            str(output.parent) + "/": "",
            str(notebook.parent) + "/": "",
        }
        publish.write_notebook(output, executed, local_paths)
        return executed, seconds

    def finished(self, year: int, notebook: Path, future: Future) -> None:
        """Render a notebook that ran; note one that failed; publish the year when complete."""
        from ksanalys.run.execute import NotebookFailed
        from ksanalys.run.render import notebook_part, notebook_title

        result = self.results[year]
        try:
            executed, seconds = future.result()
        except NotebookFailed as failure:
            result.failures.append(failure)
            self.progress.step(f"{year}: {notebook.stem} misslyckades")
        else:
            record = self.record.for_year(year, self.plan.used_data_hashes.get(year))
            title = notebook_title(executed, notebook.stem)
            page = self.renderer.render(executed, title=title, record=record)
            name = notebook.stem + ".html"
            publish.write_text(self.stages[year].file(name), page.html)
            self.chapters[year][notebook.stem] = title
            self.parts[year][notebook.stem] = notebook_part(executed)
            if page.images_without_alt:
                self.progress.warn(
                    f"{year}/{name}: {page.images_without_alt} bild(er) saknar alt-text"
                )
            self.progress.step(f"{year}: {notebook.stem} klar ({_seconds(seconds)})")
        self.pending[year] -= 1
        if self.pending[year] == 0:
            self.publish(year)

    def publish(self, year: int) -> None:
        from ksanalys.present.text.comparison import comparison_title
        from ksanalys.run.render import (
            ANNEX,
            RECORD_PAGE,
            REVISION_PART,
            annex_page,
            record_page,
            year_index,
        )

        stage, result = self.stages[year], self.results[year]
        target = self.plan.year_dir(year)
        if result.failures:
            names = [f.notebook.stem + ".ipynb" for f in result.failures]
            result.failed_dir = stage.keep_failed(names)
            previous = (
                f"rapporten i {target} är oförändrad"
                if target.exists()
                else f"ingen analys för {year} skrevs"
            )
            for failure in result.failures:
                kept = result.failed_dir / (failure.notebook.stem + ".ipynb")
                self.progress.error(
                    f"{year}: {failure}. Den körda anteckningsboken finns i {kept}; {previous}."
                )
            return
        record = self.record.for_year(year, self.plan.used_data_hashes.get(year))
        parts: dict[bool, list[tuple[str, str]]] = {False: [], True: []}
        for nb in self.plan.notebooks_for(year):
            revision = self.parts[year][nb.stem] == REVISION_PART
            parts[revision].append((nb.stem + ".html", self.chapters[year][nb.stem]))
        words = self.board_words(year, parts[False])
        pdfs = self.write_pdfs(year, parts[False], parts[True], record, words)
        index = year_index(
            year,
            parts[False],
            record,
            revision=parts[True],
            pdf=pdfs[0],
            revision_pdf=pdfs[1],
            title=None if year in self.plan.report_years else comparison_title(year),
        )
        publish.write_text(stage.file("index.html"), index)
        own = year in self.plan.report_years
        publish.write_text(stage.file(ANNEX), annex_page(record, own, words))
        publish.write_text(
            stage.file(RECORD_PAGE), record_page(record, show_code=self.plan.show_code, own=own)
        )
        publish.write_text(stage.file(outdir.RUN_RECORD), record.to_json())
        stage.commit()
        result.folder = target
        self.progress.step(f"{year}: rapporten är klar: {target / 'index.html'}")

    def board_words(self, year: int, board: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The glossary's terms that the year's staged board pages use (file, title)."""
        from ksanalys.run.words import board_words

        pages = [self.stages[year].file(page).read_text("utf-8") for page, _ in board]
        return board_words(str(self.plan.data_dir), self.plan.board, pages)

    def write_pdfs(
        self,
        year: int,
        board: list[tuple[str, str]],
        revision: list[tuple[str, str]],
        record: RunRecord,
        words: list[tuple[str, str]],
    ) -> tuple[str | None, str | None]:
        """Print the year's staged pages into its two PDFs in its staging folder, the board
        version and the revision annex; their file names (None, None without ``--pdf``)."""
        if not self.plan.pdf_browser:
            return None, None
        from dataclasses import replace

        from ksanalys.present.text.titles import part_status
        from ksanalys.run import pdf
        from ksanalys.run.cover import cover_for
        from ksanalys.run.render import (
            ANNEX_TITLE,
            RECORD_TITLE,
            REVISION_TITLE,
            annex_body,
            record_body,
        )

        started = time.perf_counter()
        stage = self.stages[year]
        cover = cover_for(str(self.plan.data_dir), year, f"{record.title} {year}", record)
        own = year in self.plan.report_years
        names = pdf.pdf_name(year), pdf.revision_pdf_name(year)
        handouts = [
            (names[0], board, (ANNEX_TITLE, annex_body(record, own, words)), cover),
            (
                names[1],
                revision,
                (RECORD_TITLE, record_body(record, show_code=self.plan.show_code, own=own)),
                replace(
                    cover,
                    title=self.revision_title(year, record),
                    part=REVISION_TITLE,
                    footer=self.revision_footer(year, record),
                    status=part_status(cover.status),
                ),
            ),
        ]
        for name, chapters, closing, its_cover in handouts:
            pages = [(title, stage.file(page).read_text("utf-8")) for page, title in chapters]
            try:
                pdf.write_pdf(
                    stage.file(name), pages, closing, its_cover, browser=self.plan.pdf_browser
                )
            except pdf.PdfError as error:
                target = self.plan.year_dir(year)
                kept = f"rapporten i {target} är oförändrad" if target.exists() else "ingen skrevs"
                raise pdf.PdfError(f"{year}: PDF: {error}; {kept}") from None
        seconds = _seconds(time.perf_counter() - started)
        self.progress.step(f"{year}: PDF klar ({seconds})")
        return names

    def revision_footer(self, year: int, record: RunRecord) -> str:
        """The revision annex's name at the foot of its pages: "Revisionsbilaga till analysen
        av nämndens bokslut 2013"; a year without its own bokslut keeps its short title."""
        from ksanalys.present.text.titles import revision_footer
        from ksanalys.run.render import REVISION_TITLE

        if year in self.plan.report_years:
            return revision_footer(REVISION_TITLE, record.board_genitive, year)
        return self.revision_title(year, record)

    def revision_title(self, year: int, record: RunRecord) -> str:
        """The revision annex's title: "Revisionsbilaga: granskning av nämndens bokslut
        2013"; for a year without its own bokslut, "Revisionsbilaga: jämförelsetal för 2012"."""
        from ksanalys.present.text.comparison import comparison_title
        from ksanalys.present.text.titles import revision_title
        from ksanalys.present.text.words import lower_first
        from ksanalys.run.render import REVISION_TITLE

        if year in self.plan.report_years:
            return revision_title(REVISION_TITLE, record.board_genitive, year)
        return f"{REVISION_TITLE}: {lower_first(comparison_title(year))}"

    def write_reports_index(self) -> None:
        from ksanalys.compute.coverage import holding_year
        from ksanalys.run.render import reports_index

        published = publish.year_reports(self.plan.out_dir)
        holding = {
            year: held
            for year, _ in published
            if year not in self.plan.report_years
            and (held := holding_year(self.plan.report_years, year)) is not None
        }
        page = reports_index(published, self.record, list(self.plan.years), holding)
        publish.write_text(self.plan.out_dir / "index.html", outdir.mark_index(page))
        if self.plan.boards_root is not None:
            self.write_boards_index(self.plan.boards_root)

    def write_boards_index(self, root: Path) -> None:
        """``<out>/index.html`` of a data folder with several boards: each board's reports."""
        from ksanalys.run.render import boards_index

        page = boards_index(publish.board_reports(root), self.record)
        publish.write_text(root / "index.html", outdir.mark_index(page))

    def result(self) -> ReportResult:
        return ReportResult(self.plan.out_dir, [self.results[y] for y in self.plan.years])

    def close(self) -> None:
        """Start no more notebooks, kill every kernel, wait for the worker threads and
        delete what was staged but not published."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.places.close()
        self.engine.stop()
        self.pool.shutdown(wait=True)
        for stage in self.stages.values():
            stage.discard()


def _seconds(seconds: float) -> str:
    from ksanalys.present.swedish import format_seconds

    return format_seconds(seconds)


def _last_durations(out_dir: Path, stems: set[str]) -> dict[str, float]:
    """Seconds the cells of each notebook took when it last ran, read from the executed
    notebooks of the reports in ``out_dir`` (Papermill records them); the longest over the
    years."""
    found: dict[str, float] = {}
    for year, _ in publish.year_reports(out_dir):
        for stem in stems:
            try:
                nb = json.loads((out_dir / str(year) / f"{stem}.ipynb").read_text("utf-8"))
                seconds = sum(
                    float(c["metadata"]["papermill"]["duration"] or 0)
                    for c in nb["cells"]
                    if c["cell_type"] == "code"
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
            found[stem] = max(seconds, found.get(stem, 0.0))
    return found


def schedule(plan: ReportPlan) -> list[tuple[int, Path]]:
    """Every (year, notebook) to run, longest first as far as earlier runs tell, so that
    the slowest chapter does not start last; notebooks never run before come first."""
    durations = _last_durations(plan.out_dir, {nb.stem for nb in plan.notebooks})
    jobs = [(year, nb) for year in plan.years for nb in plan.notebooks_for(year)]
    return sorted(jobs, key=lambda job: -durations.get(job[1].stem, math.inf))


def make_report(request: ReportRequest, *, stream: TextIO | None = None) -> ReportResult:
    """Run ``ksanalys report`` for ``request``; the steps are the module docstring's.

    Raises KsanalysError for a bad request (before anything runs). A failing notebook does
    not raise: it is reported on ``stream`` and in the result, and its year is not published.
    """
    parameters.check_request(request)
    engine = engines.start(request.fork_kernels)  # the fork server imports from now on
    run = None
    try:
        plan = parameters.plan(request)
        progress = Progress(stream or sys.stderr, plan.quiet)
        publish.recover(plan.out_dir)
        engine.check()
        run = _Run(plan, progress, engine)
        run.warm_up()
        run.start(schedule(plan))
        for year, notebook, future in run.as_done():
            run.finished(year, notebook, future)
        run.write_reports_index()
        return run.result()
    finally:
        if run is not None:
            run.close()
        engine.close()
