"""Reviews: a reviewer's scores and comments on one submitted revision of a filing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel


class ReviewerAssignment(BaseModel):
    """A reviewer assigned to a filing; a filing may have several."""

    filing = models.ForeignKey(
        "filings.Filing",
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["filing_id", "reviewer_id"]
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "reviewer"], name="reviewer_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing} · {self.reviewer}"


class Review(BaseModel):
    """The review (复核) of one revision: the reviewer's total, grade and overall comment."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not decided")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")

    revision = models.ForeignKey(
        "filings.FilingRevision",
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    # Denormalised from the revision for the queue and dashboard filters.
    filing = models.ForeignKey(
        "filings.Filing",
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    comment = models.TextField(_("overall comment"), blank=True)
    total_score = models.DecimalField(
        _("review score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("review grade"), max_length=2, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["filing_id", "-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"], name="review_one_per_reviewer_and_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.revision} · {self.reviewer}"


class NotApplicable(models.TextChoices):
    """A reviewer's decision on a row the department proposed as 不适用."""

    UNDECIDED = "", _("Not decided")
    ACCEPTED = "accepted", _("Accepted: the row is left out")
    REJECTED = "rejected", _("Rejected: the row is scored")


class RowReview(BaseModel):
    """The reviewer's score (复核得分), comment and 不适用 decision on one row of the revision."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="rows"
    )
    # The row's key in the kind's review sheet ("row:12" for indicator row 12); a kind keeps
    # its keys stable across revisions, so the filer's page shows a comment beside its row.
    row_key = models.CharField(_("row"), max_length=60)
    score = models.DecimalField(
        _("review score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    # The reviewer's decision on the department's proposal to mark the row 不适用.
    not_applicable = models.CharField(
        _("not applicable proposal"),
        max_length=10,
        choices=NotApplicable.choices,
        blank=True,
        default=NotApplicable.UNDECIDED,
    )

    class Meta:
        ordering = ["review_id", "row_key"]
        verbose_name = _("row review")
        verbose_name_plural = _("row reviews")
        constraints = [
            models.UniqueConstraint(fields=["review", "row_key"], name="row_review_unique_row")
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.row_key}"
