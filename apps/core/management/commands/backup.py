"""`manage.py backup [archive]`: the database and the private files in one .tar.gz."""

import io
import platform
import tarfile
import tempfile
from pathlib import Path

import django
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .. import archive, serializer


def _jixiao_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jixiao")
    except PackageNotFoundError:
        return "unknown"


class Command(BaseCommand):
    help = "Write the database and the private files (evidence, reports) into one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: jixiao-backup-<date-time>.tar.gz here).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options) -> str:
        using = options["database"]
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(options["archive"] or f"jixiao-backup-{stamp}.tar.gz")
        partial = target.with_name(target.name + ".partial")
        with tempfile.TemporaryDirectory(prefix="jixiao-backup-") as work:
            dump = Path(work) / archive.DATABASE
            migrations, counts = self._dump(dump, using)
            files: list[dict] = []
            manifest = {
                "format": archive.FORMAT,
                "format_version": archive.FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "jixiao_version": _jixiao_version(),
                "django_version": django.get_version(),
                "python_version": platform.python_version(),
                "database_vendor": connections[using].vendor,
                "migrations": migrations,
                "counts": counts,
                "database": {"name": archive.DATABASE, "sha256": archive.sha256_of(dump)},
                "files": files,
            }
            # Every department's evidence is in it: readable by its owner only.
            partial.touch(mode=0o600, exist_ok=True)
            partial.chmod(0o600)
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(dump, arcname=archive.DATABASE)
                for root in archive.file_roots():
                    for relative, path in archive.files_under(root):
                        name = f"{archive.FILES}/{root.name}/{relative}"
                        files.append(
                            {
                                "root": root.name,
                                "path": relative,
                                "size": path.stat().st_size,
                                "sha256": archive.sha256_of(path),
                            }
                        )
                        tar.add(path, arcname=name, recursive=False)
                data = archive.manifest_text(manifest).encode()
                info = tarfile.TarInfo(archive.MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
        partial.replace(target)  # a crash midway never leaves a complete-looking archive
        rows = sum(counts.values())
        self.stdout.write(
            f"Backed up {rows} rows and {len(files)} files to {target}",
            ending="\n",
        )
        return ""

    def _dump(self, dump: Path, using: str) -> tuple[list[str], dict[str, int]]:
        """Dump every kept table as of one moment, with the migration state and the counts."""
        connection = connections[using]
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                # One snapshot for every table: the rows of a filing and its events agree.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            serializers.register_serializer(serializer.FORMAT, serializer.__name__)
            # On SQLite the transaction holds the write lock (IMMEDIATE): saves wait meanwhile.
            call_command(
                "dumpdata",
                exclude=archive.excluded_labels(),
                natural_foreign=True,
                all=True,
                format=serializer.FORMAT,
                output=str(dump),
                database=using,
                verbosity=0,
            )
            return archive.applied_migrations(using), archive.row_counts(using)
