"""Evidence uploads and removals are in the filing's history: who, when, which file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.core.exceptions import ApplicationError
from apps.filings import evidence as evidence_services
from apps.filings.evidence import evidence_add, evidence_delete
from apps.filings.models import Evidence, Filing

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def filing(world) -> Filing:
    return Filing.objects.create(
        kind="project",
        department=world.dept_a1,
        fiscal_year=world.year_a,
        project=world.project_a1,
    )


def _history(client, user, filing: Filing) -> str:
    client.force_login(user)
    response = client.get(reverse("filings:history", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _entries(page: str, kind: str) -> list[str]:
    """The timeline entries of one kind, as HTML, newest first."""
    parts = page.split('<li class="jx-card')[1:]
    return [part for part in parts if f'data-kind="{kind}"' in part]


def test_an_upload_through_the_page_shows_in_the_history_with_who_when_and_which_file(
    client, world, filing
):
    client.force_login(world.filer_a1)
    client.post(
        reverse("filings:evidence_upload", args=[filing.pk]),
        {"file": SimpleUploadedFile("项目验收报告.pdf", PDF)},
    )
    evidence = Evidence.objects.get(filing=filing)

    entries = _entries(_history(client, world.filer_a1, filing), "evidence")

    assert len(entries) == 1
    entry = entries[0]
    assert "项目验收报告.pdf" in entry
    assert str(world.filer_a1) in entry
    assert timezone.localtime(evidence.created_at).strftime("%Y-%m-%d %H:%M") in entry
    assert gettext("Evidence attached") in entry


def test_a_removal_stays_in_the_history_after_the_file_is_gone(client, world, filing):
    evidence = evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("会议纪要.pdf", PDF)
    )
    colleague = world.filer_a1.__class__.objects.get(pk=world.filer_a1.pk)
    client.force_login(world.filer_a1)
    client.post(reverse("filings:evidence_delete", args=[filing.pk, evidence.pk]))
    assert not Evidence.objects.filter(pk=evidence.pk).exists()

    entries = _entries(_history(client, colleague, filing), "evidence")

    assert len(entries) == 2
    removal, upload = entries  # newest first
    assert "会议纪要.pdf" in removal and gettext("Evidence removed") in removal
    assert "会议纪要.pdf" in upload and gettext("Evidence attached") in upload
    assert str(world.filer_a1) in removal


def test_the_bureaus_reviewer_sees_the_evidence_entries_too(client, world, filing):
    evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("照片.pdf", PDF))

    entries = _entries(_history(client, world.reviewer_a, filing), "evidence")

    assert len(entries) == 1 and "照片.pdf" in entries[0]


def test_other_bureaus_see_no_history_at_all(client, world, filing):
    evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("照片.pdf", PDF))
    client.force_login(world.reviewer_b)

    response = client.get(reverse("filings:history", args=[filing.pk]))

    assert response.status_code in (403, 404)
    assert "照片.pdf" not in response.content.decode()


def test_an_upload_whose_record_fails_leaves_neither_row_nor_file(
    world, filing, monkeypatch, tmp_path
):
    def failing(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(evidence_services, "_record", failing)

    with pytest.raises(RuntimeError):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("a.pdf", PDF))

    assert not Evidence.objects.exists()
    private = tmp_path / "private"
    assert not private.exists() or not [p for p in private.rglob("*") if p.is_file()]


def test_a_removal_whose_record_fails_keeps_the_file(world, filing, monkeypatch):
    evidence = evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("a.pdf", PDF)
    )

    def failing(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(evidence_services, "_record", failing)

    with pytest.raises(RuntimeError):
        evidence_delete(evidence=evidence, by=world.filer_a1)

    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert evidence.file.storage.exists(evidence.file.name)


def test_a_refused_upload_or_removal_records_nothing(client, world, filing):
    evidence = evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    Filing.objects.filter(pk=filing.pk).update(status=Filing.Status.SUBMITTED)

    with pytest.raises(ApplicationError):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("b.pdf", PDF))
    with pytest.raises(ApplicationError):
        evidence_delete(evidence=evidence, by=world.filer_a1)

    entries = _entries(_history(client, world.filer_a1, filing), "evidence")
    assert len(entries) == 1 and "a.pdf" in entries[0] and "b.pdf" not in entries[0]


def test_the_history_reads_evidence_entries_in_a_fixed_number_of_queries(
    client, world, filing, django_assert_num_queries
):
    url = reverse("filings:history", args=[filing.pk])
    evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("0.pdf", PDF))
    client.force_login(world.filer_a1)
    client.get(url)  # the year's scoring policy is made on first use
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(1, 6):
        added = evidence_add(
            filing=filing, by=world.filer_a1, upload=SimpleUploadedFile(f"{n}.pdf", PDF)
        )
        if n % 2:
            evidence_delete(evidence=added, by=world.filer_a1)

    with django_assert_num_queries(len(first)):
        page = client.get(url).content.decode()

    assert len(_entries(page, "evidence")) == 9
