"""Every URL that names a department's object refuses people outside that department.

The test walks the URL configuration, so a new scoped URL is covered as soon as it exists;
a URL with an id parameter the test does not know fails here until it is registered below.
"""

from collections.abc import Callable, Iterator

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.budgets.models import Project
from apps.filings.evidence import evidence_add
from apps.filings.models import Evidence, Filing
from apps.offline.models import OfflineUpload
from apps.project_evaluations.services import evaluation_create
from tests.conftest import World
from tests.department_evaluations.posts import department_filing
from tests.reviews.conftest import submitted_filing


def evaluated(project: Project) -> Project:
    """The project, with a blank self-evaluation if it has none yet."""
    if not Filing.objects.filter(project=project).exists():
        evaluation_create(project=project, by=None)
    return project


def report_job_of(project: Project, world: World) -> int:
    """A finished PDF of the project's self-evaluation, asked for by department A2's filer."""
    from apps.reports.models import ReportJob

    filing = Filing.objects.get(project=evaluated(project))
    job = ReportJob.objects.create(
        kind="project_table",
        bureau=filing.fiscal_year.bureau,
        fiscal_year=filing.fiscal_year,
        department=filing.department,
        filing=filing,
        requested_by=world.filer_a2,
        state=ReportJob.State.DONE,
        progress=100,
        file_name="report.pdf",
    )
    job.file.save("report.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return job.pk


def evidence_of(project: Project, world: World) -> Evidence:
    """A file attached to the project's self-evaluation by a filer of department A2."""
    filing = Filing.objects.get(project=evaluated(project))
    if (attached := filing.evidence.first()) is not None:
        return attached
    upload = SimpleUploadedFile("佐证材料.pdf", b"%PDF-1.7\n%%EOF\n")
    return evidence_add(filing=filing, by=world.filer_a2, upload=upload)


# How to build, for a URL parameter, an object of department A2 in bureau A.
SCOPED_PARAMETERS: dict[str, Callable[[World], int | str]] = {
    "department_pk": lambda w: w.dept_a2.pk,
    # The project has a self-evaluation, so its evaluation URLs have something to refuse.
    "project_pk": lambda w: evaluated(w.project_a2).pk,
    "evidence_pk": lambda w: evidence_of(w.project_a2, w).pk,
    # Bureau A's year: its reports (summary, batch export) are for the bureau's staff only.
    "fiscal_year_pk": lambda w: w.year_a.pk,
    "job_pk": lambda w: report_job_of(w.project_a2, w),
    # Project A2's self-evaluation with a file attached, filled and submitted to bureau A.
    "filing_pk": lambda w: (evidence_of(w.project_a2, w), submitted_filing(w, w.project_a2))[1].pk,
    # A document of a filing names no object: the filing does.
    "document": lambda w: "project_table",
    # An offline workbook uploaded by A2's filer into project A2's filing, awaiting confirmation.
    "upload_pk": lambda w: (
        OfflineUpload.objects.create(
            filing=Filing.objects.get(project=evaluated(w.project_a2)),
            uploaded_by=w.filer_a2,
            base_version=0,
            state={},
        ).pk
    ),
}
# Where a namespace needs its own kind of object for a parameter: department A2's filing.
NAMESPACE_PARAMETERS: dict[str, dict[str, Callable[[World], int | str]]] = {
    "department_evaluations": {
        "filing_pk": lambda w: department_filing(w.dept_a2, w.year_a).pk,
    },
}
UNSCOPED_NAMESPACES = {"admin"}
# Pages for the bureau's staff only (a whole year's reports, the review of a filing): there
# the bureau's staff are the insiders, and department A2's filer is refused too.
BUREAU_PARAMETERS = {"fiscal_year_pk"}
BUREAU_NAMESPACES = {"reviews"}


def bureau_only(name: str) -> bool:
    return bool(BUREAU_PARAMETERS & set(_parameters(name))) or (
        name.split(":")[0] in BUREAU_NAMESPACES
    )


def _walk(patterns, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in UNSCOPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def scoped_url_names() -> list[str]:
    names = []
    for name, pattern in _walk(get_resolver().url_patterns):
        converters = getattr(pattern.pattern, "converters", {})
        if converters:
            names.append(name)
    return sorted(set(names))


def _parameters(name: str) -> list[str]:
    for found, pattern in _walk(get_resolver().url_patterns):
        if found == name:
            return list(pattern.pattern.converters)
    raise LookupError(name)


def _url(name: str, world: World) -> str:
    builders = {**SCOPED_PARAMETERS, **NAMESPACE_PARAMETERS.get(name.split(":")[0], {})}
    kwargs = {param: builders[param](world) for param in _parameters(name)}
    return reverse(name, kwargs=kwargs)


def test_every_url_parameter_is_known():
    unknown = {
        param
        for name in scoped_url_names()
        for param in _parameters(name)
        if param not in SCOPED_PARAMETERS
    }
    assert not unknown, f"register these URL parameters in SCOPED_PARAMETERS: {unknown}"


def test_there_are_scoped_urls_to_check():
    assert {"budgets:department_detail", "budgets:project_detail"} <= set(scoped_url_names())


@pytest.mark.parametrize("name", scoped_url_names())
@pytest.mark.parametrize("outsider", ["filer_a1", "head_a1", "filer_b1", "reviewer_b", "admin_b"])
def test_outsider_gets_403_or_404(client, world, name, outsider):
    client.force_login(getattr(world, outsider))
    url = _url(name, world)
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404, 405)


@pytest.mark.parametrize("name", scoped_url_names())
@pytest.mark.parametrize("insider", ["filer_a2", "reviewer_a", "admin_a"])
def test_insider_is_let_in(client, world, name, insider):
    client.force_login(getattr(world, insider))
    if insider == "filer_a2" and bureau_only(name):
        assert client.get(_url(name, world)).status_code in (403, 404)
        return
    # 405: the URL only takes POST, and said so only after letting the user in; 302: the
    # project's evaluation sends the user on to its filing's page.
    assert client.get(_url(name, world)).status_code in (200, 302, 405)


@pytest.mark.parametrize("name", scoped_url_names())
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(_url(name, world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
