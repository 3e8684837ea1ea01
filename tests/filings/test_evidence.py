"""Evidence files: what may be uploaded, where it is kept, and who may download or remove it."""

import hashlib
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.filings.evidence import (
    evidence_add,
    evidence_delete,
    safe_original_name,
    upload_limits,
)
from apps.filings.models import Evidence, Filing

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def zip_bytes(files: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SIGNED_CONTENT = {
    "pdf": PDF,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "jpeg": b"\xff\xd8\xff\xe1\x00\x10Exif\x00",
    "docx": zip_bytes({"word/document.xml": b"<w:document/>"}),
    "xlsx": zip_bytes({"xl/workbook.xml": b"<workbook/>"}),
    "ofd": zip_bytes({"OFD.xml": b"<ofd:OFD/>"}),
    "zip": zip_bytes({"验收单.pdf": PDF}),
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00",
}


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def filing(world) -> Filing:
    return Filing.objects.create(
        kind="project",
        department=world.dept_a1,
        fiscal_year=world.year_a,
        project=world.project_a1,
    )


@pytest.fixture
def other_filing(world) -> Filing:
    """A filing of another project of the same bureau."""
    return Filing.objects.create(
        kind="project",
        department=world.dept_a2,
        fiscal_year=world.year_a,
        project=world.project_a2,
    )


@pytest.fixture
def evidence(world, filing) -> Evidence:
    return evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("项目验收报告.pdf", PDF)
    )


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def upload_url(filing: Filing) -> str:
    return reverse("filings:evidence_upload", kwargs={"filing_pk": filing.pk})


def download_url(evidence: Evidence) -> str:
    return reverse(
        "filings:evidence_download",
        kwargs={"filing_pk": evidence.filing.pk, "evidence_pk": evidence.pk},
    )


def delete_url(evidence: Evidence) -> str:
    return reverse(
        "filings:evidence_delete",
        kwargs={"filing_pk": evidence.filing.pk, "evidence_pk": evidence.pk},
    )


def error_messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_filer_upload_is_stored_privately_under_a_random_name(client, world, filing, private_root):
    client.force_login(world.filer_a1)

    response = client.post(
        upload_url(filing),
        {"file": SimpleUploadedFile("绩效自评佐证材料.pdf", PDF), "description": "验收报告"},
    )

    assert response.status_code == 302
    evidence = Evidence.objects.get(filing=filing)
    stored = Path(evidence.file.path).resolve()
    assert stored.is_relative_to(Path(private_root).resolve())
    for public_root in (django_settings.MEDIA_ROOT, django_settings.STATIC_ROOT):
        assert not stored.is_relative_to(Path(public_root).resolve())
    assert stored.read_bytes() == PDF
    assert evidence.file.name.startswith(f"evidence/{filing.pk}/")
    assert evidence.file.name.endswith(".pdf") and "绩效" not in evidence.file.name
    assert evidence.original_name == "绩效自评佐证材料.pdf"
    assert evidence.size == len(PDF)
    assert evidence.content_type == "application/pdf"
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.uploaded_by == world.filer_a1
    assert evidence.description == "验收报告"


def test_evidence_files_have_no_public_url(evidence):
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018


@pytest.mark.parametrize("extension", sorted(SIGNED_CONTENT))
def test_every_allowed_type_with_its_signature_is_accepted(world, filing, extension):
    upload = SimpleUploadedFile(f"佐证.{extension.upper()}", SIGNED_CONTENT[extension])

    evidence = evidence_add(filing=filing, by=world.filer_a1, upload=upload)

    assert evidence.file.name.endswith(f".{extension}")
    assert evidence.original_name == f"佐证.{extension.upper()}"


def test_upload_larger_than_the_limit_is_refused(client, world, filing, settings, private_root):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    client.force_login(world.filer_a1)
    content = PDF + b"0" * (1024 * 1024)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("大文件.pdf", content)})

    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "1.1 MB" in message  # the file's size, rounded up
    assert re.search(r"(?<![\d.])1 MB", message)  # the limit


