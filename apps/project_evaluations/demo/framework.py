"""What the demo self-evaluations rest on: the bureau's project taxonomy, policy and library."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from apps.budgets.models import FiscalYear
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

from .seeds import DepartmentEvaluationsSeed, LibrarySeed, PolicySeed

if TYPE_CHECKING:
    from .load import DemoEvaluationsResult


def _taxonomy_load(
    result: "DemoEvaluationsResult", bureau: FinanceBureau, seed: DepartmentEvaluationsSeed
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
    result: "DemoEvaluationsResult", seed: PolicySeed, fiscal_year: FiscalYear
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
        "layout": seed.layout,
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


def _library_load(
    result: "DemoEvaluationsResult",
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
