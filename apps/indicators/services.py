"""Writes on a bureau's indicator frameworks: taxonomy and scoring policies."""

from decimal import Decimal

from django.db import transaction

from apps.budgets.models import FiscalYear
from apps.organizations.models import FinanceBureau

from . import scoring
from .models import Framework, IndicatorCategory, PolicyGroupWeight, ScoringPolicy

# DESIGN §3: the national standard level-1 and level-2 indicators. Their default weights are
# the engine's (DESIGN §4); 成本指标 as its own level 1 (101号) has none. Both frameworks start
# from this tree (DESIGN §5 lists the same groups for the department's 定量目标); a bureau
# edits each framework's tree on its own afterwards.
_STANDARD_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_DEFAULT_WEIGHTS = scoring.ScoringPolicy().group_weights
STANDARD_TREE: tuple[tuple[str, Decimal | None, tuple[str, ...]], ...] = tuple(
    (name, _DEFAULT_WEIGHTS.get(name), children) for name, children in _STANDARD_LEVELS
)


@transaction.atomic
def taxonomy_ensure_standard(
    *, bureau: FinanceBureau, framework: Framework = Framework.PROJECT
) -> list[IndicatorCategory]:
    """Create the standard indicators a bureau's framework lacks; return its level-2 ones."""
    level2: list[IndicatorCategory] = []
    for position, (name, _weight, children) in enumerate(STANDARD_TREE):
        parent, _created = IndicatorCategory.objects.get_or_create(
            bureau=bureau,
            framework=framework,
            parent=None,
            name=name,
            defaults={"level": 1, "position": position},
        )
        for child_position, child in enumerate(children):
            category, _created = IndicatorCategory.objects.get_or_create(
                bureau=bureau,
                framework=framework,
                parent=parent,
                name=child,
                defaults={"level": 2, "position": child_position},
            )
            level2.append(category)
    return level2


@transaction.atomic
def scoring_policy_ensure(
    *, fiscal_year: FiscalYear, framework: Framework = Framework.PROJECT
) -> ScoringPolicy:
    """The year's policy of a framework, created with the national defaults when it is missing."""
    policy, created = ScoringPolicy.objects.get_or_create(
        fiscal_year=fiscal_year, framework=framework
    )
    if created:
        taxonomy_ensure_standard(bureau=fiscal_year.bureau, framework=framework)
        for name, weight, _children in STANDARD_TREE:
            if weight is None:
                continue
            category = IndicatorCategory.objects.get(
                bureau=fiscal_year.bureau, framework=framework, parent=None, name=name
            )
            PolicyGroupWeight.objects.create(policy=policy, category=category, weight=weight)
    return policy
