"""What the filings refer to, by natural key: the bureau, the year, departments, projects,
users, indicator categories, scoring sheets (打分表) and the year's scoring policies."""

from typing import Any

from django.db import models

from apps.accounts.models import User
from apps.budgets.models import FiscalYear, Project
from apps.indicators.models import (
    IndicatorCategory,
    Rubric,
    RubricItem,
    ScoringPolicy,
)
from apps.narratives.models import ReportOutline
from apps.organizations.models import Department, FinanceBureau

from . import fields, schema
from .schema import dump


def restamp(obj: models.Model, record: dict[str, Any]) -> None:
    """Give a created object the document's created_at and updated_at (auto_now overrode them)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(
        **{name: record[name] for name in schema.STAMPS}
    )


def category_path(category: IndicatorCategory) -> list[str]:
    """[framework, 一级指标, 二级指标] (or [framework, 一级指标] for a level-1 category)."""
    parent = category.parent
    names = [parent.name, category.name] if parent is not None else [category.name]
    return [category.framework, *names]


def rubric_key(rubric: Rubric) -> dict[str, Any]:
    bureau = rubric.bureau
    region = bureau.region_code if bureau is not None else None
    return {"bureau": region, "name": rubric.name, "version": rubric.version}


def rubric_items(rubric: Rubric) -> list[RubricItem]:
    """The rows of a scoring sheet in their order; a ref "#n" is the n-th."""
    return list(rubric.items.order_by("position", "id"))


def _categories(bureau: FinanceBureau) -> list[dict[str, Any]]:
    records = []
    for top in IndicatorCategory.objects.filter(bureau=bureau, level=1).order_by(
        "framework", "position", "name"
    ):
        children = top.children.order_by("position", "name")
        record = {"framework": top.framework, **dump(top, fields.CATEGORY)}
        record["children"] = [dump(child, fields.CATEGORY) for child in children]
        records.append(record)
    return records


def _rubric(rubric: Rubric) -> dict[str, Any]:
    record = {**rubric_key(rubric), **dump(rubric, (), stamps=True)}
    record["based_on"] = rubric_key(rubric.based_on) if rubric.based_on is not None else None
    record["items"] = [dump(item, fields.RUBRIC_ITEM) for item in rubric_items(rubric)]
    return record


def _policy(policy: ScoringPolicy) -> dict[str, Any]:
    record = dump(policy, fields.POLICY)
    record["rubric"] = rubric_key(policy.rubric) if policy.rubric is not None else None
    record["group_weights"] = [
        {"category": category_path(weight.category), **dump(weight, ("weight",))}
        for weight in policy.group_weights.select_related("category__parent").order_by(
            "category__position", "category__name"
        )
    ]
    return record


def reference_export(year: FiscalYear, users: set[User], rubrics: set[Rubric]) -> dict[str, Any]:
    bureau = year.bureau
    policies = list(year.scoring_policies.order_by("framework"))
    rubrics = rubrics | {policy.rubric for policy in policies if policy.rubric is not None}
    while sources := _sources(rubrics) - rubrics:  # the versions they were copied from
        rubrics |= sources
    departments = Department.objects.filter(bureau=bureau).select_related("parent")
    projects = Project.objects.filter(fiscal_year=year).select_related("department")
    return {
        "departments": [
            {**dump(d, fields.DEPARTMENT), "parent": d.parent.budget_code if d.parent else None}
            for d in departments.order_by("budget_code")
        ],
        "projects": [
            {"department": p.department.budget_code, **dump(p, fields.PROJECT)}
            for p in projects.order_by("department__budget_code", "code")
        ],
        "users": [dump(u, fields.USER, stamps=False) for u in sorted(users, key=_username)],
        "indicator_categories": _categories(bureau),
        "rubrics": [
            _rubric(r) for r in sorted(rubrics, key=lambda r: (r.bureau_id or 0, r.name, r.version))
        ],
        "scoring_policies": [_policy(policy) for policy in policies],
        "report_outlines": [
            dump(outline, fields.OUTLINE)
            for outline in ReportOutline.objects.filter(fiscal_year=year).order_by("filing_kind")
        ],
    }


def _sources(rubrics: set[Rubric]) -> set[Rubric]:
    return {r.based_on for r in rubrics if r.based_on is not None}


def _username(user: User) -> str:
    return user.username
