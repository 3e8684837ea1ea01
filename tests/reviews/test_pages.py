"""The review page: who may open and act, the table as filed, decisions, changed cells."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from apps.filings.models import Filing, FilingEvent
from apps.reviews.models import Review, ReviewerAssignment
from apps.reviews.selectors import return_notice_for_filer, row_comments_for_filer
from apps.reviews.services import review_decide

from .conftest import TOTAL, resubmitted, row_ids, row_keys


def _url(filing, name="review"):
    return reverse(f"reviews:{name}", args=[filing.pk])


def _post(filing, op, **fields):
    data = {"revision": filing.revisions.order_by("-number").first().pk, "op": op, "comment": ""}
    data.update(fields)
    return data


def _state(filing):
    filing.refresh_from_db()
    return (
        filing.status,
        Review.objects.count(),
        FilingEvent.objects.filter(filing=filing).count(),
    )


@pytest.mark.parametrize("outsider", ["reviewer_b", "admin_b", "filer_a1", "filer_b1", "head_a1"])
def test_outsiders_cannot_open_or_act_on_the_review_page(client, world, filing, outsider):
    client.force_login(getattr(world, outsider))
    before = _state(filing)
    first_row = next(iter(row_ids(filing).values()))

    assert client.get(_url(filing)).status_code == 403
    for op in ("save", "return", "approve"):
        data = _post(filing, op, comment="越权", **{f"row-{first_row}-score": "1"})
        assert client.post(_url(filing), data).status_code == 403
    assert client.post(_url(filing, "compute"), _post(filing, "save")).status_code == 403
    assert (
        client.post(_url(filing, "assign"), {"reviewers": [world.reviewer_b.pk]}).status_code == 403
    )
    assert _state(filing) == before
    assert not ReviewerAssignment.objects.exists()


def test_the_filer_of_the_department_cannot_open_the_review_page(client, world, filing):
    client.force_login(world.filer_a1)
    assert client.get(_url(filing)).status_code == 403
    assert client.get(reverse("reviews:review", args=[999999])).status_code == 404


def test_review_page_shows_the_revision_as_filed_with_review_inputs(client, world, filing):
    client.force_login(world.reviewer_a)
    ids = row_ids(filing)
    # The department edits nothing while submitted, but the page must not read live rows.
    filing.project_evaluation.rows.filter(pk=ids["接待群众来访"]).update(name="改过的名称")

    response = client.get(_url(filing))

    assert response.status_code == 200
    page = response.content.decode()
    assert "项目支出绩效自评表" in page and "复核得分" in page and "复核意见" in page
    assert "接待群众来访" in page and "改过的名称" not in page
    for row_id in ids.values():
        assert f'name="row-{row_id}-score"' in page
        assert f'name="row-{row_id}-comment"' in page
    assert re.search(r'id="jx-department-total">\s*97.50', page)
    assert re.search(r'id="jx-review-total">\s*97.50', page)
    assert "18.00" in page  # the department's score of 办结率, 20 × 81 ÷ 90
    assert "jx-changed" not in page.split("</head>", 1)[1]
    filing.refresh_from_db()
    assert filing.status == Filing.Status.SUBMITTED  # opening the page starts nothing


def test_saving_scores_and_comments_starts_the_review(client, world, filing):
    client.force_login(world.reviewer_a)
    ids = row_ids(filing)
    data = _post(
        filing,
        "save",
        comment="初步意见",
        **{
            f"row-{ids['接待群众来访']}-score": "24",
            f"row-{ids['群众满意度']}-comment": "请附问卷",
        },
    )

    response = client.post(_url(filing), data)

    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.total_score, review.grade, review.comment) == (
        Decimal("91.50"),
        "优",
        "初步意见",
    )
    keys = row_keys(filing)
    assert {r.row_key: (r.score, r.comment) for r in review.rows.all()} == {
        keys["接待群众来访"]: (Decimal(24), ""),
        keys["群众满意度"]: (None, "请附问卷"),
    }
    filing.refresh_from_db()
    assert filing.status == Filing.Status.IN_REVIEW
    page = client.get(_url(filing)).content.decode()
    assert 'value="24.00"' in page and "请附问卷" in page
    assert re.search(r'id="jx-review-total">\s*91.50', page)


def test_an_unreadable_score_refuses_the_save_and_keeps_what_was_typed(client, world, filing):
    client.force_login(world.reviewer_a)
    row = row_ids(filing)["接待群众来访"]
    before = _state(filing)

    response = client.post(
        _url(filing),
        _post(filing, "save", **{f"row-{row}-score": "二十", f"row-{row}-comment": "留着"}),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="二十"' in page and "留着" in page
    assert _state(filing) == before


def test_return_needs_a_reason(client, world, filing):
    client.force_login(world.reviewer_a)
    before = _state(filing)

    response = client.post(_url(filing), _post(filing, "return", comment="  "))

    assert response.status_code == 400
    assert _state(filing) == before


def test_return_with_row_comments_reaches_the_filer_beside_each_row(client, world, filing):
    client.force_login(world.reviewer_a)
    ids, keys = row_ids(filing), row_keys(filing)
    row = ids["信访事项按期办结率"]

    response = client.post(
        _url(filing),
        _post(
            filing,
            "return",
            comment="请补充办结率佐证。",
            **{f"row-{row}-score": "15", f"row-{row}-comment": "跨年事项请列明。"},
        ),
    )

    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.status == Filing.Status.RETURNED
    comments = row_comments_for_filer(filing)
    rendered = Template(
        "{% load reviews %}{% for key in keys %}<tr id='r{{ key }}'>"
        "{% review_row_comments comments key %}</tr>{% endfor %}"
        "{% include 'reviews/_return_notice.html' with review=notice %}"
    ).render(
        Context(
            {
                "keys": list(keys.values()),
                "comments": comments,
                "notice": return_notice_for_filer(filing),
            }
        )
    )
    row_key = keys["信访事项按期办结率"]
    assert re.search(rf"<tr id='r{row_key}'>.*跨年事项请列明。.*?</tr>", rendered, re.S)
    assert rendered.count("跨年事项请列明。") == 1
    assert "请补充办结率佐证。" in rendered and 'id="jx-return-notice"' in rendered


def test_approve_from_the_page(client, world, filing):
    client.force_login(world.reviewer_a)

    response = client.post(_url(filing), _post(filing, "approve"))

    assert response.status_code == 302
    filing.refresh_from_db()
    review = Review.objects.get()
    assert (filing.status, review.decision, review.total_score) == ("approved", "approved", TOTAL)
    page = client.get(_url(filing)).content.decode()
    assert 'value="approve"' not in page and "<fieldset disabled>" in page


def test_a_decision_on_a_filing_decided_meanwhile_is_refused_and_changes_nothing(
    client, world, filing, second_reviewer
):
    client.force_login(second_reviewer)
    page = client.get(_url(filing)).content.decode()
    assert 'value="return"' in page
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")
    before = _state(filing)

    response = client.post(_url(filing), _post(filing, "return", comment="我觉得要退回"))

    assert response.status_code == 409
    text = response.content.decode()
    assert world.reviewer_a.full_name in text and "我觉得要退回" in text
    assert _state(filing) == before
    assert not Review.objects.filter(reviewer=second_reviewer).exists()


def test_after_resubmission_exactly_the_changed_cell_is_marked(client, world, filing):
    client.force_login(world.reviewer_a)
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="请核实")
    filing = resubmitted(filing, row="信访事项按期办结率", actual_text="88")
    key = row_keys(filing)["信访事项按期办结率"]

    page = client.get(_url(filing)).content.decode()

    body = page.split("</head>", 1)[1]
    assert body.count(' jx-changed"') + body.count('"jx-changed"') == 1
    marked = re.search(r'<td data-cell="(\w+)" class="jx-changed" title="([^"]*)"', body)
    assert marked and marked.group(1) == "actual"
    assert "81" in marked.group(2)
    assert re.search(rf'data-row="{key}">.*?class="jx-changed"', body, re.S)
    assert 'id="jx-changes"' in page


def test_compute_gives_the_reviewers_total_for_typed_scores(client, world, filing):
    client.force_login(world.reviewer_a)
    row = row_ids(filing)["接待群众来访"]

    response = client.post(
        _url(filing, "compute"), _post(filing, "save", **{f"row-{row}-score": "24"})
    )

    assert response.json() == {"total": "91.50", "grade": "优", "errors": {}}
    too_high = client.post(
        _url(filing, "compute"), _post(filing, "save", **{f"row-{row}-score": "31"})
    )
    assert list(too_high.json()["errors"]) == [row_keys(filing)["接待群众来访"]]
    assert client.get(_url(filing, "compute")).status_code == 405
    assert not Review.objects.exists()


def test_assignment_from_the_page_restricts_who_may_review(client, world, filing, second_reviewer):
    client.force_login(world.reviewer_a)
    assert (
        client.post(_url(filing, "assign"), {"reviewers": [world.reviewer_a.pk]}).status_code == 403
    )

    client.force_login(world.admin_a)
    assert 'id="jx-assign"' in client.get(_url(filing)).content.decode()
    response = client.post(_url(filing, "assign"), {"reviewers": [second_reviewer.pk]})
    assert response.status_code == 302
    assert list(ReviewerAssignment.objects.values_list("reviewer", flat=True)) == [
        second_reviewer.pk
    ]

    client.force_login(world.reviewer_a)
    page = client.get(_url(filing)).content.decode()
    assert 'id="jx-review-refusal"' in page and 'value="approve"' not in page
    assert 'id="jx-assign"' not in page
    assert client.post(_url(filing), _post(filing, "approve")).status_code == 403
    client.force_login(second_reviewer)
    assert client.post(_url(filing), _post(filing, "approve")).status_code == 302


def test_older_revisions_stay_readable_with_their_reviews(client, world, filing):
    client.force_login(world.reviewer_a)
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="return", reason="第一次退回")
    filing = resubmitted(filing, row="信访事项按期办结率", actual_text="88")

    page = client.get(_url(filing) + "?revision=1").content.decode()

    assert 'id="jx-old-revision"' in page and "<fieldset disabled>" in page
    assert "第一次退回" in page and 'value="81"' not in page and ">81<" in page
    assert client.get(_url(filing) + "?revision=9").status_code == 404
