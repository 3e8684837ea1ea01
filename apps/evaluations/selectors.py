"""Reads for the project self-evaluation pages."""

from django.db.models import Prefetch, QuerySet

from apps.budgets.models import Project
from apps.indicators.models import Framework, LibraryIndicator, ScoringPolicy

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


# The framework whose tree and policy score a filing of each kind.
FRAMEWORK_OF_KIND = {
    Filing.Kind.PROJECT: Framework.PROJECT,
    Filing.Kind.DEPARTMENT: Framework.DEPARTMENT,
}


def policy_of(
    filing_or_project: Filing | Project, *, framework: Framework | None = None
) -> ScoringPolicy:
    """The year's scoring policy with its group weights prefetched (created on first use).

    Without `framework`, a filing's kind decides it; a project's is the project framework.
    """
    from apps.indicators.services import scoring_policy_ensure

    if framework is None:
        framework = (
            FRAMEWORK_OF_KIND[Filing.Kind(filing_or_project.kind)]
            if isinstance(filing_or_project, Filing)
            else Framework.PROJECT
        )
    fiscal_year = filing_or_project.fiscal_year
    policies = ScoringPolicy.objects.prefetch_related("group_weights__category")
    try:
        return policies.get(fiscal_year=fiscal_year, framework=framework)
    except ScoringPolicy.DoesNotExist:
        scoring_policy_ensure(fiscal_year=fiscal_year, framework=framework)
        return policies.get(fiscal_year=fiscal_year, framework=framework)


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
