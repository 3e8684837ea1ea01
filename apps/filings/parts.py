"""Parts that apps built on this one add to every filing, whatever its kind.

The narrative report (apps.narratives) belongs to a filing of any kind: its sections are cells
of the filing's snapshots (so a save's version check, the history and a submission's revision
hold them), and its checks speak at submission. The app registers a `Part` in its
`AppConfig.ready`; this app asks its parts, never their app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Filing


@dataclass(frozen=True)
class Blockers:
    """What a part says of a filing about to be submitted: errors refuse it, warnings do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """Cells a part keeps in every snapshot (keys start with `prefix`), and its checks."""

    prefix: str  # "report." …
    cells: Callable[[Filing], dict[str, str]]
    label: Callable[[Filing | None, str], str]
    order: Callable[[str], tuple] = lambda key: (key,)
    submission: Callable[[Filing], Blockers] = lambda filing: Blockers()
    # What the filer's page and the review page show of it: {"template": …, …} or None.
    panel: Callable[[Filing], dict | None] = lambda filing: None


_parts: dict[str, Part] = {}


def register_part(part: Part) -> None:
    """Add a part; registering one prefix again replaces it."""
    _parts[part.prefix] = part


def unregister_part(prefix: str) -> None:
    _parts.pop(prefix, None)


def part_of(key: str) -> Part | None:
    """The part whose cell this is, or None for a cell of the kind's own tables."""
    return next((part for prefix, part in _parts.items() if key.startswith(prefix)), None)


def part_cells(filing: Filing) -> dict[str, str]:
    """Every part's cells of the filing, for its snapshot."""
    cells: dict[str, str] = {}
    for part in _parts.values():
        cells.update(part.cells(filing))
    return cells


def submission_blockers(filing: Filing) -> Blockers:
    """Every part's errors and warnings about submitting the filing now."""
    errors: list[str] = []
    warnings: list[str] = []
    for part in _parts.values():
        said = part.submission(filing)
        errors += said.errors
        warnings += said.warnings
    return Blockers(errors, warnings)


def part_panels(filing: Filing) -> list[dict]:
    """The panels the parts show on the filing's pages (each names its template)."""
    return [panel for part in _parts.values() if (panel := part.panel(filing)) is not None]


def ordered(key: str, fallback: Callable[[str], tuple]) -> tuple:
    """Where a cell comes among a filing's changes: the kind's cells first, then each part's."""
    part = part_of(key)
    return (1, part.prefix, *part.order(key)) if part is not None else (0, *fallback(key))
