"""Backup and restore: one archive of the database and the private files, loaded elsewhere.

The world is built in the test database; the archive is restored into a fresh database by a
child process (an SQLite file, and a new PostgreSQL database when the suite runs on one), which
prints what it holds; every filing, revision, event, review and evidence file must match.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from apps.core.management import serializer

ROOT = Path(__file__).resolve().parent.parent.parent
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
COMPARED = (
    "filings.Filing",
    "filings.FilingRevision",
    "filings.FilingEvent",
    "filings.FilingSnapshot",
    "project_evaluations.IndicatorRow",
    "project_evaluations.FundingLine",
    "filings.Evidence",
    "reviews.Review",
    "reviews.RowReview",
    "notifications.Notification",
    "accounts.User",
)


def summary() -> dict:
    """Every compared row (natural keys for users), and every evidence file's bytes and sha256."""
    from django.apps import apps
    from django.conf import settings

    # To the microsecond (Django's own JSON stops at the millisecond).
    serializers.register_serializer(serializer.FORMAT, serializer.__name__)
    rows = {}
    for label in COMPARED:
        model = apps.get_model(label)
        rows[label] = json.loads(
            serializers.serialize(
                serializer.FORMAT,
                model._base_manager.order_by("pk"),
                use_natural_foreign_keys=True,
            )
        )
    evidence = apps.get_model("filings.Evidence")
    files = {}
    for item in evidence.objects.order_by("pk"):
        with item.file.open("rb") as handle:
            data = handle.read()
        files[item.file.name] = {
            "bytes": data.hex(),
            "sha256": hashlib.sha256(data).hexdigest(),
            "recorded": item.sha256,
        }
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    on_disk = sorted(p.relative_to(private).as_posix() for p in private.rglob("*") if p.is_file())
    return {"rows": rows, "files": files, "on_disk": on_disk}


def _build(world) -> None:
    """Filings with evidence, submitted, returned with a review, resubmitted, approved."""
    from apps.filings.evidence import evidence_add
    from apps.reviews.services import review_decide
    from tests.project_evaluations.builders import valid_filing
    from tests.reviews.conftest import resubmitted, submitted_filing

    filing = valid_filing(world.project_a1, by=world.filer_a1)
    evidence_add(
        filing=filing,
        by=world.filer_a1,
        upload=SimpleUploadedFile("项目验收报告.pdf", PDF),
        description="验收报告",
    )
    evidence_add(filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("现场照片.png", PNG))
    filing = submitted_filing(world, world.project_a1)
    review_decide(
        filing=filing, reviewer=world.reviewer_a, decision="return", reason="请补充满意度调查问卷"
    )
    filing = resubmitted(filing, row="群众满意度", actual_text="97")
    review_decide(filing=filing, reviewer=world.reviewer_a, decision="approve")
    submitted_filing(world, world.project_a2)  # a second filing, still waiting
    report = Path(world.reports_root) / "2023" / "汇总.pdf"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_bytes(PDF)


@pytest.fixture
def backed_up(world, tmp_path, settings) -> tuple[Path, dict]:
    world.reports_root = Path(settings.PRIVATE_MEDIA_ROOT) / "reports"
    _build(world)
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path, summary()


def _restore_in_child(archive: Path, database_url: str, private: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PRIVATE_MEDIA_ROOT": str(private),
    }
    env.pop("REPORTS_ROOT", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.test_backup", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assert_same(restored: dict, original: dict) -> None:
    assert restored["rows"]["filings.Filing"], "the world has filings"
    for label in COMPARED:
        assert restored["rows"][label] == original["rows"][label], label
    assert restored["files"] == original["files"]
    assert all(f["sha256"] == f["recorded"] for f in restored["files"].values())
    assert restored["on_disk"] == original["on_disk"]
    assert any(name.startswith("reports/") for name in restored["on_disk"])


def test_a_backup_restores_into_a_fresh_sqlite_database_with_every_row_and_file(
    backed_up, tmp_path
):
    archive, original = backed_up

    restored = _restore_in_child(
        archive, f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-private"
    )

    _assert_same(restored, original)
    events = restored["rows"]["filings.FilingEvent"]
    assert {e["fields"]["action"] for e in events} >= {"submit", "return", "approve"}
    assert len(restored["rows"]["filings.Evidence"]) == 2
    assert len(restored["rows"]["reviews.Review"]) >= 2


@pytest.mark.postgres
def test_a_backup_restores_into_a_fresh_postgresql_database(backed_up, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    import psycopg

    archive, original = backed_up
    options = connection.settings_dict
    name = f"jx_restore_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": options["HOST"] or None,
        "port": options["PORT"] or None,
        "user": options["USER"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        host = f"{options['HOST'] or '127.0.0.1'}:{options['PORT'] or 5432}"
        restored = _restore_in_child(
            archive, f"postgres://{options['USER']}@{host}/{name}", tmp_path / "restored-private"
        )
    finally:
        with psycopg.connect(**admin) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    _assert_same(restored, original)


def test_the_archive_is_readable_by_its_owner_only(backed_up):
    archive, _ = backed_up

    assert archive.stat().st_mode & 0o077 == 0


def test_restore_refuses_an_installation_that_holds_data(backed_up):
    archive, _ = backed_up

    with pytest.raises(CommandError, match=r"not empty.*--replace"):
        call_command("restore", str(archive), stdout=io.StringIO(), stderr=io.StringIO())


def test_restore_with_replace_puts_back_the_backed_up_state(backed_up, world, settings):
    from apps.filings.models import Filing
    from tests import factories

    archive, original = backed_up
    Filing.objects.filter(project=world.project_a2).update(status=Filing.Status.DRAFT)
    factories.UserFactory(username="after-the-backup")

    call_command("restore", str(archive), "--replace", stdout=io.StringIO(), stderr=io.StringIO())

    _assert_same(summary(), original)


def _tampered(archive: Path, tmp_path: Path, name: str, data: bytes) -> Path:
    """The archive with one more member, or with a member's bytes replaced."""
    out = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as target:
        for member in source:
            if member.name == name:
                continue
            target.addfile(member, source.extractfile(member) if member.isfile() else None)
        info = tarfile.TarInfo(name)
        info.size = len(data)
        target.addfile(info, io.BytesIO(data))
    return out


def test_restore_refuses_a_damaged_or_padded_archive(backed_up, tmp_path):
    archive, original = backed_up
    evidence = next(iter(original["files"]))

    damaged = _tampered(archive, tmp_path, f"files/private/{evidence}", b"not the file")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--replace", stdout=io.StringIO())

    padded = _tampered(archive, tmp_path, "files/private/../../outside.txt", b"x")
    with pytest.raises(CommandError):
        call_command("restore", str(padded), "--replace", stdout=io.StringIO())
    assert not (tmp_path / "outside.txt").exists()


def main(archive: str) -> None:
    import django

    django.setup()
    from django.conf import settings

    # The test settings fix PRIVATE_MEDIA_ROOT; this child's files go to its own folder.
    settings.PRIVATE_MEDIA_ROOT = Path(os.environ["PRIVATE_MEDIA_ROOT"])
    call_command("migrate", verbosity=0)
    call_command("restore", archive, stdout=sys.stderr)
    print(json.dumps(summary(), ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1])
