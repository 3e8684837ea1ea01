"""Every demo project filing printed in its bureau's layout reads like the seed's table.

Seed 002 (峨边, 2023, 附件2–4, lines 554–746, 855–1047, 1158–1350) prints the 四川 table;
seed 003 (玉溪, 2021, 公开12表, lines 320–349 and 351–376) the 云南 one. Text is compared
without whitespace: the PDF's cells wrap words across lines.
"""

import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from apps.budgets.demo import demo_load
from apps.filings.models import Filing
from apps.indicators import scoring
from apps.indicators.models import Framework
from apps.indicators.services import scoring_policy_ensure
from apps.project_evaluations.data import RowData
from apps.project_evaluations.demo import demo_evaluations_load
from apps.project_evaluations.models import IndicatorRow
from apps.reports.documents import Target, build_content, kind_of
from tests.reports import helpers

TODAY = date(2024, 6, 1)

STABILITY = "信访稳定经费"
HOTLINE = "心连心热线服务平台维护和通信费"
SUNSHINE = "阳光信访、领导视频接访网络服务租赁费"
RELIEF = "信访事项专项救助资金经费"
HOTLINE_2021 = "“互联网+政务服务热线”项目经费"
EBIAN = [STABILITY, HOTLINE, SUNSHINE]
YUXI = [RELIEF, HOTLINE_2021]

# 四川 (seed 002): the headings in the seed's order. The seed prints 项目资金（万元） in one cell;
# its 年度 cell beside 项目名称 is checked apart (test_sichuan_prints_the_year_beside_…).
SICHUAN_HEADINGS = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金（万元）",
    "全年预算数",
    "全年执行数",
    "执行率",
    "年度资金总额",
    "其中：中省补助资金",
    "县级预算资金",
    "其他资金",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "目标指标",
    "目标值",
    "业绩指标",
    "完成率",
]
# Printed by the national and 云南 forms, not by the 四川 one: it has no points, no 年初预算数,
# no 上年结转资金, no 当年财政拨款 (中省补助资金 and 县级预算资金 instead), and its indicator
# columns are 目标指标 / 目标值 / 业绩指标, not 三级指标 / 年度指标值 / 实际完成值.
SICHUAN_ABSENT = [
    "分值",
    "得分",
    "总分",
    "评价等次",
    "年初预算数",
    "上年结转资金",
    "当年财政拨款",
    "三级指标",
    "年度指标值",
    "实际完成值",
]
# Seed 002's 项目资金 (万元): 年度资金总额 and 县级预算资金 carry the amount, executed in full.
EBIAN_AMOUNTS = {STABILITY: "32.00", HOTLINE: "0.89", SUNSHINE: "1.62"}
# The 投入与管理 block each 峨边 table prints: 目标指标, 目标值, 业绩指标, 完成率 (100% or 0).
EBIAN_MANAGEMENT = (
    ("预算编制合理性", "合理", "100%", "100%"),
    ("预算执行率", "=100", "100", "100%"),
    ("预算资金到位率", "=100", "100", "100%"),
    ("财务管理制度健全性", "健全", "100%", "100%"),
    ("财务监控有效性", "有效", "100%", "100%"),
    ("资金使用规范性", "规范", "100%", "100%"),
    ("供应商资质符合程度", "符合", "100%", "0"),
    ("合同管理完备性", "完备", "100%", "0"),
    ("监理规范性", "规范", "100%", "0"),
    ("系统运维规范性", "规范", "100%", "0"),
    ("项目管理制度健全性", "健全", "100%", "0"),
    ("项目验收规范性", "规范", "100%", "0"),
    ("政府采购规范性", "规范", "100%", "0"),
)
# The six rows after them (数量, 质量, 时效, 成本, 效益, 满意度): sentences, 完成率 100%.
EBIAN_OUTCOME_ROWS = 6
# The two 备注 lines of the national and 云南 forms (seed 003 prints them); seed 002 has none.
NATIONAL_NOTES = re.compile(r"备注：.*?根据项目实际情况设置。")
# 云南 (seed 003, 公开12表): the headings in the seed's order. The seed prints 项目资金(元);
# the print uses the full-width parentheses of the 四川 and national forms. 上年结转资金 is
# printed in the first table (line 331), not in the second; the layout prints it in both.
YUNNAN_HEADINGS = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金（元）",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "其中：当年财政拨款",
    "上年结转资金",
    "其他资金",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
    "总分",
]
YUNNAN_ABSENT = ["年度指标值", "目标指标", "业绩指标", "完成率", "中省补助资金", "县级预算资金"]
YUXI_AMOUNTS = {RELIEF: "200,000.00", HOTLINE_2021: "800,000.00"}
DONE = "已按预算完成目标"
# Each 玉溪 row as printed: 三级指标, then 指标性质 指标值 度量单位 实际完成值 分值 得分 偏差原因.
# A 定性 row prints its result after its 实际完成值; 培训完成时间 scores 0 (its actual
# "4.29-11.12" is no number; the seed prints 9.00).
YUXI_ROWS = {
    RELIEF: [
        ("疑难信访事项个案", "≥3件510.0010.00"),
        ("疑难信访事项个案办结率", "≥95%10010.0010.00"),
        ("信访事项个案资金支付及时率", "≥100%10010.0010.00"),
        ("支付信访救助金时间", "定性审批后30日内天30日内（达成年度指标）10.0010.00"),
        ("费用控制率", "≤5%510.0010.00"),
        ("服务对象满意度", "≥100%10030.0030.00"),
        ("服务对象满意度", "≥95%9510.0010.00"),
    ],
    HOTLINE_2021: [
        ("信息系统年平均系统保障运行时间", "≥340天3659.009.00"),
        ("“互联网+政务服务热线”培训人数", "≥80人3639.009.00"),
        ("“互联网+政务服务热线”培训天数", "≥1天19.009.00"),
        ("“互联网+政务服务热线”培训覆盖率", "≥100%1009.009.00"),
        ("“互联网+政务服务热线”培训签到率", "≥95%1009.009.00"),
        ("信息系统运维验收合格率", "≥202104天/月2021089.009.00"),
        ("“互联网+政务服务热线”培训完成时间", "≤202112天/月4.29-11.129.000.00"),
        ("信息系统租赁资金支付时间", "≤230元/人2309.009.00"),
        ("培训费标准", "≤230元/人2309.009.00"),
        ("经济和社会和谐发展", "定性推动%100（达成年度指标）9.009.00"),
        ("服务对象满意度", "≥95%99.279.009.00"),
    ],
}
# 总分: the weights as printed (10 + Σ 分值), the engine's total and grade.
YUXI_TOTALS = {RELIEF: ("100.00", "100.00", "优"), HOTLINE_2021: ("109.00", "100.00", "优")}


