"""The year's zip holds each approved filing's evidence beside its PDF, read through storage."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.filings.evidence import evidence_add
from apps.filings.models import Evidence
from apps.reports.documents import Target, build_content, kind_of, year_batch
from apps.reports.models import ReportJob
from tests.reports import helpers

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def quick_pdfs(monkeypatch):
    """The layout is not what these tests look at: every document is a stand-in PDF."""

    helpers.count_layouts(monkeypatch, stand_in=True)


def _attach(filing, by, name: str, content: bytes = PDF) -> Evidence:
    return evidence_add(filing=filing, by=by, upload=SimpleUploadedFile(name, content))


@pytest.fixture
def approved(world):
    """Project A1's approved filing with two files, one named with characters a zip dislikes."""
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    report = _attach(filing, world.filer_a1, "项目验收报告.pdf", PDF + b"report")
    odd = _attach(filing, world.filer_a1, '资金:拨付*凭证?"1".pdf', PDF + b"voucher")
    helpers.approve(filing, world.filer_a1, world.reviewer_a)
    return {"filing": filing, "report": report, "odd": odd}


def _zip(world) -> zipfile.ZipFile:
    content = build_content("year_batch", Target(fiscal_year=world.year_a))
    output = year_batch.produce(content, lambda done, total, message="": None)
    assert output.path is not None
    with open(output.path, "rb") as handle:
        data = handle.read()
    os.unlink(output.path)
    return zipfile.ZipFile(io.BytesIO(data))


def _folder(world) -> str:
    department = f"{world.dept_a1.budget_code}{world.dept_a1.name}"
    return f"{department}/2023年度项目支出绩效自评表-{world.project_a1.name}"


def test_each_file_is_in_an_attachments_folder_beside_its_filings_pdf(world, approved):
    archive = _zip(world)

    folder = _folder(world)
    names = archive.namelist()
    assert f"{folder}.pdf" in names
    assert archive.read(f"{folder}/附件/项目验收报告.pdf") == PDF + b"report"
    assert archive.read(f"{folder}/附件/资金_拨付_凭证_1_.pdf") == PDF + b"voucher"
    assert not any("缺失附件" in name for name in names)


def test_files_of_the_same_name_are_all_kept(world):
    filing = helpers.evaluate(world.project_a1, world.filer_a1)
    _attach(filing, world.filer_a1, "照片.pdf", PDF + b"1")
    _attach(filing, world.filer_a1, "照片.pdf", PDF + b"2")
    helpers.approve(filing, world.filer_a1, world.reviewer_a)

    archive = _zip(world)

    folder = f"{_folder(world)}/附件"
    kept = sorted(name for name in archive.namelist() if name.startswith(folder))
    assert len(kept) == 2 and f"{folder}/照片.pdf" in kept
    assert {archive.read(name) for name in kept} == {PDF + b"1", PDF + b"2"}


def test_a_file_missing_from_disk_is_noted_and_the_batch_goes_on(world, approved):
    missing = approved["report"]
    missing.file.storage.delete(missing.file.name)

    archive = _zip(world)

    folder = _folder(world)
    names = archive.namelist()
    assert f"{folder}/附件/项目验收报告.pdf" not in names
    assert f"{folder}/附件/资金_拨付_凭证_1_.pdf" in names
    note = archive.read(f"{folder}/附件/缺失附件.txt").decode("utf-8")
    assert "项目验收报告.pdf" in note
    assert f"{folder}.pdf" in names


def test_a_draft_filings_evidence_stays_out_of_the_batch(world, approved):
    draft = helpers.evaluate(world.project_a2, world.filer_a2)
    _attach(draft, world.filer_a2, "草稿附件.pdf")

    names = _zip(world).namelist()

    assert not any("草稿附件" in name for name in names)


def test_the_batchs_hash_follows_its_evidence(world, approved):
    target = Target(fiscal_year=world.year_a)
    before = kind_of("year_batch").fingerprint(target)

    Evidence.objects.filter(pk=approved["odd"].pk).delete()

    assert kind_of("year_batch").fingerprint(target) != before


def test_the_batch_job_finishes_with_the_evidence(
    client, world, approved, django_capture_on_commit_callbacks
):
    approved["odd"].file.storage.delete(approved["odd"].file.name)
    client.force_login(world.reviewer_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:year_batch", args=[world.year_a.pk]))

    job = ReportJob.objects.get(kind="year_batch")
    assert job.state == ReportJob.State.DONE, job.error
    with job.file.open("rb") as handle:
        names = zipfile.ZipFile(handle).namelist()
    folder = _folder(world)
    assert f"{folder}/附件/项目验收报告.pdf" in names
    assert f"{folder}/附件/缺失附件.txt" in names
