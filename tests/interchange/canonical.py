"""A canonical dump of the database for the round trip: every field of every model the
interchange carries, database ids replaced by natural keys, written independently of the
interchange app so a fault in it shows up here.

Ids inside cells and review keys ("row.412.weight", "row:412", "rubric:57") become the id's
rank among the ids of its table the filing mentions, for its own rows, or the scoring sheet
row's place, for 打分表 rows: the importer keeps both orders.
"""

import hashlib
import re
from typing import Any

from django.db import models

from apps.accounts.models import User
from apps.budgets.models import FiscalYear, Project
from apps.department_evaluations import models as dept
from apps.filings.models import (
    Evidence,
    Filing,
    FilingEvent,
    FilingRevision,
    FilingSnapshot,
)
from apps.indicators.models import (
    IndicatorCategory,
    PolicyGroupWeight,
    Rubric,
    RubricItem,
    ScoringPolicy,
)
from apps.narratives.models import PaymentRow, ReportOutline, ReportSection
from apps.organizations.models import Department, FinanceBureau
from apps.project_evaluations import models as proj
from apps.reviews.models import Review, ReviewerAssignment, RowReview

OWN_ROWS = {
    proj.IndicatorRow: "row",
    dept.FinanceRow: "finance",
    dept.QualitativeGoal: "goal",
    dept.KeyTask: "task",
    dept.OutputItem: "output",
    dept.Evaluator: "evaluator",
    dept.DepartmentIndicator: "indicator",
}
MODELS = [
    FinanceBureau,
    FiscalYear,
    Department,
    Project,
    IndicatorCategory,
    Rubric,
    RubricItem,
    ScoringPolicy,
    PolicyGroupWeight,
    ReportOutline,
    Filing,
    FilingSnapshot,
    FilingRevision,
    FilingEvent,
    Evidence,
    ReviewerAssignment,
    Review,
    RowReview,
    proj.ProjectEvaluation,
    proj.FundingLine,
    dept.DepartmentEvaluation,
    dept.RubricScore,
    ReportSection,
    PaymentRow,
    *OWN_ROWS,
]
CELL = re.compile(r"^(row|finance|goal|task|output|evaluator|indicator|rubric)\.(\d+)\.")
REVIEW_KEY = re.compile(r"^(row|rubric):(\d+)$")


class Ranks:
    """Per filing and table: id -> rank among every id of it the filing mentions."""

    def __init__(self) -> None:
        self.by_filing: dict[int, dict[str, dict[int, int]]] = {}
        mentioned: dict[int, dict[str, set[int]]] = {}

        def add(filing_id: int, table: str, pk: int) -> None:
            mentioned.setdefault(filing_id, {}).setdefault(table, set()).add(pk)

        for model, table in OWN_ROWS.items():
            for row in model.objects.select_related("evaluation"):
                add(row.evaluation.filing_id, table, row.pk)
        for filing_id, kind, cells in [
            (s.filing_id, s.filing.kind, s.cells)
            for s in FilingSnapshot.objects.select_related("filing")
        ] + [
            (r.filing_id, r.filing.kind, r.cells)
            for r in FilingRevision.objects.select_related("filing")
        ]:
            for key in cells:
                if match := CELL.match(key):
                    add(filing_id, self.table(kind, match[1]), int(match[2]))
        for row in RowReview.objects.select_related("review__filing"):
            if match := REVIEW_KEY.match(row.row_key):
                add(
                    row.review.filing_id,
                    self.table(row.review.filing.kind, match[1]),
                    int(match[2]),
                )
        for filing_id, tables in mentioned.items():
            self.by_filing[filing_id] = {
                table: {pk: rank for rank, pk in enumerate(sorted(ids))}
                for table, ids in tables.items()
                if table != "rubric"
            }
        self.items = {
            item.pk: (natural(item.rubric), place)
            for rubric in Rubric.objects.all()
            for place, item in enumerate(rubric.items.order_by("position", "id"))
        }

    @staticmethod
    def table(kind: str, prefix: str) -> str:
        return "indicator" if (kind, prefix) == ("department", "row") else prefix

    def token(self, filing_id: int, table: str, pk: int) -> str:
        if table == "rubric":
            return f"item{self.items[pk]}"
        return f"{table}@{self.by_filing[filing_id][table][pk]}"

    def cells(self, filing: Filing, cells: dict[str, str]) -> dict[str, str]:
        def replace(match: re.Match) -> str:
            table = self.table(filing.kind, match[1])
            return f"{match[1]}.{self.token(filing.pk, table, int(match[2]))}."

        return {CELL.sub(replace, key): value for key, value in cells.items()}

    def review_key(self, filing: Filing, key: str) -> str:
        match = REVIEW_KEY.match(key)
        if not match:
            return key
        return (
            f"{match[1]}:{self.token(filing.pk, self.table(filing.kind, match[1]), int(match[2]))}"
        )


