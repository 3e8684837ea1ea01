"""Report jobs from the worker's side: build the document, render it once, store it."""

import logging
import os
import socket
import threading
import time
import uuid

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from ..documents import Target, build_content, kind_of, target_of
from ..documents.common import Output
from ..models import ReportJob
from .queue import S, _file_present, _same_target, _stale_after

logger = logging.getLogger("apps.reports.services")


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
    if output.sheet is not None:
        job.sheet.save(
            f"{job.kind}/{job.pk}/{uuid.uuid4().hex}.pages.pdf",
            ContentFile(output.sheet),
            save=False,
        )
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
            job.sheet.name = earlier.sheet.name
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
            sheet=job.sheet.name,
            file_name=job.file_name,
            content_hash=digest,
        )
    except Exception as error:
        logger.exception("Report job %s failed", job.pk)
        _finish(job, state=S.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
    return ReportJob.objects.get(pk=job.pk)
