"""The review sheet a kind of filing offers reviewers: its rows by stable key, totals, table.

A revision's frozen cells are read by the kind of the filing (its app registers a sheet here in
its `AppConfig.ready`); this app knows rows only by their key ("row:12", "rubric:7" …), which
the kind keeps stable across revisions so a comment stays beside the same row. The rules
every sheet shares (a review score lies in [0, the row's weight], a 不适用 decision only on a
row the department proposed) are here; the totals come from the scoring engine, as the kind
feeds it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from apps.filings.models import Filing
from apps.indicators import scoring

from .models import NotApplicable


@dataclass(frozen=True)
class ReviewRow:
    """One row a reviewer may score and comment on."""

    key: str  # stable across revisions: "row:12"
    name: str  # how messages name it
    weight: Decimal  # the most a review score may give
    proposed_not_applicable: bool = False  # the department asked to leave it out

    @property
    def field(self) -> str:
        """The prefix of the row's inputs in the review form ("row-12")."""
        return field_prefix(self.key)


def field_prefix(key: str) -> str:
    """The form's name for a row key: "row:12" is posted as "row-12-score" …"""
    return key.replace(":", "-")


@dataclass(frozen=True)
class ReviewTotals:
    """The department's result and the reviewer's, with each row's score by key."""

    department: scoring.EvaluationResult
    review: scoring.EvaluationResult
    department_scores: dict[str, Decimal | None]
    review_scores: dict[str, Decimal | None]
    # False when the filing has no total to review (a department that states no score): the
    # review then keeps no total or grade, rather than a 0.
    scored: bool = True


class ReviewSheet:
    """What a kind shows and scores on the review page for one revision's cells.

    A kind subclasses it: `rows` in the order shown, `template` renders `table`'s value in the
    review page (`sheet_table` in its context), `totals` scores the revision with the reviewer's
    scores and decisions through the engine.
    """

    rows: tuple[ReviewRow, ...] = ()
    template: str = "reviews/_empty_sheet.html"

    def row(self, key: str) -> ReviewRow | None:
        return next((row for row in self.rows if row.key == key), None)

    def totals(
        self,
        engine: scoring.ScoringPolicy,
        scores: Mapping[str, Decimal | None],
        decisions: Mapping[str, str],
    ) -> ReviewTotals:
        empty = scoring.evaluate(engine, executed=None, budget=None, rows=[])
        return ReviewTotals(empty, empty, {}, {})

    def table(
        self,
        *,
        filing: Filing,
        totals: ReviewTotals,
        amount_unit: str,
        typed_scores: Mapping[str, str],
        comments: Mapping[str, str],
        errors: Mapping[str, str],
        changes: list,
        decisions: Mapping[str, str],
    ) -> Any:
        return None


SheetFactory = Callable[[Filing, dict[str, str]], ReviewSheet]
_factories: dict[str, SheetFactory] = {}


def register_sheet(kind: str, factory: SheetFactory) -> None:
    """The sheet a kind offers: factory(filing, revision cells) → ReviewSheet."""
    _factories[kind] = factory


def unregister_sheet(kind: str) -> None:
    _factories.pop(kind, None)


def sheet_for(filing: Filing, cells: dict[str, str] | None) -> ReviewSheet:
    """The kind's sheet of these cells; an empty one for a kind that registered none."""
    factory = _factories.get(filing.kind)
    if factory is None or cells is None:
        return ReviewSheet()
    return factory(filing, cells)


def score_refusal(row: ReviewRow, score: Decimal) -> str:
    """Why a 复核得分 cannot be given to the row ("" when it can)."""
    if not Decimal(0) <= score <= row.weight:
        return _("The review score of “%(name)s” must be between 0 and its weight, %(weight)s.") % {
            "name": row.name,
            "weight": scoring.round_score(row.weight),
        }
    return ""


def decision_refusal(row: ReviewRow, decision: str) -> str:
    """Why a 不适用 decision cannot be recorded on the row ("" when it can)."""
    if decision not in NotApplicable.values:
        return _("Accept or reject the proposal, or leave it undecided.")
    if decision and not row.proposed_not_applicable:
        return _("The department did not propose “%(name)s” as not applicable.") % {
            "name": row.name
        }
    return ""


def undecided_proposals(sheet: ReviewSheet, decisions: Mapping[str, str]) -> list[str]:
    """Names of the rows proposed as 不适用 that the reviewer has not accepted or rejected."""
    return [
        row.name for row in sheet.rows if row.proposed_not_applicable and not decisions.get(row.key)
    ]


def shown(value: Decimal | None) -> str:
    """A score as the forms print it: two decimals, half up; blank for none."""
    return "" if value is None else f"{scoring.round_score(value):.2f}"
