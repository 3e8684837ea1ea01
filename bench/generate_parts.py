"""The builder behind bench/generate.py: set-up and templates through the services, copies in bulk.

Every copy of a template filing gets its own rows (new ids) and the template's cells with the
row ids in their keys replaced, so snapshots, revisions and review rows name rows that exist.
"""

import datetime
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.budgets.models import FiscalYear, Project
from apps.filings.derived import submitted_at_refresh
from apps.filings.models import Filing
from apps.organizations.models import Department, FinanceBureau
from apps.reviews.derived import review_columns_refresh
from bench.generate_history import history_write
from bench.generate_templates import (
    DEPARTMENT_CHILDREN,
    PROJECT_CHILDREN,
    Template,
    department_template,
    policies_ensure,
    project_template,
)

BATCH = 5000
S = Filing.Status
REVIEWED = (S.IN_REVIEW, S.RETURNED, S.APPROVED, S.PUBLISHED)


@dataclass
class Plan:
    """One filing to copy: its template, state and the rows it will get."""

    filing: Filing
    template: Template
    filer: User
    reviewer: User | None = None
    ids: dict[str, dict[str, str]] = field(default_factory=dict)  # section → old id → new id


class Builder:
    def __init__(self, spec, rng, password: str, log) -> None:
        self.spec, self.rng, self.password, self.log = spec, rng, password, log
        self.clock = time.perf_counter()
        self.manifest: dict = {"password": password}

    def _step(self, what: str) -> None:
        now = time.perf_counter()
        self.log(f"  {what}: {now - self.clock:.1f} s")
        self.clock = now

    def build(self) -> dict:
        with transaction.atomic():
            self._setup()
            self._departments()
            self._projects()
            self._templates()
        self._copies()
        # Bulk inserts pass by the receivers that keep a filing's derived columns: derive them.
        step = time.perf_counter()
        submitted_at_refresh()
        review_columns_refresh()
        self.log(f"derived columns: {time.perf_counter() - step:.1f} s")
        self.manifest["counts"] = {
            "departments": Department.objects.filter(parent=None).count(),
            "units": Department.objects.exclude(parent=None).count(),
            "projects": Project.objects.count(),
            "filings": Filing.objects.count(),
            "indicator_rows": _rows_count(),
            "users": User.objects.count(),
        }
        return self.manifest

    # -- set-up ------------------------------------------------------------------------------

    def _setup(self) -> None:
        spec = self.spec
        self.bureau = FinanceBureau.objects.create(
            name="基准市财政局", region_code="519900", level=FinanceBureau.Level.COUNTY
        )
        today = timezone.localdate()
        self.year = FiscalYear.objects.create(
            bureau=self.bureau,
            year=today.year - 1,
            filing_opens=today - datetime.timedelta(days=30),
            filing_closes=today + datetime.timedelta(days=90),
            status=FiscalYear.Status.OPEN,
        )
        self.policies = policies_ensure(self.year)
        self.hash = make_password(self.password)
        self.admin = User.objects.create(username="bench_admin", password=self.hash)
        self.reviewers = User.objects.bulk_create(
            User(
                username=f"bench_reviewer{r + 1:02d}",
                full_name=f"复核人{r + 1:02d}",
                password=self.hash,
            )
            for r in range(spec.reviewers)
        )
        BureauMembership.objects.bulk_create(
            [BureauMembership(user=self.admin, bureau=self.bureau, role="admin")]
            + [
                BureauMembership(user=u, bureau=self.bureau, role="reviewer")
                for u in self.reviewers
            ]
        )
        self.manifest |= {
            "bureau": self.bureau.pk,
            "fiscal_year": self.year.pk,
            "admin": self.admin.username,
            "reviewer": self.reviewers[0].username,
            "reviewers": [u.username for u in self.reviewers],
        }
        self._step("bureau, year, policies, reviewers")

    def _departments(self) -> None:
        n = self.spec.departments
        self.departments = Department.objects.bulk_create(
            Department(
                bureau=self.bureau,
                name=f"基准部门{d:04d}",
                budget_code=f"{100000 + d}",
                contact_person=f"联系人{d:04d}",
                authorized_headcount=20 + d % 40,
            )
            for d in range(n)
        )
        Department.objects.bulk_create(
            (
                Department(
                    bureau=self.bureau,
                    parent=dept,
                    name=f"{dept.name}下属单位{u + 1}",
                    budget_code=f"{dept.budget_code}{u + 1:02d}",
                    nature=Department.Nature.PUBLIC_INSTITUTION,
                )
                for d, dept in enumerate(self.departments)
                for u in range(d % 3)
            ),
            batch_size=BATCH,
        )
        self.filers = User.objects.bulk_create(
            (
                User(username=f"filer{d:04d}", full_name=f"填报人{d:04d}", password=self.hash)
                for d in range(n)
            ),
            batch_size=BATCH,
        )
        DepartmentMembership.objects.bulk_create(
            (
                DepartmentMembership(user=user, department=dept, role="filer")
                for user, dept in zip(self.filers, self.departments, strict=True)
            ),
            batch_size=BATCH,
        )
        self.names = {d.pk: d.name for d in self.departments}
        self._step(f"{n} departments with units, filers")

    def _projects(self) -> None:
        rng = self.rng
        self.projects = Project.objects.bulk_create(
            (
                Project(
                    department=dept,
                    fiscal_year=self.year,
                    name=f"{dept.name}专项业务经费项目{p + 1:02d}",
                    code=f"P{p + 1:03d}",
                    competent_department=dept.name,
                    implementing_unit=dept.name,
                    # 2–13 万元: the department's 项目支出 (the demo seed's) covers ten of them.
                    initial_budget=Decimal(rng.randrange(20, 130) * 1000),
                    adjusted_budget=Decimal(rng.randrange(20, 130) * 1000),
                )
                for dept in self.departments
                for p in range(self.spec.projects)
            ),
            batch_size=BATCH,
        )
        self._step(f"{len(self.projects)} projects")

    # -- templates through the services ------------------------------------------------------

    def _templates(self) -> None:
        """The live departments' drafts, written by the services; they are the templates."""
        spec, per = self.spec, self.spec.projects
        self.project_templates: list[Template] = []
        self.department_template: Template | None = None
        live = []
        self.written: set[int] = set()
        for d in range(spec.live):
            dept, filer = self.departments[d], self.filers[d]
            small = self.projects[d * per]
            big = self.projects[d * per + 1]
            t15 = project_template(small, filer, self.policies, variant=d % 4, rows=spec.rows)
            t60 = project_template(big, filer, self.policies, variant=d % 4, rows=60)
            dt = department_template(dept, self.year, filer, self.policies, variant=d)
            if d < 4:
                self.project_templates.append(t15)
            self.department_template = self.department_template or dt
            self.written |= {small.pk, big.pk}
            live.append(
                {
                    "filer": filer.username,
                    "department": dept.pk,
                    "project_15": t15.filing.pk,
                    "project_60": t60.filing.pk,
                    "department_filing": dt.filing.pk,
                }
            )
        self.live_departments = {self.departments[d].pk for d in range(spec.live)}
        self.manifest["live"] = live
        self._step(f"{len(live) * 3} template filings through the services")

    # -- copies in bulk ----------------------------------------------------------------------

    def _state(self) -> str:
        roll = self.rng.randrange(100)
        for state, share in _STATES:
            if roll < share:
                return state
            roll -= share
        return S.APPROVED

    def _copies(self) -> None:
        filer_of = dict(zip((d.pk for d in self.departments), self.filers, strict=True))
        plans: list[Plan] = []
        dt = self.department_template
        for dept in self.departments:
            if dept.pk in self.live_departments:
                continue
            state = self._state()
            if state != "not_started" and dt is not None:
                plans.append(self._plan(dt, state, dept.pk, None, filer_of[dept.pk]))
        for project in self.projects:
            if project.pk in self.written:
                continue
            state = self._state()
            if state == "not_started":
                continue
            template = self.project_templates[project.pk % len(self.project_templates)]
            plans.append(
                self._plan(
                    template,
                    state,
                    project.department_id,
                    project.pk,
                    filer_of[project.department_id],
                )
            )
        self.log(f"  planned {len(plans)} copies")
        for start in range(0, len(plans), BATCH):
            with transaction.atomic():
                self._write(plans[start : start + BATCH])
            done = min(start + BATCH, len(plans))
            self.log(f"  copies {done:>7}/{len(plans)}: {time.perf_counter() - self.clock:.1f} s")
        self._step("copies")
        self._manifest_reviews()

    def _plan(self, template, state, department_id, project_id, filer) -> Plan:
        t = template.filing
        filing = Filing(
            kind=t.kind,
            department_id=department_id,
            fiscal_year=self.year,
            project_id=project_id,
            status=state,
            version=t.version,
            updated_by=filer,
            total_score=t.total_score,
            grade=t.grade,
            execution_rate=t.execution_rate,
            error_count=t.error_count,
            warning_count=t.warning_count,
        )
        reviewer = None
        if state in REVIEWED:
            reviewer = self.reviewers[self.rng.randrange(len(self.reviewers))]
        return Plan(filing=filing, template=template, filer=filer, reviewer=reviewer)

    def _write(self, plans: list[Plan]) -> None:
        Filing.objects.bulk_create([p.filing for p in plans])
        details = {}
        for plan in plans:
            detail = plan.template.detail
            copy = type(detail)(**_fields(detail, exclude={"filing"}), filing=plan.filing)
            details[plan.filing.pk] = copy
        models = {type(d) for d in details.values()}
        for model in models:
            model.objects.bulk_create([d for d in details.values() if type(d) is model])
        for children in (PROJECT_CHILDREN, DEPARTMENT_CHILDREN):
            for section, model, parent in children:
                mine = [p for p in plans if p.template.children is children]
                pairs = []
                for plan in mine:
                    for row in plan.template.rows[section]:
                        values = _fields(row, exclude={parent})
                        if section == "finance" and row.unit_id == plan.template.department_id:
                            values["unit"] = plan.filing.department_id
                            values["name"] = self.names[plan.filing.department_id]
                        pairs.append(
                            (
                                plan,
                                row.pk,
                                model(**_fk(model, values), **{f"{parent}_id": plan.filing.pk}),
                            )
                        )
                model.objects.bulk_create([obj for _p, _old, obj in pairs])
                for plan, old, obj in pairs:
                    plan.ids.setdefault(section, {})[str(old)] = str(obj.pk)
        history_write(plans, self.admin)

    def _manifest_reviews(self) -> None:
        """Submitted project filings nobody is assigned to: each decision takes the next one."""
        submitted = Filing.objects.filter(kind="project", status=S.SUBMITTED).order_by("pk")
        first = self.reviewers[0]
        in_review = (
            Filing.objects.filter(kind="project", status=S.IN_REVIEW, assignments__reviewer=first)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.manifest |= {
            "review_page": in_review.first() or submitted.values_list("pk", flat=True).first(),
            "to_decide": list(submitted.values_list("pk", flat=True)),
            "department_filing": self.manifest["live"][0]["department_filing"],
        }


_STATES = (
    ("not_started", 4),
    (S.DRAFT, 22),
    (S.SUBMITTED, 14),
    (S.IN_REVIEW, 12),
    (S.RETURNED, 8),
    (S.APPROVED, 25),
    (S.PUBLISHED, 15),
)


def _fields(instance, exclude: set[str]) -> dict:
    skip = {"id", "created_at", "updated_at", *exclude}
    return {k: v for k, v in model_to_dict(instance).items() if k not in skip}


def _fk(model, values: dict) -> dict:
    """model_to_dict gives foreign keys as ids: pass them as <name>_id."""
    out = {}
    for name, value in values.items():
        f = model._meta.get_field(name)
        out[f.attname if f.is_relation else name] = value
    return out


def _rows_count() -> int:
    from apps.project_evaluations.models import IndicatorRow

    return IndicatorRow.objects.count()
