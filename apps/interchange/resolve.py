"""Match or make what an imported document refers to, by natural key (docs/interchange.md):
the bureau, the year, users, departments, projects, categories, scoring sheets, policies."""

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.budgets.models import FiscalYear, Project
from apps.indicators.models import (
    IndicatorCategory,
    PolicyGroupWeight,
    Rubric,
    RubricItem,
    ScoringPolicy,
)
from apps.narratives.models import ReportOutline
from apps.organizations.models import Department, FinanceBureau

from . import fields
from .reference import restamp, rubric_items
from .schema import FormatError, items, need, values


@dataclass
class Resolved:
    """The objects of this database the document's natural keys name."""

    bureau: FinanceBureau
    year: FiscalYear
    departments: dict[str, Department] = field(default_factory=dict)
    projects: dict[tuple[str, str], Project] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    categories: dict[tuple[str, ...], IndicatorCategory] = field(default_factory=dict)
    rubrics: dict[tuple, tuple[Rubric, list[RubricItem]]] = field(default_factory=dict)
    # Evidence files written to storage: removed again when the import does not commit.
    written: list[str] = field(default_factory=list)

    def rubric(self, key: Any, path: str) -> tuple[Rubric, list[RubricItem]]:
        if not isinstance(key, dict):
            raise FormatError(path, _("a scoring sheet is named by bureau, name and version"))
        found = self.rubrics.get((key.get("bureau"), key.get("name"), key.get("version")))
        if found is None:
            raise FormatError(path, _("no such scoring sheet in reference.rubrics"))
        return found

    def category(self, path_value: Any, path: str) -> IndicatorCategory:
        found = self.categories.get(tuple(path_value)) if isinstance(path_value, list) else None
        if found is None:
            raise FormatError(path, _("no such indicator category in the reference"))
        return found

    def user(self, username: Any, path: str) -> User | None:
        if username is None:
            return None
        if username not in self.users:
            raise FormatError(path, _("no such user in reference.users"))
        return self.users[username]

    def someone(self, username: Any, path: str) -> User:
        """The user of a field that names one (never empty)."""
        user = self.user(username, path)
        if user is None:
            raise FormatError(path, _("a value is required"))
        return user

    def department(self, code: Any, path: str) -> Department:
        if code not in self.departments:
            raise FormatError(path, _("no such department in reference.departments"))
        return self.departments[code]


def _get_or_create(model, lookup: dict, record: dict, names: tuple[str, ...], path: str, **extra):
    """The object the lookup finds, or one made from the record (timestamps kept)."""
    found = model._default_manager.filter(**lookup).first()
    if found is not None:
        return found
    data = {**values(model, record, names, path), **extra}
    try:
        with transaction.atomic():
            made = model._default_manager.create(**data)
    except IntegrityError:
        raise FormatError(path, _("clashes with what this database already holds")) from None
    restamp(made, record)
    return made


def _users(resolved: Resolved, reference: Any) -> None:
    for path, record in items(reference, "users", "reference"):
        data = values(User, record, fields.USER, path, stamps=False)
        user = User.objects.filter(username=data["username"]).first()
        if user is None:
            # Never a password: an administrator activates the account and sets one.
            user = User(**data, is_active=False)
            user.set_unusable_password()
            user.save()
        resolved.users[user.username] = user


def _departments(resolved: Resolved, reference: Any) -> None:
    records = items(reference, "departments", "reference")
    for path, record in records:
        code = need(record, "budget_code", path)
        resolved.departments[code] = _get_or_create(
            Department,
            {"bureau": resolved.bureau, "budget_code": code},
            record,
            fields.DEPARTMENT,
            path,
            bureau=resolved.bureau,
        )
    for path, record in records:
        parent = need(record, "parent", path)
        department = resolved.departments[record["budget_code"]]
        if parent is not None and department.parent_id is None:
            department.parent = resolved.department(parent, f"{path}.parent")
            Department.objects.filter(pk=department.pk).update(parent=department.parent)
    for path, record in items(reference, "projects", "reference"):
        department = resolved.department(need(record, "department", path), f"{path}.department")
        key = (department.budget_code, need(record, "code", path))
        resolved.projects[key] = _get_or_create(
            Project,
            {"department": department, "fiscal_year": resolved.year, "code": key[1]},
            record,
            fields.PROJECT,
            path,
            department=department,
            fiscal_year=resolved.year,
        )


