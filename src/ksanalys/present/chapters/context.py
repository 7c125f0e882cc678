"""Present stage: the state every chapter shares, and the display objects it returns.

The notebooks in notebooks/ hold no logic. A cell calls one chapter function (modules
:mod:`.sammanfattning`, :mod:`.ekonomi`, :mod:`.personal_och_mal`, :mod:`.granskning`) with
the :class:`Analysis` from :func:`open_analysis` and shows what it returns: a :class:`Text`
(Markdown), a table (a ``Styler`` from :func:`ksanalys.present.tables.display_table`), a
:class:`~ksanalys.present.plots.Chart`, or a :class:`Section` of several of them where the
number of items depends on the data.

An analysis is about one year and narrates that year beside every earlier year of the data;
later years in the data are never shown. :class:`Analysis` computes each result once
(key figures, checks, goal status) and caches it for the chapters.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ksanalys.compute.check import CheckResult, check_year
from ksanalys.compute.check.questioned import QuestionedValue, questioned_values, year_pairs
from ksanalys.compute.goals import GoalAssessments, assess_goals
from ksanalys.compute.key_figures import KeyFigures, key_figures
from ksanalys.compute.revisions import restatements, revisions
from ksanalys.load import Dataset, dataset_hash, load_dataset, vintage
from ksanalys.load.organisation import Organisation
from ksanalys.present.text import check as check_text
from ksanalys.present.text import vintage as vintage_text
from ksanalys.present.text.markup import inert_markdown

__all__ = [
    "Analysis",
    "Section",
    "Text",
    "about",
    "open_analysis",
]


@dataclass(frozen=True)
class Text:
    """Markdown shown as a notebook output, made inert on the way out (no raw HTML, no link:
    :func:`ksanalys.present.text.markup.inert_markdown`)."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return inert_markdown(self.markdown)

    def __repr__(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown


@dataclass(frozen=True)
class Section:
    """Several displayable items shown one after another, one output each."""

    items: tuple

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for item in self.items:
            display(item)

    def __repr__(self) -> str:
        return "\n\n".join(repr(item) for item in self.items)


# ---------------------------------------------------------------- the analysis


@dataclass(eq=False)
class Analysis:
    """A dataset and the year an analysis is about, with the computed results it shows."""

    dataset: Dataset
    year: int

    @property
    def organisation(self) -> Organisation:
        """The kommun, the board and its units (:mod:`ksanalys.load.organisation`)."""
        return self.dataset.organisation

    @property
    def years(self) -> list[int]:
        """The data's fiscal years up to and including the analysis's year."""
        return [y for y in self.dataset.years if y <= self.year]

    @cached_property
    def key_figures(self) -> dict[int, KeyFigures]:
        return {y: key_figures(self.dataset, y) for y in self.years}

    @property
    def figures(self) -> KeyFigures:
        return self.key_figures[self.year]

    @cached_property
    def check_results(self) -> dict[int, CheckResult]:
        """The granskning (check) of every bokslut in the data up to the analysis's year."""
        return {
            y: check_year(self.dataset, y) for y in self.years if y in self.dataset.report_years
        }

    @property
    def check_result(self) -> CheckResult | None:
        """The granskning (check) of the year's own bokslut (None when the data has none)."""
        return self.check_results.get(self.year)

    @cached_property
    def restatements(self) -> pd.DataFrame:
        """The year's report's comparison columns that differ from the previous report
        (see :func:`ksanalys.compute.revisions.restatements`)."""
        return restatements(self.dataset, self.year)

    @cached_property
    def questioned(self) -> tuple[QuestionedValue, ...]:
        """The values the granskning of the year's bokslut questions (none without one)."""
        return questioned_values(self.check_result, year_pairs(self.dataset, self.year))

    @cached_property
    def goals(self) -> GoalAssessments:
        """The year's goals, judged on the printing the granskning finds right."""
        return assess_goals(self.dataset, self.year, self.questioned)

    def printed(self, year: int) -> dict[str, str]:
        """What the bokslut of ``year`` printed where its text differs from the computed
        value, by statement key (see :func:`ksanalys.present.text.check.report_differences`)."""
        result = self.check_results.get(year)
        if result is None:
            return {}
        return check_text.report_differences(result)


def open_analysis(
    year: int, data_dir: str = "", revised: bool = False, board: str = ""
) -> Analysis:
    """The analysis on ``year`` from the data in ``data_dir`` ("" = the project's data/);
    ``board``: the board of a data folder with several ("" = the only one).

    By default only what was published when the report on ``year`` was made (see
    :mod:`ksanalys.load.vintage`), so later data never changes it; ``revised`` uses the
    latest values. Quotes keep the bokslut's spelling (:mod:`ksanalys.present.text.quotes`).
    Raises YearNotInDataError when the data does not cover ``year``.

    An analysis that :func:`warm_up` made for the same arguments is returned instead of a
    new one, once, if the data's files still have the hash they had then.
    """
    warm = _warm.pop((year, data_dir, revised, board), None)
    if warm is not None and warm[0] == dataset_hash(data_dir or None, board or None):
        return warm[1]
    return _open_analysis(year, data_dir, revised, board)[1]


def _open_analysis(year, data_dir: str, revised: bool, board: str) -> tuple[str, Analysis]:
    """The data's hash and the analysis (see :func:`open_analysis`)."""
    dataset = load_dataset(data_dir if data_dir else None, board or None)
    value = dataset.require_year(year)
    return dataset.data_hash, Analysis(vintage.for_report(dataset, value, revised), value)


# Analyses made ahead by warm_up: (year, data_dir, revised, board) → (the data's hash, the
# analysis with its shared results computed).
_warm: dict[tuple, tuple[str, Analysis]] = {}


def warm_up(year: int, data_dir: str = "", revised: bool = False, board: str = "") -> None:
    """Make the analysis that ``open_analysis(year, data_dir, revised, board)`` returns, with
    the results most chapters use (key figures, granskning, goal status), and keep it for
    that call (keyed on the data's hash: changed files get a new analysis).

    The report run calls this once per year in its fork server, before it forks a kernel for
    each chapter notebook: every kernel starts with the results computed instead of
    computing them again. The results are those a kernel would compute itself.
    """
    digest, analysis = _open_analysis(year, data_dir, revised, board)
    for shared in WARM_RESULTS:
        getattr(analysis, shared)
    _warm[(year, data_dir, revised, board)] = (digest, analysis)


# The cached results of an Analysis that warm_up computes: those several chapters use.
WARM_RESULTS = ("key_figures", "check_results", "questioned", "goals")


@dataclass(frozen=True)
class PageHeader:
    """The line under a chapter's heading, the same on every page of a year: page furniture
    (``<p class="ksanalys-about">``), which the PDF prints once, on its cover, and the text
    checks do not count as a sentence of the report. ``year`` in bold, then ``rest``;
    computed text only (no data text)."""

    year: int
    rest: str

    def _repr_html_(self) -> str:
        return (
            f'<p class="ksanalys-about"><strong>Bokslutsår {self.year}.</strong> '
            f"{html.escape(self.rest)}</p>"
        )

    def __repr__(self) -> str:
        return f"**Bokslutsår {self.year}.** {self.rest}"

    def __str__(self) -> str:
        return repr(self)


def about(analysis: Analysis) -> PageHeader | Section:
    """The line under a chapter heading: the year and the years of data it is computed from;
    in a revised analysis also every figure that differs from the report as first published.

    Where the data comes from (folder, hash, version, run time) is said once, in the
    report's method annex "Om analysen", never on each page, and never as a local path.
    """
    from ksanalys.compute.coverage import holding_report
    from ksanalys.present.text.comparison import data_basis

    reports = set(analysis.dataset.report_years)
    own = [int(y) for y in analysis.years if y in reports]
    others = [int(y) for y in analysis.years if y not in reports]
    holding = None if own else holding_report(analysis.dataset, analysis.year)
    header = PageHeader(
        analysis.year,
        f"{data_basis(own, others, holding)}; underlag och metod: se Om analysen sist i rapporten.",
    )
    if getattr(analysis.dataset, "revised", False):
        found = revisions(analysis.dataset, analysis.year)
        documents = analysis.dataset.tables["documents"]
        titles = dict(zip(documents["document"], documents["title"], strict=True))
        text = vintage_text.revised_text(
            found, analysis.year, titles, analysis.organisation.scope_name
        )
        return Section((header, Text(text)))
    return header
