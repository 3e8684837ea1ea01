"""Writing the demo department filings through the services; run after the project demo.

The department filings read the project filings (Σ executed against 项目支出, the 打分表 rows
computed from the projects), so apps.budgets.demo and apps.project_evaluations.demo load first.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import models, transaction

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing
from apps.indicators.models import Framework, IndicatorCategory, Rubric, ScoringPolicy
from apps.indicators.rubrics import rubric_copy
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from apps.organizations.models import Department, FinanceBureau

from .. import kind, selectors
from ..checks import Finding, summarize
from ..data import DepartmentData, OutputData
from ..models import KIND
from ..services import department_create, department_save
from .ebian import SEED as EBIAN
from .lishui import SEED as LISHUI
from .seeds import DepartmentSeed, PolicySeed, Setting
from .yunxi import SEED as YUNXI
from .yuxi import SEED as YUXI

SEEDS: tuple[DepartmentSeed, ...] = (LISHUI, YUNXI, EBIAN, YUXI)

# The shipped 打分表 (indicators migration 0005) a bureau copies.
SHIPPED_RUBRIC = ("部门整体绩效自评打分表", 1)

DEMO_DEPARTMENT_MODELS: tuple[type[models.Model], ...] = (
    ScoringPolicy,
    IndicatorCategory,
    Rubric,
    Filing,
)


@dataclass(frozen=True)
class DemoDepartment:
    """What the rules say about one demo department filing, as kind.loaded computes it."""

    department: str
    year: int
    version: int
    total: Decimal | None  # the filing's 综合得分 (declared or computed), 2 places
    grade: str
    error_count: int
    warning_count: int
    findings: tuple[Finding, ...]


@dataclass
class DemoDepartmentsResult:
    created: Counter[type[models.Model]] = field(default_factory=Counter)
    updated: Counter[type[models.Model]] = field(default_factory=Counter)
    departments: list[DemoDepartment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)


@transaction.atomic
def demo_departments_load() -> DemoDepartmentsResult:
    """Create or refresh the demo department policies and filings (idempotent)."""
    result = DemoDepartmentsResult()
    for seed in SEEDS:
        fiscal_year = FiscalYear.objects.select_related("bureau").get(
            bureau__region_code=seed.bureau.region_code, year=seed.bureau.year
        )
        categories = _taxonomy_load(result, fiscal_year.bureau)
        policy = _policy_load(result, seed.policy, fiscal_year)
        department = Department.objects.get(bureau=fiscal_year.bureau, name=seed.department)
        result.departments.append(
            _filing_load(result, seed, department, fiscal_year, policy, categories)
        )
    return result


def _taxonomy_load(
    result: DemoDepartmentsResult, bureau: FinanceBureau
) -> dict[tuple[str, str], int]:
    """The bureau's standard department indicators, by (level-1 name, level-2 name)."""
    tree = IndicatorCategory.objects.filter(bureau=bureau, framework=Framework.DEPARTMENT)
    before = tree.count()
    level2 = taxonomy_ensure_standard(bureau=bureau, framework=Framework.DEPARTMENT)
    result.created[IndicatorCategory] += tree.count() - before
    parents = {c.pk: c.name for c in tree.filter(level=1)}
    return {(parents[c.parent_id], c.name): c.pk for c in level2 if c.parent_id}


def _rubric_load(result: DemoDepartmentsResult, bureau: FinanceBureau) -> Rubric:
    """The bureau's copy of the shipped 打分表: the one made before, else a new copy."""
    name, version = SHIPPED_RUBRIC
    shipped = Rubric.objects.get(bureau=None, name=name, version=version)
    copy = Rubric.objects.filter(bureau=bureau, based_on=shipped).order_by("version").first()
    if copy is None:
        copy = rubric_copy(rubric=shipped, bureau=bureau)
        result.created[Rubric] += 1
    return copy


