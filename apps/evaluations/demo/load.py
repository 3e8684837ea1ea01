"""Writing the demo self-evaluations through the services; run after apps.budgets.demo."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import models, transaction

from apps.budgets.demo import EBIAN, YUXI
from apps.budgets.models import FiscalYear, Project
from apps.indicators import scoring
from apps.indicators.models import (
    Framework,
    IndicatorCategory,
    LibraryIndicator,
    PolicyGroupWeight,
    ScoringPolicy,
)
from apps.indicators.services import (
    STANDARD_TREE,
    scoring_policy_ensure,
    taxonomy_ensure_standard,
)
from apps.organizations.models import FinanceBureau

from ..checks import Finding, summarize
from ..data import EvaluationData, RowData
from ..models import Filing, ProjectEvaluation
from ..services import (
    categories_for,
    evaluation_compute,
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
)
from .ebian import EBIAN_EVALUATIONS, EBIAN_LIBRARY
from .seeds import (
    WAN,
    YUAN,
    DepartmentEvaluationsSeed,
    EvaluationSeed,
    LibrarySeed,
    PolicySeed,
)
from .yuxi import YUXI_EVALUATIONS, YUXI_LIBRARY

SEEDS: tuple[DepartmentEvaluationsSeed, ...] = (
    DepartmentEvaluationsSeed(
        bureau=EBIAN,
        department="峨边彝族自治县信访局",
        # The table prints 项目资金（万元） and splits 中省补助资金 / 县级预算资金.
        policy=PolicySeed(amount_unit=WAN, split_fiscal_funding=True, national_group_weights=False),
        evaluations=EBIAN_EVALUATIONS,
        library=EBIAN_LIBRARY,
    ),
    DepartmentEvaluationsSeed(
        bureau=YUXI,
        department="玉溪市信访局",
        policy=PolicySeed(
            amount_unit=YUAN, split_fiscal_funding=False, national_group_weights=True
        ),
        evaluations=YUXI_EVALUATIONS,
        library=YUXI_LIBRARY,
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
    total: Decimal  # rounded to 2 places, half up
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


def _taxonomy_load(
    result: DemoEvaluationsResult, bureau: FinanceBureau, seed: DepartmentEvaluationsSeed
) -> dict[tuple[str, str], IndicatorCategory]:
    """The standard project tree plus the level-1/level-2 indicators the bureau's tables print."""
    project_tree = IndicatorCategory.objects.filter(bureau=bureau, framework=Framework.PROJECT)
    before = project_tree.count()
    taxonomy_ensure_standard(bureau=bureau, framework=Framework.PROJECT)
    pairs = [(r.level1, r.level2) for e in seed.evaluations for r in e.rows]
    pairs += [(item.level1, item.level2) for item in seed.library]
    categories: dict[tuple[str, str], IndicatorCategory] = {}
    for level1, level2 in dict.fromkeys(pairs):
        parent = _category_ensure(bureau, None, level1)
        categories[(level1, level2)] = _category_ensure(bureau, parent, level2)
    result.created[IndicatorCategory] += project_tree.count() - before
    return categories


def _category_ensure(
    bureau: FinanceBureau, parent: IndicatorCategory | None, name: str
) -> IndicatorCategory:
    """The bureau's project category; one the standard tree lacks is added after its siblings."""
    siblings = IndicatorCategory.objects.filter(
        bureau=bureau, framework=Framework.PROJECT, parent=parent
    )
    category = siblings.filter(name=name).first()
    if category is not None:
        return category
    position = max((s.position for s in siblings), default=-1) + 1
    category = IndicatorCategory(
        bureau=bureau,
        framework=Framework.PROJECT,
        parent=parent,
        level=1 if parent is None else 2,
        name=name,
        position=position,
        # Not the standard tree: a blank evaluation does not start with a row under it.
        in_standard_tree=False,
    )
    category.full_clean()
    category.save()
    return category


def _policy_load(
    result: DemoEvaluationsResult, seed: PolicySeed, fiscal_year: FiscalYear
) -> ScoringPolicy:
    """The year's project policy, from the national defaults adjusted to what the tables imply."""
    existed = ScoringPolicy.objects.filter(
        fiscal_year=fiscal_year, framework=Framework.PROJECT
    ).exists()
    policy = scoring_policy_ensure(fiscal_year=fiscal_year, framework=Framework.PROJECT)
    values = {
        "execution_weight": Decimal(10),
        "amount_unit": seed.amount_unit,
        "split_fiscal_funding": seed.split_fiscal_funding,
    }
    changed = [name for name, value in values.items() if getattr(policy, name) != value]
    for name in changed:
        setattr(policy, name, values[name])
    if changed:
        policy.full_clean()
        policy.save(update_fields=[*changed, "updated_at"])
    weights_changed = _group_weights_load(policy, fiscal_year.bureau, seed.national_group_weights)
    if not existed:
        result.created[ScoringPolicy] += 1
    elif changed or weights_changed:
        result.updated[ScoringPolicy] += 1
    return policy


def _group_weights_load(policy: ScoringPolicy, bureau: FinanceBureau, national: bool) -> bool:
    """Put the national level-1 weights on the policy, or remove them all; tell if it changed."""
    wanted: dict[int, Decimal] = {}
    if national:
        for name, weight, _children in STANDARD_TREE:
            if weight is not None:
                category = IndicatorCategory.objects.get(
                    bureau=bureau, framework=policy.framework, parent=None, name=name
                )
                wanted[category.pk] = weight
    current = {g.category_id: g for g in PolicyGroupWeight.objects.filter(policy=policy)}
    changed = False
    for category_id, group in current.items():
        if category_id not in wanted:
            group.delete()
            changed = True
        elif group.weight != wanted[category_id]:
            group.weight = wanted[category_id]
            group.save(update_fields=["weight", "updated_at"])
            changed = True
    for category_id, weight in wanted.items():
        if category_id not in current:
            PolicyGroupWeight.objects.create(policy=policy, category_id=category_id, weight=weight)
            changed = True
    return changed


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
        total=scoring.round_score(computed.result.total),
        grade=computed.result.grade,
        error_count=errors,
        warning_count=warnings,
        findings=tuple(computed.findings),
    )


def _library_load(
    result: DemoEvaluationsResult,
    seeds: Iterable[LibrarySeed],
    categories: dict[tuple[str, str], IndicatorCategory],
) -> None:
    """Add the library indicators the bureau lacks; ones it has are left as the admin left them."""
    for item in seeds:
        _indicator, created = LibraryIndicator.objects.get_or_create(
            category=categories[(item.level1, item.level2)],
            name=item.name,
            defaults={
                "comparator": item.comparator,
                "target": item.target,
                "unit": item.unit,
                "explanation": item.explanation,
            },
        )
        if created:
            result.created[LibraryIndicator] += 1
