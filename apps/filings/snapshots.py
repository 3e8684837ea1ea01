"""What changed between two saves of a filing: cell maps compared, labelled by the kind."""

from dataclasses import dataclass
from decimal import Decimal

from . import parts
from .kinds import FilingKind, shown_kind
from .models import Filing, FilingSnapshot


def cell_text(value) -> str:
    """A value as a snapshot keeps it: text, "1"/"" for booleans, numbers without trailing 0s."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


@dataclass(frozen=True)
class CellChange:
    key: str
    label: str
    old: str
    new: str


def diff_cells(kind: FilingKind, old: dict[str, str], new: dict[str, str]) -> list[CellChange]:
    """Cells whose value differs, in the kind's order, labelled; quiet cells left out."""
    changes = []
    for key in sorted(set(old) | set(new), key=lambda key: parts.ordered(key, kind.cell_order)):
        if kind.quiet_cell(key) or old.get(key, "") == new.get(key, ""):
            continue
        part = parts.part_of(key)
        label = part.label(None, key) if part else kind.cell_label(key, old, new)
        changes.append(CellChange(key, label, old.get(key, ""), new.get(key, "")))
    return changes


@dataclass(frozen=True)
class ChangeReport:
    """What other people changed since a version: who saved last, when, and the cells."""

    saved_by: str
    saved_at: object
    changes: list[CellChange]


def describe_changes(filing: Filing, base_version: int) -> ChangeReport:
    """Changes between the snapshot a user started from and the filing's latest one."""
    kind = shown_kind(filing.kind)
    snapshots = {
        s.version: s
        for s in FilingSnapshot.objects.filter(
            filing=filing, version__in=[base_version, filing.version]
        ).select_related("saved_by")
    }
    base = snapshots.get(base_version)
    latest = snapshots.get(filing.version)
    changes = diff_cells(kind, base.cells if base else {}, latest.cells if latest else {})
    return ChangeReport(
        saved_by=str(latest.saved_by) if latest and latest.saved_by else "",
        saved_at=latest.created_at if latest else None,
        changes=kind.presenter(filing)(changes),
    )
