"""Flat cell maps of a filing: what a save stored, and what changed between two saves."""

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from apps.core.money import format_amount

from .models import Filing, FilingSnapshot, FundingLine, IndicatorRow, ProjectEvaluation

ROW_FIELDS = (
    "name",
    "comparator",
    "target_text",
    "unit",
    "actual_text",
    "weight",
    "qualitative_label",
    "qualitative_score",
    "not_applicable",
    "deviation_reason",
    "not_applicable_reason",
)
FUNDING_FIELDS = ("initial", "adjusted", "executed")
TEXT_FIELDS = ("goal_expected", "goal_actual", "notes", "low_execution_explanation")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def cells_of(evaluation: ProjectEvaluation) -> dict[str, str]:
    """Every cell of the evaluation by a stable key (rows by id, funding by source)."""
    cells = {name: _text(getattr(evaluation, name)) for name in TEXT_FIELDS}
    for line in evaluation.funding_lines.all():
        for name in FUNDING_FIELDS:
            cells[f"funding.{line.source}.{name}"] = _text(getattr(line, name))
    for row in evaluation.rows.all():
        cells[f"row.{row.pk}.category"] = str(row.category)
        cells[f"row.{row.pk}.position"] = str(row.position)
        for name in ROW_FIELDS:
            cells[f"row.{row.pk}.{name}"] = _text(getattr(row, name))
    return cells


@dataclass(frozen=True)
class CellChange:
    key: str
    label: str
    old: str
    new: str


def _verbose(model, name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _label(key: str, old: dict[str, str], new: dict[str, str]) -> str:
    parts = key.split(".")
    if parts[0] in TEXT_FIELDS:
        return _verbose(ProjectEvaluation, parts[0])
    if parts[0] == "funding":
        source = dict(FundingLine.Source.choices).get(parts[1], parts[1])
        column = _verbose(FundingLine, parts[2])
        return f"{source} · {column}"
    row_name = new.get(f"row.{parts[1]}.name") or old.get(f"row.{parts[1]}.name") or "—"
    if parts[2] == "category":
        field = _("level-2 indicator")
    elif parts[2] == "position":
        field = _("position")
    else:
        field = _verbose(IndicatorRow, parts[2])
    return _("Indicator “%(row)s”: %(field)s") % {"row": row_name, "field": field}


def diff_cells(old: dict[str, str], new: dict[str, str]) -> list[CellChange]:
    """Cells whose value differs, in a stable order (added and removed rows included)."""
    changes = []
    for key in sorted(set(old) | set(new), key=_sort_key):
        if old.get(key, "") != new.get(key, ""):
            changes.append(
                CellChange(key, _label(key, old, new), old.get(key, ""), new.get(key, ""))
            )
    return changes


def _sort_key(key: str) -> tuple:
    parts = key.split(".")
    order = {
        "goal_expected": 0,
        "goal_actual": 1,
        "notes": 9,
        "funding": 2,
        "low_execution_explanation": 2,
        "row": 3,
    }
    row_id = int(parts[1]) if parts[0] == "row" else 0
    return (order.get(parts[0], 5), row_id, key)


def _amount(text: str, unit: str) -> str:
    try:
        return f"{format_amount(Decimal(text), unit)} {unit}" if text else ""
    except InvalidOperation:
        return text


def in_unit(changes: list[CellChange], unit: str) -> list[CellChange]:
    """The changes with amounts (stored in 元) shown as the form shows them, in its unit."""
    return [
        replace(c, old=_amount(c.old, unit), new=_amount(c.new, unit))
        if c.key.startswith("funding.")
        else c
        for c in changes
    ]


@dataclass(frozen=True)
class ChangeReport:
    """What other people changed since a version: who saved last, when, and the cells."""

    saved_by: str
    saved_at: object
    changes: list[CellChange]


def describe_changes(filing: Filing, base_version: int, *, amount_unit: str = "元") -> ChangeReport:
    """Changes between the snapshot a user started from and the filing's latest one."""
    snapshots = {
        s.version: s
        for s in FilingSnapshot.objects.filter(
            filing=filing, version__in=[base_version, filing.version]
        ).select_related("saved_by")
    }
    base = snapshots.get(base_version)
    latest = snapshots.get(filing.version)
    changes = diff_cells(base.cells if base else {}, latest.cells if latest else {})
    return ChangeReport(
        saved_by=str(latest.saved_by) if latest and latest.saved_by else "",
        saved_at=latest.created_at if latest else None,
        changes=in_unit([c for c in changes if not c.key.endswith(".position")], amount_unit),
    )
