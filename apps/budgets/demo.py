"""Demo data taken from the five seed filings (/work/shared/seeds), and the service that loads it.

Figures are copied as printed: 万元 amounts go through ``wan`` (× 10000, exact), seed 003
prints 元 and goes through ``Decimal`` unchanged. Anything not in a seed is marked INVENTED.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.accounts.services import (
    bureau_membership_grant,
    department_membership_grant,
    user_sync_staff,
)
from apps.core.money import wan_to_yuan
from apps.organizations.models import Department, FinanceBureau

from .models import FiscalYear, Project

DEMO_PASSWORD = "jixiao-demo"

M = TypeVar("M", bound=models.Model)

ADMINISTRATIVE = Department.Nature.ADMINISTRATIVE
PUBLIC_INSTITUTION = Department.Nature.PUBLIC_INSTITUTION


def wan(amount: str) -> Decimal:
    """An amount printed in 万元, in 元."""
    return wan_to_yuan(Decimal(amount))


@dataclass(frozen=True)
class PersonSeed:
    username: str
    full_name: str


@dataclass(frozen=True)
class ProjectSeed:
    code: str
    name: str
    initial_budget: Decimal
    adjusted_budget: Decimal
    # Blank means "the department itself", which is what every seed prints when it prints them.
    competent_department: str = ""
    implementing_unit: str = ""


@dataclass(frozen=True)
class DepartmentSeed:
    name: str
    budget_code: str
    nature: str = ADMINISTRATIVE
    contact_person: str = ""
    contact_phone: str = ""
    authorized_headcount: int = 0
    units: tuple["DepartmentSeed", ...] = ()
    projects: tuple[ProjectSeed, ...] = ()
    filer: PersonSeed | None = None
    head: PersonSeed | None = None


@dataclass(frozen=True)
class BureauSeed:
    name: str
    region_code: str  # GB/T 2260
    level: str
    year: int
    is_open: bool
    departments: tuple[DepartmentSeed, ...]
    reviewer: PersonSeed
    admin: PersonSeed


CITY = FinanceBureau.Level.CITY
COUNTY = FinanceBureau.Level.COUNTY

# Seed 002: 峨边彝族自治县信访局, 2023, the demo's main (open) year.
EBIAN = BureauSeed(
    name="峨边彝族自治县财政局",
    region_code="511132",
    level=COUNTY,
    year=2023,
    is_open=True,
    departments=(
        DepartmentSeed(
            name="峨边彝族自治县信访局",
            budget_code="143001",  # INVENTED: seed 002 prints no 预算编码.
            authorized_headcount=7,  # 行政编制7个 (附件1 一(一)); no 联系人 printed.
            units=(
                # 附件1 一(一): 下属事业单位 …群众工作中心（包含心连心服务热线），事业编制8个.
                DepartmentSeed(
                    name="峨边彝族自治县群众工作中心",
                    budget_code="143002",  # INVENTED
                    nature=PUBLIC_INSTITUTION,
                    authorized_headcount=8,
                ),
            ),
            # 附件2–4 项目支出绩效自评表 print 全年预算数 only (no 年初预算数 column); the
            # 支付明细表 预算金额 is the same, so it is used for both budgets.
            projects=(
                ProjectSeed("511132-2023-01", "信访稳定经费", wan("32"), wan("32")),
                ProjectSeed(
                    "511132-2023-02", "心连心热线服务平台维护和通信费", wan("0.89"), wan("0.89")
                ),
                ProjectSeed(
                    "511132-2023-03",
                    "阳光信访、领导视频接访网络服务租赁费",
                    wan("1.62"),
                    wan("1.62"),
                ),
            ),
            filer=PersonSeed("ebian_filer", "吉克阿呷"),  # INVENTED names from here on
            head=PersonSeed("ebian_head", "王志刚"),
        ),
        # INVENTED, not from the seeds: a second department so tests can check that a filer
        # sees only their own department.
        DepartmentSeed(
            name="峨边彝族自治县司法局",
            budget_code="112001",
            authorized_headcount=12,
            projects=(ProjectSeed("511132-2023-04", "法律援助经费", wan("5"), wan("5")),),
            filer=PersonSeed("ebian_filer2", "张丽"),
        ),
    ),
    reviewer=PersonSeed("ebian_reviewer", "陈静"),
    admin=PersonSeed("ebian_admin", "李明华"),
)

# Seed 003: 玉溪市信访局, 2021; amounts printed in 元 (公开12表).
YUXI = BureauSeed(
    name="玉溪市财政局",
    region_code="530400",
    level=CITY,
    year=2021,
    is_open=False,
    departments=(
        DepartmentSeed(
            name="玉溪市信访局",
            budget_code="120001",  # INVENTED: no 预算编码, 联系人 or 编制数 printed.
            projects=(
                ProjectSeed(
                    "530400-2021-01",
                    "信访事项专项救助资金经费",
                    Decimal("200000.00"),
                    Decimal("200000.00"),
                    competent_department="玉溪市信访局",
                    implementing_unit="玉溪市信访局",
                ),
                ProjectSeed(
                    "530400-2021-02",
                    "“互联网+政务服务热线”项目经费",
                    Decimal("800000.00"),
                    Decimal("800000.00"),
                    competent_department="玉溪市信访局",
                    implementing_unit="玉溪市信访局",
                ),
            ),
            filer=PersonSeed("yuxi_filer", "普文华"),  # INVENTED names
            head=PersonSeed("yuxi_head", "李红梅"),
        ),
    ),
    reviewer=PersonSeed("yuxi_reviewer", "赵云鹏"),
    admin=PersonSeed("yuxi_admin", "张国强"),
)

# Seed 004: 如皋市信访局, 2020. Each report prints only the amount used (使用完毕), which is
# taken as both initial and adjusted budget; 信访救助专项资金 prints its budget (安排100万元;
# 85.62万元 used), so that one has the budget.
RUGAO = BureauSeed(
    name="如皋市财政局",
    region_code="320682",
    level=COUNTY,
    year=2020,
    is_open=False,
    departments=(
        DepartmentSeed(
            name="如皋市信访局",
            budget_code="146001",  # INVENTED: no 预算编码, 联系人 or 编制数 printed.
            projects=(
                ProjectSeed("320682-2020-01", "领导接访费用", wan("5"), wan("5")),
                ProjectSeed("320682-2020-02", "处理越访、突发事件及办信", wan("2.97"), wan("2.97")),
                ProjectSeed("320682-2020-03", "法治宣传教育经费", wan("4.46"), wan("4.46")),
                ProjectSeed("320682-2020-04", "信访救助专项资金", wan("100"), wan("100")),
                ProjectSeed("320682-2020-05", "驻京驻宁导访费用", wan("65"), wan("65")),
                ProjectSeed("320682-2020-06", "复查、督办专项经费", wan("2"), wan("2")),
                ProjectSeed("320682-2020-07", "办公设备购置", wan("1.08"), wan("1.08")),
            ),
            filer=PersonSeed("rugao_filer", "冒晓东"),  # INVENTED names
            head=PersonSeed("rugao_head", "顾建新"),
        ),
    ),
    reviewer=PersonSeed("rugao_reviewer", "季红"),
    admin=PersonSeed("rugao_admin", "缪志刚"),
)

# Seed 000: 丽水市信访局, 2019. The 下属参公单位 is not named, so it is not a unit here; 16 is
# the 人员编制数 of the 基本情况表 (8 for the bureau and 8 for that unit). Projects are the
# 公共产品或服务 rows with a 计划 figure (实际: 354.64, 10, 24).
LISHUI = BureauSeed(
    name="丽水市财政局",
    region_code="331100",
    level=CITY,
    year=2019,
    is_open=False,
    departments=(
        DepartmentSeed(
            name="丽水市信访局",
            budget_code="131001",  # INVENTED: seed 000 prints no 预算编码.
            contact_person="罗俊",
            contact_phone="2090505 13957082012",
            authorized_headcount=16,
            projects=(
                ProjectSeed("331100-2019-01", "12345中心经费", wan("367"), wan("367")),
                ProjectSeed("331100-2019-02", "法律顾问服务", wan("10"), wan("10")),
                ProjectSeed("331100-2019-03", "疑难复杂信访积案化解资金", wan("30"), wan("30")),
            ),
            filer=PersonSeed("lishui_filer", "罗俊"),  # the printed 评价联系人
            head=PersonSeed("lishui_head", "叶建华"),  # INVENTED names from here on
        ),
    ),
    reviewer=PersonSeed("lishui_reviewer", "吴晓燕"),
    admin=PersonSeed("lishui_admin", "周立新"),
)

# Seed 001: 岳阳市云溪区信访局, 2022, 预算编码 127 from the cover. The 项目支出 narrative (五 二
# (二)) names projects with the amount spent only; it is taken as both budgets.
YUNXI = BureauSeed(
    name="岳阳市云溪区财政局",
    region_code="430603",
    level=COUNTY,
    year=2022,
    is_open=False,
    departments=(
        DepartmentSeed(
            name="岳阳市云溪区信访局",
            budget_code="127",
            contact_person="刘奇",
            contact_phone="8415041",
            authorized_headcount=9,
            units=(
                # 机构设置: 二级事业单位1个（人民接待来访中心）, folded into the bureau's budget.
                # The place-name prefix of its name and its code are INVENTED.
                DepartmentSeed(
                    name="岳阳市云溪区人民接待来访中心",
                    budget_code="127001",
                    nature=PUBLIC_INSTITUTION,
                ),
            ),
            projects=(
                ProjectSeed("430603-2022-01", "党的二十大维稳工作经费", wan("25"), wan("25")),
                ProjectSeed("430603-2022-02", "信访“三无”单位创建", wan("4.99"), wan("4.99")),
                ProjectSeed("430603-2022-03", "信访维稳（各级两会）", wan("40"), wan("40")),
                ProjectSeed("430603-2022-04", "群体性事件及信访接待处理", wan("3.24"), wan("3.24")),
                ProjectSeed("430603-2022-05", "处非工作", wan("29.98"), wan("29.98")),
                ProjectSeed("430603-2022-06", "驻京维稳", wan("17"), wan("17")),
            ),
            filer=PersonSeed("yunxi_filer", "刘奇"),  # the printed 联系人
            head=PersonSeed("yunxi_head", "彭建军"),  # INVENTED names from here on
        ),
    ),
    reviewer=PersonSeed("yunxi_reviewer", "易晓红"),
    admin=PersonSeed("yunxi_admin", "方志强"),
)

BUREAUS: tuple[BureauSeed, ...] = (EBIAN, YUXI, RUGAO, LISHUI, YUNXI)
SUPERUSER = PersonSeed("admin", "系统管理员")

DEMO_MODELS: tuple[type[models.Model], ...] = (
    FinanceBureau,
    Department,
    FiscalYear,
    Project,
    User,
    DepartmentMembership,
    BureauMembership,
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str  # the role's label in the active language
    unit: str  # department or bureau name; blank for the superuser


@dataclass
class DemoResult:
    created: Counter[type[models.Model]] = field(default_factory=Counter)
    updated: Counter[type[models.Model]] = field(default_factory=Counter)
    accounts: list[DemoAccount] = field(default_factory=list)
    password: str = DEMO_PASSWORD

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)


@transaction.atomic
def demo_load(*, today: date | None = None) -> DemoResult:
    """Create or refresh the demo bureaus, departments, years, projects and accounts."""
    today = today or timezone.localdate()
    result = DemoResult()
    for seed in BUREAUS:
        _bureau_load(result, seed, today)
    admin = _user_load(result, SUPERUSER, superuser=True)
    result.accounts.append(DemoAccount(admin.username, admin.full_name, _("Superuser"), ""))
    return result


def _bureau_load(result: DemoResult, seed: BureauSeed, today: date) -> None:
    bureau = _upsert(
        result,
        FinanceBureau,
        {"region_code": seed.region_code},
        {"name": seed.name, "level": seed.level},
    )
    if seed.is_open:
        # The window always contains today, so the demo filer can file.
        status = FiscalYear.Status.OPEN
        opens, closes = today - timedelta(days=30), today + timedelta(days=60)
    else:
        status = FiscalYear.Status.CLOSED
        opens, closes = date(seed.year + 1, 1, 15), date(seed.year + 1, 3, 31)
    fiscal_year = _upsert(
        result,
        FiscalYear,
        {"bureau": bureau, "year": seed.year},
        {"filing_opens": opens, "filing_closes": closes, "status": status},
    )
    for department_seed in seed.departments:
        _department_load(result, department_seed, bureau, fiscal_year, parent=None)
    for person, role in (
        (seed.reviewer, BureauMembership.Role.REVIEWER),
        (seed.admin, BureauMembership.Role.ADMIN),
    ):
        user = _user_load(result, person)
        if not BureauMembership.objects.filter(user=user, bureau=bureau, role=role).exists():
            result.created[BureauMembership] += 1
        bureau_membership_grant(user=user, bureau=bureau, role=role)
        result.accounts.append(
            DemoAccount(user.username, user.full_name, str(role.label), bureau.name)
        )


def _department_load(
    result: DemoResult,
    seed: DepartmentSeed,
    bureau: FinanceBureau,
    fiscal_year: FiscalYear,
    parent: Department | None,
) -> None:
    department = _upsert(
        result,
        Department,
        {"bureau": bureau, "budget_code": seed.budget_code},
        {
            "name": seed.name,
            "parent": parent,
            "nature": seed.nature,
            "contact_person": seed.contact_person,
            "contact_phone": seed.contact_phone,
            "authorized_headcount": seed.authorized_headcount,
        },
    )
    for unit in seed.units:
        _department_load(result, unit, bureau, fiscal_year, parent=department)
    for project in seed.projects:
        _upsert(
            result,
            Project,
            {"department": department, "fiscal_year": fiscal_year, "code": project.code},
            {
                "name": project.name,
                "competent_department": project.competent_department or seed.name,
                "implementing_unit": project.implementing_unit or seed.name,
                "initial_budget": project.initial_budget,
                "adjusted_budget": project.adjusted_budget,
            },
        )
    for person, role in (
        (seed.filer, DepartmentMembership.Role.FILER),
        (seed.head, DepartmentMembership.Role.HEAD),
    ):
        if person is None:
            continue
        user = _user_load(result, person)
        if not DepartmentMembership.objects.filter(
            user=user, department=department, role=role
        ).exists():
            result.created[DepartmentMembership] += 1
        department_membership_grant(user=user, department=department, role=role)
        result.accounts.append(
            DemoAccount(user.username, user.full_name, str(role.label), department.name)
        )


def _user_load(result: DemoResult, person: PersonSeed, *, superuser: bool = False) -> User:
    """The demo user, with the demo password.

    The password is put back on every run when it no longer matches: re-running the
    loader makes every demo account usable again. It is compared first so that a run
    over intact accounts writes nothing (set_password draws a new salt each time).
    """
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = User(username=person.username, full_name=person.full_name, is_superuser=superuser)
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        result.created[User] += 1
    else:
        values = {"full_name": person.full_name, "is_superuser": superuser, "is_active": True}
        changed = _assign(user, values)
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            changed.append("password")
        if changed:
            user.full_clean()
            user.save(update_fields=changed)
            result.updated[User] += 1
    return user_sync_staff(user=user)


def _upsert(result: DemoResult, model: type[M], lookup: dict, values: dict) -> M:
    """Create the row found by its natural key, or bring it in line with the values.

    Like update_or_create, but it saves only when a value differs: update_or_create
    saves (and moves updated_at) on every call, so a second run would touch every row.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created[model] += 1
        return obj
    changed = _assign(obj, values)
    if changed:
        obj.full_clean()
        obj.save(update_fields=[*changed, "updated_at"])
        result.updated[model] += 1
    return obj


def _assign(obj: models.Model, values: dict) -> list[str]:
    """Set the values that differ and return their field names."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed
