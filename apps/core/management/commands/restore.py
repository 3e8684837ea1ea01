"""`manage.py restore <archive>`: load a backup into an empty, migrated installation."""

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from .. import archive


class Command(BaseCommand):
    help = (
        "Load a backup made by `manage.py backup` into this installation, in one transaction, "
        "and put back its private files. The database must be migrated and empty; --replace "
        "deletes what it holds first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "Restore into an installation that holds data: its rows are deleted (in the same "
                "transaction) and its private folders are moved aside, not deleted."
            ),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options) -> str:
        using = options["database"]
        replace = options["replace"]
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"No archive at {source}.")
        with tempfile.TemporaryDirectory(prefix="jixiao-restore-") as work:
            staging = Path(work)
            manifest = self._unpack(source, staging)
            self._check_migrations(manifest, using)
            if not replace:
                self._refuse_unless_empty(using)
            with transaction.atomic(using=using):
                if replace:
                    self._flush(using)
                call_command(
                    "loaddata", str(staging / archive.DATABASE), database=using, verbosity=0
                )
                counts = archive.row_counts(using)
                wrong = {
                    label: (count, counts.get(label))
                    for label, count in manifest["counts"].items()
                    if counts.get(label) != count
                }
                if wrong:
                    raise CommandError(f"Rows loaded differ from the archive's: {wrong}")
                # Files go in place only once the rows are in; a failure above leaves both as
                # they were. (If moving the files fails, the rows roll back with it.)
                self._place_files(staging, replace=replace)
        self.stdout.write(
            f"Restored {sum(manifest['counts'].values())} rows and {len(manifest['files'])} "
            f"files from {source} (made {manifest['created_at']})."
        )
        return ""

    def _unpack(self, source: Path, staging: Path) -> dict:
        """Read the archive into the staging folder, checking every file against the manifest."""
        try:
            tar = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
        except (tarfile.TarError, OSError) as error:
            raise CommandError(f"{source} is not a backup archive: {error}") from error
        with tar:
            try:
                manifest = json.load(tar.extractfile(archive.MANIFEST))  # type: ignore[arg-type]
            except (KeyError, ValueError) as error:
                raise CommandError(f"{source} has no readable manifest.") from error
            if manifest.get("format") != archive.FORMAT:
                raise CommandError(f"{source} is not a Jixiao backup.")
            if manifest.get("format_version", 0) > archive.FORMAT_VERSION:
                raise CommandError("The archive was made by a newer Jixiao; update first.")
            expected = {(f["root"], f["path"]): f["sha256"] for f in manifest["files"]}
            seen: set[tuple[str, str]] = set()
            for member in tar:
                if member.name == archive.DATABASE and member.isfile():
                    self._extract(tar, member, staging / archive.DATABASE)
                    continue
                if member.name == archive.MANIFEST:
                    continue
                where = archive.safe_member(member.name)
                if where is None or not member.isfile() or where not in expected:
                    # Nothing a backup writes: a path outside its folders, a link, an extra file.
                    raise CommandError(f"{member.name} does not belong in a backup; nothing done.")
                root, relative = where
                self._extract(tar, member, staging / archive.FILES / root / relative)
                seen.add(where)
        database = staging / archive.DATABASE
        if not database.is_file():
            raise CommandError("The archive holds no database.")
        if archive.sha256_of(database) != manifest["database"]["sha256"]:
            raise CommandError("The database in the archive is damaged (checksum differs).")
        for (root, relative), sha256 in expected.items():
            path = staging / archive.FILES / root / relative
            if (root, relative) not in seen or archive.sha256_of(path) != sha256:
                raise CommandError(f"The file {root}/{relative} is missing or damaged.")
        return manifest

    @staticmethod
    def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        source = tar.extractfile(member)
        assert source is not None
        with source, target.open("wb") as handle:
            shutil.copyfileobj(source, handle, archive.CHUNK)

    def _check_migrations(self, manifest: dict, using: str) -> None:
        applied = set(archive.applied_migrations(using))
        missing = sorted(set(manifest["migrations"]) - applied)
        if missing:
            raise CommandError(
                "This database lacks migrations the backup was made with: "
                + ", ".join(missing[:10])
                + ". Run `manage.py migrate` (with the same or a newer Jixiao) first."
            )
        newer = sorted(applied - set(manifest["migrations"]))
        if newer:
            self.stderr.write(
                f"This installation has {len(newer)} migrations the backup predates; the rows "
                "are loaded as they were (if that fails, nothing is changed)."
            )

    @staticmethod
    def _flush(using: str) -> None:
        """Delete every row, inside the restore's transaction."""
        connection = connections[using]
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with checks still pending in the transaction: run them.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, database=using, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # loaddata relies on deferred foreign keys
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _refuse_unless_empty(self, using: str) -> None:
        held = {label: n for label, n in archive.user_row_counts(using).items() if n}
        files = [
            root.path
            for root in archive.file_roots()
            if next(archive.files_under(root), None) is not None
        ]
        if held or files:
            what = ", ".join(f"{label} ({n})" for label, n in sorted(held.items())[:5])
            what += "".join(f", files in {path}" for path in files)
            raise CommandError(
                f"This installation is not empty: {what.lstrip(', ')}. Restore into a new, "
                "migrated database, or add --replace to delete what it holds first."
            )

    def _place_files(self, staging: Path, *, replace: bool) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        for root in archive.file_roots():
            restored = staging / archive.FILES / root.name
            if root.path.exists():
                if replace and any(root.path.iterdir()):
                    aside = root.path.with_name(f"{root.path.name}.before-restore-{stamp}")
                    root.path.rename(aside)
                    self.stderr.write(f"The files that were in {root.path} are now in {aside}.")
                else:
                    shutil.rmtree(root.path)  # empty folders only: _refuse_unless_empty
            root.path.parent.mkdir(parents=True, exist_ok=True)
            if restored.is_dir():
                shutil.move(str(restored), str(root.path))
            else:
                root.path.mkdir()
