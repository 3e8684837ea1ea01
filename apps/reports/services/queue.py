"""Report jobs from the request's side: ask (reusing an unchanged file), queue, retry, recover."""

import logging
import os
import threading
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError

from ..documents import Target, kind_of, target_of
from ..models import ReportJob

logger = logging.getLogger("apps.reports.services")

S = ReportJob.State
MAX_ATTEMPTS = 3


def _stale_after() -> timedelta:
    return timedelta(seconds=settings.REPORTS_STALE_AFTER_SECONDS)


def _file_present(job: ReportJob) -> bool:
    return bool(job.file.name) and job.file.storage.exists(job.file.name)


def _run_in_thread(job_id: int) -> None:
    from .rendering import report_render

    try:
        report_render(job_id=job_id, worker_id=f"thread:{os.getpid()}:{threading.get_ident()}")
    finally:
        # The thread's own connections: nothing else would ever close them.
        connections.close_all()


def _enqueue(job_id: int) -> None:
    """Hand the job to a Celery worker, or render it in this process when there is no broker."""
    from ..tasks import report_render_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.REPORTS_EAGER_IN_THREAD:
            # No broker: render beside the request, so the page can show progress meanwhile.
            threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()
        else:
            report_render_task.apply(args=(job_id,))
        return
    try:
        if settings.REPORTS_CELERY_QUEUE:
            report_render_task.apply_async(args=(job_id,), queue=settings.REPORTS_CELERY_QUEUE)
        else:
            report_render_task.delay(job_id)
    except Exception:  # the broker is down: say so rather than wait forever
        logger.exception("Could not queue report job %s", job_id)
        # The page says what happened, never where: the broker's address stays in the log.
        ReportJob.objects.filter(pk=job_id, state=S.QUEUED).update(
            state=S.FAILED,
            error=_(
                "Report jobs are paused: the job queue cannot be reached right now. Try again "
                "in a few minutes; if this goes on, tell the system administrator."
            ),
            finished_at=timezone.now(),
        )


def _same_target(kind: str, target: Target) -> dict:
    return {
        "kind": kind,
        "fiscal_year": target.fiscal_year,
        "department": target.department,
        "filing": target.filing,
    }


def report_request(*, kind: str, target: Target, by: User) -> ReportJob:
    """The job of a document: a finished or pending one with the same content, else a new one."""
    document = kind_of(kind)
    allowed, reason = document.may_request(by, target)
    if not allowed:
        raise ApplicationError(reason)
    # From cheap inputs: the document itself is built by the worker, never in the request.
    digest = document.fingerprint(target)
    with transaction.atomic():
        for job in ReportJob.objects.filter(
            **_same_target(kind, target),
            content_hash=digest,
            state__in=(S.DONE, S.QUEUED, S.RUNNING),
        ).order_by("-created_at", "-id"):
            if job.state != S.DONE or _file_present(job):
                return job
        job = ReportJob.objects.create(
            **_same_target(kind, target),
            bureau=target.bureau,
            requested_by=by,
            content_hash=digest,
            heartbeat_at=timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


@transaction.atomic
def report_retry(*, job: ReportJob, by: User) -> ReportJob:
    """Queue a failed job again, from its first attempt."""
    locked = ReportJob.objects.select_for_update().get(pk=job.pk)
    allowed, reason = kind_of(locked.kind).may_request(by, target_of(locked))
    if not allowed:
        raise ApplicationError(reason)
    if locked.state != S.FAILED:
        raise ApplicationError(_("Only a failed report can be tried again."))
    locked.state = S.QUEUED
    locked.progress = 0
    locked.error = ""
    locked.message = ""
    locked.attempts = 0
    locked.worker_id = ""
    locked.heartbeat_at = timezone.now()
    locked.finished_at = None
    locked.save()
    transaction.on_commit(lambda: _enqueue(locked.pk))
    return locked


def reports_recover_stale(
    *, older_than: timedelta | None = None, job_id: int | None = None
) -> list[ReportJob]:
    """Queue again (or fail, after MAX_ATTEMPTS) running jobs whose worker stopped beating.

    A queued job nobody has picked up for as long is handed to the queue once more.
    """
    cutoff = timezone.now() - (older_than if older_than is not None else _stale_after())
    stale = ReportJob.objects.filter(
        state__in=(S.RUNNING, S.QUEUED), heartbeat_at__lt=cutoff
    ) | ReportJob.objects.filter(state__in=(S.RUNNING, S.QUEUED), heartbeat_at__isnull=True)
    if job_id is not None:
        stale = stale.filter(pk=job_id)
    recovered = []
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().get(pk=pk)
            if job.state not in (S.RUNNING, S.QUEUED) or (
                job.heartbeat_at is not None and job.heartbeat_at >= cutoff
            ):
                continue
            now = timezone.now()
            if job.state == S.RUNNING and job.attempts >= MAX_ATTEMPTS:
                job.state = S.FAILED
                job.finished_at = now
                job.error = _(
                    "The worker rendering this report stopped %(count)d times. Try again later, "
                    "or tell the administrator."
                ) % {"count": job.attempts}
            else:
                if job.state == S.RUNNING:
                    job.message = _("The worker stopped; the report was queued again.")
                job.state = S.QUEUED
                job.worker_id = ""
                job.progress = 0
                transaction.on_commit(partial(_enqueue, pk))
            job.heartbeat_at = now
            job.save()
            recovered.append(job)
    return recovered
