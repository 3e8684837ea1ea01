"""The backup archive: the database as JSON, the private files, and a manifest to check both.

One gzipped tar file:

    manifest.json         format, versions, migration state, row counts, every file's SHA-256
    database.json         `dumpdata` of every app, natural keys for content types and permissions
    files/<root>/<path>   the private files: evidence and rendered reports

JSON from `dumpdata` loads into SQLite and PostgreSQL alike. Content types, permissions and
sessions are left out: `migrate` makes the first two in the new installation (references to them
travel as natural keys) and sessions only log people out. This module knows no app of the
project (apps.core comes first in the dependency order): it goes through Django's registry.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

FORMAT = "jixiao-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
FILES = "files"
# Made again by `migrate` (content types, permissions) or not worth keeping (sessions, login
# failure counts): left out of the archive and of the emptiness check.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Root:
    """A folder of private files, by the name it has in the archive."""

    name: str
    path: Path


def file_roots() -> list[Root]:
    """The private folders to back up: PRIVATE_MEDIA_ROOT, and REPORTS_ROOT if it is elsewhere."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    roots = [Root("private", private)]
    reports = getattr(settings, "REPORTS_ROOT", None)
    if reports:
        reports_path = Path(reports).resolve()
        if not reports_path.is_relative_to(private):
            roots.append(Root("reports", reports_path))
    return roots


def excluded_labels() -> list[str]:
    """The exclusions that name installed apps or models (dumpdata refuses unknown ones)."""
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in EXCLUDED if label.split(".")[0] in installed]


def _excluded(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED


def kept_models() -> list[type[Model]]:
    """The models whose rows the archive holds."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not _excluded(model)
    ]


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per kept model."""
    return {model._meta.label: model._base_manager.using(using).count() for model in kept_models()}


def user_row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per kept model, leaving out those `migrate` itself ships.

    A model whose data migration ships rows (the 打分表 shipped with the system) names them in
    a class attribute `SHIPPED_BY_MIGRATIONS`, a filter: a fresh installation holds those rows
    and is empty all the same.
    """
    counts = {}
    for model in kept_models():
        rows = model._base_manager.using(using).all()
        shipped = getattr(model, "SHIPPED_BY_MIGRATIONS", None)
        if shipped:
            rows = rows.exclude(**shipped)
        counts[model._meta.label] = rows.count()
    return counts


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations applied to the database, as "app.name"."""
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root: Root) -> Iterator[tuple[str, Path]]:
    """(path inside the root, as posix, and the file) for every regular file, sorted."""
    if not root.path.is_dir():
        return
    for path in sorted(root.path.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root.path).as_posix(), path


def safe_member(name: str) -> tuple[str, str] | None:
    """(root name, relative path) of an archive member under files/, or None if it is unsafe."""
    parts = PurePosixPath(name).parts
    if len(parts) < 3 or parts[0] != FILES or name.startswith("/"):
        return None
    if any(part in ("", ".", "..") or "\\" in part for part in parts):
        return None
    return parts[1], "/".join(parts[2:])


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
