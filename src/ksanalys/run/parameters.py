"""The parameters of a report run, checked before any kernel starts.

:func:`plan` turns a :class:`ReportRequest` (what the user asked for) into a
:class:`ReportPlan` (what will run) or raises :class:`~ksanalys.errors.KsanalysError`:
years must be integers the data covers, its claims and goal rules must pass the checks
``ksanalys check`` and ``ksanalys goals`` make, the notebooks folder must hold notebooks
that each have exactly one cell tagged ``parameters``, no year or notebook name may lead
outside the output folder, and nothing ksanalys would replace there may be something it
did not write (see :mod:`ksanalys.run.outdir`).

Notebook contract: exactly one cell tagged ``parameters`` that sets ``year``, ``data_dir``
and ``revised`` (typed, commented defaults, e.g. ``year: int = 2013  # bokslutsåret``).

**Which years a notebook is for** (notebook metadata ``ksanalys.years``, :data:`YEAR_KINDS`):
``report`` for a year with its own bokslut in the data, ``comparison`` for a year the data
holds only as the comparison column of a later report (2012 in the shipped data), ``all``
(the default) for both. A comparison year therefore gets a short page of its own instead
of the chapters of a bokslut it does not have; a year no notebook is for is refused in one
line before anything runs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ksanalys.errors import KsanalysError
from ksanalys.paths import NOTEBOOKS_ENV, default_notebooks_dir, default_out_dir  # noqa: F401
from ksanalys.run import outdir
from ksanalys.run.outdir import inside

if TYPE_CHECKING:
    from ksanalys.load import Dataset

PARAMETERS_TAG = "parameters"
REVISED_DIR = "reviderad"  # a revised report goes to <out>/reviderad/<year>/
PARAMETERS = ("year", "data_dir", "revised")  # what every chapter notebook's parameters cell sets
BOARD_PARAMETER = "board"  # set too by every notebook of a report on a folder with several boards
YEAR_KINDS = ("report", "comparison", "all")  # notebook metadata ksanalys.years (see above)


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parameters_cells(path: Path) -> list[str]:
    """The sources of the cells of notebook ``path`` that are tagged ``parameters``."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"]
            if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise KsanalysError(f"{path}: kan inte läsas som anteckningsbok ({error})") from None


def notebook_years(path: Path) -> str:
    """The kind of year notebook ``path`` is for (:data:`YEAR_KINDS`; ``all`` when unset)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        kind = nb.get("metadata", {}).get("ksanalys", {}).get("years", "all")
    except (OSError, ValueError, AttributeError) as error:
        raise KsanalysError(f"{path}: kan inte läsas som anteckningsbok ({error})") from None
    if kind not in YEAR_KINDS:
        raise KsanalysError(
            f"{path}: metadata ksanalys.years ska vara "
            f"{', '.join(repr(k) for k in YEAR_KINDS)}, inte {kind!r}"
        )
    return kind


def find_notebooks(folder: Path, *, board: bool = False) -> list[Path]:
    """The chapter notebooks in ``folder``, in name order, each checked for its parameters
    (``board``: each must also set :data:`BOARD_PARAMETER`)."""
    if not folder.is_dir():
        raise KsanalysError(f"mappen med anteckningsböcker finns inte: {folder}")
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not notebooks:
        raise KsanalysError(f"inga anteckningsböcker (.ipynb) i {folder}")
    for path in notebooks:
        if not outdir.is_plain_name(path.stem):
            raise KsanalysError(
                f"{path.name}: namnet duger inte som filnamn i rapporten "
                "(använd bokstäver a-z, siffror, _ och -)"
            )
        cells = parameters_cells(path)
        if len(cells) != 1:
            raise KsanalysError(
                f"{path}: ska ha exakt en cell märkt '{PARAMETERS_TAG}', har {len(cells)}"
            )
        for name in (*PARAMETERS, *([BOARD_PARAMETER] if board else [])):
            if not re.search(rf"^{name}\s*[:=]", cells[0], re.MULTILINE):
                raise KsanalysError(f"{path}: parametercellen sätter inte '{name}'")
        notebook_years(path)
    return notebooks


def load_dataset(data_dir: Path | None, board: str | None) -> Dataset:
    """:func:`ksanalys.load.load_dataset`, imported on first use: the load stage (pandas)
    loads while the fork server starts, not before."""
    from ksanalys.load import load_dataset as load

    return load(data_dir, board)


def check_claims_and_rules(dataset: Dataset) -> None:
    """Raise DataError for a claim or goal rule that ``ksanalys check`` or ``goals`` would
    reject, so that such a report fails before its notebooks run."""
    from ksanalys.compute.check import validate_checks
    from ksanalys.compute.goals.rules import validate_rules

    validate_checks(dataset)
    validate_rules(dataset)


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for; None means the default."""

    years: tuple[int, ...]
    data_dir: Path | None = None
    board: str | None = None  # the board of a data folder with several (default: the only)
    out_dir: Path | None = None
    revised: bool = False  # latest values, published under <out>/reviderad/
    notebooks_dir: Path | None = None
    jobs: int | None = None
    show_code: bool = False
    quiet: bool = False
    fork_kernels: bool = True
    pdf: bool = False
    status: str = ""  # the report's status ("Analysbilaga, utkast"), on the PDF's cover


