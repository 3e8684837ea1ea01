"""A small, consistent set of the six tables (every identity holds), and workbook helpers."""

from io import BytesIO

from openpyxl import load_workbook

from apps.exchange.workbook import workbook_bytes
from apps.final_accounts import tables as t

from .seed003 import seed_workbook

_ = None
INCOME = [
    ("", "合计", "1100.00", "1100.00"),
    ("201", "一般公共服务支出", "1100.00", "1100.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "1100.00", "1100.00"),
    ("2010301", "行政运行", "1000.00", "1000.00"),
    ("2010308", "信访事务", "100.00", "100.00"),
]
EXPENSE = [
    ("", "合计", "1150.00", "1000.00", "150.00"),
    ("201", "一般公共服务支出", "1150.00", "1000.00", "150.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "1150.00", "1000.00", "150.00"),
    ("2010301", "行政运行", "1000.00", "1000.00", _),
    ("2010308", "信访事务", "150.00", _, "150.00"),
]
_TOP = ("50.00", _, "50.00", "1100.00", "1000.00", "100.00")
_SPEND = ("1150.00", "1000.00", "800.00", "200.00", "150.00", _, _, _)
_RUNNING = ("1000.00", "1000.00", "800.00", "200.00", _, _, _, _)
_PETITION = ("150.00", _, _, _, "150.00", _, _, _)
GENERAL = [
    ("", "合计", *_TOP, *_SPEND),
    ("201", "一般公共服务支出", *_TOP, *_SPEND),
    ("20103", "政府办公厅（室）及相关机构事务", *_TOP, *_SPEND),
    ("2010301", "行政运行", _, _, _, "1000.00", "1000.00", _, *_RUNNING),
    ("2010308", "信访事务", "50.00", _, "50.00", "100.00", _, "100.00", *_PETITION),
]
BASIC = [
    ("301", "工资福利支出", "800.00", "302", "商品和服务支出", "200.00", _, _, _),
    ("30101", "基本工资", "800.00", "30201", "办公费", "200.00", _, _, _),
    ("人员经费合计", _, "800.00", "公用经费合计", _, "200.00", _, _, _),
]
FISCAL_INCOME = {1: "1100.00", 27: "1100.00", 28: "50.00", 29: "50.00", 32: "1150.00"}
FISCAL_EXPENSE = {33: "1150.00", 59: "1150.00", 64: "1150.00"}
THREE_PUBLIC = {
    2: ("300.00", "300.00"),
    3: ("—", "—"),
    4: ("100.00", "100.00"),
    6: ("100.00", "100.00"),
    7: ("200.00", "200.00"),
    8: ("200.00", "200.00"),
    22: ("—", "200.00"),
    23: ("—", "200.00"),
}
CLEAN = {
    "income": INCOME,
    "expense": EXPENSE,
    "general": GENERAL,
    "basic": BASIC,
    "fiscal_income": FISCAL_INCOME,
    "fiscal_expense": FISCAL_EXPENSE,
    "three": THREE_PUBLIC,
}


def clean_workbook(department, fiscal_year):
    return seed_workbook(department, fiscal_year, **CLEAN)


def clean_bytes(department, fiscal_year) -> bytes:
    return workbook_bytes(clean_workbook(department, fiscal_year))


def changed(department, fiscal_year, change) -> bytes:
    """The clean workbook after change(workbook) (a cell typed wrong, a sheet renamed …)."""
    workbook = clean_workbook(department, fiscal_year)
    change(workbook)
    return workbook_bytes(workbook)


def sheet_of(workbook, table: t.Table):
    return workbook[table.sheet]


def reopened(content: bytes):
    return load_workbook(BytesIO(content))
