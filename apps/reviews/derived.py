"""Filing.review_score and review_grade, derived from the reviews of its latest revision.

The score the queue and the dashboard show is that of the last-changed review of the filing's
latest revision that gives a score, decided or only saved; a resubmitted filing has none until
it is scored again. Receivers derive it again whenever a review or a revision is saved or deleted;
`review_columns_refresh` does it for many filings at once (bulk inserts, imports).
"""

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Now
from django.db.models.signals import post_delete, post_save

from apps.filings.models import Filing, FilingRevision

from .models import Review


def _latest_review(field: str) -> Subquery:
    latest = FilingRevision.objects.filter(filing=OuterRef(OuterRef("pk"))).order_by("-number")
    reviews = Review.objects.filter(
        revision=Subquery(latest.values("pk")[:1]), total_score__isnull=False
    ).order_by("-updated_at", "-pk")
    return Subquery(reviews.values(field)[:1])


def review_columns_refresh(filings: QuerySet[Filing] | None = None) -> int:
    """Derive review_score and review_grade again (all filings when None); the number updated."""
    filings = Filing.objects.all() if filings is None else filings
    return filings.update(
        review_score=_latest_review("total_score"),
        # No review yet: an empty grade, as the column keeps it, not NULL.
        review_grade=Coalesce(_latest_review("grade"), Value("")),
        derived_at=Now(),
    )


def _review_changed(sender, instance: Review, raw: bool = False, **kwargs) -> None:
    # A fixture or a restore (raw) brings the filing's columns with it, as they were.
    if not raw:
        review_columns_refresh(Filing.objects.filter(pk=instance.filing_id))


def _revision_changed(sender, instance: FilingRevision, raw: bool = False, **kwargs) -> None:
    if not raw:
        review_columns_refresh(Filing.objects.filter(pk=instance.filing_id))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_review_changed, sender=Review, dispatch_uid=f"reviews.score.{signal}")
        signal.connect(
            _revision_changed, sender=FilingRevision, dispatch_uid=f"reviews.rev.{signal}"
        )