def _categories_import(resolved: Resolved, reference: Any) -> None:
    bureau = resolved.bureau
    for path, record in items(reference, "indicator_categories", "reference"):
        framework = need(record, "framework", path)
        top = _get_or_create(
            IndicatorCategory,
            {"bureau": bureau, "framework": framework, "parent": None, "name": record.get("name")},
            record,
            fields.CATEGORY,
            path,
            bureau=bureau,
            framework=framework,
            level=1,
        )
        resolved.categories[(framework, top.name)] = top
        for child_path, child in items(record, "children", path):
            made = _get_or_create(
                IndicatorCategory,
                {"bureau": bureau, "parent": top, "name": need(child, "name", child_path)},
                child,
                fields.CATEGORY,
                child_path,
                bureau=bureau,
                framework=framework,
                parent=top,
                level=2,
            )
            resolved.categories[(framework, top.name, made.name)] = made


def _rubrics(resolved: Resolved, reference: Any) -> None:
    for path, record in items(reference, "rubrics", "reference"):
        region = need(record, "bureau", path)
        if region not in (None, resolved.bureau.region_code):
            raise FormatError(f"{path}.bureau", _("a scoring sheet of another bureau"))
        bureau = resolved.bureau if region else None
        rubric = _get_or_create(
            Rubric,
            {"bureau": bureau, "name": record.get("name"), "version": record.get("version")},
            record,
            fields.RUBRIC,
            path,
            bureau=bureau,
        )
        rows = items(record, "items", path)
        existing = rubric_items(rubric)
        if not existing:
            for row_path, row in rows:
                made = RubricItem.objects.create(
                    rubric=rubric, **values(RubricItem, row, fields.RUBRIC_ITEM, row_path)
                )
                restamp(made, row)
            existing = rubric_items(rubric)
        elif len(existing) != len(rows):
            raise FormatError(
                f"{path}.items",
                _("this database's scoring sheet of that name and version has other rows"),
            )
        resolved.rubrics[(region, rubric.name, rubric.version)] = (rubric, existing)
    for path, record in items(reference, "rubrics", "reference"):
        based_on = need(record, "based_on", path)
        rubric = resolved.rubric(record, path)[0]
        if based_on is not None and rubric.based_on_id is None:
            rubric.based_on = resolved.rubric(based_on, f"{path}.based_on")[0]
            Rubric.objects.filter(pk=rubric.pk).update(based_on=rubric.based_on)


def _outlines(resolved: Resolved, reference: Any) -> None:
    for path, record in items(reference, "report_outlines", "reference"):
        kind = need(record, "filing_kind", path)
        _get_or_create(
            ReportOutline,
            {"fiscal_year": resolved.year, "filing_kind": kind},
            record,
            fields.OUTLINE,
            path,
            fiscal_year=resolved.year,
        )


def _policies(resolved: Resolved, reference: Any) -> None:
    for path, record in items(reference, "scoring_policies", "reference"):
        framework = need(record, "framework", path)
        rubric_record = need(record, "rubric", path)
        rubric = resolved.rubric(rubric_record, f"{path}.rubric")[0] if rubric_record else None
        lookup = {"fiscal_year": resolved.year, "framework": framework}
        if ScoringPolicy.objects.filter(**lookup).exists():
            continue
        policy = _get_or_create(
            ScoringPolicy, lookup, record, fields.POLICY, path, fiscal_year=resolved.year
        )
        ScoringPolicy.objects.filter(pk=policy.pk).update(rubric=rubric)
        for weight_path, weight in items(record, "group_weights", path):
            category = resolved.category(
                need(weight, "category", weight_path), f"{weight_path}.category"
            )
            made = PolicyGroupWeight.objects.create(
                policy=policy,
                category=category,
                **values(PolicyGroupWeight, weight, ("weight",), weight_path),
            )
            restamp(made, weight)


def reference_import(document: dict[str, Any]) -> Resolved:
    """Match or make every object the document refers to; FormatError on a bad record."""
    bureau_record = need(document, "bureau", "")
    region = need(bureau_record, "region_code", "bureau")
    bureau = _get_or_create(
        FinanceBureau, {"region_code": region}, bureau_record, fields.BUREAU, "bureau"
    )
    year_record = need(document, "fiscal_year", "")
    year = _get_or_create(
        FiscalYear,
        {"bureau": bureau, "year": need(year_record, "year", "fiscal_year")},
        year_record,
        fields.FISCAL_YEAR,
        "fiscal_year",
        bureau=bureau,
    )
    resolved = Resolved(bureau=bureau, year=year)
    reference = need(document, "reference", "")
    _users(resolved, reference)
    _departments(resolved, reference)
    _categories_import(resolved, reference)
    _rubrics(resolved, reference)
    _policies(resolved, reference)
    _outlines(resolved, reference)
    return resolved
