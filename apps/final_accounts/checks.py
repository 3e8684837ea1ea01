"""The consistency checks (勾稽) of a department's disclosure tables: pure, Decimal in 元.

Tolerance: none. The disclosure tables are published in 元 with two places, so every identity
holds exactly; DESIGN §6 allows ±0.01 万元 per addend only for figures published in 万元.
An empty cell counts 0 once any figure of the identity is stated; an identity whose figures are
all empty is not checked. Each failing identity is one finding naming the table, the row
(科目编码 and 科目名称, or the line) and the column, with the stated value, the sum and the
difference (stated − sum).

Within a table:
- 公开02, 03, 05 (功能分类): each 类 = Σ its 款 and each 款 = Σ its 项 (the rows listed, by
  code prefix), column by column; 合计 = Σ 类.
- 公开06 (经济分类): each 类 (301, 302, 303, 307, 310, 312, 399) = Σ its 款;
  人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 310 + 312 + 399.
- 公开02, each row: 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 +
  附属单位上缴收入 + 其他收入 (事业收入's 其中：教育收费 is part of 事业收入, not added).
- 公开03, each row: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 +
  对附属单位补助支出.
- 公开05, each row: each group's 合计 = 基本支出 + 项目支出 (年初, 本年收入, 本年支出,
  年末); 本年支出 基本支出 = 人员经费 + 公用经费; 年末结转和结余 = 年初结转和结余 +
  本年收入 − 本年支出.
- 公开04: 本年收入合计 (27) = lines 1–26; 年初结转和结余 (28) = 29 + 30 + 31; 收入总计
  (32) = 27 + 28; each expense line: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营;
  本年支出合计 (59) = lines 33–58; 支出总计 (64) = 59 + 60; 收入总计 (32) = 支出总计 (64).
- 公开09, 预算数 and 决算数: 支出合计 = 因公出国（境）费 + 公务用车购置及运行维护费 +
  公务接待费; 公务用车 = 购置费 + 运行维护费; and where a part is stated, 公务接待费 =
  国内 + 国（境）外 and 机关运行经费 = 行政单位 + 参公单位.

Across tables (the same money in two tables):
- 公开04 本年收入合计 = 公开02 合计's 财政拨款收入 (both are every 财政拨款 of the year).
- 公开05 合计 = 公开04's 一般公共预算 figures: 本年收入 = line 1, 年初结转和结余 = line 29,
  本年支出 = line 59, 年末结转和结余 = line 60; and each 类 of 公开05's 本年支出 = its
  line of 公开04 (33–58).
- 公开06 人员经费合计 and 公用经费合计 = 公开05 合计's 人员经费 and 公用经费 (the basic
  expenditure of the general public budget, by economic and by function classification).
Not checked, because they are not identities: 公开03 against 公开05 (公开03 counts every
source of funds, 公开05 only the general public budget), 公开09 against 公开06 (三公经费 are
also paid from project funds).
Codes that the year's catalogue does not list (or of a length no level has) are reported too.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import pairwise

from . import tables as t
from .findings import Findings, Row, amount
from .findings import plus as _plus


def _hierarchy(f: Findings, table: t.Table, rows: Sequence[Row], lengths: tuple[int, ...]) -> None:
    """Each parent = Σ its children one level down (by code prefix), column by column."""
    by_length: dict[int, list[Row]] = {}
    for row in rows:
        by_length.setdefault(len(row["code"]), []).append(row)
    names = {3: "类", 5: "款", 7: "项"}
    for parent_length, child_length in pairwise(lengths):
        for parent in by_length.get(parent_length, []):
            children = [
                row
                for row in by_length.get(child_length, [])
                if row["code"].startswith(parent["code"])
            ]
            if not children:
                continue
            rule = f"{names[parent_length]} = Σ 其下各{names[child_length]}"
            for column in parent["amounts"]:
                f.compare(
                    table, parent, column, _plus(*(amount(c, column) for c in children)), rule
                )


def _coded(f: Findings, table: t.Table, rows: Sequence[Row]) -> None:
    _hierarchy(f, table, [r for r in rows if r["code"]], (3, 5, 7))
    total = next((r for r in rows if not r["code"]), None)
    classes = [r for r in rows if len(r["code"]) == 3]
    if total is not None and classes:
        for column in total["amounts"]:
            f.compare(
                table, total, column, _plus(*(amount(c, column) for c in classes)), "合计 = Σ 各类"
            )


def _row_identities(f: Findings, table: t.Table, rows: Sequence[Row], rules) -> None:
    for row in rows:
        for column, parts in rules:
            formula = " + ".join(table.heading(key) for sign, key in parts if sign > 0)
            minus = " − ".join(table.heading(key) for sign, key in parts if sign < 0)
            rule = f"{table.heading(column)} = {formula}" + (f" − {minus}" if minus else "")
            f.compare(table, row, column, [(sign, amount(row, key)) for sign, key in parts], rule)


INCOME_RULES = [
    (
        "total",
        [(1, k) for k in ("fiscal", "superior", "business", "operating", "affiliated", "other")],
    )
]
EXPENSE_RULES = [("total", [(1, k) for k in ("basic", "project", "remit", "operating", "subsidy")])]
GENERAL_RULES = [
    ("open_total", [(1, "open_basic"), (1, "open_project")]),
    ("income_total", [(1, "income_basic"), (1, "income_project")]),
    ("spend_total", [(1, "spend_basic"), (1, "spend_project")]),
    ("spend_basic", [(1, "spend_personnel"), (1, "spend_public")]),
    ("close_total", [(1, "close_basic"), (1, "close_project")]),
    ("close_total", [(1, "open_total"), (1, "income_total"), (-1, "spend_total")]),
]


def _basic(f: Findings, rows: Sequence[Row]) -> None:
    table = t.BASIC
    _hierarchy(f, table, [r for r in rows if r["code"]], (3, 5))
    by_key = {r["code"] or r["name"]: r for r in rows}
    for total, classes in (
        (t.PERSONNEL_TOTAL, t.PERSONNEL_CLASSES),
        (t.PUBLIC_TOTAL, t.PUBLIC_CLASSES),
    ):
        if total in by_key:
            present = [c for c in classes if c in by_key]
            parts = _plus(*(amount(by_key[c], "amount") for c in present))
            f.compare(table, by_key[total], "amount", parts, f"{total} = " + " + ".join(present))


def _lines_by_number(rows: Sequence[Row]) -> dict[int, Row]:
    return {int(r["code"]): r for r in rows}


def _fiscal(f: Findings, rows: Sequence[Row]) -> None:
    table, line = t.FISCAL, _lines_by_number(rows)
    if not line:
        return

    def of(number: int, column: str) -> Decimal | None:
        return amount(line.get(number), column)

    f.compare(
        table,
        line[27],
        "amount",
        _plus(*(of(n, "amount") for n in range(1, 27))),
        "本年收入合计 = 行次1至26之和",
    )
    f.compare(
        table,
        line[28],
        "amount",
        _plus(of(29, "amount"), of(30, "amount"), of(31, "amount")),
        "年初财政拨款结转和结余 = 行次29 + 30 + 31",
    )
    f.compare(
        table,
        line[32],
        "amount",
        _plus(of(27, "amount"), of(28, "amount")),
        "收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
    )
    parts = ("general", "fund", "capital")
    for number in range(33, 65):
        f.compare(
            table,
            line[number],
            "total",
            _plus(*(of(number, c) for c in parts)),
            "合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
        )
    for column in ("total", *parts):
        f.compare(
            table,
            line[59],
            column,
            _plus(*(of(n, column) for n in range(33, 59))),
            "本年支出合计 = 行次33至58之和",
        )
        f.compare(
            table,
            line[64],
            column,
            _plus(of(59, column), of(60, column)),
            "支出总计 = 本年支出合计 + 年末财政拨款结转和结余",
        )
    f.compare(table, line[32], "amount", _plus(of(64, "total")), "收入总计 = 支出总计（行次64）")


def _three_public(f: Findings, rows: Sequence[Row]) -> None:
    table, line = t.THREE_PUBLIC, _lines_by_number(rows)
    if not line:
        return
    for column in ("budget", "final"):

        def of(number: int, column: str = column) -> Decimal | None:
            return amount(line.get(number), column)

        f.compare(
            table,
            line[2],
            column,
            _plus(of(3), of(4), of(7)),
            "支出合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
        )
        f.compare(
            table,
            line[4],
            column,
            _plus(of(5), of(6)),
            "公务用车购置及运行维护费 = 购置费 + 运行维护费",
        )
        f.compare(
            table,
            line[7],
            column,
            _plus(of(8), of(10)),
            "公务接待费 = 国内接待费 + 国（境）外接待费",
            when_part_stated=True,
        )
        f.compare(
            table,
            line[22],
            column,
            _plus(of(23), of(24)),
            "机关运行经费 = 行政单位 + 参照公务员法管理事业单位",
            when_part_stated=True,
        )


def _total_row(rows: Sequence[Row]) -> Row | None:
    return next((r for r in rows if not r["code"]), None)


def _across(f: Findings, tables: Mapping[str, Sequence[Row]]) -> None:
    fiscal = _lines_by_number(tables.get("公开04", []))
    income_total = _total_row(tables.get("公开02", []))
    general_rows = tables.get("公开05", [])
    general_total = _total_row(general_rows)
    if fiscal and income_total is not None:
        f.compare(
            t.FISCAL,
            fiscal[27],
            "amount",
            _plus(amount(income_total, "fiscal")),
            "本年收入合计 = 公开02 合计·财政拨款收入",
        )
    if fiscal and general_total is not None:
        for column, number, source, label in (
            ("income_total", 1, "amount", "公开04 行次1"),
            ("open_total", 29, "amount", "公开04 行次29"),
            ("spend_total", 59, "general", "公开04 行次59·一般公共预算财政拨款"),
            ("close_total", 60, "general", "公开04 行次60·一般公共预算财政拨款"),
        ):
            f.compare(
                t.GENERAL,
                general_total,
                column,
                _plus(amount(fiscal.get(number), source)),
                f"{t.GENERAL.heading(column)} = {label}",
            )
    if fiscal and general_rows:
        classes = {r["code"]: r for r in general_rows if len(r["code"]) == 3}
        for code, number in t.FISCAL_LINE_OF_CLASS.items():
            f.compare(
                t.FISCAL,
                fiscal[number],
                "general",
                _plus(amount(classes.get(code), "spend_total")),
                f"一般公共预算财政拨款 = 公开05 {code}·本年支出合计",
            )
    basic = {r["name"]: r for r in tables.get("公开06", []) if not r["code"]}
    if general_total is not None:
        for name, column in (
            (t.PERSONNEL_TOTAL, "spend_personnel"),
            (t.PUBLIC_TOTAL, "spend_public"),
        ):
            if name in basic:
                f.compare(
                    t.BASIC,
                    basic[name],
                    "amount",
                    _plus(amount(general_total, column)),
                    f"{name} = 公开05 合计·{t.GENERAL.heading(column)}",
                )


def check_tables(
    tables: Mapping[str, Sequence[Row]], *, catalogue: Mapping[str, set[str]] | None, year: int
) -> list[dict]:
    """Every finding of the tables, table by table in print order, then across tables."""
    f = Findings([])
    for table in t.TABLES:
        rows = tables.get(table.number, [])
        if catalogue is not None and table.kind in ("coded", "economic"):
            codes = catalogue.get("economic" if table.kind == "economic" else "function", set())
            for row in rows:
                if row["code"] and row["code"] not in codes:
                    f.unknown(table, row, year)
        if table.kind == "coded":
            _coded(f, table, rows)
        rules = {"公开02": INCOME_RULES, "公开03": EXPENSE_RULES, "公开05": GENERAL_RULES}
        if table.number in rules:
            _row_identities(f, table, rows, rules[table.number])
    _basic(f, tables.get("公开06", []))
    _fiscal(f, tables.get("公开04", []))
    _three_public(f, tables.get("公开09", []))
    _across(f, tables)
    return f.found
