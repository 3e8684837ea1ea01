"""Reads for the department self-evaluation: the filing with every row, its data and context."""

from decimal import Decimal

from django.db.models import Prefetch, Sum, prefetch_related_objects

from apps.filings.models import Filing
from apps.filings.selectors import policy_of
from apps.indicators.models import Rubric, ScoringPolicy
from apps.project_evaluations.department_facts import project_figures

from .bounds import FINANCE_COLUMNS
from .data import (
    Context,
    DepartmentData,
    EvaluatorData,
    FinanceData,
    GoalData,
    IndicatorData,
    OutputData,
    ProjectFacts,
    QuantityTarget,
    RubricItemData,
    RubricLine,
    TaskData,
)
from .models import KIND, DepartmentEvaluation, DepartmentIndicator, FinanceRow, RubricScore

SCALARS = (
    "evaluation_method",
    "evaluation_agency",
    "report_date",
    "prepared_by",
    "contact_person",
    "contact_phone",
    "authorized_headcount",
    "actual_headcount",
    "duties",
    "main_work",
    "overall_performance",
    "overall_goal",
    "goal_basis",
    "satisfaction",
    "notes",
    "three_public_last_year",
    "executed_by_june",
    "executed_by_september",
    "executed_by_november",
    "declared_score",
    "declared_grade",
)
TASK_FIELDS = (
    "name",
    "level",
    "content",
    "approved_total",
    "approved_fiscal",
    "approved_other",
    "actual",
    "low_reason",
)
INDICATOR_FIELDS = (
    "name",
    "comparator",
    "target_text",
    "unit",
    "actual_text",
    "weight",
    "qualitative_label",
    "qualitative_score",
    "deviation_reason",
)


def with_detail(filing: Filing) -> Filing:
    """The filing with its evaluation, every row and its 打分表 (a fixed number of queries)."""
    prefetch_related_objects(
        [filing],
        Prefetch(
            "department_evaluation",
            queryset=DepartmentEvaluation.objects.select_related("rubric"),
        ),
        "department_evaluation__rubric__items",
        Prefetch(
            "department_evaluation__finance_rows",
            queryset=FinanceRow.objects.select_related("unit"),
        ),
        "department_evaluation__goals",
        "department_evaluation__tasks",
        Prefetch(
            "department_evaluation__indicators",
            queryset=DepartmentIndicator.objects.select_related("category__parent"),
        ),
        "department_evaluation__outputs",
        "department_evaluation__evaluators",
        Prefetch("department_evaluation__rubric_scores", queryset=RubricScore.objects.all()),
    )
    return filing


def evaluation_of(filing: Filing) -> DepartmentEvaluation:
    return filing.department_evaluation  # type: ignore[attr-defined]


def data_of(evaluation: DepartmentEvaluation) -> DepartmentData:
    """The saved evaluation as plain data (rows as prefetched by with_detail)."""
    return DepartmentData(
        **{name: getattr(evaluation, name) for name in SCALARS},
        finance=tuple(
            FinanceData(
                name=row.name,
                amounts={column: getattr(row, column) for column in FINANCE_COLUMNS},
                unit_id=row.unit_id,
                row_id=row.pk,
            )
            for row in evaluation.finance_rows.all()
        ),
        goals=tuple(
            GoalData(expected=g.expected, achieved=g.achieved, period=g.period, row_id=g.pk)
            for g in evaluation.goals.all()
        ),
        tasks=tuple(
            TaskData(**{name: getattr(t, name) for name in TASK_FIELDS}, row_id=t.pk)
            for t in evaluation.tasks.all()
        ),
        indicators=tuple(
            IndicatorData(
                category_id=row.category_id,
                level1=row.category.parent.name if row.category.parent else "",
                level2=row.category.name,
                **{name: getattr(row, name) for name in INDICATOR_FIELDS},
                row_id=row.pk,
            )
            for row in evaluation.indicators.all()
        ),
        outputs=tuple(
            OutputData(section=o.section, name=o.name, plan=o.plan, actual=o.actual, row_id=o.pk)
            for o in evaluation.outputs.all()
        ),
        evaluators=tuple(
            EvaluatorData(name=e.name, title=e.title, unit=e.unit, row_id=e.pk)
            for e in evaluation.evaluators.all()
        ),
        rubric=tuple(
            RubricLine(item_id=s.item_id, score=s.score, note=s.note)
            for s in evaluation.rubric_scores.all()
        ),
    )


def rubric_of(filing: Filing, policy: ScoringPolicy) -> Rubric | None:
    """The 打分表 version the filing is scored by: its own once fixed, else the year's."""
    evaluation = evaluation_of(filing)
    return evaluation.rubric if evaluation.rubric_id else policy.rubric


def rubric_items(rubric: Rubric | None) -> tuple[RubricItemData, ...]:
    if rubric is None:
        return ()
    return tuple(
        RubricItemData(
            item_id=item.pk,
            level1=item.level1,
            level2=item.level2,
            level3=item.level3,
            weight=item.weight,
            explanation=item.explanation,
            standard=item.standard,
            whole=item.whole,
            sample=item.sample,
            qualitative=item.qualitative,
            quantitative=item.quantitative,
            is_deduction=item.is_deduction,
            computation=item.computation,
            note=item.note,
        )
        for item in sorted(rubric.items.all(), key=lambda i: (i.position, i.pk))
    )


def _last_year_three_public(filing: Filing) -> Decimal | None:
    found = FinanceRow.objects.filter(
        evaluation__filing__kind=KIND,
        evaluation__filing__department_id=filing.department_id,
        evaluation__filing__fiscal_year__bureau_id=filing.fiscal_year.bureau_id,
        evaluation__filing__fiscal_year__year=filing.fiscal_year.year - 1,
    ).aggregate(total=Sum("three_public_total"))
    return found["total"]


def department_policy(filing: Filing) -> ScoringPolicy:
    return policy_of(filing)


def context_of(filing: Filing, policy: ScoringPolicy | None = None) -> Context:
    """What the bureau and the system add to the filing's data (a fixed number of queries)."""
    policy = policy or department_policy(filing)
    figures = project_figures(
        department_id=filing.department_id, fiscal_year_id=filing.fiscal_year_id
    )
    return Context(
        policy=policy.to_engine(),
        basis=policy.department_basis,
        rubric=rubric_items(rubric_of(filing, policy)),
        projects=ProjectFacts(
            count=figures.count,
            executed=figures.executed,
            quantity_targets=tuple(QuantityTarget(*t) for t in figures.quantity_targets),
            budgets=figures.budgets,
        ),
        last_year_three_public=_last_year_three_public(filing),
        amount_unit=policy.amount_unit,
        unit_tolerance=Decimal(100) if policy.amount_unit == "万元" else Decimal(0),
    )
