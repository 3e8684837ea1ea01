"""The review queue's lists as .xlsx: the filtered queue, and the year's review summary."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.filings.models import Filing
from apps.reviews.models import ReviewerAssignment
from tests import factories

from .test_queue import filings  # noqa: F401  (the fixture)

EXPORT = reverse("reviews:queue_export")
SUMMARY = reverse("reviews:summary_export")


def _rows(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _by_name(rows: list[list], header: str) -> list:
    column = rows[0].index(header)
    return [row[column] for row in rows[1:]]


@pytest.mark.django_db
def test_the_queue_exports_every_filtered_filing_with_its_scores(client, world, filings):  # noqa: F811
    client.force_login(world.reviewer_a)
    ReviewerAssignment.objects.create(filing_id=filings["a1"], reviewer=world.reviewer_a)

    rows = _rows(client.get(EXPORT))

    # The page's default: this year's filings awaiting review, in the queue's order.
    assert rows[0][:6] == ["部门", "预算编码", "项目编码", "项目名称", "类型", "填报状态"]
    names = _by_name(rows, "部门")
    assert len(names) == 3 and "乙县信访局" not in names
    scores = dict(zip(_by_name(rows, "项目名称"), _by_name(rows, "复核得分"), strict=True))
    assert scores[Filing.objects.get(pk=filings["a2"]).project.name] == Decimal("81.5")
    grades = _by_name(rows, "复核等次")
    assert "良" in grades
    assert str(world.reviewer_a) in _by_name(rows, "审核人")

    filtered = _rows(client.get(EXPORT, {"status": "any", "q": "档案"}))
    assert _by_name(filtered, "项目名称") == ["档案数字化"]
    assert _by_name(filtered, "填报状态") == ["已通过"]


@pytest.mark.django_db
def test_the_review_summary_lists_every_filing_of_the_year_whatever_its_state(
    client,
    world,
    filings,  # noqa: F811
):
    client.force_login(world.reviewer_a)

    rows = _rows(client.get(SUMMARY, {"status": "submitted"}))

    assert rows[0] == [
        "部门",
        "类型",
        "项目名称",
        "自评得分",
        "评价等次",
        "复核得分",
        "复核等次",
        "执行率（%）",
        "填报状态",
    ]
    year_a = Filing.objects.filter(fiscal_year=world.year_a).count()
    assert len(rows) - 1 == year_a  # the approved one too; not 2024's, not bureau B's
    states = _by_name(rows, "填报状态")
    assert "已通过" in states and "已提交" in states
    by_kind = dict(zip(_by_name(rows, "类型"), _by_name(rows, "自评得分"), strict=False))
    assert by_kind["部门整体支出绩效自评"] == Decimal("72")
    rates = [rate for rate in _by_name(rows, "执行率（%）") if rate is not None]
    assert rates and all(0 <= rate <= 100 for rate in rates)


@pytest.mark.django_db
def test_people_who_do_not_review_cannot_export(client, world):
    for user in (world.filer_a1, world.head_a1):
        client.force_login(user)
        assert client.get(EXPORT).status_code == 403
        assert client.get(SUMMARY).status_code == 403
    client.logout()
    assert client.get(EXPORT).status_code == 302


@pytest.mark.django_db
def test_another_bureaus_reviewer_exports_none_of_this_bureaus_filings(client, world, filings):  # noqa: F811
    other = factories.reviewer_of(world.bureau_b)
    client.force_login(other)

    names = _by_name(_rows(client.get(EXPORT, {"fiscal_year": "any", "status": "any"})), "部门")

    assert names and all(name == "乙县信访局" for name in names)


@pytest.mark.django_db
def test_the_exports_queries_do_not_grow_with_the_number_of_filings(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_queue import _many

    client.force_login(world.reviewer_a)
    _many(world, 3)
    client.get(EXPORT)
    counts = {}
    for url in (EXPORT, SUMMARY):
        with CaptureQueriesContext(connection) as few:
            assert len(_rows(client.get(url))) == 4
        counts[url] = len(few)

    _many(world, 25)

    for url in (EXPORT, SUMMARY):
        with django_assert_num_queries(counts[url]):
            assert len(_rows(client.get(url))) == 26
