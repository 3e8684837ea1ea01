"""Scoring rules a reviewer would check (DESIGN §4): 不适用, unscored 定性 rows, one rounding
point, the form's unit in messages and history, the explanation of a low execution rate."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.filings.history import filing_timeline
from apps.filings.models import Filing, FilingSnapshot
from apps.filings.workflow import Action, filing_transition
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.services import evaluation_create, evaluation_save
from apps.reports.documents import Target, kind_of
from tests.filing_urls import evaluation_url
from tests.reports import helpers

REASON = "本年度未发生此类事项，指标不适用。"


def _categories(bureau) -> dict[str, int]:
    project_tree = IndicatorCategory.objects.filter(
        bureau=bureau, framework=Framework.PROJECT, level=2
    )
    return {c.name: c.pk for c in project_tree}


def _row(c, level2, name, target, actual, weight, **cells) -> RowData:
    return RowData(
        category_id=c[level2],
        name=name,
        comparator="≥",
        target_text=target,
        unit="%",
        actual_text=actual,
        weight=Decimal(weight),
        **cells,
    )


def missed_row_data(bureau, *, executed=100000, missed_actual="20", **missed) -> EvaluationData:
    """Budget spent; one row missed badly (20 of 100 → 4 of 20 points): 84, graded 良."""
    c = _categories(bureau)
    return EvaluationData(
        goal_expected="完成年度任务。",
        goal_actual="基本完成。",
        funding=(
            FundingData("total", Decimal(100000), Decimal(100000), Decimal(executed)),
            FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(executed)),
        ),
        rows=(
            _row(c, "数量指标", "接待群众来访", "100", "100", 30),
            _row(
                c,
                "质量指标",
                "信访事项按期办结率",
                "100",
                missed_actual,
                20,
                deviation_reason="部分事项跨年办理",
                **missed,
            ),
            _row(c, "社会效益指标", "化解信访积案", "100", "100", 30),
            _row(c, "服务对象满意度指标", "群众满意度", "90", "92", 10),
        ),
    )


def _policy(world, **fields) -> ScoringPolicy:
    policy = ScoringPolicy.objects.get(fiscal_year=world.year_a, framework=Framework.PROJECT)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save()
    return policy


def _save(filing: Filing, data: EvaluationData, by=None):
    filing.refresh_from_db()
    return evaluation_save(filing=filing, by=by, base_version=filing.version, data=data)


def _codes(saved) -> dict[str, str]:
    return {f.field: f.code for f in saved.computed.findings}


@pytest.fixture
def filing(world) -> Filing:
    return evaluation_create(project=world.project_a1, by=world.filer_a1)


# 14. 不适用 is the bureau's decision -------------------------------------------------------


def test_a_proposed_not_applicable_does_not_lift_a_good_filing_to_excellent(world, filing):
    _policy(world, filers_may_propose_not_applicable=True)
    data = missed_row_data(world.bureau_a, not_applicable=True, not_applicable_reason=REASON)

    saved = _save(filing, data, world.filer_a1)

    # The missed row still counts by its values: 10 + 30 + 4 + 30 + 10 = 84, 良 (not 100, 优).
    assert (saved.filing.total_score, saved.filing.grade) == (Decimal("84.00"), "良")
    assert saved.filing.error_count == 0
    revision_total = filing_transition(filing=saved.filing, action=Action.SUBMIT, by=world.filer_a1)
    revision = revision_total.revisions.get()
    assert (revision.total_score, revision.grade) == (Decimal("84.00"), "良")


def test_not_applicable_is_refused_on_its_cell_when_the_policy_does_not_allow_it(world, filing):
    data = missed_row_data(world.bureau_a, not_applicable=True, not_applicable_reason=REASON)

    saved = _save(filing, data)

    assert _codes(saved)["row-1.not_applicable"] == "not_applicable_not_allowed"
    assert saved.filing.error_count >= 1
    assert saved.filing.grade == "良"


def test_not_applicable_needs_a_reason_on_its_own_cell(world, filing):
    _policy(world, filers_may_propose_not_applicable=True)

    saved = _save(filing, missed_row_data(world.bureau_a, not_applicable=True))

    assert _codes(saved)["row-1.not_applicable_reason"] == "not_applicable_reason_missing"
    assert saved.filing.error_count == 1


def test_the_form_carries_the_reason_cell_and_keeps_it(client, world, filing):
    _policy(world, filers_may_propose_not_applicable=True)
    _save(
        filing, missed_row_data(world.bureau_a, not_applicable=True, not_applicable_reason=REASON)
    )
    client.force_login(world.filer_a1)

    page = client.get(evaluation_url(world.project_a1.pk))

    html = page.content.decode()
    assert 'data-cell="row-1.not_applicable_reason"' in html
    assert REASON in html
    snapshot = FilingSnapshot.objects.filter(filing=filing).order_by("-version").first()
    assert REASON in snapshot.cells.values()


# 16. A 定性 row without a chosen score counts 0; one rounding point --------------------------


def test_a_qualitative_row_without_a_score_counts_zero_and_is_an_error(world, filing):
    data = missed_row_data(world.bureau_a, missed_actual="100")
    rows = list(data.rows)
    rows[1] = replace(
        rows[1],
        comparator="定性",
        target_text="按期办结",
        actual_text="",
        unit="",
        qualitative_label="部分达成年度指标并具有一定效果",
    )

    saved = _save(filing, replace(data, rows=tuple(rows)))

    # 10 + 30 + 0 + 30 + 10: the unscored row is not given the top of a band.
    assert saved.filing.total_score == Decimal("80.00")
    assert _codes(saved)["row-1.qualitative_score"] == "qualitative_score_missing"


def test_page_filing_revision_review_page_and_pdf_agree_on_a_total_of_89_995(client, world, filing):
    # Execution 99,950 of 100,000 → 9.995; rows 30 + 10 + 30 + 10: unrounded 89.995.
    data = missed_row_data(world.bureau_a, executed=99950, missed_actual="50")
    saved = _save(filing, data, world.filer_a1)
    assert saved.filing.error_count == 0, saved.computed.findings
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=world.filer_a1)
    filing.refresh_from_db()
    revision = filing.revisions.get()

    client.force_login(world.filer_a1)
    page = client.get(evaluation_url(world.project_a1.pk))
    client.force_login(world.reviewer_a)
    review_page = client.get(reverse("reviews:review", args=[filing.pk]))
    document = kind_of("project_table")
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    content = document.build(target)
    output = document.produce(content, lambda *args: None)
    assert output.data is not None
    pdf = "\n".join(helpers.pdf_pages(output.data))

    assert (filing.total_score, filing.grade) == (Decimal("90.00"), "优")
    assert (revision.total_score, revision.grade) == (Decimal("90.00"), "优")
    html = page.content.decode()
    assert '<td class="jx-amount fw-bold" data-out="total">90.00</td>' in html
    assert '<strong data-out="grade">优</strong>' in html
    review_html = review_page.content.decode()
    assert 'id="jx-department-total">90.00<' in review_html
    assert 'id="jx-department-grade">优<' in review_html
    assert 'id="jx-review-total">90.00<' in review_html
    assert 'id="jx-review-grade">优<' in review_html
    assert (content["total"], content["grade"]) == ("90.00", "优")
    assert "评价等次：优" in pdf


# 17. Messages and history speak the form's unit ---------------------------------------------


def test_check_messages_speak_the_forms_unit(world, filing):
    data = missed_row_data(world.bureau_a, missed_actual="100")
    funding = (
        FundingData("total", Decimal(100000), Decimal(100000), Decimal(120000)),
        FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(120000)),
    )

    saved = _save(filing, replace(data, funding=funding))

    message = next(f.message for f in saved.computed.findings if f.code == "executed_above_budget")
    assert "12.00" in message and "10.00" in message and "万元" in message
    assert "120,000.00" not in message


def test_history_shows_amounts_in_the_forms_unit(world, filing):
    data = missed_row_data(world.bureau_a, missed_actual="100")
    _save(filing, data)
    funding = (
        FundingData("total", Decimal(100000), Decimal(100000), Decimal(95000)),
        FundingData("fiscal", Decimal(100000), Decimal(100000), Decimal(95000)),
    )
    _save(filing, replace(data, funding=funding))

    latest = next(entry for entry in filing_timeline(filing) if entry.kind == "save")
    change = next(c for c in latest.changes if c.key == "funding.total.executed")

    assert (change.old, change.new) == ("10.00 万元", "9.50 万元")


# 18. The explanation below the execution threshold is a policy setting -----------------------


def test_without_the_setting_there_is_no_explanation_cell_and_no_check(client, world, filing):
    saved = _save(filing, missed_row_data(world.bureau_a, executed=50000, missed_actual="100"))
    client.force_login(world.filer_a1)

    page = client.get(evaluation_url(world.project_a1.pk))

    assert "low_execution_explanation" not in page.content.decode()
    assert not any("execution" in f.code and "low" in f.code for f in saved.computed.findings)


def test_below_the_threshold_the_explanation_is_required_kept_and_printed(client, world, filing):
    _policy(world, low_execution_explanation_below=Decimal(90))
    data = missed_row_data(world.bureau_a, executed=50000, missed_actual="100")

    saved = _save(filing, data)
    assert _codes(saved)["low_execution_explanation"] == "low_execution_explanation_missing"
    client.force_login(world.filer_a1)
    page = client.get(evaluation_url(world.project_a1.pk))
    assert 'name="low_execution_explanation"' in page.content.decode()

    explained = "项目延期至次年实施，资金结转使用。"
    saved = _save(filing, replace(data, low_execution_explanation=explained))
    assert "low_execution_explanation" not in _codes(saved)
    snapshot = FilingSnapshot.objects.filter(filing=filing).order_by("-version").first()
    assert snapshot.cells["low_execution_explanation"] == explained
    document = kind_of("project_table")
    target = Target(fiscal_year=world.year_a, department=filing.department, filing=filing)
    output = document.produce(document.build(target), lambda *args: None)
    assert output.data is not None
    assert explained in "".join(helpers.pdf_pages(output.data)).replace("\n", "")
