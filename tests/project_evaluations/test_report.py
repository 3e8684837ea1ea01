"""The project's 绩效评价报告: drafted from the saved data, its figures kept true to it."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.filings.models import Filing
from apps.indicators.models import Framework, ScoringPolicy
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from apps.narratives import figures, shipped
from apps.narratives.models import ReportOutline
from apps.narratives.registry import report_kind
from apps.narratives.selectors import report_of
from apps.narratives.services import report_draft, report_save, report_update_figures
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.services import evaluation_create, evaluation_save

BUDGET = Decimal(320000)
# The sentences of the national draft that hold 全年执行数 or what it moves (besides 资金).
COMPLETED = "2023年根据工作安排，信访稳定经费项目全年执行数32万元，预算执行率100%。"
VERDICT = "经自评，信访稳定经费项目总分值100分，自评得分100分，评价等次为“优”。"


def _level2(world) -> dict[str, int]:
    level2 = taxonomy_ensure_standard(bureau=world.bureau_a, framework=Framework.PROJECT)
    return {c.name: c.pk for c in level2}


def _row(level2, group, name, target, actual, weight=None, unit="%", **more) -> RowData:
    return RowData(
        category_id=level2[group],
        name=name,
        comparator="≥",
        target_text=target,
        unit=unit,
        actual_text=actual,
        weight=None if weight is None else Decimal(weight),
        **more,
    )


def _funding(fiscal: str, executed: Decimal | None) -> tuple[FundingData, ...]:
    return (
        FundingData("total", BUDGET, BUDGET, executed),
        FundingData(fiscal, BUDGET, BUDGET, executed),
    )


def _national(world) -> EvaluationData:
    """信访稳定经费, all spent; four rows reaching their targets, weights 90 + 执行率 10."""
    c = _level2(world)
    return EvaluationData(
        goal_expected="完成年度信访稳定工作任务，促进社会环境和谐。",
        funding=_funding("fiscal", BUDGET),
        rows=(
            _row(c, "数量指标", "信访事项受理率", "100", "100", 30),
            _row(c, "质量指标", "按期办结率", "100", "100", 20),
            _row(c, "社会效益指标", "群众诉求解决率", "100", "100", 30),
            _row(c, "服务对象满意度指标", "群众满意度", "95", "98", 10),
        ),
    )


def _sichuan(world) -> EvaluationData:
    """Seed 002's shape: 县级预算资金, no points, one row short of its target."""
    c = _level2(world)
    return EvaluationData(
        funding=_funding("fiscal_local", BUDGET),
        rows=(
            _row(
                c,
                "数量指标",
                "督查督办信访件",
                "260",
                "247",
                unit="件",
                deviation_reason="部分信访件转由乡镇办理",
            ),
            _row(c, "时效指标", "完成信访稳定工作的时限", "100", "100"),
            _row(c, "社会效益指标", "提升群众满意度", "100", "100"),
            _row(c, "服务对象满意度指标", "提升服务对象满意度", "95", "98"),
        ),
    )


def _start(world, data: EvaluationData, layout: str = "", project=None) -> Filing:
    project = project or world.project_a1
    project.name = "信访稳定经费"
    project.save()
    if layout:
        scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
        ScoringPolicy.objects.filter(fiscal_year=world.year_a, framework=Framework.PROJECT).update(
            layout=layout
        )
    filing = evaluation_create(project=project, by=world.filer_a1)
    return _save(world, filing, data)


def _save(world, filing: Filing, data: EvaluationData) -> Filing:
    filing = Filing.objects.get(pk=filing.pk)
    saved = evaluation_save(
        filing=filing, by=world.filer_a1, base_version=filing.version, data=data
    )
    return saved.filing


def _rows_with_ids(filing: Filing, data: EvaluationData) -> EvaluationData:
    """The data with the saved rows' ids, as the form sends it back."""
    ids = list(filing.project_evaluation.rows.order_by("position").values_list("pk", flat=True))
    return replace(
        data, rows=tuple(replace(r, row_id=i) for r, i in zip(data.rows, ids, strict=True))
    )


def _drafted(world, filing: Filing) -> Filing:
    return report_draft(filing=filing, by=world.filer_a1, base_version=filing.version)


def _bodies(filing: Filing) -> dict[str, str]:
    report = report_of(Filing.objects.get(pk=filing.pk))
    assert report is not None
    return {section.key: section.body for section in report.sections}


