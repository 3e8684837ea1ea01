"""The review sheet of a project self-evaluation: its revision read as the 项目支出绩效自评表.

cells.py reads the frozen cells back into rows and funding lines, totals.py scores them with
the reviewer's scores through the engine, table.py lays out the page's table. The sheet is
registered with the reviews app (kind.py), which knows rows only by their key, "row:<id>".
"""

from collections.abc import Mapping
from decimal import Decimal

from apps.filings.models import Filing
from apps.indicators import scoring
from apps.reviews.sheets import ReviewRow, ReviewSheet, ReviewTotals

from .cells import Sheet, sheet_of
from .table import TableView, review_table
from .totals import review_totals, row_key


class ProjectReviewSheet(ReviewSheet):
    """The indicator rows of a project revision, scored by the reviewer within their weights."""

    template = "project_evaluations/_review_sheet.html"

    def __init__(self, cells: Mapping[str, str]) -> None:
        self.sheet: Sheet = sheet_of(dict(cells))
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
        return review_totals(engine, self.sheet, scores, decisions)

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
    return ProjectReviewSheet(cells)
