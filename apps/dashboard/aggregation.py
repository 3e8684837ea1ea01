"""The dashboard's arithmetic: pure functions over plain values, no ORM."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from apps.indicators.scoring import HUNDRED, ONE, ZERO, round_score

NOT_STARTED = "not_started"
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
PASSED = "passed"
STATES = (NOT_STARTED, DRAFT, SUBMITTED, RETURNED, PASSED)

STATE_LABELS = {
    NOT_STARTED: _("Not started"),
    DRAFT: _("Draft"),
    SUBMITTED: _("Submitted"),
    RETURNED: _("Returned"),
    PASSED: _("Passed"),
}

# Filing.Status values, written out so this module stays free of models.
_STATE_OF_STATUS = {
    "draft": DRAFT,
    "head_review": SUBMITTED,
    "submitted": SUBMITTED,
    "in_review": SUBMITTED,
    "returned": RETURNED,
    "approved": PASSED,
    "published": PASSED,
}

# The states of filings that reached the finance bureau at least once: their scores count.
SCORED_STATES = frozenset({SUBMITTED, RETURNED, PASSED})

# Lower edges of the score bins; the last bin includes 100.
BIN_EDGES = (Decimal(0), Decimal(60), Decimal(70), Decimal(80), Decimal(90))
BIN_LABELS = ("0–60", "60–70", "70–80", "80–90", "90–100")

# The indicator score share may exceed the execution rate by this many points before a warning.
WARNING_POINTS = Decimal(5)


def filing_state(status: str | None) -> str:
    """The dashboard state of a filing's status; None (no filing) is not started."""
    if status is None:
        return NOT_STARTED
    try:
        return _STATE_OF_STATUS[status]
    except KeyError:
        raise ValueError(f"unknown filing status: {status!r}") from None


def state_counts(states: Iterable[str]) -> dict[str, int]:
    """How many of each state, with every state present, in display order."""
    counts = dict.fromkeys(STATES, 0)
    for state in states:
        counts[state] += 1
    return counts


def score_bin(score: Decimal) -> int:
    """Index of the bin a score falls into (below 0 joins the first, above 100 the last)."""
    index = 0
    for position, edge in enumerate(BIN_EDGES):
        if score >= edge:
            index = position
    return index


def score_histogram(scores: Iterable[Decimal | None]) -> list[int]:
    """Counts per bin of BIN_LABELS; missing scores are left out, never counted as 0."""
    counts = [0] * len(BIN_EDGES)
    for score in scores:
        if score is not None:
            counts[score_bin(score)] += 1
    return counts


def score_gap(self_score: Decimal | None, review_score: Decimal | None) -> Decimal | None:
    """Review score minus self-evaluation score (negative: the reviewer scored lower)."""
    if self_score is None or review_score is None:
        return None
    return review_score - self_score


@dataclass(frozen=True)
class ShareCheck:
    """Indicator score share against execution rate, both in percent, unrounded."""

    share: Decimal
    rate: Decimal

    @property
    def excess(self) -> Decimal:
        """Points by which the indicator score share exceeds the execution rate."""
        return self.share - self.rate

    @property
    def warning(self) -> bool:
        """True when the share exceeds the rate by more than WARNING_POINTS."""
        return self.excess > WARNING_POINTS


def execution_score(rate: Decimal, execution_weight: Decimal) -> Decimal:
    """The execution-rate row's score: min(rate, 1) × weight (DESIGN §4)."""
    return min(max(rate, ZERO), ONE) * execution_weight


def share_check(
    *, total: Decimal | None, rate: Decimal | None, execution_weight: Decimal
) -> ShareCheck | None:
    """Compare the indicators' share of their points with the execution rate.

    share = (total − execution score) ÷ (100 − execution weight) × 100; rate is a
    fraction (1 = 100 %). None when a value is missing or the indicators have no weight.
    """
    if total is None or rate is None or execution_weight >= HUNDRED:
        return None
    indicator_points = total - execution_score(rate, execution_weight)
    share = indicator_points / (HUNDRED - execution_weight) * HUNDRED
    return ShareCheck(share=share, rate=rate * HUNDRED)


def rounded(value: Decimal | None) -> Decimal | None:
    """Two places, half up, for display and export; None stays None."""
    return None if value is None else round_score(value)
