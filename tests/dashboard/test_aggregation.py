"""The dashboard's arithmetic, with worked numbers."""

from decimal import Decimal

import pytest

from apps.dashboard import aggregation as agg
from apps.filings.models import Filing

D = Decimal


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (None, agg.NOT_STARTED),
        ("draft", agg.DRAFT),
        ("head_review", agg.SUBMITTED),
        ("submitted", agg.SUBMITTED),
        ("in_review", agg.SUBMITTED),
        ("returned", agg.RETURNED),
        ("approved", agg.PASSED),
        ("published", agg.PASSED),
    ],
)
def test_each_status_maps_to_one_of_the_five_states(status, state):
    assert agg.filing_state(status) == state


def test_every_filing_status_has_a_state():
    assert {agg.filing_state(status) for status in Filing.Status.values} <= set(agg.STATES)


def test_unknown_status_is_an_error_not_a_silent_state():
    with pytest.raises(ValueError):
        agg.filing_state("lost")


def test_state_counts_list_every_state_in_display_order():
    counts = agg.state_counts(["draft", "passed", "draft"])
    assert list(counts) == list(agg.STATES)
    assert counts == {"not_started": 0, "draft": 2, "submitted": 0, "returned": 0, "passed": 1}


@pytest.mark.parametrize(
    ("score", "index"),
    [
        (D("0"), 0),
        (D("59.99"), 0),
        (D("60"), 1),
        (D("69.99"), 1),
        (D("70"), 2),
        (D("80"), 3),
        (D("89.99"), 3),
        (D("90"), 4),
        (D("100"), 4),
        (D("-1"), 0),
    ],
)
def test_score_bins_include_their_lower_edge(score, index):
    assert agg.score_bin(score) == index


def test_histogram_leaves_missing_scores_out_rather_than_counting_zero():
    scores = [D("59.5"), None, D("60"), D("75"), D("91"), D("100"), None]
    assert agg.score_histogram(scores) == [1, 1, 1, 0, 2]
    assert agg.BIN_LABELS == ("0–60", "60–70", "70–80", "80–90", "90–100")


def test_gap_is_review_minus_self():
    assert agg.score_gap(D("90.00"), D("82.50")) == D("-7.50")
    assert agg.score_gap(D("70"), D("75")) == D("5")
    assert agg.score_gap(None, D("75")) is None
    assert agg.score_gap(D("70"), None) is None


def test_execution_score_caps_the_rate_at_one():
    assert agg.execution_score(D("0.8"), D(10)) == D("8.0")
    assert agg.execution_score(D("1.2"), D(10)) == D(10)


def test_share_far_above_rate_warns():
    # Execution score 0.8 × 10 = 8; share (90 − 8) ÷ 90 = 91.11 %; rate 80 %: 11.11 points.
    check = agg.share_check(total=D("90"), rate=D("0.8"), execution_weight=D(10))
    assert check is not None
    assert agg.rounded(check.share) == D("91.11")
    assert check.rate == D("80.0")
    assert agg.rounded(check.excess) == D("11.11")
    assert check.warning


def test_share_below_rate_does_not_warn():
    # Full execution: 10 points; share (95 − 10) ÷ 90 = 94.44 %, below 100 %.
    check = agg.share_check(total=D("95"), rate=D("1"), execution_weight=D(10))
    assert check is not None
    assert agg.rounded(check.share) == D("94.44")
    assert agg.rounded(check.excess) == D("-5.56")
    assert not check.warning


def test_exactly_five_points_does_not_warn_but_more_does():
    # Rate 90 %: 9 points; share (94.5 − 9) ÷ 90 = 95 %, exactly 5 points above.
    exact = agg.share_check(total=D("94.5"), rate=D("0.9"), execution_weight=D(10))
    assert exact is not None and exact.excess == D(5) and not exact.warning
    # (94.51 − 9) ÷ 90 = 95.011 %: 5.011 points.
    above = agg.share_check(total=D("94.51"), rate=D("0.9"), execution_weight=D(10))
    assert above is not None and above.warning


def test_share_uses_the_bureaus_execution_weight():
    # Weight 20, rate 50 %: 10 points; share (80 − 10) ÷ 80 = 87.5 %; 37.5 points above.
    check = agg.share_check(total=D("80"), rate=D("0.5"), execution_weight=D(20))
    assert check is not None
    assert check.share == D("87.5") and check.excess == D("37.5") and check.warning


def test_rate_above_one_counts_as_its_percentage_and_never_warns_more():
    # Executed above budget: 10 points at most, share 100 %, rate 120 %.
    check = agg.share_check(total=D("100"), rate=D("1.2"), execution_weight=D(10))
    assert check is not None
    assert check.share == D(100) and check.excess == D(-20) and not check.warning


def test_share_needs_a_score_a_rate_and_indicator_weight():
    assert agg.share_check(total=None, rate=D("0.9"), execution_weight=D(10)) is None
    assert agg.share_check(total=D("90"), rate=None, execution_weight=D(10)) is None
    assert agg.share_check(total=D("90"), rate=D("0.9"), execution_weight=D(100)) is None
