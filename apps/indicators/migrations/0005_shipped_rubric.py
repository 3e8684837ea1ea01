"""The shipped 打分表: seed 002's 部门整体绩效自评打分表 (峨边彝族自治县信访局, 2023), version 1.

A rubric without a bureau is the system's; bureaus copy it (`indicators.rubrics.rubric_copy`) and
edit their copy. The rows are data here, not imported from the app, so this migration keeps
working when the models change. The texts are the seed's: runs of spaces collapsed, each
numbered clause of a 计分标准 on its own line. Rows with an empty 三级指标 in the seed continue
the one above. The printed subtotals are left out of the names: the rows' 分值 count (the seed
prints 动态调整 15 and 信息公开 5 for rows worth 20 and 10, which the 70 and 30 agree with).

Going back deletes the shipped rubric; a scoring policy or filing that names it stops that
(its foreign keys protect it), rather than losing what it points to.
"""

from django.db import migrations

NAME = "部门整体绩效自评打分表"
VERSION = 1

# RubricItem fields as of 0004; a flag left out is False, a text left out is empty. The flags are
# the seed's √ columns: whole 整体评价, sample 样本评价, qualitative 定性评价, quantitative 定量评价.
ITEMS: tuple[dict[str, str | bool], ...] = (
    {
        "level1": "部门预算项目绩效管理",
        "level2": "目标管理",
        "level3": "目标制定",
        "weight": "10",
        "explanation": "是否开展部门内部绩效目标审核工作。",
        "standard": "部门组织对本部门（含下属单位）绩效目标开展内部审核的，得10分，否则不得分。",
        "whole": True,
        "sample": True,
        "quantitative": True,
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "目标管理",
        "level3": "目标制定",
        "weight": "10",
        "explanation": "根据年度绩效目标实现情况，评价部门绩效目标是否科学合理、规范完整、细化量化并与预算安排相匹配。",
        "standard": "1.绩效目标编制科学合理的，得2分，否则酌情扣分。\n2.绩效目标编制规范完整的，得2分，否则酌情扣分。\n3.绩效指标编制细化量化的，得2分，否则酌情扣分。\n4.绩效指标编制与预算安排相匹配的，得2分，否则酌情扣分。\n5.评价部门绩效目标纳入部门党组（委）会（办公会）集体决策范围的得2分，否则不得分。",
        "whole": True,
        "sample": True,
        "qualitative": True,
        "quantitative": True,
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "目标管理",
        "level3": "目标实现",
        "weight": "10",
        "explanation": "评价部门整体支出绩效目标实现程度与预期目标的偏离度。",
        "standard": "以部门整体支出绩效为核心，评价部门整体支出实际完成情况与预期绩效目标偏离度，单个数量指标实际完成未达到预期指标或超过预期指标30%以上的，均不计分。该项指标得分=达到预期值的数量指标个数/全部数量指标个数*10。",
        "whole": True,
        "quantitative": True,
        "computation": "department_goals",
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "目标管理",
        "level3": "目标实现",
        "weight": "10",
        "explanation": "评价部门预算项目绩效目标实际实现程度与预期目标的偏离度。",
        "standard": "以部门预算项目绩效为核心，评价部门预算项目实际完成情况与预期绩效目标偏离度，单个数量指标实际完成未达到预期指标或超过预期指标30%以上的，均不计分。该项指标得分=达到预期值的数量指标个数/全部数量指标个数（即评价选取的项目绩效目标包含的所有数量指标）*10。",
        "sample": True,
        "quantitative": True,
        "computation": "project_goals",
        "note": "部门自评范围为部门所有纳入绩效目标管理的部门预算项目",
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "动态调整",
        "level3": "支出控制",
        "weight": "10",
        "explanation": "部门公用经费及非定额公用支出控制情况。",
        "standard": "计算部门日常公用经费、项目支出中“办公费、印刷费、水费、电费、物业管理费”等科目年初预算数与决算数偏差程度。 预决算偏差程度在10%以内的，得10分。偏差度在10%—20%之间的，得5分，偏差度超过20%的，不得分。",
        "whole": True,
        "quantitative": True,
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "动态调整",
        "level3": "及时处置",
        "weight": "5",
        "explanation": "评价部门开展绩效运行监控后，将绩效监控结果应用到预算调整的情况。",
        "standard": "绩效运行监控未发现问题或对发现问题提出预算收回、调整处置意见并加以落实的得5分。如存在未及时处置落实的，按未进行问题整改的项目数量/监控发现问题的项目总数×5分扣分，直至扣完。",
        "whole": True,
        "quantitative": True,
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "动态调整",
        "level3": "执行进度",
        "weight": "5",
        "explanation": "评价部门在6、9、11月的预算执行情况。",
        "standard": "部门预算执行进度在6、9、11月应达到序时进度的80%、90%、90%，即实际支出进度分别达到40%、67.5%、82.5%。 6、9、11月部门预算执行进度达到量化指标的分别得1分、2分、2分，未达到目标进度的按其实际进度占目标进度的比重计算得分。",
        "whole": True,
        "quantitative": True,
        "computation": "execution_progress",
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "完成结果",
        "level3": "资金结余率（低效无效率）",
        "weight": "5",
        "explanation": "评价部门预算项目年终资金结余情况。",
        "standard": "部门预算项目资金结余率小于0.1的项目数/部门预算项目总数*5。",
        "whole": True,
        "quantitative": True,
        "computation": "project_balance",
    },
    {
        "level1": "部门预算项目绩效管理",
        "level2": "完成结果",
        "level3": "违规记录",
        "weight": "5",
        "explanation": "根据审计监督、财会监督和部门自查结果反映部门上一年度部门预算管理是否存在相关问题。",
        "standard": "依据评价年度审计监督、财会监督和部门自查结果，出现未落实党政机关过紧日子相关要求，以及部门预算管理方面违纪违规等问题的，每个问题扣0.5分，直至扣完。",
        "whole": True,
        "qualitative": True,
        "quantitative": True,
    },
    {
        "level1": "绩效结果应用",
        "level2": "内部应用",
        "level3": "预算挂钩",
        "weight": "10",
        "explanation": "部门内部绩效结果与预算挂钩情况",
        "standard": "将内设机构和下属单位绩效自评情况纳入内部考核体系，得5分；建立对内设机构和下属单位预算与绩效挂钩机制的，得5分；否则酌情扣分。",
        "whole": True,
        "qualitative": True,
    },
    {
        "level1": "绩效结果应用",
        "level2": "信息公开",
        "level3": "自评公开",
        "weight": "10",
        "explanation": "评价部门是否按要求将部门整体绩效自评情况和自行组织的评价情况向社会公开。",
        "standard": "按要求将相关绩效信息随同决算公开的，得10分，否则不得分。",
        "whole": True,
        "qualitative": True,
    },
    {
        "level1": "绩效结果应用",
        "level2": "整改反馈",
        "level3": "问题整改",
        "weight": "5",
        "explanation": "评价部门根据绩效管理结果整改问题、完善政策、改进管理的情况。",
        "standard": "针对绩效管理过程中（包括绩效目标核查、绩效监控核查和重点绩效评价）提出的问题进行整改，得5分，否则酌情扣分。",
        "whole": True,
        "qualitative": True,
        "quantitative": True,
    },
    {
        "level1": "绩效结果应用",
        "level2": "整改反馈",
        "level3": "应用反馈",
        "weight": "5",
        "explanation": "评价部门按要求及时向财政部门反馈结果应用情况。",
        "standard": "部门在规定时间内向财政部门反馈应用绩效结果报告的，得5分，否则不得分。",
        "whole": True,
        "qualitative": True,
        "quantitative": True,
    },
    {
        "level1": "扣分项",
        "weight": "10",
        "explanation": "被评价单位配合评价工作情况。",
        "standard": "财政重点绩效评价工作开展过程中，评价组发现被评价对象拖延推诿、提交资料不及时等拒不配合评价工作的，经报财政局复核确认后按0.5分/次予以扣分，最高扣10分（此为财政重点绩效评价计分标准，部门参照该标准对部门及下属单位计分）。",
        "whole": True,
        "qualitative": True,
        "quantitative": True,
        "is_deduction": True,
    },
)


def shipped_rubric_create(apps, schema_editor):
    Rubric = apps.get_model("indicators", "Rubric")
    RubricItem = apps.get_model("indicators", "RubricItem")
    rubric = Rubric.objects.create(bureau=None, name=NAME, version=VERSION)
    RubricItem.objects.bulk_create(
        RubricItem(rubric=rubric, position=position, **row)
        for position, row in enumerate(ITEMS, start=1)
    )


def shipped_rubric_delete(apps, schema_editor):
    Rubric = apps.get_model("indicators", "Rubric")
    Rubric.objects.filter(bureau=None, name=NAME, version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_rubrics"),
    ]

    operations = [
        migrations.RunPython(shipped_rubric_create, shipped_rubric_delete),
    ]