@dataclass(frozen=True)
class Print:
    """One filing's printed table, reduced to what the tests read."""

    text: str
    total_score: Decimal | None
    grade: str
    row_names: tuple[str, ...]  # in print order

    @property
    def flat(self) -> str:
        return _flat(self.text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(filing: Filing) -> bytes:
    document = kind_of("project_table")
    target = Target(fiscal_year=filing.fiscal_year, department=filing.department, filing=filing)
    output = document.produce(document.build(target), lambda *args: None)
    assert output.data is not None
    return output.data


def _in_order(text: str, labels: list[str], start: int = 0) -> bool:
    """Whether the labels appear in the text one after the other."""
    position = start
    for label in labels:
        found = text.find(label, position)
        if found == -1:
            return False
        position = found + len(label)
    return True


def _segments(flat: str, names: list[str], start: int, end: str) -> list[str]:
    """The printed text of each row: from its name to the next row's name (or to `end`)."""
    positions = []
    position = start
    for name in names:
        found = flat.find(name, position)
        assert found != -1, f"{name} is not printed after the row before it"
        positions.append(found)
        position = found + len(name)
    positions.append(flat.index(end, position))
    return [flat[a:b] for a, b in itertools.pairwise(positions)]


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> dict[str, Print]:
    """The five demo project filings, each printed once, in a transaction rolled back after."""
    prints = {}
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load(today=TODAY)
        demo_evaluations_load()
        for filing in Filing.objects.filter(kind="project").select_related(
            "project", "department", "fiscal_year"
        ):
            assert filing.project is not None
            rows = IndicatorRow.objects.filter(evaluation__filing=filing).order_by("position")
            prints[filing.project.name] = Print(
                text="\n".join(helpers.pdf_pages(_pdf(filing))),
                total_score=filing.total_score,
                grade=filing.grade,
                row_names=tuple(row.name for row in rows),
            )
        transaction.set_rollback(True)
    return prints


@pytest.mark.parametrize("project", EBIAN)
def test_sichuan_print_has_the_seeds_headings_in_order_and_nothing_it_lacks(printed, project):
    flat = printed[project].flat
    # The 备注 lines name 三级指标; they are reported apart (test_sichuan_prints_no_national_notes).
    table = NATIONAL_NOTES.sub("", flat)

    assert _in_order(flat, SICHUAN_HEADINGS)
    assert [word for word in SICHUAN_ABSENT if word in table] == []
    # No row has a 偏差原因 yet, so the print adds no 偏差原因 table below the rows.
    assert "偏差原因分析及改进措施" not in flat


@pytest.mark.parametrize("project", EBIAN)
def test_sichuan_print_shows_the_funding_as_published(printed, project):
    flat = printed[project].flat
    amount = EBIAN_AMOUNTS[project]

    # 全年预算数 = 全年执行数, 执行率 100% on 年度资金总额 and on 县级预算资金; 中省补助资金 and
    # 其他资金 are printed empty.
    assert f"年度资金总额{amount}{amount}100.00%其中：中省补助资金县级预算资金" in flat
    assert f"县级预算资金{amount}{amount}100.00%其他资金年度总体目标" in flat
    assert "金额单位：万元" in flat


def _completion(printed: str) -> str:
    """完成率 as the print shows it: seed 002's "100%" and "0" with two decimals."""
    return f"{Decimal(printed.rstrip('%')):.2f}%"


@pytest.mark.parametrize("project", EBIAN)
def test_sichuan_print_shows_each_rows_cells_and_its_completion(printed, project):
    document = printed[project]
    flat = document.flat
    segments = _segments(
        flat, list(document.row_names), flat.index("业绩指标完成率"), "其他需要说明事项"
    )

    assert len(segments) == len(EBIAN_MANAGEMENT) + EBIAN_OUTCOME_ROWS == 19
    # Each row prints one 完成率 (a segment runs to the next row's name).
    assert [segment.count(".00%") for segment in segments] == [1] * 19
    for segment, (name, target, actual, completion) in zip(
        segments, EBIAN_MANAGEMENT, strict=False
    ):
        # A 定性 row's 业绩指标 is followed by the result chosen for it (see _actual).
        result = {"100%": "（达成年度指标）", "0": "（未达成年度指标且效果较差）"}[completion]
        result = "" if target.startswith("=") else result
        assert segment.startswith(f"{name}{target}{actual}{result}{_completion(completion)}")
    for segment in segments[len(EBIAN_MANAGEMENT) :]:
        assert "（达成年度指标）100.00%" in segment


@pytest.mark.parametrize("project", EBIAN)
def test_sichuan_print_has_no_total_and_no_grade(printed, project):
    document = printed[project]

    assert (document.total_score, document.grade) == (None, "")
    assert "总分" not in document.flat and "评价等次" not in document.flat


def test_sichuan_prints_the_year_beside_the_project_name(printed):
    flat = printed[STABILITY].flat

    # Seed 002 line 556–559: 项目名称：信访稳定经费 | 年度：2023年.
    assert f"项目名称{STABILITY}年度2023年主管部门" in flat.replace("：", "")


def test_sichuan_prints_no_national_notes(printed):
    assert not NATIONAL_NOTES.search(printed[STABILITY].flat)


@pytest.mark.parametrize("project", YUXI)
def test_yunnan_print_is_titled_as_the_published_table(printed, project):
    flat = printed[project].flat

    # Seed 003 lines 320–324: "2021年度项目支出绩效自评表", 编制单位, 公开12表, 金额单位：元.
    assert flat.startswith("2021年度项目支出绩效自评表")
    assert _in_order(flat, ["编制单位：玉溪市信访局", "公开12表", "金额单位：元"])
    assert "（2021年度）" not in flat


@pytest.mark.parametrize("project", YUXI)
def test_yunnan_print_has_the_seeds_headings_in_order_and_nothing_it_lacks(printed, project):
    flat = printed[project].flat

    assert _in_order(flat, YUNNAN_HEADINGS)
    assert [word for word in YUNNAN_ABSENT if word in flat] == []


@pytest.mark.parametrize("project", YUXI)
def test_yunnan_print_shows_the_funding_and_rows_as_published(printed, project):
    flat = printed[project].flat
    amount = YUXI_AMOUNTS[project]

    # 年初预算数 = 全年预算数 = 全年执行数, 分值 10, 执行率 100%, 得分 10; "—" under
    # 分值 and 得分 of the funding sources.
    assert f"年度资金总额{amount}{amount}{amount}10.00100.00%10.00" in flat
    assert f"其中：当年财政拨款{amount}{amount}{amount}——" in flat
    assert "金额单位：元" in flat
    rows = [f"{name}{cells}{DONE}" for name, cells in YUXI_ROWS[project]]
    assert _in_order(flat, [*rows, "总分"], start=flat.index("偏差原因分析及改进措施"))


@pytest.mark.parametrize("project", YUXI)
def test_yunnan_print_shows_the_engines_total_and_grade(printed, project):
    document = printed[project]
    weights, total, grade = YUXI_TOTALS[project]

    assert (f"{document.total_score}", document.grade) == (total, grade)
    assert f"总分{weights}{total}评价等次：{grade}" in document.flat


@pytest.mark.parametrize("project", YUXI)
def test_yunnan_prints_other_matters_before_the_total(printed, project):
    flat = printed[project].flat

    assert _in_order(flat, ["偏差原因分析及改进措施", "其他需要说明事项", "总分"])


@pytest.mark.parametrize("layout", ["national", ""])
def test_the_national_layout_prints_the_target_in_one_column(world, layout):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.layout = layout
    policy.save(update_fields=["layout"])

    content = build_content(
        "project_table",
        Target(fiscal_year=world.year_a, department=filing.department, filing=filing),
    )

    assert content["headings"] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    first = {key: text for key, _css, text, _merge in content["rows"][0]["cells"]}
    assert list(first) == [
        "level1",
        "level2",
        "name",
        "target_joined",
        "actual",
        "weight",
        "score",
        "deviation",
    ]
    assert (first["name"], first["target_joined"], first["actual"]) == (
        "督查督办信访件",
        "≥260件",
        "275件",
    )
    assert content["points"] and content["total"] == "99.88"


def test_a_qualitative_row_prints_the_result_the_form_shows_not_a_hidden_one(world):
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.layout = "sichuan"
    policy.save(update_fields=["layout"])
    c = helpers.categories(world.bureau_a)
    rows = (
        # 业绩指标 typed "100%", result chosen 未达成, 完成率 30 in its band [0, 50).
        RowData(
            category_id=c["质量指标"],
            name="合同管理完备性",
            comparator=scoring.QUALITATIVE,
            target_text="完备",
            actual_text="100%",
            qualitative_label=scoring.NOT_ACHIEVED,
            qualitative_score=Decimal(30),
        ),
        # A number row holding a result from when it was 定性: the form hides it.
        RowData(
            category_id=c["数量指标"],
            name="督查督办信访件",
            comparator="≥",
            target_text="260",
            unit="件",
            actual_text="275",
            qualitative_label=scoring.ACHIEVED,
            qualitative_score=Decimal(90),
        ),
    )
    filing = helpers.evaluate(world.project_a1, world.filer_a1, rows=rows)
    IndicatorRow.objects.filter(evaluation__filing=filing, name="督查督办信访件").update(
        qualitative_label=scoring.ACHIEVED
    )

    flat = _flat("\n".join(helpers.pdf_pages(_pdf(filing))))

    assert "合同管理完备性完备100%（未达成年度指标且效果较差）30.00%" in flat
    assert "督查督办信访件≥260件275件100.00%" in flat
    assert "（达成年度指标）" not in flat