def natural(obj: models.Model | None) -> Any:
    """A natural key of an object any dumped field points at."""
    if obj is None:
        return None
    match obj:
        case FinanceBureau():
            return obj.region_code
        case FiscalYear():
            return (obj.bureau.region_code, obj.year)
        case Department():
            return (obj.bureau.region_code, obj.budget_code)
        case Project():
            return (natural(obj.department), natural(obj.fiscal_year), obj.code)
        case User():
            return obj.username
        case IndicatorCategory():
            return (obj.bureau.region_code, obj.framework, natural(obj.parent), obj.name)
        case Rubric():
            return (natural(obj.bureau), obj.name, obj.version)
        case ScoringPolicy():
            return (natural(obj.fiscal_year), obj.framework)
        case Filing():
            return (
                obj.kind,
                natural(obj.department),
                natural(obj.fiscal_year),
                natural(obj.project),
            )
        case FilingRevision():
            return (natural(obj.filing), obj.number)
        case Review():
            return (natural(obj.revision), natural(obj.reviewer))
        case proj.ProjectEvaluation() | dept.DepartmentEvaluation():
            return natural(obj.filing)
        case Evidence():
            return (natural(obj.filing), obj.sha256, obj.original_name)
    raise AssertionError(f"no natural key for {type(obj).__name__}")


def _record(obj: models.Model, ranks: Ranks) -> dict[str, Any]:
    record: dict[str, Any] = {}
    filing = getattr(obj, "filing", None) if not isinstance(obj, Filing) else obj
    if isinstance(obj, RowReview):
        filing = obj.review.filing
    if isinstance(obj, tuple(OWN_ROWS)):
        filing = obj.evaluation.filing
        record["@"] = ranks.token(filing.pk, OWN_ROWS[type(obj)], obj.pk)
    for field in obj._meta.concrete_fields:
        if field.primary_key and not field.is_relation:
            continue
        if isinstance(obj, Filing) and field.name == "derived_at":
            continue  # when the derived columns were derived: at the import, by design
        value = getattr(obj, field.name)
        if isinstance(field, models.FileField):
            with value.open("rb") as handle:
                value = hashlib.sha256(handle.read()).hexdigest()
        elif isinstance(obj, dept.RubricScore) and field.name == "item":
            value = ranks.token(0, "rubric", value.pk)
        elif field.is_relation:
            value = (
                ranks.token(obj.evaluation.filing_id, OWN_ROWS[type(value)], value.pk)
                if (type(value) in OWN_ROWS)
                else natural(value)
            )
        elif field.name == "cells":
            value = ranks.cells(filing, value)
        elif field.name == "row_key":
            value = ranks.review_key(filing, value)
        elif field.name == "figures":
            value = [
                {**f, "source": next(iter(ranks.cells(filing, {f["source"]: ""})))} for f in value
            ]
        record[field.name] = value
    return record


def dump() -> dict[str, list]:
    """{model name: sorted records} of every model the interchange carries."""
    ranks = Ranks()
    return {
        model.__name__: sorted(
            (_record(obj, ranks) for obj in model._default_manager.all()), key=repr
        )
        for model in MODELS
    }


def users() -> set[tuple]:
    """Every user as the interchange carries one (never a password)."""
    fields = ("username", "full_name", "first_name", "last_name", "email", "phone")
    return set(User.objects.values_list(*fields))