def _sentences(body: str) -> list[str]:
    return [body[start:end].strip("\n") for start, end in figures.sentence_spans(body)]


def _execute(world, filing: Filing, data: EvaluationData, executed: Decimal) -> Filing:
    fiscal = data.funding[1].source
    return _save(world, filing, replace(data, funding=_funding(fiscal, executed)))


# 1. The done-when test: figures stay true.


def test_a_new_executed_amount_flags_exactly_the_sentences_that_held_what_it_moved(world):
    data = _national(world)
    filing = _drafted(world, _start(world, data))
    before = report_of(Filing.objects.get(pk=filing.pk))
    assert before is not None and not before.stale
    old_bodies = {section.key: section.body for section in before.sections}

    filing = _execute(world, filing, _rows_with_ids(filing, data), Decimal(280000))

    after = report_of(Filing.objects.get(pk=filing.pk))
    assert after is not None
    moved = {
        key
        for key, source in before.sources.items()
        if after.sources.get(key) is None or after.sources[key].shown != source.shown
    }
    # 全年执行数 and what it moves: the rates, the 执行率 row's score and so the total.
    assert moved == {
        "funding.total.executed",
        "funding.total.rate",
        "funding.fiscal.executed",
        "funding.fiscal.rate",
        "score.total",
    }
    holding = {
        (section.key, record["sentence"])
        for section in after.sections
        for record in section.figures
        if record["source"] in moved
    }
    flagged = {(section.key, flag.sentence) for section, flag in after.stale}
    assert flagged == holding
    assert flagged == {
        ("funds.approval", "全年执行数32万元，预算执行率100%。"),
        ("performance.completion", COMPLETED),
        ("conclusion.verdict", VERDICT),
    }
    # The sentence beside it in the same section holds figures too, none of them moved.
    assert "信访稳定经费项目2023年年初预算数32万元，全年预算数32万元，其中当年财政拨款32万元；" in (
        _sentences(old_bodies["funds.approval"])
    )
    changes = {(flag.label, flag.old, flag.new) for _section, flag in after.stale}
    assert changes == {
        ("全年执行数", "32", "28"),
        ("执行率", "100%", "87.5%"),
        ("自评得分", "100", "98.75"),
    }
    for _section, flag in after.stale:
        assert flag.old == before.sources[flag.source].shown
        assert flag.new == after.sources[flag.source].shown

    for key in sorted({key for key, _sentence in flagged}):
        filing = report_update_figures(
            filing=filing, by=world.filer_a1, base_version=filing.version, key=key
        )

    updated = report_of(Filing.objects.get(pk=filing.pk))
    assert updated is not None and not updated.stale
    kind = report_kind("project")
    assert kind is not None
    for section in updated.sections:
        old, new = _sentences(old_bodies[section.key]), _sentences(section.body)
        assert len(old) == len(new)
        for was, now in zip(old, new, strict=True):
            assert (was != now) == ((section.key, was) in flagged)
        if section.topic in kind.topics:
            # The updated text is what the new data drafts, word for word.
            paragraphs = kind.draft(filing, section.topic, updated.sources)
            assert section.body == figures.compose(paragraphs, updated.sources)[0]
    assert "全年执行数28万元，预算执行率87.5%。" in _bodies(filing)["funds.approval"]


# 2. Wording per topic, in the register of seeds 002 and 004.


def test_the_national_draft_speaks_in_the_register_of_seed_002(world):
    filing = _drafted(world, _start(world, _national(world)))

    bodies = _bodies(filing)

    assert bodies["overview.goals"] == (
        "信访稳定经费项目2023年度总体目标：完成年度信访稳定工作任务，促进社会环境和谐。\n"
        "年度绩效指标：\n"
        "1．信访事项受理率：年度指标值≥100%。\n"
        "2．按期办结率：年度指标值≥100%。\n"
        "3．群众诉求解决率：年度指标值≥100%。\n"
        "4．群众满意度：年度指标值≥95%。"
    )
    assert bodies["funds.approval"] == (
        "信访稳定经费项目2023年年初预算数32万元，全年预算数32万元，其中当年财政拨款32万元；"
        "全年执行数32万元，预算执行率100%。"
    )
    assert bodies["performance.completion"] == (
        "2023年根据工作安排，信访稳定经费项目全年执行数32万元，预算执行率100%。\n"
        "产出指标完成情况：\n"
        "1．信访事项受理率：年度指标值≥100%，实际完成值100%。\n"
        "2．按期办结率：年度指标值≥100%，实际完成值100%。"
    )
    assert bodies["performance.benefit"] == (
        "2023年实施信访稳定经费项目，效益指标及满意度指标完成情况如下：\n"
        "1．群众诉求解决率：年度指标值≥100%，实际完成值100%。\n"
        "2．群众满意度：年度指标值≥95%，实际完成值98%。"
    )
    assert bodies["conclusion.verdict"] == (
        "经自评，信访稳定经费项目总分值100分，自评得分100分，评价等次为“优”。"
    )
    assert bodies["conclusion.problems"] == "各项绩效指标均已完成年度目标。"
    # What the data cannot speak to is left for the filer.
    assert bodies["overview.basic"] == bodies["funds.finance"] == ""