def test_upload_of_a_disallowed_type_is_refused_with_the_allowed_types(
    client, world, filing, private_root
):
    client.force_login(world.filer_a1)

    response = client.post(
        upload_url(filing), {"file": SimpleUploadedFile("工具.exe", b"MZ\x90\x00\x03")}
    )

    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "工具.exe" in message
    assert upload_limits().types_display in message


def test_fake_pdf_is_refused(client, world, filing, private_root):
    client.force_login(world.filer_a1)

    response = client.post(
        upload_url(filing),
        {"file": SimpleUploadedFile("报告.pdf", b"<html><script>alert(1)</script></html>")},
    )

    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "报告.pdf" in message and "PDF" in message


def test_word_file_with_the_wrong_container_is_refused(world, filing):
    upload = SimpleUploadedFile("说明.docx", SIGNED_CONTENT["doc"])
    with pytest.raises(ApplicationError):
        evidence_add(filing=filing, by=world.filer_a1, upload=upload)


def test_empty_file_is_refused(world, filing, private_root):
    with pytest.raises(ApplicationError):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("空.pdf", b""))
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []


def test_type_not_in_settings_is_refused(world, filing, settings):
    settings.EVIDENCE_EXTENSIONS = ["pdf"]
    upload = SimpleUploadedFile("照片.png", SIGNED_CONTENT["png"])
    with pytest.raises(ApplicationError, match="PDF"):
        evidence_add(filing=filing, by=world.filer_a1, upload=upload)


def test_failed_save_leaves_no_row_and_no_file(world, filing, private_root, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Evidence, "save", fail)

    with pytest.raises(RuntimeError):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("a.pdf", PDF))

    monkeypatch.undo()
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/报告.pdf", "报告.pdf"),
        ("C:\\Users\\张三\\桌面\\验收单.jpg", "验收单.jpg"),
        ("bad\x00name\n.pdf", "badname.pdf"),
        ("..", ""),
        ("长" * 300 + ".pdf", "长" * 251 + ".pdf"),
    ],
)
def test_original_names_lose_folders_and_control_characters(given, kept):
    assert safe_original_name(given) == kept


def test_upload_on_a_submitted_filing_is_refused(client, world, filing, private_root):
    filing.status = Filing.Status.SUBMITTED
    filing.save()
    client.force_login(world.filer_a1)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("a.pdf", PDF)})

    assert response.status_code == 403
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []


def test_service_refuses_a_filing_no_longer_editable(world, filing):
    filing.status = Filing.Status.IN_REVIEW
    filing.save()
    with pytest.raises(ApplicationError):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("a.pdf", PDF))


def test_filer_of_another_department_cannot_upload(client, world, filing):
    client.force_login(world.filer_a2)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("a.pdf", PDF)})

    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_reviewer_cannot_upload(client, world, filing):
    client.force_login(world.reviewer_a)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("a.pdf", PDF)})

    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_owner_downloads_the_bytes_under_the_chinese_name(client, world, evidence):
    client.force_login(world.filer_a1)

    response = client.get(download_url(evidence))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('项目验收报告.pdf')}" in disposition
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("outsider", ["filer_a2", "filer_b1", "reviewer_b", "admin_b"])
def test_people_outside_the_department_and_bureau_cannot_download(
    client, world, evidence, outsider
):
    client.force_login(getattr(world, outsider))
    assert client.get(download_url(evidence)).status_code in (403, 404)


@pytest.mark.parametrize("insider", ["head_a1", "reviewer_a", "admin_a"])
def test_department_head_and_bureau_staff_can_download(client, world, evidence, insider):
    client.force_login(getattr(world, insider))

    response = client.get(download_url(evidence))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_evidence_is_not_found_under_another_filing(client, world, evidence, other_filing):
    client.force_login(world.reviewer_a)
    url = reverse(
        "filings:evidence_download",
        kwargs={"filing_pk": other_filing.pk, "evidence_pk": evidence.pk},
    )
    assert client.get(url).status_code == 404


