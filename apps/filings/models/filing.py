"""Filings of any kind of self-evaluation: the filing, its snapshots, revisions and events."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

from .. import bounds
from ..kinds import kind_label

# A reopening without a date lasts this long when the year's window has already closed.
REOPEN_DAYS = 14

# Columns of Filing derived from its events and reviews (see Filing.submitted_at).
DERIVED_FIELDS = frozenset({"submitted_at", "review_score", "review_grade", "derived_at"})


def _null_or(field: str, condition: Q) -> Q:
    """A CHECK condition that holds for NULL or when condition holds."""
    return Q(**{f"{field}__isnull": True}) | condition


class Filing(BaseModel):
    """One self-evaluation a department files for a year: the unit of workflow and history."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        HEAD_REVIEW = "head_review", _("Awaiting department head")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    # The key of a registered kind (apps.filings.kinds); its app holds the filing's cells.
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    fiscal_year = models.ForeignKey(
        "budgets.FiscalYear",
        verbose_name=_("fiscal year"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    # The project a project-level kind evaluates; empty for a filing of the department itself.
    project = models.OneToOneField(
        "budgets.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filing",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Set by a bureau administrator's reopening; the grant itself is reopened_until.
    reopened = models.BooleanField(_("reopened after the window closed"), default=False)
    reopened_until = models.DateField(
        _("reopened until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the department may edit and submit this filing after the filing "
            "window closed. The finance bureau sets it when it reopens the filing; when it gives "
            "no date, the window's closing date if that is still ahead, otherwise 14 days after "
            "the reopening."
        ),
    )
    # Bumped on every save: a save based on an older version is refused (optimistic lock).
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Results of the last save, kept for lists and dashboards.
    total_score = models.DecimalField(
        _("self-evaluation score"),
        max_digits=bounds.TOTAL_DIGITS,
        decimal_places=bounds.TOTAL_PLACES,
        null=True,
        blank=True,
    )
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    execution_rate = models.DecimalField(
        _("execution rate"),
        max_digits=bounds.RATE_DIGITS,
        decimal_places=bounds.RATE_PLACES,
        null=True,
        blank=True,
    )
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # Derived columns, kept so the queue and the dashboard sort and count in the database:
    # when the filing last reached the bureau (its latest event to 已提交), and the total and
    # grade of the last-changed review of its latest revision. Only `derived.py` writes them
    # (save() leaves them out), from the rows they are derived from.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    review_score = models.DecimalField(
        _("review score"),
        max_digits=bounds.TOTAL_DIGITS,
        decimal_places=bounds.TOTAL_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    review_grade = models.CharField(_("review grade"), max_length=2, blank=True, editable=False)
    # When the derived columns were last derived: with updated_at, the dashboard's stamp of a
    # year's filings (a change to a review moves this, not the filing's own updated_at).
    derived_at = models.DateTimeField(_("derived at"), null=True, blank=True, editable=False)

    class Meta:
        db_table = "evaluations_filing"  # created by apps.evaluations' migrations
        ordering = ["fiscal_year_id", "department_id", "kind", "project_id"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        indexes = [
            # The queue's count by status, and its order (and the dashboard's) by submission.
            models.Index(
                fields=["fiscal_year", "status", "submitted_at"], name="filing_queue_order"
            ),
            models.Index(fields=["fiscal_year", "submitted_at"], name="filing_year_submitted"),
            # The dashboard's stamp: the last change and the last derivation of a year's filings.
            models.Index(fields=["fiscal_year", "updated_at"], name="filing_year_changed"),
            models.Index(fields=["fiscal_year", "derived_at"], name="filing_year_derived"),
        ]
        constraints = [
            # A kind filed by the department itself is filed once a year.
            models.UniqueConstraint(
                fields=["kind", "department", "fiscal_year"],
                condition=Q(project__isnull=True),
                name="filing_one_per_kind_department_and_year",
            ),
            # The second line behind the bounds the form and the service apply (bounds.py).
            models.CheckConstraint(
                condition=_null_or(
                    "execution_rate",
                    Q(execution_rate__gte=0, execution_rate__lte=bounds.RATE_MAX),
                ),
                name="filing_execution_rate_in_bounds",
            ),
            models.CheckConstraint(
                condition=_null_or(
                    "total_score", Q(total_score__gte=0, total_score__lte=bounds.TOTAL_MAX)
                ),
                name="filing_total_score_in_bounds",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        """Save every column but the derived ones, which only `derived.py` writes."""
        if kwargs.get("update_fields") is None and not self._state.adding:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in DERIVED_FIELDS
            ]
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        if self.project_id:
            return str(self.project)
        return f"{self.department} {self.fiscal_year}"

    @property
    def kind_label(self) -> str:
        """The kind's name as the pages print it (项目支出绩效自评 …)."""
        return kind_label(self.kind)

    def is_window_open(self, today: datetime.date | None = None) -> bool:
        """True while the department may edit and submit: the year's window, or a reopening."""
        today = today or timezone.localdate()
        if self.fiscal_year.is_filing_open(today):
            return True
        return self.reopened_until is not None and today <= self.reopened_until

    def reopen_deadline_default(self, today: datetime.date | None = None) -> datetime.date:
        """The window's closing date if it is still ahead, otherwise REOPEN_DAYS from today."""
        today = today or timezone.localdate()
        if self.fiscal_year.filing_closes >= today:
            return self.fiscal_year.filing_closes
        return today + datetime.timedelta(days=REOPEN_DAYS)
