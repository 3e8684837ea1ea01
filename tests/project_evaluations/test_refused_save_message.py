"""A refused save says so once, with the count the list shows; what the page shows in full."""

import re

import pytest
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.department_evaluations.models import KIND as DEPARTMENT
from apps.filings.models import Filing
from apps.project_evaluations.views import pages
from tests.department_evaluations.posts import department_body, department_filing
from tests.project_evaluations.test_form import _post_data, _url

pytestmark = pytest.mark.django_db


def _alerts(html: str) -> list[str]:
    return re.findall(r'<div class="alert alert-danger" role="alert">(.*?)</div>', html, re.S)


def _listed(html: str, severity: str) -> int:
    return html.count(f'<li class="jx-{severity}"><a href="#" data-goto=')


def _summary(html: str, name: str) -> int:
    match = re.search(rf'data-out="{name}">(\d+)<', html)
    assert match, name
    return int(match.group(1))


def _show_all(html: str) -> str:
    match = re.search(r'data-show-all="(\d)"', html)
    assert match
    return match.group(1)


def test_a_blank_filing_never_saved_shows_only_touched_findings(client, world, started):
    html = client.get(_url(world.project_a1)).content.decode()

    assert _show_all(html) == "0"
    assert "data-pending-text=" in html


def test_a_save_refused_for_an_unreadable_cell_says_so_once_with_the_listed_count(
    client, world, started
):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["funding-total-executed"] = "abc"

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    html = response.content.decode()
    alerts = _alerts(html)
    assert len(alerts) == 1
    count, unreadable = (int(n) for n in re.findall(r"\d+", alerts[0]))
    assert count == _summary(html, "errors") == _listed(html, "error") > 1
    assert _summary(html, "warnings") == _listed(html, "warning")
    assert unreadable == 1
    assert _show_all(html) == "1"
    assert Filing.objects.get(project=world.project_a1).version == 1


def test_a_save_refused_only_for_unreadable_cells_gives_one_count(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["funding-total-executed"] = "abc"
    data["rows-TOTAL"] = "0"  # no rows: the table's checks add their findings
    response = client.post(_url(world.project_a1), data)
    html = response.content.decode()
    errors = _summary(html, "errors")

    [alert] = _alerts(html)

    numbers = [int(n) for n in re.findall(r"\d+", alert)]
    assert numbers[0] == errors == _listed(html, "error")
    assert len(numbers) == (1 if errors == 1 else 2)


def test_a_save_the_service_refuses_says_not_saved_with_its_reason(
    client, world, started, monkeypatch
):
    def refuse(**kwargs):
        raise ApplicationError("A self-evaluation holds at most 500 indicator rows.")

    monkeypatch.setattr(pages, "evaluation_save", refuse)
    data = _post_data(client.get(_url(world.project_a1)).content.decode())

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    html = response.content.decode()
    [alert] = _alerts(html)
    assert alert.startswith(("未保存：", "Not saved: "))
    assert alert.endswith("A self-evaluation holds at most 500 indicator rows.")
    assert _show_all(html) == "1"


def test_a_filing_saved_once_shows_all_its_findings(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    assert client.post(_url(world.project_a1), data).status_code == 302

    html = client.get(_url(world.project_a1)).content.decode()

    assert _show_all(html) == "1"
    assert _summary(html, "errors") == _listed(html, "error") > 0


def test_a_refused_submission_shows_all_findings(client, world, started):
    response = client.post(
        reverse("filings:transition", args=[started.pk]), {"action": "submit"}, follow=True
    )

    html = response.content.decode()
    assert len(_alerts(html)) == 1
    assert _show_all(html) == "1"
    assert Filing.objects.get(pk=started.pk).status == started.status


def test_the_department_form_says_a_refused_save_once_with_the_listed_count(client, world):
    filing = department_filing(world.dept_a1, world.year_a)
    assert filing.kind == DEPARTMENT
    client.force_login(world.filer_a1)
    url = reverse("filings:page", args=[filing.pk])
    assert _show_all(client.get(url).content.decode()) == "0"

    response = client.post(url, department_body(filing, **{"finance-0-income_total": "abc"}))

    assert response.status_code == 400
    html = response.content.decode()
    [alert] = _alerts(html)
    assert int(re.findall(r"\d+", alert)[0]) == _summary(html, "errors") == _listed(html, "error")
    assert _show_all(html) == "1"
