"""Reads for the reviewers' pages, and for the filer's page after a return."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from apps.accounts.models import BureauMembership, User
from apps.core.memo import memoized
from apps.filings.kinds import shown_kind
from apps.filings.models import Evidence, Filing, FilingRevision
from apps.filings.snapshots import CellChange, diff_cells

from .models import Review, ReviewerAssignment, RowReview
from .permissions import REVIEW_ROLES

S = Filing.Status
# What waits for the bureau: the queue's default.
PENDING_STATUSES: tuple[str, ...] = (S.SUBMITTED, S.IN_REVIEW)


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters; empty values do not filter, `statuses=()` means any status."""

    fiscal_year: int | None = None
    department: int | None = None
    kind: str = ""
    statuses: tuple[str, ...] = PENDING_STATUSES
    grade: str = ""
    review_grade: str = ""
    self_score_min: Decimal | None = None
    self_score_max: Decimal | None = None
    review_score_min: Decimal | None = None
    review_score_max: Decimal | None = None
    reviewer: int | None = None  # assigned to this reviewer
    unassigned: bool = False
    q: str = ""


def _reviewable(user: User) -> QuerySet[Filing]:
    """Filings of the bureaus the user reviews for, decided in SQL (a subquery, no join)."""
    filings = Filing.objects.all()
    if user.is_superuser:
        return filings
    bureaus = BureauMembership.objects.filter(user=user, role__in=REVIEW_ROLES).values("bureau_id")
    return filings.filter(fiscal_year__bureau_id__in=Subquery(bureaus))


def _latest_revision() -> QuerySet[FilingRevision]:
    return FilingRevision.objects.filter(filing=OuterRef("pk")).order_by("-number")


def review_queue(*, user: User, filters: QueueFilters) -> QuerySet[Filing]:
    """The filings of the user's bureau(s), annotated for the queue: one query and a prefetch.

    Each filing carries `revision_number` (its latest revision's stored number) and its
    assignments with reviewers; `review_score`, `review_grade` (of the last review of that
    revision) and `submitted_at` (when it last reached the bureau) are its derived columns,
    so the queue filters and sorts in the database (index filing_queue_order) and only the
    page's rows look up their revision.
    """
    filings = (
        _reviewable(user)
        .select_related("department", "project", "fiscal_year")
        .annotate(revision_number=Subquery(_latest_revision().values("number")[:1]))
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ReviewerAssignment.objects.select_related("reviewer").order_by(
                    "reviewer__full_name", "reviewer__username"
                ),
            )
        )
    )
    f = filters
    exact = {
        "fiscal_year_id": f.fiscal_year,
        "department_id": f.department,
        "kind": f.kind or None,
        "grade": f.grade or None,
        "review_grade": f.review_grade or None,
        "total_score__gte": f.self_score_min,
        "total_score__lte": f.self_score_max,
        "review_score__gte": f.review_score_min,
        "review_score__lte": f.review_score_max,
        "assignments__reviewer_id": f.reviewer,
    }
    filings = filings.filter(**{key: value for key, value in exact.items() if value is not None})
    if f.statuses:
        filings = filings.filter(status__in=f.statuses)
    if f.unassigned:
        filings = filings.filter(assignments__isnull=True)
    for word in f.q.split():
        filings = filings.filter(
            Q(department__name__icontains=word)
            | Q(department__budget_code__startswith=word)
            | Q(project__name__icontains=word)
            | Q(project__code__icontains=word)
        )
    return filings.order_by(
        F("submitted_at").asc(nulls_last=True), "department__budget_code", "project__code", "pk"
    )


def filings_for_reviewer(*, user: User, ids: Iterable[int]) -> QuerySet[Filing]:
    """The filings among ids that belong to the bureaus the user reviews for."""
    return (
        _reviewable(user)
        .filter(pk__in=list(ids))
        .select_related("fiscal_year", "department", "project")
        .order_by("pk")
    )


def reviewers_of_bureaus(*, bureau_ids: Iterable[int]) -> QuerySet[User]:
    """The people who may be assigned to review the bureaus' filings."""
    return (
        User.objects.filter(
            bureau_memberships__bureau_id__in=list(bureau_ids),
            bureau_memberships__role__in=REVIEW_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def revisions_with_reviews(filing: Filing) -> list[FilingRevision]:
    """The filing's revisions, newest first, each with its reviews and their reviewers."""
    return list(
        FilingRevision.objects.filter(filing=filing)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by("created_at", "pk"),
            )
        )
        .order_by("-number")
    )


def review_of(*, revision: FilingRevision, reviewer: User) -> Review | None:
    """The reviewer's review of the revision, with its rows."""
    return (
        Review.objects.filter(revision=revision, reviewer=reviewer).prefetch_related("rows").first()
    )


def evidence_of(filing: Filing) -> list[Evidence]:
    """The filing's evidence files with who uploaded them, as the filer's card lists them."""
    return list(Evidence.objects.filter(filing=filing).select_related("uploaded_by"))


def latest_returned_review(filing: Filing) -> Review | None:
    """The review whose decision last returned the filing, with its revision and rows."""
    return (
        Review.objects.filter(filing=filing, decision=Review.Decision.RETURNED)
        .select_related("revision", "reviewer")
        .prefetch_related(Prefetch("rows", queryset=RowReview.objects.order_by("row_key")))
        .order_by("-decided_at", "-pk")
        .first()
    )


def _latest_revision_id(filing: Filing) -> int | None:
    return (
        FilingRevision.objects.filter(filing=filing)
        .order_by("-number")
        .values_list("pk", flat=True)
        .first()
    )


def return_notice_for_filer(filing: Filing) -> Review | None:
    """The review that returned the filing, while the return is current (not yet resubmitted).

    Its `comment` is the overall reason; once the department submits again the notice belongs
    to the history (the reviewer then sees `changes_since_return`).
    """

    def read() -> Review | None:
        review = latest_returned_review(filing)
        if review is None or review.revision_id != _latest_revision_id(filing):
            return None
        return review

    # The filer's page asks twice (the notice, the row comments): read once a request.
    return memoized(("reviews.return_notice", filing.pk), read)


def row_comments_for_filer(filing: Filing) -> dict[str, list[RowReview]]:
    """The current return's row comments by row key, "row:12" (see return_notice_for_filer).

    A list per row, so a page can show several; rows the department has since deleted keep
    their key and are simply not shown beside any row.
    """
    review = return_notice_for_filer(filing)
    if review is None:
        return {}
    comments: dict[str, list[RowReview]] = {}
    for row in review.rows.all():
        if row.comment.strip():
            comments.setdefault(row.row_key, []).append(row)
    return comments


def changes_since_return(filing: Filing) -> list[CellChange]:
    """Cells that differ between the revision last returned and the filing's latest revision.

    Empty until the department submits again; a row moved without being changed is not listed.
    """
    review = latest_returned_review(filing)
    if review is None:
        return []
    latest = FilingRevision.objects.filter(filing=filing).order_by("-number").first()
    if latest is None or latest.pk == review.revision_id:
        return []
    return diff_cells(shown_kind(filing.kind), review.revision.cells, latest.cells)
