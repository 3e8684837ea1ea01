"""A project filing in the 四川 layout has no points total: its review keeps none either."""

from dataclasses import replace
from decimal import Decimal

from django.urls import reverse

from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.indicators.models import Framework
from apps.indicators.services import scoring_policy_ensure
from apps.project_evaluations.data import FundingData
from apps.project_evaluations.services import evaluation_create, evaluation_save
from apps.reviews.services import review_decide

from .conftest import filer_for, row_keys, valid_data


def _sichuan_submitted(world) -> Filing:
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.PROJECT)
    policy.layout = "sichuan"
    policy.save(update_fields=["layout"])
    project = world.project_a1
    filer = filer_for(project)
    filing = evaluation_create(project=project, by=filer)
    data = valid_data(project)
    funding = (
        FundingData("total", None, Decimal(100000), Decimal(95000)),
        FundingData("fiscal_local", None, Decimal(100000), Decimal(95000)),
    )
    rows = tuple(replace(row, weight=None) for row in data.rows)
    saved = evaluation_save(
        filing=filing,
        by=filer,
        base_version=filing.version,
        data=replace(data, funding=funding, rows=rows),
    )
    assert saved.filing.error_count == 0, saved.computed.findings
    assert saved.filing.total_score is None
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=filer)
    return Filing.objects.get(pk=filing.pk)


def test_the_review_of_a_filing_without_points_keeps_no_total(client, world):
    filing = _sichuan_submitted(world)
    first = next(iter(row_keys(filing).values()))

    review = review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="approve",
        row_scores={first: Decimal(90)},  # a 复核完成率 of 90%
    )

    assert review.total_score is None and review.grade == ""


def test_the_review_page_of_a_filing_without_points_shows_completion_and_no_total(client, world):
    filing = _sichuan_submitted(world)
    client.force_login(world.reviewer_a)

    page = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()

    start = page.index("绩效指标")
    sheet = page[start : page.index("</table>", start)]
    assert "完成率" in sheet and "复核完成率" in sheet
    assert "总分" not in sheet and 'id="jx-review-total"' not in sheet
    assert '<th class="jx-w-5">分值</th>' not in sheet
    # 信访事项按期办结率: 81 against ≥ 90, a 完成率 of 90.00 (%).
    assert "90.00" in sheet
    # The note under the sheet speaks of 完成率, not of a total the filing does not have.
    note = page[page.index("</table>", start) :]
    assert "复核完成率" in note.split("</p>")[0] and "复核总分" not in note.split("</p>")[0]


def test_the_review_page_of_a_scored_filing_shows_the_real_sum_of_the_weights(client, world):
    from .conftest import submitted_filing

    filing = submitted_filing(world)
    client.force_login(world.reviewer_a)

    page = client.get(reverse("reviews:review", args=[filing.pk])).content.decode()

    total_row = page[page.index("总分") : page.index("总分") + 200]
    weights = filing.project_evaluation.rows.values_list("weight", flat=True)
    assert f"{sum(weights) + 10:.2f}" in total_row
