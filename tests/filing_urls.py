"""Addresses of a project's filing pages in tests: the filing's own once it is started."""

from django.urls import reverse

from apps.filings.models import Filing


def _pk(project) -> int:
    return project if isinstance(project, int) else project.pk


def project_filing_url(name: str, project, *extra) -> str:
    """The URL `name` (filings:history, project_evaluations:compute …) of the project's filing."""
    filing = Filing.objects.only("pk").get(project_id=_pk(project))
    return reverse(name, args=[filing.pk, *extra])


def evaluation_url(project) -> str:
    """The project's evaluation page: its filing's page once started, else the start page."""
    filing = Filing.objects.only("pk").filter(project_id=_pk(project)).first()
    if filing is None:
        return reverse("project_evaluations:project_evaluation", args=[_pk(project)])
    return reverse("filings:page", args=[filing.pk])
