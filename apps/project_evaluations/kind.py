"""The project self-evaluation as a kind of filing: what it tells the filings, reviews, reports."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.filings import kinds
from apps.filings.models import Filing
from apps.indicators.models import Framework
from apps.reviews.sheets import register_sheet

from . import checks, snapshots
from .models import KIND, ProjectEvaluation
from .review import project_review_sheet
from .selectors import policy_of, with_rows
from .services import categories_for, evaluation_compute, evaluation_data_of


class ProjectKind(kinds.FilingKind):
    """项目支出绩效自评: one filing per project, scored by the project framework."""

    key = KIND
    label = _("Project self-evaluation")
    framework = Framework.PROJECT
    per_project = True

    def display_name(self, filing: Filing) -> str:
        return filing.project.name if filing.project is not None else str(filing)

    def url(self, filing: Filing) -> str:
        return reverse("filings:page", kwargs={"filing_pk": filing.pk})

    def page(self, request: HttpRequest, filing: Filing) -> HttpResponse:
        from .views import evaluation_page

        return evaluation_page(request, filing)  # type: ignore[arg-type]

    def cells(self, filing: Filing) -> dict[str, str]:
        evaluation = ProjectEvaluation.objects.prefetch_related(
            "rows__category__parent", "funding_lines"
        ).get(filing=filing)
        return snapshots.cells_of(evaluation)

    def cell_label(self, key, old, new) -> str:
        return snapshots.cell_label(key, old, new)

    def cell_order(self, key: str) -> tuple:
        return snapshots.cell_order(key)

    def quiet_cell(self, key: str) -> bool:
        return key.endswith(".position")

    def presenter(self, filing: Filing) -> kinds.Present:
        unit = policy_of(filing).amount_unit
        return lambda changes: snapshots.in_unit(changes, unit)

    def row_key_of_cell(self, key: str) -> str:
        return snapshots.row_key_of_cell(key)

    def recheck(self, filing: Filing) -> tuple[int, int]:
        fresh = with_rows(filing)
        computed = evaluation_compute(
            data=evaluation_data_of(fresh.project_evaluation),
            policy=policy_of(fresh),
            categories=categories_for(filing.fiscal_year.bureau_id, framework=Framework.PROJECT),
        )
        return checks.summarize(computed.findings)


def register_kind() -> None:
    """Register the kind with the filings, its review sheet and its printed table."""
    from apps.reports import documents

    from .documents import PROJECT_TABLE
    from .report import register_report

    kinds.register(ProjectKind())
    register_sheet(KIND, project_review_sheet)
    documents.register(PROJECT_TABLE)
    documents.register_filing_document(KIND, PROJECT_TABLE.key)
    register_report()
