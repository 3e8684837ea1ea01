"""The filing's own addresses, and the project addresses that send on to them."""

from django.urls import reverse

from apps.filings.models import Filing
from apps.project_evaluations.services import evaluation_create


def test_the_project_addresses_send_on_to_the_filings_own(client, world):
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    client.force_login(world.filer_a1)
    project = world.project_a1.pk

    for old, new in [
        (f"/projects/{project}/evaluation/", f"/filings/{filing.pk}/"),
        (f"/projects/{project}/evaluation/history/", f"/filings/{filing.pk}/history/"),
        (f"/projects/{project}/evaluation/evidence/", f"/filings/{filing.pk}/evidence/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (302, new)
        assert client.get(new).status_code == 200


def test_the_project_address_shows_how_to_start_until_there_is_a_filing(client, world):
    client.force_login(world.filer_a1)

    page = client.get(f"/projects/{world.project_a1.pk}/evaluation/")

    assert page.status_code == 200
    assert reverse("project_evaluations:project_evaluation_start", args=[world.project_a1.pk]) in (
        page.content.decode()
    )


def test_a_filing_of_a_kind_no_app_registers_is_not_found_but_its_history_is_kept(client, world):
    filing = Filing.objects.create(
        kind="retired_kind", department=world.dept_a1, fiscal_year=world.year_a
    )
    client.force_login(world.filer_a1)

    assert client.get(reverse("filings:page", args=[filing.pk])).status_code == 404
    history = client.get(reverse("filings:history", args=[filing.pk]))
    assert history.status_code == 200 and world.dept_a1.name in history.content.decode()


def test_other_departments_are_refused_every_filing_route(client, world):
    filing = evaluation_create(project=world.project_a1, by=world.filer_a1)
    client.force_login(world.filer_a2)

    for name in ("filings:page", "filings:history", "filings:evidence_upload"):
        assert client.get(reverse(name, args=[filing.pk])).status_code == 403
    refused = client.post(reverse("filings:transition", args=[filing.pk]), {"action": "submit"})
    assert refused.status_code == 403
    assert Filing.objects.get(pk=filing.pk).status == Filing.Status.DRAFT
