"""The registry of filing kinds: what each kind of self-evaluation tells the filing machinery.

A kind is an app of its own (apps.project_evaluations is one) on a line after this one; it
registers here in its `AppConfig.ready`, and with the reviews and reports apps for its review
sheet and its documents. The machinery (save, workflow, history, evidence, notifications,
dashboard) asks the kind of a filing, never the kind's app.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Filing
    from .snapshots import CellChange

Present = Callable[[list["CellChange"]], list["CellChange"]]


class FilingKind:
    """One kind of filing. A kind subclasses this and registers an instance with `register`."""

    key: str = ""  # stored in Filing.kind
    label: object = ""  # a lazy translation: 项目支出绩效自评 …
    # The indicator framework whose tree and scoring policy score it ("" when unscored).
    framework: str = ""
    # Filed once per project (Filing.project set) rather than once per department and year.
    per_project: bool = False

    def display_name(self, filing: "Filing") -> str:
        """What lists and notices call the filing (the project's name, the department's …)."""
        return str(filing)

    def url(self, filing: "Filing") -> str:
        """The filer's page of the filing."""
        raise NotImplementedError

    def page(self, request: HttpRequest, filing: "Filing") -> HttpResponse:
        """Show the filing's form (GET) or save it (POST); `filings/<pk>/` answers with this."""
        raise NotImplementedError

    def cells(self, filing: "Filing") -> dict[str, str]:
        """Every cell of the filing as saved, by a stable key: the snapshot of a save."""
        raise NotImplementedError

    def cell_label(self, key: str, old: Mapping[str, str], new: Mapping[str, str]) -> str:
        """The Chinese label of a cell for conflict notices, history and review changes."""
        return key

    def cell_order(self, key: str) -> tuple:
        """Where the cell comes in a list of changes (the form's order)."""
        return (key,)

    def quiet_cell(self, key: str) -> bool:
        """Whether a change of the cell goes unlisted (a row's position moves with others)."""
        return False

    def presenter(self, filing: "Filing") -> Present:
        """How the changes of this filing are shown: amounts in the unit its form prints."""
        return lambda changes: changes

    def row_key_of_cell(self, key: str) -> str:
        """The review row (its stable key, "row:12") a cell belongs to, or "" for none."""
        return ""

    def recheck(self, filing: "Filing") -> tuple[int, int]:
        """Errors and warnings of the saved values checked again now (at submission)."""
        return filing.error_count, filing.warning_count


_kinds: dict[str, FilingKind] = {}


def register(kind: FilingKind) -> None:
    """Add a kind; registering one key again replaces it (a test's kind, a reload)."""
    if not kind.key:
        raise ValueError("A filing kind needs a key.")
    _kinds[kind.key] = kind


def unregister(key: str) -> None:
    """Remove a kind (tests that register their own)."""
    _kinds.pop(key, None)


def kind_of(key: str) -> FilingKind:
    """The registered kind of that key; LookupError for one no app registered."""
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"No filing kind is registered as {key!r}.") from None


class UnknownKind(FilingKind):
    """What lists show of a filing whose kind no installed app registers (any more)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.label = key or _("(unknown)")

    def url(self, filing: "Filing") -> str:
        from django.urls import reverse

        return reverse("filings:history", kwargs={"filing_pk": filing.pk})


def shown_kind(key: str) -> FilingKind:
    """The registered kind, or a stand-in that lists and notices can still name."""
    return _kinds.get(key) or UnknownKind(key)


def registered() -> list[FilingKind]:
    """Every registered kind, in the order they registered."""
    return list(_kinds.values())


def kind_choices() -> list[tuple[str, str]]:
    """(key, label) of every registered kind, for filters and forms."""
    return [(kind.key, str(kind.label)) for kind in _kinds.values()]


def kind_label(key: str) -> str:
    """The label of a kind, or the key itself when no app registers it any more."""
    kind = _kinds.get(key)
    return str(kind.label) if kind else (key or _("(unknown)"))