def test_anonymous_download_goes_to_login(client, evidence):
    response = client.get(download_url(evidence))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_filer_deletes_and_the_file_goes_after_commit(
    client, world, evidence, django_capture_on_commit_callbacks
):
    path = Path(evidence.file.path)
    client.force_login(world.filer_a1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(delete_url(evidence), {"next": "/home/"})

    assert response.status_code == 302 and response["Location"] == "/home/"
    assert not Evidence.objects.exists()
    assert path.exists()
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_delete_service_keeps_the_file_when_the_filing_is_submitted(world, evidence, filing):
    filing.status = Filing.Status.SUBMITTED
    filing.save()
    with pytest.raises(ApplicationError):
        evidence_delete(evidence=evidence, by=world.filer_a1)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Path(evidence.file.path).exists()


@pytest.mark.parametrize("person", ["reviewer_a", "head_a1", "filer_a2"])
def test_only_filers_of_the_department_may_delete(client, world, evidence, person):
    client.force_login(getattr(world, person))

    response = client.post(delete_url(evidence))

    assert response.status_code in (403, 404)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert Path(evidence.file.path).exists()


def test_delete_asks_for_confirmation_first(client, world, evidence):
    client.force_login(world.filer_a1)

    response = client.get(delete_url(evidence))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page and delete_url(evidence) in page
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_card_lists_files_and_offers_upload_to_filers(client, world, evidence):
    client.force_login(world.filer_a1)

    page = client.get(upload_url(evidence.filing)).content.decode()

    assert "项目验收报告.pdf" in page
    assert download_url(evidence) in page
    assert 'enctype="multipart/form-data"' in page
    assert delete_url(evidence) in page
    assert upload_limits().accept in page


def test_card_shows_reviewers_files_without_upload_or_delete(client, world, evidence):
    client.force_login(world.reviewer_a)

    page = client.get(upload_url(evidence.filing)).content.decode()

    assert download_url(evidence) in page
    assert 'enctype="multipart/form-data"' not in page
    assert delete_url(evidence) not in page


def test_evidence_page_of_a_filing_that_does_not_exist_is_not_found(client, world):
    client.force_login(world.filer_a2)
    url = reverse("filings:evidence_upload", kwargs={"filing_pk": 987654})

    assert client.get(url).status_code == 404


# Uploads are measured while they stream, and archives by what they unpack to.


class CountingStream(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_an_upload_over_the_limit_stops_being_read_at_the_limit(settings):
    from django.core.files.uploadhandler import (
        MemoryFileUploadHandler,
        TemporaryFileUploadHandler,
    )
    from django.http.multipartparser import MultiPartParser
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    from apps.filings.evidence_uploads import EvidenceSizeLimitHandler

    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    content = PDF + b"0" * (8 * 1024 * 1024)
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("大文件.pdf", content)})
    stream = CountingStream(body)
    limit = EvidenceSizeLimitHandler()
    handlers = [limit, MemoryFileUploadHandler(), TemporaryFileUploadHandler()]
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}

    _post, files = MultiPartParser(meta, stream, handlers, "utf-8").parse()

    assert "file" not in files
    assert limit.refused_name == "大文件.pdf"
    # Read up to the limit and a chunk or two beyond, never the 8 MB behind it.
    assert limit.received <= settings.EVIDENCE_MAX_BYTES + 2 * limit.chunk_size
    assert stream.bytes_read < settings.EVIDENCE_MAX_BYTES + 4 * limit.chunk_size
    assert stream.bytes_read < len(body) // 4


def test_the_upload_view_installs_the_streaming_limit(
    client, world, filing, settings, private_root, monkeypatch
):
    from apps.filings import evidence_uploads

    seen: list[int] = []
    original = evidence_uploads.EvidenceSizeLimitHandler.receive_data_chunk

    def spy(self, raw_data, start):
        seen.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(evidence_uploads.EvidenceSizeLimitHandler, "receive_data_chunk", spy)
    settings.EVIDENCE_MAX_BYTES = 256 * 1024
    client.force_login(world.filer_a1)
    content = PDF + b"0" * (256 * 1024 + 16 * 1024)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("超限.pdf", content)})

    assert response.status_code == 302
    assert seen and sum(seen) <= settings.EVIDENCE_MAX_BYTES + 64 * 1024
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "超限.pdf" in message and "0.3 MB" in message


