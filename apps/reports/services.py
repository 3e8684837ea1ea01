"""Report jobs: request (reusing an unchanged file), render in a worker, retry, recover."""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError

from .documents import Target, build_content, kind_of, target_of
from .documents.common import Output
from .models import ReportJob

logger = logging.getLogger(__name__)

S = ReportJob.State
MAX_ATTEMPTS = 3


def _stale_after() -> timedelta:
    return timedelta(seconds=settings.REPORTS_STALE_AFTER_SECONDS)


def _file_present(job: ReportJob) -> bool:
    return bool(job.file.name) and job.file.storage.exists(job.file.name)


def _run_in_thread(job_id: int) -> None:
    try:
        report_render(job_id=job_id, worker_id=f"thread:{os.getpid()}:{threading.get_ident()}")
    finally:
        # The thread's own connections: nothing else would ever close them.
        connections.close_all()


def _enqueue(job_id: int) -> None:
    """Hand the job to a Celery worker, or render it in this process when there is no broker."""
    from .tasks import report_render_task

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


def _built(kind: str, target: Target) -> tuple[dict, str]:
    """The document's content and the content hash of the inputs it was built from.

    The hash is taken before building: what changes meanwhile moves a version or `updated_at`
    forward, so no later request can share this file by mistake. When it did change, build
    again (a few times at most) so the file matches what a request asks for now.
    """
    document = kind_of(kind)
    for _attempt in range(3):
        digest = document.fingerprint(target)
        content = build_content(kind, target)
        if document.fingerprint(target) == digest:
            break
    return content, digest


def _claim(job_id: int, worker_id: str) -> ReportJob | None:
    """Mark the job running for this worker, or None when there is nothing for it to do."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            logger.warning("Report job %s does not exist (any more).", job_id)
            return None
        if job.state == S.DONE and _file_present(job):
            return None
        if job.state == S.FAILED:
            return None
        now = timezone.now()
        if (
            job.state == S.RUNNING
            and job.heartbeat_at is not None
            and job.heartbeat_at > now - _stale_after()
        ):
            # A live worker has it (a duplicate delivery of the same task): leave it alone.
            return None
        job.state = S.RUNNING
        job.worker_id = worker_id
        job.attempts += 1
        job.progress = 0
        job.message = ""
        job.error = ""
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        job.save()
        return job


class _JobProgress:
    """Writes progress and a heartbeat as the document renders; 0–5 % gathering, 95–100 storing."""

    def __init__(self, job: ReportJob) -> None:
        self.job_id = job.pk
        self.worker_id = job.worker_id

    def __call__(self, done: int, total: int, message: str = "") -> None:
        percent = 5 + (90 * done // total if total else 90)
        ReportJob.objects.filter(pk=self.job_id, state=S.RUNNING, worker_id=self.worker_id).update(
            progress=percent, message=message[:200], heartbeat_at=timezone.now()
        )
        # Tests make rendering slow on purpose, to kill a worker in the middle of a job.
        delay = settings.REPORTS_TEST_DELAY_SECONDS
        if delay and done < total:
            time.sleep(delay)


class _Heartbeat:
    """Touches the job's heartbeat from a thread while one long layout keeps the worker busy.

    Progress beats between documents; a single large document can lay out for minutes, and
    its worker must not be taken for dead meanwhile.
    """

    def __init__(self, job: ReportJob) -> None:
        self.job_id, self.worker_id = job.pk, job.worker_id
        self.every = max(1.0, settings.REPORTS_STALE_AFTER_SECONDS / 4)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                ReportJob.objects.filter(
                    pk=self.job_id, state=S.RUNNING, worker_id=self.worker_id
                ).update(heartbeat_at=timezone.now())
        except Exception:  # a missed beat at worst re-queues the job: never fail the render
            logger.exception("Heartbeat of report job %s failed", self.job_id)
        finally:
            connections.close_all()

    def __enter__(self) -> "_Heartbeat":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join()


def _store(job: ReportJob, output: Output) -> None:
    extension = os.path.splitext(output.file_name)[1] or ".pdf"
    name = f"{job.kind}/{job.pk}/{uuid.uuid4().hex}{extension}"
    if output.data is not None:
        job.file.save(name, ContentFile(output.data), save=False)
    else:
        assert output.path is not None
        try:
            with open(output.path, "rb") as handle:
                job.file.save(name, File(handle), save=False)
        finally:
            os.unlink(output.path)
    job.file_name = output.file_name


def _finish(job: ReportJob, **changes) -> None:
    """Save the outcome unless another worker took the job over meanwhile."""
    changes.setdefault("finished_at", timezone.now())
    changes["heartbeat_at"] = timezone.now()
    updated = ReportJob.objects.filter(pk=job.pk, state=S.RUNNING, worker_id=job.worker_id).update(
        **changes
    )
    if not updated:
        logger.warning("Report job %s was taken over while %s rendered it.", job.pk, job.worker_id)


def report_render(*, job_id: int, worker_id: str = "") -> ReportJob | None:
    """The task's body: render the job's document once and store it; safe to run twice."""
    worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
    job = _claim(job_id, worker_id)
    if job is None:
        return ReportJob.objects.filter(pk=job_id).first()
    document = kind_of(job.kind)
    try:
        content, digest = _built(job.kind, target_of(job))
        progress = _JobProgress(job)
        progress(0, 1, "")
        earlier = (
            ReportJob.objects.filter(
                **_same_target(job.kind, target_of(job)), state=S.DONE, content_hash=digest
            )
            .exclude(pk=job.pk)
            .exclude(file="")
            .first()
        )
        if earlier is not None and _file_present(earlier):
            # Rendered already from the same content: share the file.
            job.file.name, job.file_name = earlier.file.name, earlier.file_name
        else:
            with _Heartbeat(job):
                output = document.produce(content, progress)
            _store(job, output)
        _finish(
            job,
            state=S.DONE,
            progress=100,
            message="",
            file=job.file.name,
            file_name=job.file_name,
            content_hash=digest,
        )
    except Exception as error:
        logger.exception("Report job %s failed", job.pk)
        _finish(job, state=S.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
    return ReportJob.objects.get(pk=job.pk)


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
