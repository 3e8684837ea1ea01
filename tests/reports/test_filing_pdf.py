"""Any document of a filing is asked for by its key; only its kind's documents, only by those
who may see the department's reports."""

import pytest
from django.urls import reverse

from apps.narratives.models import ReportSection
from apps.reports.models import ReportJob
from tests.project_evaluations.builders import valid_filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(world):
    filing = valid_filing(world.project_a1, by=world.filer_a1)
    ReportSection.objects.create(filing=filing, key="overview.basic", body="项目基本情况。")
    return filing


def _url(filing, document="filing_report"):
    return reverse("reports:filing_pdf", kwargs={"filing_pk": filing.pk, "document": document})


def test_the_filer_asks_for_the_report(client, world, filing):
    client.force_login(world.filer_a1)
    response = client.post(_url(filing))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert (job.kind, job.filing_id) == ("filing_report", filing.pk)


def test_a_document_of_another_kind_is_not_found(client, world, filing):
    client.force_login(world.filer_a1)
    assert client.post(_url(filing, "department_table")).status_code == 404
    assert client.post(_url(filing, "year_batch")).status_code == 404
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("who", ["filer_a2", "filer_b1", "reviewer_b"])
def test_outsiders_learn_nothing(client, world, filing, who):
    client.force_login(getattr(world, who))
    assert client.post(_url(filing)).status_code == 403
    assert not ReportJob.objects.exists()


def test_asking_is_a_post(client, world, filing):
    client.force_login(world.filer_a1)
    assert client.get(_url(filing)).status_code == 405
