"""Each bureau's layout prints the department filing as its seed does (DESIGN §9): the seed's
parts in the seed's order and words, the filing's figures as published, nothing of the parts the
layout leaves out. The demo filings are seeds 000–003 entered as printed."""

import io
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from apps.budgets.demo import demo_load
from apps.department_evaluations.demo import demo_departments_load
from apps.department_evaluations.documents import DEPARTMENT_TABLE
from apps.department_evaluations.models import KIND
from apps.filings.models import Filing
from apps.indicators.models import Framework
from apps.indicators.services import scoring_policy_ensure
from apps.project_evaluations.demo import demo_evaluations_load
from apps.reports.documents import Target, registry
from tests.department_evaluations.printing import first_missing, flat_text, pdf_of
from tests.reports import helpers

pytestmark = pytest.mark.django_db

LISHUI = "丽水市信访局"
YUNXI = "岳阳市云溪区信访局"
EBIAN = "峨边彝族自治县信访局"
YUXI = "玉溪市信访局"

# What each seed prints, in its order: headings and labels, then the figures as published.
PRINTED = {
    LISHUI: [
        "市级部门整体支出绩效评价基本情况表",
        "（2019年度）",
        "填报单位（盖章）：丽水市信访局",
        "评价联系人",
        "罗俊",
        "联系电话及手机",
        "2090505 13957082012",
        "人员编制数",
        "16",
        "实有人数",
        "15",
        "单位职能",
        "（一）负责处理公民、法人或其他组织通过信访渠道",
        "单位年度实际收入（万元）",
        "收入合计",
        "其中：",
        "上年结转结余",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入及其他收入",
        "1,246.25",
        "97.59",
        "1,148.66",
        "单位年度实际支出（万元）",
        "支出合计",
        "基本支出",
        "项目支出",
        "经营支出及其他支出",
        "人员支出",
        "日常公用支出",
        "1,184.72",
        "545.15",
        "481.07",
        "64.08",
        "639.57",
        "年度绩效状况",
        "单位年度财政支出整体绩效目标总体描述",
        "一年来，市信访局以思想作风建设为先导",
        "目标设置和年度财政收支的主要依据及说明",
        "本年度提供的公共产品或服务",
        "服务名称",
        "计划",
        "实际",
        "12345中心经费",
        "367",
        "354.64",
        "疑难复杂信访积案化解资金",
        "本年度取得的实际效益",
        "效益名称",
        "已解决5件信访积案",
        "服务对象（受益者及相关群体）满意度",
        "群众满意率98.11%。",
    ],
    YUNXI: [
        "2022年度部门整体支出绩效评价自评报告",
        "部门(单位)名称：",
        YUNXI,
        "预算编码：",
        "评价方式：部门（单位）绩效自评",
        "评价机构：部门（单位）评价组",
        "报告日期：2023年7月8日",
        "岳阳市云溪财政局（制）",
        "一、部门（单位）基本概况",
        "联系人",
        "刘奇",
        "联络电话",
        "8415041",
        "人员编制",
        "实有人数",
        "职能职责概述",
        "年度主要工作内容",
        "任务1：强化信访责任制落实",
        "年度部门（单位）总体运行情况及取得的成绩",
        "二、部门（单位）收支情况",
        "年度收入情况（万元）",
        "机构名称",
        "收入合计",
        "上年结转",
        "公共财政拨款",
        "政府基金拨款",
        "纳入专户管理的非税收入拨款",
        "其他收入",
        "局机关及二级机构汇总",
        "273.09",
        "259.16",
        "13.93",
        "1、局机关",
        "部门（单位）年度支出和结余情况（万元）",
        "支出合计",
        "其中：",
        "结余",
        "基本支出",
        "项目支出",
        "当年结余",
        "累计结余",
        "人员支出",
        "公用支出",
        "273.09",
        "140.00",
        "128.80",
        "11.20",
        "133.09",
        "三公经费合计",
        "公务接待费",
        "公务用车运维费",
        "公务用车购置费",
        "因公出国费",
        "1.20",
        "0.04",
        "固定资产合计",
        "其中：",
        "其他",
        "在用固定资产",
        "出租固定资产",
        "99.32",
        "三、部门（单位）整体支出绩效自评情况",
        "整体支出绩效定性目标及实施计划完成情况",
        "预期目标",
        "实际完成",
        "目标1：强化信访责任制落实，压实领导干部信访工作责任。",
        "目标1完成情况：",
        "整体支出绩效定量目标及实施计划完成情况",
        "评价内容",
        "绩效目标",
        "完成情况",
        "产出指标",
        "质量指标",
        "群众信访按期办结率≥95%",
        "100%",
        "满意度指标",
        "社会群众满意度≥95%",
        "98%",
        "绩效自评综合得分",
        "96.00",
        "评价等次",
        "优",
        "四、评价人员",
        "姓名",
        "职务/职称",
        "单位",
        "签字",
        "刘奇",
        "副局长",
        "信访局",
        "评价组组长（签字）：",
        "部门（单位）意见：",
        "财政部门归口业务股室意见：",
        "填报人（签名）：",
        "联系电话：",
    ],
    EBIAN: [
        "2023年度峨边彝族自治县信访局整体支出绩效评价报告",
        "一、部门（单位）概况",
        "编制",
        "15",
        "实有人员",
        "11",
        "机构职能",
        "根据峨委办〔2019〕38号文件批复的三定方案",
        "二、部门财政资金收支情况",
        "（一）部门财政资金收入情况（万元）",
        "财政资金收入",
        "一般公共预算财政拨款收入",
        "政府性基金预算财政拨款收入",
        "305.97",
        "271.46",
        "34.51",
        "（二）部门财政资金支出情况（万元）",
        "财政资金支出",
        "基本支出",
        "项目支出",
        "人员经费",
        "公用经费",
        "308.97",
        "271.46",
        "238.11",
        "33.35",
        "34.51",
        "四、评价结论及建议",
        "自评得分",
        "98.00",
        "峨边彝族自治县信访局部门整体绩效自评打分表",
        "绩效指标",
        "指标分值",
        "指标解释",
        "计分标准",
        "评价方式",
        "评价属性",
        "自评打分",
        "备注",
        "部门预算项目绩效管理（70分）",
        "目标管理（40分）",
        "目标制定",
        "是否开展部门内部绩效目标审核工作。",
        "部门自评范围为部门所有纳入绩效目标管理的部门预算项目",
        "绩效结果应用（30分）",
        "扣分项（10分）",
        "部门整体自评得分",
        "98",
    ],
    YUXI: [
        "2021年度部门整体支出绩效自评表",
        "公开11表",
        "编制单位：玉溪市信访局",
        "部门名称：玉溪市信访局",
        "金额单位：元",
        "部门总体目标",
        "部门职责",
        "1.负责受理国内群众、境外人士、法人及其他组织",
        "总体绩效目标",
        "我市信访工作总体思路",
        "一、部门年度目标",
        "财年",
        "目标",
        "实际完成情况",
        "2021",
        "1.开展主题教育",
        "与年初目标有一定差距",
        "2022",
        "2023",
        "二、部门年度重点工作任务",
        "任务名称",
        "项目级次",
        "主要内容",
        "批复金额（万元）",
        "实际支出金额（万元）",
        "预算执行率",
        "预算执行偏低原因及改进措施",
        "总额",
        "财政拨款",
        "其他资金",
        "政府服务热线信息系统平台租赁服务",
        "本级",
        "100.00",
        "100.00",
        "100.00",
        "100.00%",
        "80.00",
        "信访事项专项救助资金",
        "20.00",
        "已按预算完成目标",
        "三、部门整体支出绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "偏差原因分析及改进措施",
        "产出指标",
        "数量指标",
        "宣传区域覆盖率",
        "100%100已按预算完成目标",
        "国产化电脑、打印机设备购置",
        "11台套0市安办可统一进行国产化替代，单位未自行购买。",
        "政务热线学习培训人数",
        "一批12人进行学习培训",
        "人次",
        "363",
        "单位满意度",
        "95%98.9已按预算完成目标",
        "其他需说明事项",
        "备注：1.涉密部门和涉密信息按保密规定不公开。",
        "2.一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。",
    ],
}

