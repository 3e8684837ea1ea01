"""The review sheet of a department self-evaluation: its revision read as the 打分表 and 定量目标.

cells.py reads the frozen cells back into 打分表 entries and indicator rows, totals.py scores
them with the reviewer's scores by the revision's basis, table.py lays out the page's tables.
The reviews app knows rows only by their key: "rubric:<item>" for a 打分表 row, "row:<id>" for
a 定量目标 row (snapshots.row_key_of_cell).
"""

from collections.abc import Mapping
from decimal import Decimal

from apps.filings.models import Filing
from apps.indicators import scoring
from apps.reviews.sheets import ReviewRow, ReviewSheet, ReviewTotals

from .cells import Sheet, row_key, sheet_of
from .table import TableView, review_table
from .totals import review_totals


class DepartmentReviewSheet(ReviewSheet):
    """The 打分表 rows, then the 定量目标 rows, each scored within its 分值 by the reviewer.

    A deduction row's 复核得分 is the points the reviewer takes off, up to its 分值; a 定量目标
    row without a 分值 (an unscored form) takes a comment only.
    """

    template = "department_evaluations/_review_sheet.html"

    def __init__(self, cells: Mapping[str, str]) -> None:
        self.sheet: Sheet = sheet_of(dict(cells))
        rubric = tuple(
            ReviewRow(key=entry.key, name=entry.name, weight=entry.item.weight)
            for entry in self.sheet.rubric
        )
        indicators = tuple(
            ReviewRow(
                key=row_key(row.row_id or 0),
                name=row.name or row.level2,
                weight=row.weight if row.weight is not None else Decimal(0),
            )
            for row in self.sheet.indicators
        )
        self.rows = rubric + indicators

    def totals(
        self,
        engine: scoring.ScoringPolicy,
        scores: Mapping[str, Decimal | None],
        decisions: Mapping[str, str],
    ) -> ReviewTotals:
        return review_totals(engine, self.sheet, scores)

    def table(
        self, *, filing, totals, amount_unit, typed_scores, comments, errors, changes, decisions
    ) -> TableView:
        return review_table(
            sheet=self.sheet,
            totals=totals,
            typed_scores=typed_scores,
            comments=comments,
            errors=errors,
            changes=changes,
        )


def department_review_sheet(filing: Filing, cells: dict[str, str]) -> DepartmentReviewSheet:
    return DepartmentReviewSheet(cells)
