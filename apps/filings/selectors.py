"""Reads about filings that every kind shares: the scoring policy a filing is scored by."""

from apps.budgets.models import FiscalYear
from apps.core.memo import memoized
from apps.indicators.models import Framework, ScoringPolicy

from .kinds import shown_kind
from .models import Filing


def policy_for(fiscal_year: FiscalYear, framework: str) -> ScoringPolicy:
    """The year's policy of a framework with its group weights prefetched (made on first use);
    read once per request (a page asks for it from its permissions, form and sheet)."""
    from apps.indicators.services import scoring_policy_ensure

    def read() -> ScoringPolicy:
        policies = ScoringPolicy.objects.prefetch_related("group_weights__category")
        try:
            return policies.get(fiscal_year=fiscal_year, framework=framework)
        except ScoringPolicy.DoesNotExist:
            scoring_policy_ensure(fiscal_year=fiscal_year, framework=Framework(framework))
            return policies.get(fiscal_year=fiscal_year, framework=framework)

    return memoized(("filings.policy", fiscal_year.pk, str(framework)), read)


def policy_of(filing: Filing, *, framework: str | None = None) -> ScoringPolicy:
    """The policy that scores the filing: its kind's framework unless `framework` says.

    A kind without a framework of its own is graded by the project framework's policy (the
    year's grade bands and units).
    """
    framework = framework or shown_kind(filing.kind).framework or Framework.PROJECT
    return policy_for(filing.fiscal_year, framework)
