"""The history of the copies bench/generate.py writes, as the workflow would have left it."""

from django.utils import timezone

from apps.accounts.models import User
from apps.filings.models import Filing, FilingEvent, FilingRevision, FilingSnapshot
from apps.reviews.models import Review, ReviewerAssignment, RowReview

S = Filing.Status


def history_write(plans: list, admin: User) -> None:
    """What the workflow leaves on each copy: snapshots, revision, events, assignment, review."""
    snapshots, revisions, events, assignments, reviews = [], [], [], [], []
    for plan in plans:
        f, t = plan.filing, plan.template
        cells = _remap(t.cells, plan.ids)
        snapshots.append(
            FilingSnapshot(filing=f, version=1, saved_by=plan.filer, cells=t.first_cells)
        )
        snapshots.append(
            FilingSnapshot(filing=f, version=f.version, saved_by=plan.filer, cells=cells)
        )
        if f.status == S.DRAFT:
            continue
        revision = FilingRevision(
            filing=f,
            number=1,
            cells=cells,
            total_score=f.total_score,
            grade=f.grade,
            submitted_by=plan.filer,
        )
        revisions.append((plan, revision))
    FilingSnapshot.objects.bulk_create(snapshots)
    FilingRevision.objects.bulk_create([r for _p, r in revisions])
    for plan, revision in revisions:
        f, reviewer = plan.filing, plan.reviewer
        events.append(_event(f, plan.filer, "submit", S.DRAFT, S.SUBMITTED, revision))
        if reviewer is None:
            continue
        assignments.append(ReviewerAssignment(filing=f, reviewer=reviewer, assigned_by=admin))
        events.append(_event(f, reviewer, "start_review", S.SUBMITTED, S.IN_REVIEW, revision))
        decision = Review.Decision.PENDING
        if f.status == S.RETURNED:
            decision = Review.Decision.RETURNED
            events.append(
                _event(
                    f,
                    reviewer,
                    "return",
                    S.IN_REVIEW,
                    S.RETURNED,
                    revision,
                    reason="请补充偏差原因分析。",
                )
            )
        elif f.status in (S.APPROVED, S.PUBLISHED):
            decision = Review.Decision.APPROVED
            events.append(_event(f, reviewer, "approve", S.IN_REVIEW, S.APPROVED, revision))
        if f.status == S.PUBLISHED:
            events.append(_event(f, admin, "publish", S.APPROVED, S.PUBLISHED, revision))
        decided = decision != Review.Decision.PENDING
        review = Review(
            revision=revision,
            filing=f,
            reviewer=reviewer,
            decision=decision,
            comment="复核意见：材料齐全。" if decided else "",
            total_score=f.total_score if decided else None,
            grade=f.grade if decided else "",
            decided_at=timezone.now() if decided else None,
        )
        reviews.append((plan, review))
    ReviewerAssignment.objects.bulk_create(assignments)
    FilingEvent.objects.bulk_create(events)
    Review.objects.bulk_create([r for _p, r in reviews])
    RowReview.objects.bulk_create(
        RowReview(review=review, row_key=_remap_key(key, plan.ids), score=score)
        for plan, review in reviews
        for key, score in plan.template.review_rows
    )


def _event(filing, actor, action, from_status, to_status, revision, reason="") -> FilingEvent:
    return FilingEvent(
        filing=filing,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        revision=revision,
        reason=reason,
    )


def _remap_key(key: str, ids: dict[str, dict[str, str]]) -> str:
    for sep in (".", ":"):
        section, found, rest = key.partition(sep)
        if found and section in ids:
            old, dot, tail = rest.partition(".")
            new = ids[section].get(old)
            if new is not None:
                return f"{section}{sep}{new}{dot}{tail}"
    return key


def _remap(cells: dict[str, str], ids: dict[str, dict[str, str]]) -> dict[str, str]:
    return {_remap_key(key, ids): value for key, value in cells.items()}
