"""A bureau adjusts a kind's report outline for a year in the admin, checked line by line."""

import pytest
from django.urls import reverse

from apps.narratives.models import ReportOutline
from apps.narratives.selectors import report_of

pytestmark = pytest.mark.django_db

ADD = reverse("admin:narratives_reportoutline_add")


def test_an_outline_typed_for_a_year_replaces_the_layouts(client, world, report_filing):
    client.force_login(world.admin_a)
    response = client.post(
        ADD,
        {
            "fiscal_year": world.year_a.pk,
            "filing_kind": "project",
            "start_from": "",
            "text": "标题：{project}绩效报告\n一、项目情况 | situation\n二、其他 | other",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = report_of(report_filing)
    assert [s.heading for s in report.sections] == ["一、项目情况", "二、其他"]


def test_starting_from_a_shipped_outline_fills_the_text(client, world, stand_in):
    client.force_login(world.admin_a)
    data = {"fiscal_year": world.year_a.pk, "filing_kind": "project"}
    data["start_from"] = "project_brief"
    assert client.post(ADD, data | {"text": ""}).status_code == 302
    assert ReportOutline.objects.get().text.startswith("标题：{project}绩效评价报告")


def test_a_bad_line_is_refused_with_its_number(client, world, stand_in):
    client.force_login(world.admin_a)
    response = client.post(
        ADD,
        {
            "fiscal_year": world.year_a.pk,
            "filing_kind": "project",
            "text": "一、项目情况 | situation\n二、天气 | weather | weather",
        },
    )
    assert response.status_code == 200
    assert "2" in response.context["adminform"].form.errors["text"][0]
    assert not ReportOutline.objects.exists()


def test_a_bureau_sees_and_picks_only_its_own_years(client, world, stand_in):
    ReportOutline.objects.create(fiscal_year=world.year_b, filing_kind="project", text="一、甲")
    client.force_login(world.admin_a)
    listing = client.get(reverse("admin:narratives_reportoutline_changelist"))
    assert listing.context["cl"].result_count == 0
    response = client.post(
        ADD, {"fiscal_year": world.year_b.pk, "filing_kind": "project", "text": "一、乙"}
    )
    assert response.status_code == 200
    assert ReportOutline.objects.count() == 1
