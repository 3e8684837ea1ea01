"""The review sheet of a project self-evaluation: its revision read as the 项目支出绩效自评表.

cells.py reads the frozen cells back into rows and funding lines, totals.py scores them with
the reviewer's scores through the engine, table.py lays out the page's table. The sheet is
registered with the reviews app (kind.py), which knows rows only by their key, "row:<id>".
"""

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from apps.filings.models import Filing
from apps.indicators import scoring
from apps.reviews.sheets import ReviewRow, ReviewSheet, ReviewTotals

from ..layout import COMPLETION_WEIGHT, project_layout
from ..selectors import policy_of
from .cells import Sheet, sheet_of
from .table import TableView, review_table
from .totals import review_totals, row_key


class ProjectReviewSheet(ReviewSheet):
    """The indicator rows of a project revision, scored by the reviewer within their weights."""

    template = "project_evaluations/_review_sheet.html"

    def __init__(self, cells: Mapping[str, str], *, points: bool = True) -> None:
        sheet = sheet_of(dict(cells))
        # A layout without points (四川): each row weighs 100, its score is its 完成率, and the
        # revision has no total for the reviewer to give.
        self.points = points
        if not points:
            rows = tuple(replace(row, weight=COMPLETION_WEIGHT) for row in sheet.rows)
            sheet = replace(sheet, rows=rows)
        self.sheet: Sheet = sheet
        self.rows = tuple(
            ReviewRow(
                key=row_key(row.row_id),
                name=row.name or row.level2,
                weight=row.weight if row.weight is not None else Decimal(0),
                proposed_not_applicable=row.not_applicable,
            )
            for row in self.sheet.rows
        )

    def totals(
        self,
        engine: scoring.ScoringPolicy,
        scores: Mapping[str, Decimal | None],
        decisions: Mapping[str, str],
    ) -> ReviewTotals:
        totals = review_totals(engine, self.sheet, scores, decisions)
        return totals if self.points else replace(totals, scored=False)

    def table(
        self, *, filing, totals, amount_unit, typed_scores, comments, errors, changes, decisions
    ) -> TableView:
        return review_table(
            sheet=self.sheet,
            totals=totals,
            amount_unit=amount_unit,
            typed_scores=typed_scores,
            comments=comments,
            errors=errors,
            changes=changes,
            not_applicable=decisions,
        )


def project_review_sheet(filing: Filing, cells: dict[str, str]) -> ProjectReviewSheet:
    return ProjectReviewSheet(cells, points=project_layout(policy_of(filing)).points)
