"""The demo's filings, plus a project filing of the `world` with a real history: saved,
evidence attached, submitted, assigned, returned with row scores and comments, a row removed,
resubmitted and approved."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from apps.budgets.demo import demo_load
from apps.budgets.models import FiscalYear
from apps.department_evaluations.demo import demo_departments_load
from apps.filings.evidence import evidence_add
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.interchange.export import document_export
from apps.narratives.demo import demo_reports_load
from apps.project_evaluations.demo import demo_evaluations_load
from apps.project_evaluations.services import (
    evaluation_create,
    evaluation_data_of,
    evaluation_save,
)
from apps.reviews.services import review_decide, reviewers_assign
from tests.reviews.conftest import filer_for, row_keys, submitted_filing

TODAY = date(2024, 6, 1)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n" + b"0" * 500


def reviewed(world) -> Filing:
    """Project A1's filing through two submissions, a return and an approval."""
    draft = evaluation_create(project=world.project_a1, by=world.filer_a1)
    evidence_add(
        filing=draft,
        by=world.filer_a1,
        upload=SimpleUploadedFile("项目验收报告.pdf", PDF),
        description="验收组签字版",
    )
    filing = submitted_filing(world)
    reviewers_assign(filing=filing, reviewers=[world.reviewer_a], by=world.admin_a)
    keys = row_keys(filing)
    review_decide(
        filing=filing,
        reviewer=world.reviewer_a,
        decision="return",
        reason="办结率偏低，请补充佐证材料。",
        row_scores={keys["信访事项按期办结率"]: Decimal(15)},
        row_comments={keys["信访事项按期办结率"]: "请说明跨年办理的事项数。"},
    )
    filing.refresh_from_db()
    data = evaluation_data_of(filing.project_evaluation)
    # One row changed; one removed (the history keeps it) and typed again as a new row.
    rows = tuple(
        replace(row, actual_text="88") if row.name == "信访事项按期办结率" else row
        for row in data.rows
        if row.name != "化解信访积案"
    )
    removed = next(row for row in data.rows if row.name == "化解信访积案")
    rows += (replace(removed, row_id=None, name="化解信访积案（重填）"),)
    saved = evaluation_save(
        filing=filing,
        by=filer_for(filing.project),
        base_version=filing.version,
        data=replace(data, rows=rows),
    )
    assert saved.filing.error_count == 0, saved.computed.findings
    filing_transition(filing=saved.filing, action=Action.SUBMIT, by=filer_for(filing.project))
    filing.refresh_from_db()
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")
    filing.refresh_from_db()
    return filing


def empty_database() -> None:
    """Delete every row, inside the test's transaction (its rollback brings them back).

    PostgreSQL truncates no table with foreign-key checks still pending in the transaction:
    run them first, and defer them again for what the test writes next (as Django does).
    """
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture(autouse=True)
def _forget_flushed_content_types():
    """Tests here flush the database inside their transaction; the flush made content types
    that the rollback undoes, so forget them for the tests that run next."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def loaded(world) -> Filing:
    """Every demo filing with its report, and the world's reviewed filing (returned)."""
    demo_load(today=TODAY)
    demo_evaluations_load()
    demo_departments_load()
    demo_reports_load()
    return reviewed(world)


@pytest.fixture
def documents(loaded) -> list[dict]:
    """The document of every fiscal year of every bureau."""
    return [document_export(year) for year in FiscalYear.objects.order_by("bureau__region_code")]