def test_a_missed_indicator_is_listed_with_its_score_and_deviation_reason(world):
    data = _national(world)
    c = _level2(world)
    reason = "个别信访事项办理周期较长。\n下一步加强跟踪回访"
    short = _row(c, "服务对象满意度指标", "群众满意度", "95", "90", 10, deviation_reason=reason)
    filing = _drafted(world, _start(world, replace(data, rows=(*data.rows[:3], short))))

    bodies = _bodies(filing)

    assert bodies["conclusion.problems"] == (
        "信访稳定经费项目以下绩效指标未完成年度目标：\n"
        "1．群众满意度：年度指标值≥95%，实际完成值90%，得分9.47分。"
        "偏差原因：个别信访事项办理周期较长。下一步加强跟踪回访。"
    )
    # 10 × 90 ÷ 95 = 9.47, so 99.47 in all: still 优.
    assert "自评得分99.47分，评价等次为“优”" in bodies["conclusion.verdict"]


def test_the_sichuan_draft_has_no_points_and_names_the_county_budget(world):
    filing = _drafted(world, _start(world, _sichuan(world), layout="sichuan"))

    bodies = _bodies(filing)

    assert bodies["funds.approval"] == (
        "信访稳定经费项目2023年全年预算数32万元，其中县级预算资金32万元；"
        "全年执行数32万元，预算执行率100%。"
    )
    assert bodies["conclusion.verdict"] == (
        "经自评，信访稳定经费项目2023年预算执行率100%；共设置绩效指标4项，已完成年度目标3项。"
    )
    # 247 ÷ 260 = 95%: below 100% is missed, with its 完成率 and the filer's reason.
    assert bodies["conclusion.problems"] == (
        "信访稳定经费项目以下绩效指标未完成年度目标：\n"
        "1．督查督办信访件：年度指标值≥260件，实际完成值247件，完成率95%。"
        "偏差原因：部分信访件转由乡镇办理。"
    )
    assert not any("得分" in body or "分值" in body for body in bodies.values())
    report = report_of(Filing.objects.get(pk=filing.pk))
    assert report is not None
    assert report.sources["funding.fiscal_local.executed"] == figures.Source(
        "县级预算资金全年执行数", "32"
    )
    assert "funding.total.initial" not in report.sources  # no 年初预算数 in this layout
    assert not {"score.total", "score.grade"} & set(report.sources)


def test_the_rugao_outline_says_the_money_was_used_up_or_how_much_was_used(world):
    ReportOutline.objects.create(
        fiscal_year=world.year_a, filing_kind="project", text=shipped.PROJECT_BRIEF
    )
    data = _national(world)
    filing = _drafted(world, _start(world, data))
    assert _bodies(filing)["situation"] == "2023年度信访稳定经费32万元使用完毕。"

    filing = _execute(world, filing, _rows_with_ids(filing, data), Decimal(280000))
    filing = report_draft(
        filing=filing, by=world.filer_a1, base_version=filing.version, keys=["situation"]
    )

    assert _bodies(filing)["situation"] == (
        "2023年度信访稳定经费全年预算数32万元，已使用28万元，预算执行率87.5%。"
    )


