"""The report as a part of every filing of a kind that has one: its cells in the filing's
snapshots, its checks at submission, and its panel on the filer's and the reviewer's pages."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.filings import parts
from apps.filings.models import Filing
from apps.filings.snapshots import cell_text

from . import shipped
from .checks import COLUMNS, column_label, payment_findings
from .models import PaymentRow, ReportSection
from .payments import as_payments
from .registry import report_kind
from .selectors import report_of

PREFIX = "report."


def cells(filing: Filing) -> dict[str, str]:
    if report_kind(filing.kind) is None:
        return {}
    found = {
        f"{PREFIX}{key}": body
        for key, body in ReportSection.objects.filter(filing=filing).values_list("key", "body")
        if body
    }
    for row in PaymentRow.objects.filter(filing=filing):
        place = "total" if row.is_total else str(row.position + 1)
        if not row.is_total:
            found[f"{PREFIX}payments.{place}.name"] = row.name
        for column in COLUMNS:
            found[f"{PREFIX}payments.{place}.{column}"] = cell_text(getattr(row, column))
    return {key: value for key, value in found.items() if value}


def _heading(key: str) -> str:
    for _label, text in shipped.OUTLINES.values():
        for line in text.splitlines():
            pieces = [piece.strip() for piece in line.split("|")]
            if len(pieces) > 1 and pieces[1] == key:
                return pieces[0]
    return key


def label(filing: Filing | None, key: str) -> str:
    key = key.removeprefix(PREFIX)
    if key.startswith("payments."):
        _payments, place, column = key.split(".", 2)
        name = column_label(column) if column in COLUMNS else _("item")
        if place == "total":
            return _("Payment details, total · %(column)s") % {"column": name}
        return _("Payment details, row %(row)s · %(column)s") % {"row": place, "column": name}
    return _("Report · %(heading)s") % {"heading": _heading(key)}


def order(key: str) -> tuple:
    key = key.removeprefix(PREFIX)
    return (1, key) if key.startswith("payments.") else (0, key)


def submission(filing: Filing) -> parts.Blockers:
    report = report_of(filing) if report_kind(filing.kind) is not None else None
    if report is None or report.is_empty:
        return parts.Blockers()
    errors = [finding.message for finding in findings_of(report)]
    warnings = [
        _(
            "Report, “%(heading)s”: the sentence “%(sentence)s” gives %(label)s as %(old)s, "
            "but the data now says %(new)s."
        )
        % {
            "heading": section.heading,
            "label": flag.label,
            "old": flag.old,
            "new": flag.new or _("(nothing)"),
            "sentence": flag.sentence,
        }
        for section, flag in report.stale
    ]
    return parts.Blockers(errors=errors, warnings=warnings)


def findings_of(report):
    if not report.has_payments:
        return []
    rows, total = as_payments(report.payments, report.payment_total)
    return payment_findings(rows, total, report.kind.executed(report.filing))


def _by_sentence(stale) -> list[dict]:
    """Stale figures grouped by the sentence that holds them, in the report's order."""
    found: dict[tuple[str, str], dict] = {}
    for section, flag in stale:
        item = found.setdefault(
            (section.key, flag.sentence),
            {"heading": section.heading, "sentence": flag.sentence, "flags": []},
        )
        item["flags"].append(flag)
    return list(found.values())


def panel(filing: Filing) -> dict | None:
    """The report's line on the filing's pages: two queries unless figures or a table need more."""
    kind = report_kind(filing.kind)
    if kind is None:
        return None
    saved = list(ReportSection.objects.filter(filing=filing).values_list("key", "body", "figures"))
    has_rows = PaymentRow.objects.filter(filing=filing).exists()
    report = report_of(filing) if has_rows or any(figures for *_rest, figures in saved) else None
    stale = report.stale if report is not None else []
    return {
        "template": "narratives/_panel.html",
        "url": reverse("narratives:report", kwargs={"filing_pk": filing.pk}),
        "is_empty": not has_rows and not any(body.strip() for _key, body, _figures in saved),
        "stale": stale,
        "sentences": _by_sentence(stale),
        "stale_text": ngettext(
            "%(count)d figure in the report no longer agrees with the data.",
            "%(count)d figures in the report no longer agree with the data.",
            len(stale),
        )
        % {"count": len(stale)},
        "findings": findings_of(report) if report is not None else [],
    }


def register() -> None:
    parts.register_part(
        parts.Part(
            prefix=PREFIX,
            cells=cells,
            label=label,
            order=order,
            submission=submission,
            panel=panel,
        )
    )
