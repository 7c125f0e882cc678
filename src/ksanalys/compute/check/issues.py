"""Compute stage: the findings of a granskning grouped into the errors a reader meets, ranked.

One misprint often shows in several findings. An :class:`Issue` is one such error: its
``lead`` finding says what is wrong, and each related finding comes with a code saying how
it belongs to the lead (:data:`RELATIONS`):

``follows``
    A percentage computed from the lead's wrong amount (Avvikelse % of Nämnden totalt
    follows the nämndbidrag printed with 2012's value).
``points_to``
    A figure printed with the value of another figure that is itself a finding
    (one department's Avvikelse % is the value of the department above it).
``repeats``
    The same statement of the text quoted in another section (the same claim expression
    with the same printed value).
``same_row``
    The same sum failing in another column of the same row (SUMMA INTÄKTER in every
    column, over the same blank lines).

The lead of a group is the finding that does not follow another, with the largest amount,
then the largest difference in percentage points, then the first in the report's order.

**Ranking** (:func:`rank`), by consequence (review r9 A8): an issue that changes the year's
result first; then one that can change it (:attr:`Issue.may_change_result`: a sum the result
is added from, which leaves the result as printed only if the error lies in one of its
lines: SUMMA KOSTNADER 2 382 tkr larger than its rows) before one that cannot (a
nämndbidrag printed with the previous year's amount); then the amount of money that is
misprinted, in tkr (:attr:`Issue.amount_tkr`: amounts only; a
percentage has no amount of its own, so a misprinted percentage is never turned into
money); then the largest difference in percentage points (:attr:`Issue.points`); then the
order of the report's checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ksanalys.compute.check.causes import changes_result
from ksanalys.compute.check.expressions import Cell

if TYPE_CHECKING:
    from ksanalys.compute.check.evaluate import Finding

__all__ = ["PERCENT_UNITS", "RELATIONS", "Issue", "group_issues", "rank"]

RELATIONS = ("follows", "points_to", "repeats", "same_row")

# Units whose differences are percentage points (ranked by points, never by money).
PERCENT_UNITS = ("procent", "procentenheter")


@dataclass(frozen=True)
class Issue:
    """One error of the report: ``lead`` says what is wrong; ``related`` are (relation
    code, finding) pairs in the report's order. ``cause`` is the lead's cause code."""

    lead: Finding
    related: tuple[tuple[str, Finding], ...]
    amount_tkr: Decimal
    points: Decimal
    changes_result: bool
    may_change_result: bool = False

    @property
    def cause(self) -> str:
        return self.lead.cause

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.lead, *(finding for _, finding in self.related))


def group_issues(findings: Sequence[Finding], board: str = "") -> list[Issue]:
    """The issues of ``findings`` (diagnosed, see :mod:`.causes`), ranked (:func:`rank`);
    ``board`` is the board's unit_id (its result cells, see :func:`.causes.result_cells`)."""
    findings = list(findings)
    groups = _Groups(len(findings))
    by_target = {f.check.target: i for i, f in enumerate(findings)}
    for i, finding in enumerate(findings):
        for other in (finding.follows, finding.likely):
            if isinstance(other, Cell) and other in by_target:
                groups.join(i, by_target[other])
        for j in range(i):
            if _same_statement(finding, findings[j]) or _same_sum_row(finding, findings[j]):
                groups.join(i, j)
    members: dict[int, list[int]] = {}
    for i in range(len(findings)):
        members.setdefault(groups.root(i), []).append(i)
    issues = [
        _issue([findings[i] for i in group], order=group[0], board=board)
        for group in members.values()
    ]
    return [issue for _, issue in sorted(issues, key=lambda pair: (*rank(pair[1]), pair[0]))]


def rank(issue: Issue) -> tuple:
    """The sort key of an issue (see the module docstring), without the report's order."""
    return (
        not issue.changes_result,
        not issue.may_change_result,
        -issue.amount_tkr,
        -issue.points,
    )


def _issue(members: list[Finding], order: int, board: str) -> tuple[int, Issue]:
    position = min(
        range(len(members)),
        key=lambda i: (
            members[i].follows is not None,
            -members[i].weight_tkr,
            -_points(members[i]),
            i,
        ),
    )
    lead = members[position]
    related = tuple((_relation(f, lead), f) for i, f in enumerate(members) if i != position)
    issue = Issue(
        lead=lead,
        related=related,
        amount_tkr=max(f.weight_tkr for f in members),
        points=max(_points(f) for f in members),
        changes_result=any(changes_result(f, board) for f in members),
        may_change_result=bool(lead.result_stands and lead.difference),
    )
    return order, issue


def _points(finding: Finding) -> Decimal:
    if finding.check.unit not in PERCENT_UNITS or finding.difference is None:
        return Decimal(0)
    return abs(finding.difference)


def _relation(finding: Finding, lead: Finding) -> str:
    if finding.follows is not None:
        return "follows"
    if isinstance(finding.likely, Cell) and finding.likely == lead.check.target:
        return "points_to"
    if finding.check.rule == "claim":
        return "repeats"
    return "same_row"


def _same_statement(a: Finding, b: Finding) -> bool:
    """Two claims stating the same thing with the same printed value."""
    return (
        a.check.rule == b.check.rule == "claim"
        and a.check.expression == b.check.expression
        and a.check.printed == b.check.printed
    )


def _same_sum_row(a: Finding, b: Finding) -> bool:
    """The same printed sum failing in two columns, for the same cause."""
    ta, tb = a.check.target, b.check.target
    return (
        a.check.rule == b.check.rule == "sum"
        and a.cause == b.cause
        and (ta.table, ta.row, ta.year) == (tb.table, tb.row, tb.year)
    )


class _Groups:
    """Union-find over finding indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
