"""The department filing's 收支情况 filled from confirmed final accounts (决算公开表).

The filer uploads the disclosure tables in apps/final_accounts; confirming one writes the
department's own 收支情况 row (amounts in 元) through `department_save` (lock, version check,
snapshot): the columns the tables state are replaced (`finance_figures` says where each comes
from), every other column and every other part of the filing stays as it was.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.final_accounts.models import Disclosure
from apps.final_accounts.selectors import finance_figures
from apps.final_accounts.services import disclosure_mark_confirmed
from apps.organizations.models import Department

from . import selectors
from .bounds import AMOUNT_LIMIT
from .data import DepartmentData, FinanceData
from .models import KIND
from .services import SaveResult, department_save

LABELS = {
    "income_total": "收入合计",
    "income_carryover": "上年结转",
    "income_fiscal": "财政拨款",
    "income_fund": "政府性基金",
    "income_superior": "上级补助",
    "income_business": "事业收入",
    "income_other": "经营及其他",
    "expense_total": "支出合计",
    "expense_basic": "基本支出",
    "expense_personnel": "人员支出",
    "expense_public": "公用支出",
    "expense_project": "项目支出",
    "expense_other": "其他支出",
    "balance_accumulated": "累计结余",
    "three_public_total": "三公经费合计",
    "reception": "公务接待费",
    "vehicle_operation": "公务用车运维费",
    "vehicle_purchase": "公务用车购置费",
    "overseas": "因公出国费",
}


@dataclass(frozen=True)
class Change:
    column: str
    label: str
    before: Decimal | None
    after: Decimal


def department_filing_of(department: Department, fiscal_year) -> Filing | None:
    return Filing.objects.filter(
        kind=KIND, department=department, fiscal_year=fiscal_year, project__isnull=True
    ).first()


def finance_filled(
    data: DepartmentData, department: Department, figures: dict[str, Decimal]
) -> tuple[DepartmentData, list[Change]]:
    """The data with the department's own 收支情况 row's amounts replaced by the figures."""
    rows = list(data.finance)
    index = next((i for i, row in enumerate(rows) if row.unit_id == department.pk), None)
    if index is None:
        rows.insert(0, FinanceData(name=department.name, unit_id=department.pk))
        index = 0
    row = rows[index]
    changes = []
    for column, value in figures.items():
        if value > AMOUNT_LIMIT:
            raise ApplicationError(
                _("%(column)s, %(value)s, is larger than an amount can be.")
                % {"column": LABELS.get(column, column), "value": f"{value:,.2f}"}
            )
        before = row.get(column)
        if before is None or before != value:
            changes.append(Change(column, LABELS.get(column, column), before, value))
    rows[index] = replace(row, amounts={**row.amounts, **figures})
    return replace(data, finance=tuple(rows)), changes


def current_data(filing: Filing) -> DepartmentData:
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    return selectors.data_of(selectors.evaluation_of(fresh))


@transaction.atomic
def final_accounts_confirm(
    *, disclosure: Disclosure, filing: Filing, by, base_version: int
) -> tuple[SaveResult, list[Change]]:
    """Write the disclosure's figures into the filing (ConflictError if saved since)."""
    if (
        disclosure.department_id != filing.department_id
        or disclosure.fiscal_year_id != filing.fiscal_year_id
        or filing.kind != KIND
    ):
        raise ApplicationError(_("These final accounts belong to another filing."))
    data, changes = finance_filled(
        current_data(filing), filing.department, finance_figures(disclosure.tables)
    )
    result = department_save(filing=filing, by=by, base_version=base_version, data=data)
    disclosure_mark_confirmed(disclosure=disclosure, by=by)
    return result, changes
