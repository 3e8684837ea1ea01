"""The save every kind goes through: lock, version check, the kind's write, summary, snapshot."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError

from . import bounds
from .kinds import kind_of
from .models import Filing, FilingSnapshot
from .parts import part_cells
from .snapshots import describe_changes


class ConflictError(ApplicationError):
    """Someone saved the filing after the version this save was based on.

    `extra` holds "changes" (a ChangeReport of what they changed) and "filing" (as it is now).
    """


@dataclass(frozen=True)
class Summary:
    """What a kind's write reports of the saved filing, kept on the filing for lists."""

    total_score: Decimal | None = None
    grade: str = ""
    execution_rate: Decimal | None = None
    error_count: int = 0
    warning_count: int = 0


# The kind's part of a save: write its cells for the locked filing and report the summary.
# It raises ApplicationError to refuse the save; nothing is then written.
Write = Callable[[Filing], Summary]


@transaction.atomic
def filing_save(*, filing: Filing, by: User | None, base_version: int, write: Write) -> Filing:
    """Save a filing of any kind, even with findings; refuse it if saved since base_version."""
    locked = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("fiscal_year", "department", "project")
        .get(pk=filing.pk)
    )
    if locked.version != base_version:
        raise ConflictError(
            _("Someone else saved this evaluation while you were editing it."),
            extra={"changes": describe_changes(locked, base_version), "filing": locked},
        )
    summary = write(locked)
    locked.version += 1
    locked.updated_by = by
    locked.total_score = bounds.stored_total(summary.total_score)
    locked.grade = summary.grade
    locked.execution_rate = bounds.stored_rate(summary.execution_rate)
    locked.error_count, locked.warning_count = summary.error_count, summary.warning_count
    locked.save()
    cells = kind_of(locked.kind).cells(locked) | part_cells(locked)
    FilingSnapshot.objects.create(filing=locked, version=locked.version, saved_by=by, cells=cells)
    return locked


@transaction.atomic
def filing_create(
    *, kind: str, department, fiscal_year, project=None, create_detail: Callable[[Filing], object]
) -> Filing:
    """A new filing of a kind at version 0, with the kind's detail row; saving fills it."""
    kind_of(kind)  # a kind no app registered is refused
    if project is not None and Filing.objects.filter(project=project).exists():
        raise ApplicationError(_("This project already has a self-evaluation."))
    if (
        project is None
        and Filing.objects.filter(
            kind=kind, department=department, fiscal_year=fiscal_year, project__isnull=True
        ).exists()
    ):
        raise ApplicationError(_("This department already has this filing for the year."))
    filing = Filing.objects.create(
        kind=kind, department=department, fiscal_year=fiscal_year, project=project, version=0
    )
    create_detail(filing)
    return filing