def test_a_request_larger_than_any_allowed_file_is_refused_unread(
    client, world, filing, settings, private_root, monkeypatch
):
    from django.http import multipartparser

    def must_not_parse(self):
        raise AssertionError("the body of an oversized request was read")

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", must_not_parse)
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    client.force_login(world.filer_a1)
    content = PDF + b"0" * (3 * 1024 * 1024)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("巨大.pdf", content)})

    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "3.1 MB" in message and re.search(r"(?<![\d.])1 MB", message)


def test_a_small_zip_that_unpacks_past_the_limit_is_refused(
    client, world, filing, settings, private_root
):
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    bomb = zip_bytes({"a.txt": b"\0" * (6 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024
    client.force_login(world.filer_a1)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("材料.zip", bomb)})

    assert not Evidence.objects.exists()
    assert files_under(private_root) == []
    [message] = error_messages(response)
    assert "材料.zip" in message and "解压" in message and "5 MB" in message


def test_an_office_file_that_unpacks_past_the_limit_is_refused(world, filing, settings):
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = zip_bytes({"word/document.xml": b"<w:t>" + b" " * (2 * 1024 * 1024)})

    with pytest.raises(ApplicationError, match=r"报告\.docx"):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("报告.docx", bomb))
    assert not Evidence.objects.exists()


def test_a_normal_zip_is_accepted(client, world, filing):
    archive = zip_bytes({"验收单.pdf": PDF, "照片/现场.jpg": SIGNED_CONTENT["jpg"]})
    client.force_login(world.filer_a1)

    response = client.post(upload_url(filing), {"file": SimpleUploadedFile("佐证.zip", archive)})

    assert response.status_code == 302
    assert error_messages(response) == []
    evidence = Evidence.objects.get()
    assert Path(evidence.file.path).read_bytes() == archive


def test_a_zip_of_too_many_files_is_refused(world, filing, settings):
    settings.EVIDENCE_MAX_ARCHIVE_ENTRIES = 10
    archive = zip_bytes({f"{i}.txt": b"x" for i in range(11)})

    with pytest.raises(ApplicationError, match="11"):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("多.zip", archive))


def test_a_password_protected_zip_is_refused(world, filing):
    content = bytearray(zip_bytes({"机密.pdf": PDF}, compression=zipfile.ZIP_STORED))
    # Set the "encrypted" bit in the entry's local and central headers.
    local, central = content.find(b"PK\x03\x04"), content.find(b"PK\x01\x02")
    content[local + 6] |= 0x1
    content[central + 8] |= 0x1

    upload = SimpleUploadedFile("加密.zip", bytes(content))
    with pytest.raises(ApplicationError, match="密码"):
        evidence_add(filing=filing, by=world.filer_a1, upload=upload)


@pytest.mark.parametrize("name", ["坏.zip", "坏.docx"])
def test_a_damaged_zip_is_refused(world, filing, name):
    damaged = zip_bytes({"a.pdf": PDF * 50})
    damaged = damaged[:40] + b"\xff" * 40 + damaged[80:]

    with pytest.raises(ApplicationError, match="损坏"):
        evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile(name, damaged))
    assert not Evidence.objects.exists()


def test_a_zip_holding_another_archive_is_refused(world, filing):
    inner = zip_bytes({"a.pdf": PDF})
    archive = zip_bytes({"内层.zip": inner})

    with pytest.raises(ApplicationError, match="另一个压缩包"):
        evidence_add(
            filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("外层.zip", archive)
        )


def test_an_office_file_may_embed_a_workbook(world, filing):
    docx = zip_bytes(
        {"word/document.xml": b"<w:document/>", "word/embeddings/chart.xlsx": zip_bytes({})}
    )

    evidence = evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("含图表.docx", docx)
    )
    assert evidence.original_name == "含图表.docx"


def test_upload_still_checks_the_csrf_token(world, filing):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.filer_a1)
    browser.get(upload_url(filing))
    token = browser.cookies["csrftoken"].value

    forged = browser.post(upload_url(filing), {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert forged.status_code == 403
    assert not Evidence.objects.exists()

    sent = browser.post(
        upload_url(filing),
        {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert sent.status_code == 302
    assert Evidence.objects.count() == 1
