"""Reads for the project self-evaluation pages."""

from django.db.models import Prefetch

from apps.budgets.models import Project
from apps.indicators.models import LibraryIndicator, ScoringPolicy

from .models import Filing, FundingLine, IndicatorRow, ProjectEvaluation


def project_for_page(project_pk: int) -> Project:
    """The project with its department, bureau and year, in one query."""
    return Project.objects.select_related("department__bureau", "fiscal_year__bureau").get(
        pk=project_pk
    )


def filing_of(project: Project) -> Filing | None:
    """The project's filing with its evaluation, rows and funding: a fixed number of queries."""
    return (
        Filing.objects.filter(project=project)
        .select_related("project_evaluation", "fiscal_year", "department", "updated_by")
        .prefetch_related(
            Prefetch(
                "project_evaluation__rows",
                queryset=IndicatorRow.objects.order_by("position"),
            ),
            Prefetch("project_evaluation__funding_lines", queryset=FundingLine.objects.all()),
        )
        .first()
    )


def policy_of(filing_or_project) -> ScoringPolicy:
    """The year's scoring policy with its group weights prefetched (created on first use)."""
    from apps.indicators.services import scoring_policy_ensure

    policies = ScoringPolicy.objects.prefetch_related("group_weights__category")
    try:
        return policies.get(fiscal_year=filing_or_project.fiscal_year)
    except ScoringPolicy.DoesNotExist:
        scoring_policy_ensure(fiscal_year=filing_or_project.fiscal_year)
        return policies.get(fiscal_year=filing_or_project.fiscal_year)


def library_search(*, bureau_id: int, query: str, limit: int = 30) -> list[LibraryIndicator]:
    """Library indicators of a bureau whose name, category or target matches the query."""
    items = LibraryIndicator.objects.filter(category__bureau_id=bureau_id).select_related(
        "category__parent"
    )
    for word in query.split():
        items = items.filter(name__icontains=word) | items.filter(category__name__icontains=word)
    return list(items.order_by("category__parent__position", "category__position", "name")[:limit])


def evaluation_of(filing: Filing) -> ProjectEvaluation:
    """The prefetched evaluation of a project filing."""
    return filing.project_evaluation