def _policy_load(
    result: DemoDepartmentsResult, seed: PolicySeed, fiscal_year: FiscalYear
) -> ScoringPolicy:
    """The year's department policy with the basis, 打分表, unit and layout of the seed's print."""
    existed = ScoringPolicy.objects.filter(
        fiscal_year=fiscal_year, framework=Framework.DEPARTMENT
    ).exists()
    policy = scoring_policy_ensure(fiscal_year=fiscal_year, framework=Framework.DEPARTMENT)
    values = {
        "department_basis": seed.basis,
        "layout": seed.layout,
        "amount_unit": seed.amount_unit,
        "rubric": _rubric_load(result, fiscal_year.bureau) if seed.rubric_copy else None,
    }
    changed = [name for name, value in values.items() if getattr(policy, name) != value]
    for name in changed:
        setattr(policy, name, values[name])
    if changed:
        policy.full_clean()
        policy.save(update_fields=[*changed, "updated_at"])
    if not existed:
        result.created[ScoringPolicy] += 1
    elif changed:
        result.updated[ScoringPolicy] += 1
    return policy


def _cells(data: DepartmentData) -> DepartmentData:
    """The data without its rows' ids: what two filings must agree on to hold the same cells."""

    def bare(rows: tuple) -> tuple:
        return tuple(replace(row, row_id=None) for row in rows)

    return replace(
        data,
        finance=bare(data.finance),
        goals=bare(data.goals),
        tasks=bare(data.tasks),
        indicators=bare(data.indicators),
        # Stored products and benefits come back section by section (OutputItem's ordering).
        outputs=bare(_by_section(data.outputs)),
        evaluators=bare(data.evaluators),
    )


def _by_section(outputs: tuple[OutputData, ...]) -> tuple[OutputData, ...]:
    """The rows section by section, in order within each (sorted() is stable)."""
    return tuple(sorted(outputs, key=lambda row: row.section))


def _with_ids(wanted: DepartmentData, stored: DepartmentData) -> DepartmentData:
    """The wanted rows with the stored rows' ids, position by position (their history stays)."""

    def ids(rows: tuple, saved: tuple) -> tuple:
        return tuple(
            replace(row, row_id=saved[index].row_id if index < len(saved) else None)
            for index, row in enumerate(rows)
        )

    return replace(
        wanted,
        finance=ids(wanted.finance, stored.finance),
        goals=ids(wanted.goals, stored.goals),
        tasks=ids(wanted.tasks, stored.tasks),
        indicators=ids(wanted.indicators, stored.indicators),
        outputs=_output_ids(wanted.outputs, stored.outputs),
        evaluators=ids(wanted.evaluators, stored.evaluators),
    )


def _output_ids(
    wanted: tuple[OutputData, ...], stored: tuple[OutputData, ...]
) -> tuple[OutputData, ...]:
    """The wanted products and benefits with the stored ids, position by position per section."""
    saved: dict[str, list[int | None]] = {}
    for row in stored:
        saved.setdefault(row.section, []).append(row.row_id)
    return tuple(
        replace(row, row_id=saved[row.section].pop(0) if saved.get(row.section) else None)
        for row in wanted
    )


def _filing_load(
    result: DemoDepartmentsResult,
    seed: DepartmentSeed,
    department: Department,
    fiscal_year: FiscalYear,
    policy: ScoringPolicy,
    categories: dict[tuple[str, str], int],
) -> DemoDepartment:
    """Enter the printed filing through the services; save only when a cell differs."""
    filing = Filing.objects.filter(
        kind=KIND, department=department, fiscal_year=fiscal_year, project__isnull=True
    ).first()
    created = filing is None
    if filing is None:
        filing = department_create(department=department, fiscal_year=fiscal_year, by=None)
        result.created[Filing] += 1
    evaluation = selectors.evaluation_of(selectors.with_detail(filing))
    items = tuple(item.item_id for item in selectors.rubric_items(evaluation.rubric))
    setting = Setting(department_id=department.pk, categories=categories, rubric_items=items)
    wanted = seed.build(setting)
    stored = selectors.data_of(evaluation)
    if _cells(stored) != _cells(wanted):
        filing = department_save(
            filing=filing,
            by=None,
            base_version=filing.version,
            data=_with_ids(wanted, stored),
            policy=policy,
        ).filing
        if not created:
            result.updated[Filing] += 1
    fresh, _data, _context, computed = kind.loaded(filing)
    errors, warnings = summarize(computed.findings)
    return DemoDepartment(
        department=department.name,
        year=fiscal_year.year,
        version=fresh.version,
        total=fresh.total_score,
        grade=fresh.grade,
        error_count=errors,
        warning_count=warnings,
        findings=tuple(computed.findings),
    )
