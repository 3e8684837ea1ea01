"""A kind defined only in the test suite goes through the whole filing machinery.

Save, conflict, submit, review with a row comment, return, resubmit with the changed cell
marked, approve, history and the printed PDF: every step through the generic routes and
services, with nothing outside tests/filings knowing the kind.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.filings.models import Filing, FilingRevision
from apps.filings.workflow import Action, filing_transition
from apps.reports import documents
from apps.reports.documents import Target
from apps.reviews.models import Review, RowReview
from apps.reviews.services import review_decide
from tests.reports.helpers import pdf_pages

from .minimal_kind import KEY, NOTE_TABLE, rows_of, start

S = Filing.Status


@pytest.fixture
def filing(world, note_kind) -> Filing:
    return start(department=world.dept_a1, fiscal_year=world.year_a)


def _page(filing: Filing) -> str:
    return reverse("filings:page", kwargs={"filing_pk": filing.pk})


def _save(client, filing: Filing, version: int, first: str, second: str):
    return client.post(_page(filing), {"version": version, "row-0": first, "row-1": second})


def test_save_through_the_generic_route_keeps_a_snapshot(client, world, filing):
    client.force_login(world.filer_a1)

    response = _save(client, filing, 0, "完成台账整理", "")

    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.version == 1 and filing.error_count == 1  # the empty row is the kind's finding
    assert [row.text for row in rows_of(filing)] == ["完成台账整理", ""]
    assert "完成台账整理" in client.get(_page(filing)).content.decode()


def test_a_save_from_an_older_version_is_a_conflict_naming_the_kinds_cells(client, world, filing):
    client.force_login(world.filer_a1)
    _save(client, filing, 0, "甲", "乙")

    response = _save(client, filing, 0, "丙", "丁")

    assert response.status_code == 409
    body = response.content.decode()
    assert "第1行 · 内容： → 甲" in body and "第2行 · 内容： → 乙" in body
    assert [row.text for row in rows_of(filing)] == ["甲", "乙"]


def test_the_whole_loop_of_a_kind_the_machinery_does_not_know(client, world, filing):
    filer, reviewer = world.filer_a1, world.reviewer_a
    client.force_login(filer)
    _save(client, filing, 0, "完成台账整理", "开展业务培训")

    # Submit through the generic transition URL: the kind's recheck finds nothing.
    submitted = client.post(
        reverse("filings:transition", kwargs={"filing_pk": filing.pk}), {"action": "submit"}
    )
    assert submitted.status_code == 302
    filing.refresh_from_db()
    assert filing.status == S.SUBMITTED
    first = FilingRevision.objects.get(filing=filing)
    row_one, row_two = rows_of(filing)

    # The reviewer sees the kind's sheet and returns it with a comment on the second row.
    client.force_login(reviewer)
    page = client.get(reverse("reviews:review", kwargs={"filing_pk": filing.pk}))
    assert page.status_code == 200
    assert f"row-{row_two.pk}-score" in page.content.decode()
    returned = client.post(
        reverse("reviews:review", kwargs={"filing_pk": filing.pk}),
        {
            "op": "return",
            "revision": first.pk,
            "comment": "第二项请补充培训记录。",
            f"row-{row_one.pk}-score": "40",
            f"row-{row_two.pk}-comment": "缺少培训签到表",
        },
    )
    assert returned.status_code == 302
    filing.refresh_from_db()
    assert filing.status == S.RETURNED
    review = Review.objects.get(revision=first)
    assert review.decision == Review.Decision.RETURNED
    # The engine's total: 40 given by hand for row one, 50 kept for row two.
    assert review.total_score == Decimal(90) and review.grade == "优"
    assert RowReview.objects.get(review=review, row_key=f"row:{row_two.pk}").comment == (
        "缺少培训签到表"
    )

    # The filer sees the comment beside the row, changes it and submits again.
    client.force_login(filer)
    assert "开展业务培训|缺少培训签到表" in client.get(_page(filing)).content.decode()
    _save(client, filing, filing.version, "完成台账整理", "开展业务培训并留存签到表")
    filing_transition(filing=filing, action=Action.SUBMIT, by=filer)

    # The reviewer sees the changed cell marked, under the kind's label.
    client.force_login(reviewer)
    page = client.get(reverse("reviews:review", kwargs={"filing_pk": filing.pk})).content.decode()
    assert "第2行 · 内容" in page and "开展业务培训并留存签到表" in page
    assert page.count("note-row jx-changed") == 1

    approved = review_decide(
        filing=filing,
        reviewer=reviewer,
        decision="approve",
        row_scores={f"row:{row_two.pk}": Decimal(45)},
    )
    filing.refresh_from_db()
    assert filing.status == S.APPROVED
    assert approved.total_score == Decimal(95)

    # Its own document prints it, and the department's bundle includes it.
    document = documents.kind_of(NOTE_TABLE.key)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1, filing=filing)
    text = "".join(pdf_pages(document.produce(document.build(target), lambda *a: None).data))
    assert "测试填报（2023年度）" in text and "开展业务培训并留存签到表" in text
    assert "复核得分：95.00" in text
    bundle = documents.kind_of("department_bundle").build(
        Target(fiscal_year=world.year_a, department=world.dept_a1)
    )
    assert "测试填报——" + world.dept_a1.name in str(bundle)

    # The history names every step and the kind's cells.
    client.force_login(filer)
    history = client.get(reverse("filings:history", kwargs={"filing_pk": filing.pk}))
    text = history.content.decode()
    assert history.status_code == 200
    assert "测试填报" in text and "第2行 · 内容" in text and "开展业务培训并留存签到表" in text
    for action in ("提交", "退回修改", "通过"):
        assert action in text


def test_the_kind_is_no_part_of_the_machinery(note_kind):
    """Nothing under apps/ names the test kind: it lives in the test suite only."""
    from pathlib import Path

    from django.conf import settings

    sources = Path(settings.BASE_DIR, "apps").rglob("*.py")
    assert not [path for path in sources if KEY in path.read_text(encoding="utf-8")]
