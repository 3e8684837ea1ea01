"""Writing the demo self-evaluations through the services; run after apps.budgets.demo."""

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import models, transaction

from apps.budgets.demo import EBIAN, RUGAO, YUXI
from apps.budgets.models import FiscalYear, Project
from apps.filings.models import Filing
from apps.indicators import scoring
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator, ScoringPolicy

from ..checks import Finding, summarize
from ..data import EvaluationData, RowData
from ..models import ProjectEvaluation
from ..services import (
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
)
from .ebian import EBIAN_EVALUATIONS, EBIAN_LIBRARY
from .framework import _library_load, _policy_load, _taxonomy_load
from .rugao import RUGAO_EVALUATIONS
from .seeds import WAN, YUAN, DepartmentEvaluationsSeed, EvaluationSeed, PolicySeed
from .yuxi import YUXI_EVALUATIONS, YUXI_LIBRARY

SEEDS: tuple[DepartmentEvaluationsSeed, ...] = (
    DepartmentEvaluationsSeed(
        bureau=EBIAN,
        department="峨边彝族自治县信访局",
        # The 四川 table: 项目资金（万元） split 中省补助资金 / 县级预算资金, 完成率, no points.
        policy=PolicySeed(
            amount_unit=WAN,
            split_fiscal_funding=True,
            national_group_weights=False,
            layout="sichuan",
        ),
        evaluations=EBIAN_EVALUATIONS,
        library=EBIAN_LIBRARY,
    ),
    DepartmentEvaluationsSeed(
        bureau=YUXI,
        department="玉溪市信访局",
        policy=PolicySeed(
            amount_unit=YUAN,
            split_fiscal_funding=False,
            national_group_weights=True,
            layout="yunnan",
        ),
        evaluations=YUXI_EVALUATIONS,
        library=YUXI_LIBRARY,
    ),
    DepartmentEvaluationsSeed(
        bureau=RUGAO,
        department="如皋市信访局",
        # Seed 004 prints reports, no table: the national form, its weights, amounts in 万元.
        policy=PolicySeed(
            amount_unit=WAN,
            split_fiscal_funding=False,
            national_group_weights=True,
            layout="national",
        ),
        evaluations=RUGAO_EVALUATIONS,
        library=(),
    ),
)

DEMO_EVALUATION_MODELS: tuple[type[models.Model], ...] = (
    ScoringPolicy,
    IndicatorCategory,
    LibraryIndicator,
    Filing,
)


@dataclass(frozen=True)
class DemoEvaluation:
    """What the engine and the checks say about one demo self-evaluation."""

    project: str
    version: int
    total: Decimal | None  # rounded to 2 places, half up; None in a layout without points
    grade: str
    error_count: int
    warning_count: int
    findings: tuple[Finding, ...]


@dataclass
class DemoEvaluationsResult:
    created: Counter[type[models.Model]] = field(default_factory=Counter)
    updated: Counter[type[models.Model]] = field(default_factory=Counter)
    evaluations: list[DemoEvaluation] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)


@transaction.atomic
def demo_evaluations_load() -> DemoEvaluationsResult:
    """Create or refresh the demo policies, taxonomy, library and project self-evaluations."""
    result = DemoEvaluationsResult()
    for seed in SEEDS:
        fiscal_year = FiscalYear.objects.select_related("bureau").get(
            bureau__region_code=seed.bureau.region_code, year=seed.bureau.year
        )
        bureau = fiscal_year.bureau
        categories = _taxonomy_load(result, bureau, seed)
        policy = _policy_load(result, seed.policy, fiscal_year)
        for evaluation in seed.evaluations:
            project = Project.objects.get(
                department__bureau=bureau,
                department__name=seed.department,
                fiscal_year=fiscal_year,
                name=evaluation.project,
            )
            result.evaluations.append(
                _evaluation_load(result, evaluation, project, policy, categories)
            )
        _library_load(result, seed.library, categories)
    return result


def _evaluation_data(
    seed: EvaluationSeed, categories: dict[tuple[str, str], IndicatorCategory]
) -> EvaluationData:
    return EvaluationData(
        goal_expected=seed.goal_expected,
        goal_actual=seed.goal_actual,
        funding=seed.funding,
        rows=tuple(
            RowData(
                category_id=categories[(row.level1, row.level2)].pk,
                name=row.name,
                comparator=row.comparator,
                target_text=row.target,
                unit=row.unit,
                actual_text=row.actual,
                weight=row.weight,
                qualitative_label=row.qualitative_label,
                qualitative_score=row.qualitative_score,
                deviation_reason=row.deviation_reason,
            )
            for row in seed.rows
        ),
    )


def _same_cells(stored: EvaluationData, wanted: EvaluationData) -> bool:
    """Tell whether the stored evaluation already holds the wanted cells (row ids aside)."""

    def cells(data: EvaluationData) -> tuple:
        rows = tuple(replace(row, row_id=None) for row in data.rows)
        funding = {line.source: line for line in data.funding}
        return (data.goal_expected, data.goal_actual, data.notes, funding, rows)

    return cells(stored) == cells(wanted)


def _evaluation_load(
    result: DemoEvaluationsResult,
    seed: EvaluationSeed,
    project: Project,
    policy: ScoringPolicy,
    categories: dict[tuple[str, str], IndicatorCategory],
) -> DemoEvaluation:
    """Enter the printed table through the services; save only when a cell differs."""
    filing = Filing.objects.filter(project=project).first()
    created = filing is None
    if filing is None:
        filing = evaluation_create(project=project, by=None, start="blank")
        result.created[Filing] += 1
    wanted = _evaluation_data(seed, categories)
    evaluation = ProjectEvaluation.objects.prefetch_related("rows", "funding_lines").get(
        filing=filing
    )
    stored = evaluation_data_of(evaluation)
    if _same_cells(stored, wanted):
        computed = evaluation_compute(
            data=stored,
            policy=policy,
            categories=categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT),
        )
    else:
        # Keep the saved rows' ids, position by position, so their history stays attached.
        ids = [row.row_id for row in stored.rows]
        rows = tuple(
            replace(row, row_id=ids[index] if index < len(ids) else None)
            for index, row in enumerate(wanted.rows)
        )
        saved = evaluation_save(
            filing=filing,
            by=None,
            base_version=filing.version,
            data=replace(wanted, rows=rows),
            policy=policy,
        )
        filing, computed = saved.filing, saved.computed
        if not created:
            result.updated[Filing] += 1
    errors, warnings = summarize(computed.findings)
    return DemoEvaluation(
        project=project.name,
        version=filing.version,
        total=scoring.round_score(computed.result.total) if computed.points else None,
        grade=computed.result.grade if computed.points else "",
        error_count=errors,
        warning_count=warnings,
        findings=tuple(computed.findings),
    )
