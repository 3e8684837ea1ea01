"""Reads of the final accounts: the year's catalogue, a department's uploads, their figures."""

from decimal import Decimal

from .catalogue import BUILT_IN
from .models import Classification, Disclosure
from .tables import PERSONNEL_TOTAL, PUBLIC_TOTAL

ZERO = Decimal("0.00")


def codes_of_year(year: int) -> dict[str, set[str]]:
    """The codes of the year's catalogue by scheme; the built-in list when it has none."""
    codes: dict[str, set[str]] = {}
    for scheme, code in Classification.objects.filter(year=year).values_list("scheme", "code"):
        codes.setdefault(scheme, set()).add(code)
    if not codes:
        return {scheme: {code for code, _name in rows} for scheme, rows in BUILT_IN.items()}
    return codes


def latest_disclosure(department, fiscal_year) -> Disclosure | None:
    return (
        Disclosure.objects.filter(department=department, fiscal_year=fiscal_year)
        .select_related("uploaded_by", "confirmed_by")
        .first()
    )


def _value(rows: list[dict], key: str, column: str) -> Decimal:
    """The figure of the row (科目编码, 行次 or name of a total row) and column; empty is 0."""
    for row in rows:
        if (row["code"] or row["name"]) == key:
            value = row["amounts"].get(column)
            return Decimal(value) if value not in (None, "") else ZERO
    return ZERO


def finance_figures(tables: dict[str, list[dict]]) -> dict[str, Decimal]:
    """The department's 收支情况 (元) as the disclosure states it, by FinanceRow column.

    收入: 上年结转 = 公开04 年初财政拨款结转和结余 (28); 财政拨款 = 公开04 一般公共预算 (1)
    + 国有资本经营 (3); 政府性基金 = 公开04 (2); 上级补助, 事业收入 = 公开02 合计; 经营及其他 =
    公开02 经营 + 附属单位上缴 + 其他; 收入合计 = 公开02 本年收入合计 + 上年结转.
    支出 (公开03 合计): 支出合计, 基本支出, 项目支出; 其他支出 = 上缴上级 + 经营 + 对附属单位
    补助; 人员支出, 公用支出 = 公开06 人员经费合计, 公用经费合计. 累计结余 = 公开04 年末财政
    拨款结转和结余 (60). 三公经费 = 公开09 决算数. Other columns are not in these tables.
    """
    income, expense = tables.get("公开02", []), tables.get("公开03", [])
    fiscal, basic = tables.get("公开04", []), tables.get("公开06", [])
    three = tables.get("公开09", [])
    carryover = _value(fiscal, "28", "amount")
    return {
        "income_total": _value(income, "合计", "total") + carryover,
        "income_carryover": carryover,
        "income_fiscal": _value(fiscal, "1", "amount") + _value(fiscal, "3", "amount"),
        "income_fund": _value(fiscal, "2", "amount"),
        "income_superior": _value(income, "合计", "superior"),
        "income_business": _value(income, "合计", "business"),
        "income_other": sum(
            (_value(income, "合计", c) for c in ("operating", "affiliated", "other")), ZERO
        ),
        "expense_total": _value(expense, "合计", "total"),
        "expense_basic": _value(expense, "合计", "basic"),
        "expense_project": _value(expense, "合计", "project"),
        "expense_other": sum(
            (_value(expense, "合计", c) for c in ("remit", "operating", "subsidy")), ZERO
        ),
        "expense_personnel": _value(basic, PERSONNEL_TOTAL, "amount"),
        "expense_public": _value(basic, PUBLIC_TOTAL, "amount"),
        "balance_accumulated": _value(fiscal, "60", "total"),
        "three_public_total": _value(three, "2", "final"),
        "overseas": _value(three, "3", "final"),
        "vehicle_purchase": _value(three, "5", "final"),
        "vehicle_operation": _value(three, "6", "final"),
        "reception": _value(three, "7", "final"),
    }