def test_figures_the_data_does_not_hold_are_left_out_and_so_are_their_sentences(world):
    data = _national(world)
    c = _level2(world)
    blank = _row(c, "数量指标", "信访事项受理率", "100", "", 30)
    filing = _start(world, replace(data, funding=_funding("fiscal", None), rows=(blank,)))
    kind = report_kind("project")
    assert kind is not None

    sources = kind.sources(Filing.objects.get(pk=filing.pk))

    assert "funding.total.executed" not in sources and "funding.total.rate" not in sources
    row = filing.project_evaluation.rows.get()
    assert f"row.{row.pk}.target" in sources and f"row.{row.pk}.actual" not in sources
    assert kind.executed(filing) is None
    body, records = figures.compose(kind.draft(filing, "funding", sources), sources)
    # No 全年执行数: the budget's sentence alone, closed where the executed one would follow.
    assert (
        body == "信访稳定经费项目2023年年初预算数32万元，全年预算数32万元，其中当年财政拨款32万元。"
    )
    assert [record["source"] for record in records] == [
        "funding.total.initial",
        "funding.total.adjusted",
        "funding.fiscal.adjusted",
    ]
    body, _records = figures.compose(kind.draft(filing, "spent", sources), sources)
    assert body == "2023年度信访稳定经费全年预算数32万元。"
    body, _records = figures.compose(kind.draft(filing, "goals", sources), sources)
    assert body.endswith("1．信访事项受理率：年度指标值≥100%。")
    # A row without its actual value: the clause is left out, the target kept.
    body, _records = figures.compose(kind.draft(filing, "completion", sources), sources)
    assert body == "产出指标完成情况：\n1．信访事项受理率：年度指标值≥100%。"
    filing = _save(world, filing, replace(data, funding=(), rows=()))
    empty = kind.sources(Filing.objects.get(pk=filing.pk))
    for topic in ("funding", "spent", "completion", "benefit", "missed"):
        assert kind.draft(filing, topic, empty) == []


# 3. The filer's edits.


def test_a_figure_in_an_edited_sentence_stays_tracked_and_a_deleted_one_goes(world):
    data = _national(world)
    filing = _drafted(world, _start(world, data))
    bodies = _bodies(filing)
    typo = bodies["funds.approval"].replace("预算执行率100%", "预箅执行率100%")
    completion = bodies["performance.completion"].split("\n", 1)[1]  # its first sentence deleted
    filing = report_save(
        filing=filing,
        by=world.filer_a1,
        base_version=filing.version,
        bodies={"funds.approval": typo, "performance.completion": completion},
    )

    filing = _execute(world, filing, _rows_with_ids(filing, data), Decimal(280000))

    report = report_of(Filing.objects.get(pk=filing.pk))
    assert report is not None
    flagged = {(section.key, flag.sentence, flag.old, flag.new) for section, flag in report.stale}
    assert flagged == {
        ("funds.approval", "全年执行数32万元，预箅执行率100%。", "32", "28"),
        ("funds.approval", "全年执行数32万元，预箅执行率100%。", "100%", "87.5%"),
        ("conclusion.verdict", VERDICT, "100", "98.75"),
    }
    completion_section = next(s for s in report.sections if s.key == "performance.completion")
    # Its rows' figures are kept; 全年执行数 and 执行率 went with their sentence.
    kept = {record["source"].split(".")[0] for record in completion_section.figures}
    assert kept == {"row"}

    filing = report_update_figures(
        filing=filing, by=world.filer_a1, base_version=filing.version, key="funds.approval"
    )
    assert _bodies(filing)["funds.approval"].endswith("；全年执行数28万元，预箅执行率87.5%。")


# 4. The report page and the submission read the figures in a fixed number of queries.


def _with_rows(world, project, count: int) -> Filing:
    c = _level2(world)
    rows = tuple(
        _row(c, "数量指标", f"指标{n}", "100", "90", 3, deviation_reason="原因")
        for n in range(count)
    )
    return _start(world, replace(_national(world), rows=rows), project=project)


@pytest.mark.parametrize("layout", ["", "sichuan"])
def test_the_sources_are_read_in_the_same_number_of_queries_for_5_or_30_rows(world, layout):
    if layout:
        scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
        ScoringPolicy.objects.filter(fiscal_year=world.year_a).update(layout=layout)
    kind = report_kind("project")
    assert kind is not None
    few = _with_rows(world, world.project_a1, 5)
    many = _with_rows(world, world.project_a2, 30)
    with CaptureQueriesContext(connection) as five:
        small = kind.sources(Filing.objects.get(pk=few.pk))
    with CaptureQueriesContext(connection) as thirty:
        large = kind.sources(Filing.objects.get(pk=many.pk))

    assert sum(key.endswith(".actual") for key in small) == 5
    assert sum(key.endswith(".actual") for key in large) == 30
    assert len(thirty.captured_queries) == len(five.captured_queries)