@dataclass(frozen=True)
class ReportPlan:
    """A checked request: every path absolute, every year in the data."""

    years: tuple[int, ...]
    data_dir: Path
    data_hash: str
    out_dir: Path
    notebooks: tuple[Path, ...]
    jobs: int
    show_code: bool
    quiet: bool
    fork_kernels: bool
    pdf_browser: str | None = None  # the browser that prints each year's PDF (--pdf)
    revised: bool = False
    used_data_hashes: dict[int, str] = field(default_factory=dict)  # year → its vintage's hash
    report_years: tuple[int, ...] = ()  # the years with a bokslut of their own in the data
    notebook_kinds: dict[Path, str] = field(default_factory=dict)  # notebook → its YEAR_KINDS
    status: str = ""  # the report's status, as the request gave it
    board: str = ""  # the board's id; "" when the data folder is the board's own (flat)
    board_genitive: str = "nämndens"  # the board's name in the report's title
    boards_root: Path | None = None  # <out> when reports go to <out>/<board>/ (several boards)

    def year_dir(self, year: int) -> Path:
        return inside(self.out_dir, str(year))

    def notebooks_for(self, year: int) -> tuple[Path, ...]:
        """The notebooks that make the report on ``year`` (see the module docstring)."""
        kind = "report" if year in self.report_years else "comparison"
        return tuple(
            nb for nb in self.notebooks if self.notebook_kinds.get(nb, "all") in (kind, "all")
        )


@dataclass(frozen=True)
class _Options:
    """What :func:`check_request` resolves: the jobs, the PDF's browser, the output root
    (``--out``) and the output folder before the board is known."""

    jobs: int
    pdf_browser: str | None
    root: Path
    out_dir: Path


def check_request(request: ReportRequest) -> None:
    """Raise KsanalysError for what is wrong with ``request`` without reading the data (the
    jobs, the years given, the browser for ``--pdf``, the output folder): the checks
    ``ksanalys report`` makes before its fork server starts. :func:`plan` makes them too."""
    _options(request)


def _options(request: ReportRequest) -> _Options:
    jobs = default_jobs() if request.jobs is None else request.jobs
    if jobs < 1:
        raise KsanalysError(f"--jobs måste vara minst 1, inte {jobs}")
    if not request.years:
        raise KsanalysError("ange minst ett år")
    pdf_browser = None
    if request.pdf:
        from ksanalys.run.pdf import require_browser

        pdf_browser = require_browser()
    root = (request.out_dir or default_out_dir()).expanduser().absolute()
    out_dir = root / REVISED_DIR if request.revised else root
    outdir.check(out_dir)
    return _Options(jobs, pdf_browser, root, out_dir)


def plan(request: ReportRequest) -> ReportPlan:
    """Check ``request`` (reading the data, not running anything) and resolve its defaults;
    the output folder is created if it is missing."""
    options = _options(request)
    jobs, pdf_browser, root = options.jobs, options.pdf_browser, options.root
    out_dir, boards_root = options.out_dir, None
    dataset = load_dataset(request.data_dir, request.board)
    org = dataset.organisation
    if dataset.shared_dir is not None:  # several boards: <out>/<board>/<year>/
        outdir.check(root)
        boards_root = root
        out_dir = inside(root, org.board_id)
        out_dir = out_dir / REVISED_DIR if request.revised else out_dir
        outdir.check(out_dir)
    check_claims_and_rules(dataset)
    years = tuple(sorted({dataset.require_year(y) for y in request.years}))
    notebooks_dir = (request.notebooks_dir or default_notebooks_dir()).absolute()
    notebooks = tuple(find_notebooks(notebooks_dir, board=boards_root is not None))
    result = ReportPlan(
        years=years,
        data_dir=Path(dataset.shared_dir or dataset.data_dir).resolve(),
        data_hash=dataset.data_hash,
        out_dir=out_dir,
        notebooks=notebooks,
        jobs=jobs,
        show_code=request.show_code,
        quiet=request.quiet,
        fork_kernels=request.fork_kernels,
        pdf_browser=pdf_browser,
        revised=request.revised,
        used_data_hashes={year: _used_data_hash(dataset, year, request.revised) for year in years},
        report_years=tuple(dataset.report_years),
        notebook_kinds={nb: notebook_years(nb) for nb in notebooks},
        status=request.status,
        board=org.board_id if boards_root is not None else "",
        board_genitive=org.board.genitive,
        boards_root=boards_root,
    )
    for year in years:
        if not result.notebooks_for(year):
            raise _no_notebook(year, dataset.report_years, notebooks_dir)
        result.year_dir(year)
        for notebook in notebooks:
            inside(out_dir, str(year), notebook.stem + ".html")
    outdir.prepare(out_dir, years)
    if boards_root is not None:
        outdir.claim(boards_root)
    return result


def _no_notebook(year: int, report_years: list[int], folder: Path) -> KsanalysError:
    """No notebook in ``folder`` is for ``year``, a year without its own bokslut."""
    later = next((r for r in report_years if r > year), None)
    where = f"; {year} finns som jämförelseår i bokslutet för {later}" if later else ""
    return KsanalysError(
        f"{year} har inget eget bokslut i data och ingen anteckningsbok i {folder} är för ett "
        f"sådant år (metadata ksanalys.years 'comparison' eller 'all'){where}"
    )


def _used_data_hash(dataset: Dataset, year: int, revised: bool) -> str:
    """The hash of the data the report on ``year`` uses: its vintage (every row if revised)."""
    from ksanalys.load import vintage

    return vintage.for_report(dataset, year, revised).data_hash
