"""Reads for the project self-evaluation pages."""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from apps.budgets.models import Project
from apps.filings.models import Filing
from apps.filings.selectors import policy_for
from apps.filings.selectors import policy_of as filing_policy_of
from apps.indicators.models import Framework, LibraryIndicator, ScoringPolicy

from .models import FundingLine, IndicatorRow, ProjectEvaluation


def project_for_page(project_pk: int) -> Project:
    """The project with its department, bureau and year, in one query."""
    return Project.objects.select_related("department__bureau", "fiscal_year__bureau").get(
        pk=project_pk
    )


def with_rows(filing: Filing) -> Filing:
    """The filing as the filings app loaded it, with its evaluation, rows and funding added."""
    prefetch_related_objects(
        [filing],
        "project_evaluation",
        Prefetch("project_evaluation__rows", queryset=IndicatorRow.objects.order_by("position")),
        Prefetch("project_evaluation__funding_lines", queryset=FundingLine.objects.all()),
    )
    return filing


def policy_of(
    filing_or_project: Filing | Project, *, framework: Framework | None = None
) -> ScoringPolicy:
    """The year's scoring policy of a filing (its kind's framework) or of a project's.

    With its group weights prefetched; created on first use.
    """
    if isinstance(filing_or_project, Filing):
        return filing_policy_of(filing_or_project, framework=framework)
    return policy_for(filing_or_project.fiscal_year, framework or Framework.PROJECT)


def project_library(*, bureau_id: int) -> QuerySet[LibraryIndicator]:
    """The bureau's library of the project framework, with each indicator's levels."""
    return LibraryIndicator.objects.filter(
        category__bureau_id=bureau_id, category__framework=Framework.PROJECT
    ).select_related("category__parent")


def library_search(*, bureau_id: int, query: str, limit: int = 30) -> list[LibraryIndicator]:
    """Project library indicators of a bureau whose name or category matches the query."""
    items = project_library(bureau_id=bureau_id)
    for word in query.split():
        items = items.filter(name__icontains=word) | items.filter(category__name__icontains=word)
    return list(items.order_by("category__parent__position", "category__position", "name")[:limit])


def evaluation_of(filing: Filing) -> ProjectEvaluation:
    """The prefetched evaluation of a project filing."""
    return filing.project_evaluation