# What each layout leaves out: headings and labels of the other seeds' parts.
LEFT_OUT = {
    LISHUI: [
        "局机关及二级机构汇总",
        "机构名称",
        "评价方式",
        "评价人员",
        "打分表",
        "绩效自评综合得分",
        "三公经费",
        "固定资产",
        "部门整体支出主要指标",
        "整体支出绩效定量目标",
        "重点工作任务",
    ],
    YUNXI: [
        "上级补助",
        "事业收入",
        "其他支出",
        "部门整体支出主要指标",
        "打分表",
        "重点工作任务",
        "本年度提供的公共产品或服务",
        "服务对象（受益者及相关群体）满意度",
        "其他需要说明事项",
        "偏差原因分析及改进措施",
    ],
    EBIAN: [
        "局机关及二级机构汇总",
        "机构名称",
        "三公经费",
        "累计结余",
        "评价人员",
        "绩效自评综合得分",
        "评价等次",
        "部门(单位)名称",
        "整体支出绩效定量目标",
        "重点工作任务",
    ],
    YUXI: [
        "收支情况",
        "局机关及二级机构汇总",
        "三公经费",
        "评价人员",
        "绩效自评综合得分",
        "评价等次",
        "部门(单位)名称",
        "打分表",
        "部门整体支出主要指标",
        "年度绩效状况",
    ],
}


