"""The review page lists the filing's evidence, for those who may open the review page only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from apps.filings.evidence import evidence_add
from apps.filings.models import Evidence, Filing
from apps.project_evaluations.services import evaluation_create

from .conftest import submitted_filing

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n" + b"0" * 2000


def _download_url(evidence: Evidence) -> str:
    return reverse("filings:evidence_download", args=[evidence.filing_id, evidence.pk])


@pytest.fixture
def evidence(world) -> Evidence:
    """Project A1's self-evaluation with a file attached before it was submitted."""
    draft = evaluation_create(project=world.project_a1, by=world.filer_a1)
    attached = evidence_add(
        filing=draft,
        by=world.filer_a1,
        upload=SimpleUploadedFile("项目验收报告.pdf", PDF),
        description="验收组签字版",
    )
    submitted_filing(world)
    return attached


def _review_page(client, user, filing: Filing):
    client.force_login(user)
    return client.get(reverse("reviews:review", args=[filing.pk]))


def test_the_review_page_lists_each_file_with_its_size_uploader_time_and_download_link(
    client, world, evidence
):
    response = _review_page(client, world.reviewer_a, evidence.filing)

    assert response.status_code == 200
    page = response.content.decode()
    card = page[page.index('id="evidence"') :]
    assert "项目验收报告.pdf" in card and "验收组签字版" in card
    assert filesizeformat(len(PDF)) in card
    assert str(world.filer_a1) in card
    assert timezone.localtime(evidence.created_at).strftime("%Y-%m-%d %H:%M") in card
    assert _download_url(evidence) in card


def test_the_review_page_offers_no_upload_and_no_removal(client, world, evidence):
    page = _review_page(client, world.reviewer_a, evidence.filing).content.decode()

    upload = reverse("filings:evidence_upload", args=[evidence.filing_id])
    assert f'action="{upload}"' not in page and 'type="file"' not in page
    assert reverse("filings:evidence_delete", args=[evidence.filing_id, evidence.pk]) not in page


def test_the_reviewer_downloads_a_listed_file_through_the_checking_view(client, world, evidence):
    client.force_login(world.reviewer_a)

    response = client.get(_download_url(evidence))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_filing_without_evidence_says_so_on_the_review_page(client, world, filing):
    page = _review_page(client, world.reviewer_a, filing).content.decode()

    assert 'id="evidence"' in page
    assert "尚未上传佐证材料" in page or "No evidence has been attached yet." in page


@pytest.mark.parametrize("outsider", ["reviewer_b", "admin_b", "filer_b1", "filer_a2"])
def test_people_outside_the_review_page_see_neither_the_list_nor_the_file(
    client, world, evidence, outsider
):
    response = _review_page(client, getattr(world, outsider), evidence.filing)

    assert response.status_code == 403
    assert "项目验收报告" not in response.content.decode()
    assert client.get(_download_url(evidence)).status_code == 403
