"""Celery tasks of the reports: take ids, call one service."""

import os
from datetime import timedelta

from celery import shared_task
from django.conf import settings

from .services import report_render, reports_recover_stale


@shared_task(name="reports.render", bind=True, acks_late=True)
def report_render_task(self, job_id: int) -> None:
    """Render one report job (idempotent: a finished job is left as it is)."""
    worker = f"{self.request.hostname or 'local'}:{os.getpid()}:{self.request.id or ''}"
    report_render(job_id=job_id, worker_id=worker)


@shared_task(name="reports.recover_stale")
def reports_recover_stale_task() -> int:
    """Queue again or fail the jobs of workers that died; run by Celery beat every minute."""
    older_than = timedelta(seconds=settings.REPORTS_STALE_AFTER_SECONDS)
    return len(reports_recover_stale(older_than=older_than))
