"""The dashboard's two long tables written as HTML here: fifty rows of ten cells each cost the
template engine more than the rest of the page (STYLE: speed of big tables). Every value is
escaped; the markup is the one the template wrote before."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .rows import Chip, DepartmentRow, FilingItem, PageRow

DASH = "—"


def chips(items: Iterable[Chip]) -> SafeString:
    """A department's filings (and projects not started) with their states."""
    parts = []
    for chip in items:
        title = f' title="{escape(chip.status_label)}"' if chip.status_label else ""
        parts.append(
            f'<span data-state="{chip.state}"><a href="{escape(chip.url)}">{escape(chip.name)}</a>'
            f' <span class="badge {chip.badge_class} jx-state"{title}>'
            f"{escape(chip.state_label)}</span></span>\n"
        )
    return mark_safe("".join(parts))


def _number(value: Decimal | None, suffix: str = "") -> str:
    return DASH if value is None else f"{value}{suffix}"


def score_rows(items: Iterable[FilingItem], filing_url) -> SafeString:
    """The scores table's rows: score, grade, review, gap, execution rate, share, warning."""
    warning_title = escape(_("Score share above execution rate"))
    rows = []
    for item in items:
        warned = ' class="table-warning" data-warning' if item.warning else ""
        excess = (
            f'<span class="badge text-bg-warning" title="{warning_title}">⚠ '
            f"{item.excess_points}</span>"
            if item.warning
            else _number(item.excess_points)
        )
        rows.append(
            f'<tr data-filing="{item.filing_id}"{warned}>'
            f'<td class="text-nowrap">{escape(item.department_name)}</td>'
            f'<td><a href="{escape(filing_url(item.filing_id))}">{escape(item.name)}</a></td>'
            f'<td><span class="badge {item.badge_class} jx-state" '
            f'title="{escape(item.status_label)}">{escape(item.state_label)}</span></td>'
            f'<td class="jx-amount">{_number(item.self_score)}</td>'
            f"<td>{escape(item.grade) or DASH}</td>"
            f'<td class="jx-amount">{_number(item.review_score)}</td>'
            f'<td class="jx-amount" data-gap>{_number(item.gap)}</td>'
            f'<td class="jx-amount">{_number(item.execution_rate_percent, "%")}</td>'
            f'<td class="jx-amount">{_number(item.share_percent, "%")}</td>'
            f'<td class="jx-amount">{excess}</td></tr>\n'
        )
    return mark_safe("".join(rows))


def _department_cell(row: PageRow | DepartmentRow, url: str) -> str:
    parent = row.parent_name
    note = f' <small class="text-muted">（{escape(parent)}）</small>' if parent else ""
    return f'<a href="{escape(url)}">{escape(row.name)}</a>{note}'


def department_rows(rows: Iterable[PageRow], department_url) -> SafeString:
    """The department table: code, name, its filings as chips, the count of each state."""
    nothing = escape(_("No projects and no filing yet."))  # outside the f-string: extracted
    empty = f'<span class="text-muted small">{nothing}</span>'
    out = []
    for row in rows:
        pk = row.department.pk
        counts = "".join(
            f'<td class="jx-amount" data-count="{state}">{count}</td>'
            for state, count in row.count_cells
        )
        out.append(
            f'<tr data-department="{pk}"><td>{escape(row.budget_code)}</td>'
            f'<td class="text-nowrap">{_department_cell(row, department_url(pk))}</td>'
            f'<td><div class="jx-filings">{row.chips if row.items else empty}</div></td>'
            f"{counts}</tr>\n"
        )
    return mark_safe("".join(out))


def not_started_rows(rows: Iterable[DepartmentRow], department_url) -> SafeString:
    """The departments not started: code, name, contact, phone, number of projects."""
    out = []
    for row in rows:
        pk = row.department.pk
        out.append(
            f'<tr data-department="{pk}"><td>{escape(row.budget_code)}</td>'
            f"<td>{_department_cell(row, department_url(pk))}</td>"
            f"<td>{escape(row.contact_person)}</td><td>{escape(row.contact_phone)}</td>"
            f'<td class="jx-amount">{row.project_count}</td></tr>\n'
        )
    return mark_safe("".join(out))
