"""Scores and findings of an evaluation as typed, and the saved evaluation as plain values."""

from decimal import Decimal

from apps.indicators import scoring
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy

from .. import bounds, checks
from ..data import ROW_FIELDS, Computed, EvaluationData, FundingData, RowData
from ..layout import project_layout, weighed
from ..models import FundingLine, ProjectEvaluation


def funding_sources(policy: ScoringPolicy) -> tuple[str, ...]:
    """The funding rows the bureau's form prints, in order: the layout's, else the policy's."""
    layout = project_layout(policy)
    if layout.funding_sources is not None:
        return layout.funding_sources
    S = FundingLine.Source
    fiscal = (S.FISCAL_CENTRAL, S.FISCAL_LOCAL) if policy.split_fiscal_funding else (S.FISCAL,)
    return (S.TOTAL, *fiscal, S.CARRYOVER, S.OTHER)


def _levels(category: IndicatorCategory) -> tuple[str, str]:
    """The row's 一级 and 二级 indicator names."""
    return (category.parent.name if category.parent else category.name), category.name


def evaluation_score(
    *, data: EvaluationData, policy: ScoringPolicy, categories: dict[int, IndicatorCategory]
) -> scoring.EvaluationResult:
    """Scores of the values as typed, without the checks (what a print needs); writes nothing.

    Under a layout without points the result's total and grade mean nothing: `scored` says so.
    """
    data = weighed(data, project_layout(policy))
    rows = []
    for row in data.rows:
        level1, level2 = _levels(categories[row.category_id])
        rows.append(
            scoring.RowInput(
                level1=level1,
                level2=level2,
                comparator=row.comparator,
                # Values out of bounds reach the engine as missing; the checks name them.
                weight=bounds.engine_weight(row.weight),
                # Parsed once per row (RowData caches it): the checks read the same values.
                target=row.parsed_target.number,
                actual=row.parsed_actual.number,
                qualitative_label=row.qualitative_label or None,
                qualitative_score=bounds.engine_score(
                    row.qualitative_score, bounds.engine_weight(row.weight)
                ),
                # A filer only proposes 不适用: the row counts by its values until a reviewer
                # accepts the proposal in the review (apps/reviews/totals.py).
                not_applicable=False,
            )
        )
    total = data.funding_line(FundingLine.Source.TOTAL)
    return scoring.evaluate(
        policy.to_engine(),
        executed=bounds.engine_amount(total.executed),
        budget=bounds.engine_amount(total.adjusted),
        rows=rows,
    )


def evaluation_compute(
    *, data: EvaluationData, policy: ScoringPolicy, categories: dict[int, IndicatorCategory]
) -> Computed:
    """Scores and findings of the values as typed; writes nothing."""
    result = evaluation_score(data=data, policy=policy, categories=categories)
    layout = project_layout(policy)
    data = weighed(data, layout)
    check_rows = []
    for index, row in enumerate(data.rows):
        level1, level2 = _levels(categories[row.category_id])
        # The row itself, not a copy: the engine above and the checks share its parsed cells.
        check_rows.append(
            checks.RowCheckInput(key=f"row-{index}", level1=level1, level2=level2, row=row)
        )
    # Figures typed in 万元 are rounded to 0.01 万元 (100 元) per addend (DESIGN §6).
    tolerance = Decimal(100) if policy.amount_unit == ScoringPolicy.AmountUnit.WAN else Decimal(0)
    findings = checks.check_project(
        checks.ProjectCheckInput(
            funding=tuple(
                checks.FundingInput(
                    source=f.source, initial=f.initial, adjusted=f.adjusted, executed=f.executed
                )
                for f in data.funding
            ),
            split_fiscal=FundingLine.Source.FISCAL_CENTRAL in funding_sources(policy),
            rows=tuple(check_rows),
            policy=policy.to_engine(),
            unit_tolerance=tolerance,
            amount_unit=policy.amount_unit,
            low_execution_explanation=data.low_execution_explanation,
            points=layout.points,
        )
    )
    rates = {
        line.source: scoring.execution_rate(
            bounds.engine_amount(line.executed), bounds.engine_amount(line.adjusted)
        )
        for line in data.funding
    }
    return Computed(result=result, findings=findings, points=layout.points, rates=rates)


def evaluation_data_of(evaluation: ProjectEvaluation) -> EvaluationData:
    """The saved evaluation as plain values (rows and funding must be prefetched)."""
    return EvaluationData(
        goal_expected=evaluation.goal_expected,
        goal_actual=evaluation.goal_actual,
        notes=evaluation.notes,
        low_execution_explanation=evaluation.low_execution_explanation,
        funding=tuple(
            FundingData(
                source=f.source, initial=f.initial, adjusted=f.adjusted, executed=f.executed
            )
            for f in evaluation.funding_lines.all()
        ),
        rows=tuple(
            RowData(
                row_id=r.pk,
                category_id=r.category_id,
                **{name: getattr(r, name) for name in ROW_FIELDS},
            )
            for r in sorted(evaluation.rows.all(), key=lambda r: r.position)
        ),
    )


def categories_for(
    bureau_id: int, *, framework: Framework = Framework.PROJECT
) -> dict[int, IndicatorCategory]:
    """The indicator categories of a bureau's framework by id, with their parents, in one query."""
    tree = IndicatorCategory.objects.filter(bureau_id=bureau_id, framework=framework)
    return {c.pk: c for c in tree.select_related("parent")}
