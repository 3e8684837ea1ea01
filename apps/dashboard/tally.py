"""The year's counts for the dashboard, grouped in the database: one query, one row per group.

Every filing of the year falls in a group of (status, score band, review-score band,
execution-rate band, warning); the state table, both histograms, the bubble chart and the
warning count are sums over those groups. No filing is loaded into Python, so the page costs
the same for twenty filings as for thirty thousand.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Least, Round

from apps.filings.models import Filing

from . import aggregation as agg

# Ten-point bands of a score (0–10 … 90–100, 100 included in the last) and of the execution
# rate in percent (0–10 … 90–100, then "100 and above").
SCORE_BANDS = 10
RATE_BANDS = 11
TEN_THOUSAND = 10_000


def _band(column: str, scale: int, width: int, bands: int) -> Case:
    """The band of a column: its whole number at `scale` (see _scaled) integer-divided by the
    band's width at that scale; the last band takes everything above; NULL stays NULL. Exact
    on every database: the division is of whole numbers."""
    band = ExpressionWrapper(_scaled(column, scale) / Value(width), output_field=IntegerField())
    # PostgreSQL's LEAST skips a NULL (SQLite's MIN returns it): NULL is said first.
    return Case(
        When(**{f"{column}__isnull": True}, then=Value(None)),
        default=Least(band, Value(bands - 1)),
        output_field=IntegerField(),
    )


def _scaled(column: str, factor: int) -> Cast:
    """A decimal column as an exact integer (scores have two places, rates four)."""
    return Cast(Round(F(column) * factor), IntegerField())


def excess_expression(execution_weight: Decimal):
    """agg.share_check's excess in whole numbers, exact on every database: above 0 exactly when
    the indicator score share exceeds the execution rate by more than agg.WARNING_POINTS.

    With T = score × 100, R = rate × 10⁴, C = min(R, 10⁴), W = weight × 100, the share
    (T/100 − C·W/10⁶) × 100 ÷ (100 − W/100) exceeds 100·R/10⁴ by more than P points exactly
    when T·10⁴ − C·W − R·(10⁴ − W) − 100·P·(10⁴ − W) > 0. NULL without a score or a rate.
    """
    weight = int(execution_weight * 100)
    if weight >= TEN_THOUSAND:  # the indicators have no points: no share, no warning
        return Value(None, output_field=IntegerField())
    total, rate = _scaled("total_score", 100), _scaled("execution_rate", TEN_THOUSAND)
    rest = TEN_THOUSAND - weight
    return ExpressionWrapper(
        total * Value(TEN_THOUSAND)
        - Least(rate, Value(TEN_THOUSAND)) * Value(weight)
        - rate * Value(rest)
        - Value(int(agg.WARNING_POINTS * 100) * rest),
        output_field=IntegerField(),
    )


WARNING = Case(When(_excess__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())


@dataclass
class Tally:
    """The year's counts: by state, by band, and of warnings."""

    states: dict[str, int] = field(default_factory=lambda: dict.fromkeys(agg.STATES, 0))
    own: list[int] = field(default_factory=lambda: [0] * len(agg.BIN_EDGES))
    review: list[int] = field(default_factory=lambda: [0] * len(agg.BIN_EDGES))
    # (rate band, score band) → [filings without a warning, filings with one]
    bubbles: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    warnings: int = 0
    scored: int = 0

    @property
    def items(self) -> int:
        return sum(self.states.values())

    def add(self, group: dict) -> None:
        state, count = agg.filing_state(group["status"]), group["n"]
        self.states[state] += count
        if state not in agg.SCORED_STATES:
            return
        self.scored += count
        self.warnings += count * group["warning"]
        for band, histogram in ((group["own"], self.own), (group["reviewed"], self.review)):
            if band is not None:
                histogram[_histogram_bin(band)] += count
        if group["own"] is not None and group["rate"] is not None:
            cell = self.bubbles.setdefault((group["rate"], group["own"]), [0, 0])
            cell[group["warning"]] += count


def _histogram_bin(band: int) -> int:
    """The histogram bin (0–60, 60–70, 70–80, 80–90, 90–100) of a ten-point score band."""
    return max(0, band - 5)


def grouped(filings: QuerySet[Filing], execution_weight: Decimal) -> QuerySet:
    """The filings' groups with their counts: one GROUP BY query."""
    return (
        filings.order_by()
        .alias(_excess=excess_expression(execution_weight))
        .annotate(
            # Ten points (1,000 hundredths) and ten percent (1,000 ten-thousandths) a band.
            own=_band("total_score", 100, 1000, SCORE_BANDS),
            reviewed=_band("review_score", 100, 1000, SCORE_BANDS),
            rate=_band("execution_rate", TEN_THOUSAND, 1000, RATE_BANDS),
            warning=WARNING,
        )
        .values("status", "own", "reviewed", "rate", "warning")
        .annotate(n=Count("pk"))
    )


def tally_of(groups: Iterable[dict], unfiled_projects: int) -> Tally:
    tally = Tally()
    tally.states[agg.NOT_STARTED] += unfiled_projects
    for group in groups:
        tally.add(group)
    return tally
