"""Reads for the report pages."""

from django.db.models import QuerySet

from apps.accounts.models import User

from .models import ReportJob


def job_for_page(job_pk: int) -> ReportJob | None:
    """The job with what its page and permission check need, or None."""
    return (
        ReportJob.objects.select_related(
            "fiscal_year__bureau", "department__bureau", "filing__project", "requested_by"
        )
        .filter(pk=job_pk)
        .first()
    )


def jobs_requested_by(user: User, limit: int = 50) -> QuerySet[ReportJob]:
    """The latest jobs the user asked for."""
    return ReportJob.objects.filter(requested_by=user).select_related(
        "fiscal_year", "department", "filing__project"
    )[:limit]