@pytest.fixture
def demo(monkeypatch) -> dict[str, Filing]:
    """The demo's department filings by department, each bureau in its seed's layout."""
    monkeypatch.setitem(registry._documents, DEPARTMENT_TABLE.key, DEPARTMENT_TABLE)
    monkeypatch.setitem(registry._filing_documents, KIND, DEPARTMENT_TABLE.key)
    demo_load(today=date(2024, 6, 1))
    demo_evaluations_load()
    demo_departments_load()
    filings = Filing.objects.filter(kind=KIND).select_related("department", "fiscal_year")
    return {filing.department.name: filing for filing in filings}


@pytest.mark.parametrize("department", [LISHUI, YUNXI, EBIAN, YUXI])
def test_each_layout_prints_its_seeds_parts_in_order_with_the_published_figures(demo, department):
    text = flat_text(pdf_of(demo[department]))

    assert None is first_missing(text, PRINTED[department])
    assert [label for label in LEFT_OUT[department] if label in text] == []


def test_the_ebian_scoring_sheet_prints_on_landscape_pages_after_the_report(demo):
    data = pdf_of(demo[EBIAN])

    pages = PdfReader(io.BytesIO(data)).pages
    assert pages[0].mediabox.width < pages[0].mediabox.height
    assert pages[-1].mediabox.width > pages[-1].mediabox.height
    assert "部门整体自评得分" in re.sub(r"\s+", "", helpers.pdf_pages(data)[-1])


def test_a_print_is_named_after_its_layouts_form(demo):
    target = Target(
        fiscal_year=demo[LISHUI].fiscal_year,
        department=demo[LISHUI].department,
        filing=demo[LISHUI],
    )
    content = DEPARTMENT_TABLE.build(target)

    assert DEPARTMENT_TABLE.filing is not None
    assert (
        DEPARTMENT_TABLE.filing.title(content) == "市级部门整体支出绩效评价基本情况表——丽水市信访局"
    )
    assert DEPARTMENT_TABLE.filing.file_name(content).startswith(
        "2019年度市级部门整体支出绩效评价基本情况表-"
    )


@pytest.mark.parametrize(
    ("framework", "layout"),
    [(Framework.DEPARTMENT, "yunnan"), (Framework.PROJECT, "lishui"), (Framework.DEPARTMENT, "x")],
)
def test_a_policy_refuses_a_layout_of_another_framework(world, framework, layout):
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=framework)
    policy.layout = layout

    with pytest.raises(ValidationError) as refused:
        policy.full_clean()

    assert "layout" in refused.value.message_dict


def test_a_department_policy_takes_each_department_layout(world):
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)

    for key in ("", "complete", "lishui", "yunxi", "ebian", "yuxi"):
        policy.layout = key
        policy.full_clean()
        assert policy.form_layout().key == (key or "complete")
