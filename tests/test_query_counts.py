"""Pages read a fixed number of queries however much they show (issue 14).

Each page is counted at two sizes of the data it shows (rows, projects, revisions, reviews,
comments, evidence, jobs), after one warming request; both counts must be the number stated
here, and each test checks that the bigger size really is on the page. The dashboard and the
queue are counted in tests/dashboard and tests/reviews.
"""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.department_evaluations import selectors as department_selectors
from apps.department_evaluations.services import department_save
from apps.filings.evidence import evidence_add
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.review.totals import row_key
from apps.reports.models import ReportJob
from apps.reviews.services import review_decide, review_save
from tests import factories
from tests.department_evaluations.posts import department_body
from tests.department_evaluations.test_form_page import _grow
from tests.project_evaluations.test_form import _post_data, _row_count
from tests.reports.helpers import evaluate, many_rows, standard_rows

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# The numbers each page reads, whatever its size. The saves still write row by row: one
# query a project row (project_evaluations/services/writes.py `_write`), three a department
# unit (department_evaluations/services.py `_sync`); their tests fail until those are batched.
PROJECT_FORM = 18
PROJECT_SAVE = 36
DEPARTMENT_FORM = 28
DEPARTMENT_SAVE = 70
REVIEW_PROJECT = 22
REVIEW_DEPARTMENT = 20
REPORT_JOBS = 5
REPORT_JOB = 6
REPORT_JOB_STATUS = 4
NARRATIVE_REPORT = 18


def _counted(client, url: str, data: dict | None = None):
    """The response to a GET (or a POST of data) and the number of queries it read."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url) if data is None else client.post(url, data)
    return len(queries), response


def _project_filing(world, project, rows: int) -> Filing:
    return evaluate(project, world.filer_a1, rows=many_rows(world.bureau_a, rows))


@pytest.mark.parametrize("page", ["form", "save"])
def test_the_project_form_and_its_save_read_a_fixed_number_of_queries(client, world, page):
    client.force_login(world.filer_a1)
    counts = []
    for size, project in ((5, world.project_a1), (60, _another_project(world))):
        filing = _project_filing(world, project, size)
        url = reverse("filings:page", args=[filing.pk])
        html = client.get(url).content.decode()  # warm the session and the policy
        assert _row_count(html) == size
        if page == "form":
            count, response = _counted(client, url)
            assert _row_count(response.content.decode()) == size
        else:
            post = _post_data(html)
            post[f"rows-{size - 1}-name"] = f"改过的第{size}行"
            count, response = _counted(client, url, post)
            assert response.status_code == 302
            assert IndicatorRow.objects.filter(
                evaluation__filing=filing, name=f"改过的第{size}行"
            ).exists()
        counts.append(count)
    stated = PROJECT_FORM if page == "form" else PROJECT_SAVE
    assert counts == [stated, stated]


def _another_project(world):
    return factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)


@pytest.mark.parametrize("page", ["form", "save"])
def test_the_department_form_and_its_save_read_a_fixed_number_of_queries(client, world, page):
    counts = []
    for size in (1, 6):
        # size units, projects filed, 打分表 rows and indicator rows
        filing = _grow(world, size)
        client.force_login(factories.filer_of(filing.department))
        url = reverse("filings:page", args=[filing.pk])
        client.get(url)
        if page == "form":
            count, response = _counted(client, url)
            html = response.content.decode()
            assert f"行{size - 1}" in html and f"指标{size - 1}" in html
        else:
            filing.refresh_from_db()
            body = department_body(filing, **{f"indicators-{size - 1}-actual_text": "12"})
            count, response = _counted(client, url, body)
            assert response.status_code == 302, response.content.decode()[:500]
            filing.refresh_from_db()
            assert filing.version == 3
            changed = filing.department_evaluation.indicators.get(name=f"指标{size - 1}")
            assert changed.actual_text == "12"
        counts.append(count)
    stated = DEPARTMENT_FORM if page == "form" else DEPARTMENT_SAVE
    assert counts == [stated, stated]


def _split_rows(bureau, parts: int):
    """The standard valid rows with the first (数量指标, 50) split into `parts` rows."""
    first, *rest = standard_rows(bureau)
    weight = Decimal(50) / parts
    split = [replace(first, name=f"{first.name}{i}", weight=weight) for i in range(parts)]
    return (*split, *rest)


def _reviewed_project(world, size: int) -> Filing:
    """A project filing returned size times and submitted again, reviewed by size reviewers
    with a comment on every row, with size evidence files."""
    project = _another_project(world)
    filing = evaluate(
        project, world.filer_a1, rows=_split_rows(world.bureau_a, 2 if size == 1 else 10)
    )
    reviewers = [world.reviewer_a] + [
        factories.reviewer_of(world.bureau_a) for _ in range(size - 1)
    ]
    for _ in range(size):
        filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)
        revision = filing.revisions.order_by("-number").first()
        keys = [row_key(pk) for pk in filing.project_evaluation.rows.values_list("pk", flat=True)]
        for reviewer in reviewers[1:]:
            review_save(
                revision=revision,
                reviewer=reviewer,
                row_scores={},
                row_comments={key: f"意见{key}" for key in keys},
                comment="请补充",
            )
        review_decide(
            filing=filing, reviewer=world.reviewer_a, decision="return", reason="请补充佐证"
        )
        filing = Filing.objects.get(pk=filing.pk)
    for i in range(size):
        evidence_add(
            filing=filing, by=world.filer_a1, upload=SimpleUploadedFile(f"佐证{i}.pdf", PDF)
        )
    filing_transition(filing=filing, action=Action.SUBMIT, by=world.filer_a1)
    return Filing.objects.get(pk=filing.pk)


def test_the_review_page_of_a_project_filing_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world.reviewer_a)
    counts = []
    for size in (1, 4):
        filing = _reviewed_project(world, size)
        url = reverse("reviews:review", args=[filing.pk])
        client.get(url)
        count, response = _counted(client, url)
        html = response.content.decode()
        assert html.count("?revision=") == size  # the earlier revisions, linked
        assert html.count("佐证") >= size and f"佐证{size - 1}.pdf" in html
        counts.append(count)
    assert counts == [REVIEW_PROJECT, REVIEW_PROJECT]


def _balanced(filing: Filing) -> Filing:
    """The grown department filing with each unit's 收入 summed, so it has no error."""
    fresh = department_selectors.with_detail(Filing.objects.get(pk=filing.pk))
    data = department_selectors.data_of(department_selectors.evaluation_of(fresh))
    finance = tuple(
        replace(row, amounts={**row.amounts, "income_fiscal": row.amounts["income_total"]})
        if row.amounts.get("income_total")
        else row
        for row in data.finance
    )
    saved = department_save(
        filing=fresh, by=None, base_version=fresh.version, data=replace(data, finance=finance)
    )
    assert saved.filing.error_count == 0
    return saved.filing


