"""The queue's rows written as HTML here: fifty rows of nine cells cost the template engine more
than the rest of the page (STYLE: speed of big tables). Every value is escaped; the markup is
the one the template wrote before."""

from collections.abc import Iterable, Mapping

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.core.links import link_maker
from apps.filings.models import Filing

DASH = "—"
BADGES = {"approved": "success", "published": "success", "returned": "warning", "in_review": "info"}


def _status(filing: Filing, labels: Mapping[str, str], revision_text: str) -> str:
    badge = BADGES.get(filing.status, "secondary")
    cell = f'<span class="badge text-bg-{badge}">{labels[filing.status]}</span>'
    number = getattr(filing, "revision_number", None)
    if number:
        revision = escape(revision_text % {"number": number})
        cell += (
            f' <span class="small text-muted text-nowrap" data-revision="{number}">'
            f"{revision}</span>"
        )
    return cell


def _reviewers(filing: Filing) -> str:
    names = [escape(str(a.reviewer)) for a in filing.assignments.all()]
    if not names:
        unassigned = escape(_("Unassigned"))
        return f'<span class="text-muted" data-unassigned>{unassigned}</span>'
    return "、".join(names)


def queue_rows_html(filings: Iterable[Filing]) -> SafeString:
    review_url = link_maker("reviews:review", "filing_pk")
    only_this = escape(_("Only this department"))
    # Translated once, not once a row.
    labels = {value: escape(label) for value, label in Filing.Status.choices}
    revision_text = _("Revision %(number)s")
    kinds: dict[str, str] = {}
    rows = []
    for f in filings:
        kind = kinds.get(f.kind) or kinds.setdefault(f.kind, escape(f.kind_label))
        name = escape(f.project.name) if f.project else kind
        review = DASH if f.review_score is None else f"{f.review_score:.2f}"
        submitted = (
            timezone.localtime(f.submitted_at).strftime("%Y-%m-%d %H:%M")
            if f.submitted_at
            else DASH
        )
        tick = escape(_("Tick %(name)s") % {"name": f})
        total = DASH if f.total_score is None else f.total_score
        rows.append(
            f'<tr data-filing="{f.pk}">'
            f'<td><input class="form-check-input" type="checkbox" name="filing" value="{f.pk}" '
            f'aria-label="{tick}"></td>'
            f'<td><a class="link-body-emphasis" href="?fiscal_year={f.fiscal_year_id}&amp;'
            f'department={f.department_id}" title="{only_this}" '
            f'data-department-filter="{f.department_id}">{escape(f.department.name)}</a></td>'
            f'<td><a href="{review_url(f.pk)}">{name}</a></td>'
            f'<td class="small">{kind}</td>'
            f"<td>{_status(f, labels, revision_text)}</td>"
            f'<td class="jx-amount">{total} {escape(f.grade)}</td>'
            f'<td class="jx-amount">{review} {escape(f.review_grade)}</td>'
            f'<td class="small">{_reviewers(f)}</td>'
            f'<td class="small text-nowrap">{submitted}</td></tr>\n'
        )
    return mark_safe("".join(rows))
