"""Seed 003's tables, typed into the template as published, and a clean set: the findings."""

from collections import Counter
from decimal import Decimal

import pytest

from apps.final_accounts.checks import check_tables
from apps.final_accounts.selectors import codes_of_year, finance_figures
from apps.final_accounts.services import disclosure_upload
from apps.final_accounts.upload import read_upload
from tests import factories

from .clean import clean_bytes
from .seed003 import seed_bytes

# Worked out by hand from seed 003 (see the comments); (table, row, column), each once per rule.
SEED_FINDINGS = Counter(
    [
        # 公开02: its figures are shifted a row: 201 states the total; 201 ≠ 20103 (its only 款),
        # 208 ≠ 20805, 210 ≠ 21011; 20103 ≠ 2010301 + 2010308 + 2010350 (14,296,307.84);
        # 20805 ≠ its 项 (1,339,573.15); 合计 ≠ Σ 类 (12,061,565.02); in both columns typed.
        *[
            ("公开02", row, column)
            for row in ("201", "208", "210", "20103", "20805", "合计")
            for column in ("total", "fiscal")
        ],
        # 公开05: 2101 is no code (4 digits) …
        ("公开05", "2101", ""),
        # … 20103 本年收入 7,992,258.99 and 基本支出 6,982,258.99 vs Σ 项 7,982,258.99 …
        ("公开05", "20103", "income_total"),
        ("公开05", "20103", "income_basic"),
        # … 20805 人员经费 684,037.79 vs 156,000.00 …
        ("公开05", "20805", "spend_personnel"),
        # … 合计 本年收入 9,739,858.45 vs Σ 类 9,743,858.45, vs 基本 + 项目 9,733,858.45,
        # and vs 公开04 line 1 9,733,858.45 …
        ("公开05", "合计", "income_total"),
        ("公开05", "合计", "income_total"),
        ("公开05", "合计", "income_total"),
        # … 本年收入 合计 ≠ 基本 + 项目 on 201 and 20103 (10,000.00 more) and 2010308
        # (1,000,000 stated, 基本 and 项目 both 1,000,000) …
        ("公开05", "201", "income_total"),
        ("公开05", "20103", "income_total"),
        ("公开05", "2010308", "income_total"),
        # … so 年末结转和结余 (empty) ≠ 年初 + 本年收入 − 本年支出 on 合计 (6,000), 201, 20103
        # (10,000) …
        ("公开05", "合计", "close_total"),
        ("公开05", "201", "close_total"),
        ("公开05", "20103", "close_total"),
        # … and 基本支出 stated without its 人员经费/公用经费 split.
        ("公开05", "2080505", "spend_basic"),
        ("公开05", "2080506", "spend_basic"),
        ("公开05", "2101102", "spend_basic"),
        ("公开05", "2101103", "spend_basic"),
    ]
)


@pytest.fixture
def year_2021(db):
    return factories.FiscalYearFactory(year=2021)


@pytest.fixture
def department(year_2021):
    return factories.DepartmentFactory(bureau=year_2021.bureau, name="玉溪市信访局")


def _findings(department, year, content):
    tables = read_upload(content, department=department, fiscal_year=year)
    return tables, check_tables(tables, catalogue=codes_of_year(year.year), year=year.year)


def test_seed_003_reports_exactly_the_rows_that_disagree(department, year_2021):
    _tables, findings = _findings(department, year_2021, seed_bytes(department, year_2021))
    assert Counter((f["table"], f["row"], f["column"]) for f in findings) == SEED_FINDINGS


def test_a_finding_names_table_row_column_and_the_figures(department, year_2021):
    _tables, findings = _findings(department, year_2021, seed_bytes(department, year_2021))
    finding = next(f for f in findings if (f["table"], f["row"]) == ("公开02", "20103"))
    assert finding["label"] == "20103 政府办公厅(室)及相关机构事务"
    assert finding["heading"] == "本年收入合计"
    assert (finding["stated"], finding["sum"]) == ("7982258.99", "14296307.84")
    assert finding["difference"] == "-6314048.85"
    assert "7,982,258.99" in finding["message"] and "14,296,307.84" in finding["message"]
    unknown = next(f for f in findings if f["row"] == "2101")
    assert "2101" in unknown["message"] and "2021" in unknown["message"]


def test_the_seed_figures_for_the_filing(department, year_2021):
    tables = _findings(department, year_2021, seed_bytes(department, year_2021))[0]
    figures = finance_figures(tables)
    assert figures["income_total"] == Decimal("9918858.45")  # 9,733,858.45 + 185,000 carried
    assert figures["income_carryover"] == Decimal("185000.00")
    assert figures["income_fiscal"] == Decimal("9733858.45")
    assert figures["expense_total"] == Decimal("9918893.45")  # 公开03, with its 35.00
    assert figures["expense_basic"] == Decimal("8733858.45")
    assert figures["expense_project"] == Decimal("1185035.00")
    assert figures["expense_personnel"] == Decimal("6825365.45")
    assert figures["expense_public"] == Decimal("1908493.00")
    assert figures["three_public_total"] == Decimal("27204.60")
    assert figures["reception"] == Decimal("7940.00")
    assert figures["vehicle_operation"] == Decimal("19264.60")
    assert figures["vehicle_purchase"] == figures["overseas"] == Decimal("0.00")


def test_a_clean_set_has_no_findings(department, year_2021):
    _tables, findings = _findings(department, year_2021, clean_bytes(department, year_2021))
    assert findings == []


def test_the_upload_is_stored_with_its_findings(department, year_2021):
    user = factories.filer_of(department)
    stored = disclosure_upload(
        department=department,
        fiscal_year=year_2021,
        by=user,
        upload=seed_bytes(department, year_2021),
    )
    assert stored.status == "pending" and stored.uploaded_by == user
    assert len(stored.findings) == sum(SEED_FINDINGS.values())
    assert stored.tables["公开03"][0]["amounts"]["total"] == "9918893.45"


def _rows(*rows):
    return {
        "公开02": [
            {"code": code, "name": name, "row": 6 + i, "amounts": {"total": total, "fiscal": total}}
            for i, (code, name, total) in enumerate(rows)
        ]
    }


def test_an_empty_cell_counts_zero_and_all_empty_is_not_checked():
    tables = _rows(("201", "一般", "10.00"), ("20101", "人大", None), ("20103", "政府", None))
    found = check_tables(tables, catalogue=None, year=2021)
    assert {(f["row"], f["column"], f["sum"]) for f in found} == {
        ("201", "total", "0"),
        ("201", "fiscal", "0"),
    }
    assert (
        check_tables(
            _rows(("201", "一般", None), ("20101", "人大", None)), catalogue=None, year=2021
        )
        == []
    )


def test_amounts_compare_exactly_in_yuan():
    tables = _rows(("201", "一般", "10.00"), ("20101", "人大", "9.99"))
    found = check_tables(tables, catalogue=None, year=2021)
    assert {f["difference"] for f in found} == {"0.01"}