def test_the_review_page_of_a_department_filing_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world.reviewer_a)
    counts = []
    for size in (1, 6):
        filing = _grow(world, size)
        filer = factories.filer_of(filing.department)
        filing = _balanced(filing)
        filing_transition(filing=filing, action=Action.SUBMIT, by=filer)
        url = reverse("reviews:review", args=[filing.pk])
        client.get(url)
        count, response = _counted(client, url)
        html = response.content.decode()
        assert f"行{size - 1}" in html and f"指标{size - 1}" in html
        counts.append(count)
    assert counts == [REVIEW_DEPARTMENT, REVIEW_DEPARTMENT]


def _jobs(world, filing: Filing, size: int) -> list[ReportJob]:
    return [
        ReportJob.objects.create(
            kind="project_table",
            bureau=world.bureau_a,
            fiscal_year=world.year_a,
            department=world.dept_a1,
            filing=filing,
            requested_by=world.filer_a1,
            state=ReportJob.State.DONE,
        )
        for _ in range(size)
    ]


@pytest.mark.parametrize("page", ["list", "detail", "status"])
def test_the_report_pages_read_a_fixed_number_of_queries(client, world, page):
    client.force_login(world.filer_a1)
    counts = []
    for size in (1, 6):
        filing = _project_filing(world, _another_project(world), 3)
        jobs = _jobs(world, filing, size)
        url = {
            "list": reverse("reports:job_list"),
            "detail": reverse("reports:job_detail", args=[jobs[-1].pk]),
            "status": reverse("reports:job_status", args=[jobs[-1].pk]),
        }[page]
        client.get(url)
        count, response = _counted(client, url)
        assert response.status_code == 200
        if page == "list":
            shown = response.content.decode().count(reverse("reports:job_detail", args=[0])[:-2])
            assert shown >= ReportJob.objects.filter(requested_by=world.filer_a1).count()
        counts.append(count)
    stated = {"list": REPORT_JOBS, "detail": REPORT_JOB, "status": REPORT_JOB_STATUS}[page]
    assert counts == [stated, stated]


def test_the_narrative_report_page_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world.filer_a1)
    counts = []
    for size in (1, 6):
        filing = _project_filing(world, _another_project(world), 5)
        url = reverse("narratives:report", kwargs={"filing_pk": filing.pk})
        payments = {"payments-TOTAL": str(size), "version": str(filing.version)}
        for i in range(size):
            payments |= {f"payments-{i}-name": f"支出项{i}", f"payments-{i}-budget": "1"}
            payments |= {f"payments-{i}-applied": "1", f"payments-{i}-used": "1"}
        assert client.post(url, payments).status_code == 302
        client.get(url)
        count, response = _counted(client, url)
        assert response.status_code == 200
        assert f"支出项{size - 1}" in response.content.decode()
        counts.append(count)
    assert counts == [NARRATIVE_REPORT, NARRATIVE_REPORT]
