"""The department self-evaluation as a kind of filing: what it tells filings, reviews, reports."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.filings import kinds
from apps.filings.models import Filing
from apps.indicators.models import Framework
from apps.reviews.sheets import register_sheet

from . import report, selectors, snapshots
from .compute import Computed, department_compute
from .data import Context, DepartmentData
from .models import KIND


def loaded(filing: Filing) -> tuple[Filing, DepartmentData, Context, Computed]:
    """The filing with every row, its data, context and what is computed from them."""
    fresh = selectors.with_detail(
        Filing.objects.select_related("fiscal_year__bureau").get(pk=filing.pk)
    )
    data = selectors.data_of(selectors.evaluation_of(fresh))
    context = selectors.context_of(fresh)
    return fresh, data, context, department_compute(data, context)


class DepartmentKind(kinds.FilingKind):
    """部门整体支出绩效自评: filed once a year by the department, scored by its framework."""

    key = KIND
    label = _("Department self-evaluation")
    framework = Framework.DEPARTMENT

    def display_name(self, filing: Filing) -> str:
        return str(self.label)

    def url(self, filing: Filing) -> str:
        return reverse("filings:page", kwargs={"filing_pk": filing.pk})

    def page(self, request: HttpRequest, filing: Filing) -> HttpResponse:
        from .views import department_page

        return department_page(request, filing)  # type: ignore[arg-type]

    def cells(self, filing: Filing) -> dict[str, str]:
        _fresh, data, context, computed = loaded(filing)
        return snapshots.cells_of(data, context, computed)

    def cell_label(self, key, old, new) -> str:
        return snapshots.cell_label(key, old, new)

    def cell_order(self, key: str) -> tuple:
        return snapshots.cell_order(key)

    def quiet_cell(self, key: str) -> bool:
        # Positions move with others; the 打分表's definitions and the summary are not typed.
        return (
            key.endswith(".position")
            or key.startswith("summary.")
            or (key.startswith("rubric.") and not key.endswith((".score", ".note")))
        )

    def presenter(self, filing: Filing) -> kinds.Present:
        unit = selectors.department_policy(filing).amount_unit
        return lambda changes: snapshots.in_unit(changes, unit)

    def row_key_of_cell(self, key: str) -> str:
        return snapshots.row_key_of_cell(key)

    def recheck(self, filing: Filing) -> tuple[int, int]:
        from .checks import summarize
        from .shown import findings_shown

        fresh, _data, _context, computed = loaded(filing)
        return summarize(findings_shown(computed.findings, selectors.department_policy(fresh)))


def register_kind() -> None:
    """Register the kind with the filings, its review sheet and its printed document."""
    from apps.reports import documents

    from .documents import DEPARTMENT_TABLE
    from .review import department_review_sheet

    kinds.register(DepartmentKind())
    register_sheet(KIND, department_review_sheet)
    documents.register(DEPARTMENT_TABLE)
    documents.register_filing_document(KIND, DEPARTMENT_TABLE.key)
    report.register_report()
