"""Filings (any kind of self-evaluation) and the project self-evaluation's tables."""

import os
import re
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import AmountField, BaseModel
from apps.indicators import scoring

from . import bounds


def _null_or(field: str, condition: Q) -> Q:
    """A CHECK condition that holds for NULL or when condition holds."""
    return Q(**{f"{field}__isnull": True}) | condition


class Filing(BaseModel):
    """One self-evaluation a department files for a year: the unit of workflow and history."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project self-evaluation")
        DEPARTMENT = "department", _("Department self-evaluation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        HEAD_REVIEW = "head_review", _("Awaiting department head")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
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
    # Set by a bureau administrator: the department may edit and submit after the window closed.
    reopened = models.BooleanField(_("reopened after the window closed"), default=False)
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

    class Meta:
        ordering = ["fiscal_year_id", "department_id", "kind", "project_id"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="project") & Q(project__isnull=False))
                | (Q(kind="department") & Q(project__isnull=True)),
                name="filing_project_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["department", "fiscal_year"],
                condition=Q(kind="department"),
                name="filing_one_department_evaluation_per_year",
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

    def __str__(self) -> str:
        if self.project_id:
            return str(self.project)
        return f"{self.department} {self.fiscal_year}"


class FilingSnapshot(BaseModel):
    """Every cell of a filing as one save left it: the base of conflict messages and history."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="snapshots"
    )
    version = models.PositiveIntegerField(_("version"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    cells = models.JSONField(_("cells"))

    class Meta:
        ordering = ["filing_id", "version"]
        verbose_name = _("filing snapshot")
        verbose_name_plural = _("filing snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "version"], name="filing_snapshot_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing} v{self.version}"


class FilingRevision(BaseModel):
    """What a submission froze: every cell, the score and grade; never changed afterwards."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    cells = models.JSONField(_("cells"))
    total_score = models.DecimalField(
        _("self-evaluation score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["filing_id", "number"]
        verbose_name = _("filing revision")
        verbose_name_plural = _("filing revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "number"], name="filing_revision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing} #{self.number}"

    def save(self, *args, **kwargs) -> None:
        """A revision is written once, when it is submitted; it never changes afterwards."""
        if not self._state.adding:
            raise ValueError("A filing revision is immutable.")
        super().save(*args, **kwargs)


class FilingEvent(BaseModel):
    """One transition of a filing: who, when, from, to, and why."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=12, choices=Filing.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Filing.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    revision = models.ForeignKey(
        FilingRevision,
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )

    class Meta:
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("filing event")
        verbose_name_plural = _("filing events")

    def __str__(self) -> str:
        return f"{self.filing}: {self.from_status} → {self.to_status}"


class ProjectEvaluation(BaseModel):
    """The 项目支出绩效自评表 of a project: goals, funding, indicator rows."""

    filing = models.OneToOneField(
        Filing,
        verbose_name=_("filing"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="project_evaluation",
    )
    goal_expected = models.TextField(
        _("expected annual goal"), max_length=bounds.TEXT_LIMITS["goal_expected"], blank=True
    )
    goal_actual = models.TextField(
        _("actual completion"), max_length=bounds.TEXT_LIMITS["goal_actual"], blank=True
    )
    notes = models.TextField(
        _("other matters to explain"), max_length=bounds.TEXT_LIMITS["notes"], blank=True
    )
    # Asked for only when the bureau's policy sets a threshold (DESIGN §4, Sichuan: 90%).
    low_execution_explanation = models.TextField(
        _("explanation of the low execution rate"), blank=True
    )

    class Meta:
        ordering = ["filing_id"]
        verbose_name = _("project self-evaluation")
        verbose_name_plural = _("project self-evaluations")

    def __str__(self) -> str:
        return str(self.filing)


class FundingLine(BaseModel):
    """One row of the funding table (项目资金): budget, adjusted budget and executed, in 元."""

    class Source(models.TextChoices):
        TOTAL = "total", "年度资金总额"
        FISCAL = "fiscal", "当年财政拨款"
        FISCAL_CENTRAL = "fiscal_central", "中省补助资金"
        FISCAL_LOCAL = "fiscal_local", "本级预算资金"
        CARRYOVER = "carryover", "上年结转资金"
        OTHER = "other", "其他资金"

    evaluation = models.ForeignKey(
        ProjectEvaluation,
        verbose_name=_("project self-evaluation"),
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    source = models.CharField(_("funding source"), max_length=16, choices=Source.choices)
    initial = AmountField(_("initial budget"), null=True, blank=True)
    adjusted = AmountField(_("adjusted budget"), null=True, blank=True)
    executed = AmountField(_("executed"), null=True, blank=True)

    class Meta:
        ordering = ["evaluation_id", "id"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "source"], name="funding_line_unique_source"
            ),
            models.CheckConstraint(
                condition=_null_or("initial", Q(initial__gte=0))
                & _null_or("adjusted", Q(adjusted__gte=0))
                & _null_or("executed", Q(executed__gte=0)),
                name="funding_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.get_source_display()


class IndicatorRow(BaseModel):
    """A level-3 indicator row (三级指标) with target, actual, weight and score."""

    evaluation = models.ForeignKey(
        ProjectEvaluation,
        verbose_name=_("project self-evaluation"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    category = models.ForeignKey(
        "indicators.IndicatorCategory",
        verbose_name=_("level-2 indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(
        _("level-3 indicator"), max_length=bounds.TEXT_LIMITS["name"], blank=True
    )
    comparator = models.CharField(
        _("comparator"),
        max_length=4,
        choices=[(c, c) for c in scoring.COMPARATORS],
        default=scoring.GE,
    )
    # What the filer typed, kept as typed; the numbers are parsed from it.
    target_text = models.CharField(_("target"), max_length=bounds.TEXT_LIMITS["target"], blank=True)
    unit = models.CharField(_("unit"), max_length=bounds.TEXT_LIMITS["unit"], blank=True)
    actual_text = models.CharField(_("actual"), max_length=bounds.TEXT_LIMITS["actual"], blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=bounds.SCORE_DIGITS,
        decimal_places=bounds.SCORE_PLACES,
        null=True,
        blank=True,
    )
    qualitative_label = models.CharField(
        _("qualitative result"),
        max_length=30,
        blank=True,
        choices=[(label, label) for label in scoring.QUALITATIVE_LABELS],
    )
    qualitative_score = models.DecimalField(
        _("qualitative score"),
        max_digits=bounds.SCORE_DIGITS,
        decimal_places=bounds.SCORE_PLACES,
        null=True,
        blank=True,
    )
    # Proposed by the filer; it counts by its values until a reviewer accepts it.
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_applicable_reason = models.TextField(_("reason it is not applicable"), blank=True)
    deviation_reason = models.TextField(
        _("deviation analysis and improvement"),
        max_length=bounds.TEXT_LIMITS["deviation_reason"],
        blank=True,
    )
    score = models.DecimalField(
        _("score"),
        max_digits=bounds.ROW_SCORE_DIGITS,
        decimal_places=bounds.ROW_SCORE_PLACES,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("indicator row")
        verbose_name_plural = _("indicator rows")
        constraints = [
            models.CheckConstraint(
                condition=_null_or("weight", Q(weight__gt=0, weight__lte=bounds.WEIGHT_MAX)),
                name="indicator_row_weight_in_bounds",
            ),
            models.CheckConstraint(
                condition=_null_or("qualitative_score", Q(qualitative_score__gte=0))
                & _null_or("score", Q(score__gte=0)),
                name="indicator_row_scores_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT that no URL serves, only a checking view."""

    # Read on every use rather than fixed at import, so tests can point it elsewhere.
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    """The storage of evidence files (a callable, so migrations do not record a path)."""
    return PrivateStorage()


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """A random name in the filing's folder: the user's file name never reaches the disk."""
    extension = os.path.splitext(filename)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", extension):
        extension = ""
    return f"evidence/{instance.filing_id}/{uuid.uuid4().hex}{extension}"


class Evidence(BaseModel):
    """A file attached to a filing as evidence (佐证材料), kept outside every public root."""

    filing = models.ForeignKey(
        Filing, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=evidence_upload_to, max_length=255
    )
    # The name the user gave the file, shown and used on download; never a path on disk.
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name
