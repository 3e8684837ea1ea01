"""The report page: the filer writes, drafts and updates; everyone else reads; every door shut."""

import re

import pytest
from django.urls import reverse

from apps.filings.models import FilingSnapshot
from apps.filings.workflow import Action, filing_transition
from apps.narratives.models import ReportSection
from apps.narratives.selectors import report_of

pytestmark = pytest.mark.django_db


def _url(filing):
    return reverse("narratives:report", kwargs={"filing_pk": filing.pk})


def _post(client, filing, **data):
    filing.refresh_from_db()
    return client.post(_url(filing), {"version": filing.version, **data})


def test_the_filer_sees_the_outline_in_order_and_saves_a_section(client, world, report_filing):
    client.force_login(world.filer_a1)
    page = client.get(_url(report_filing)).content.decode()
    headings = re.findall(r'<h[23] class="jx-report-heading">([^<]+)</h[23]>', page)
    assert headings[:3] == ["一、项目概况", "（一）项目基本情况。", "（二）项目绩效目标。"]
    assert headings[-1] == "（三）相关建议。"
    response = _post(
        client, report_filing, **{"section-overview.basic": "第一段。\r\n1. 第一项\r\n2. 第二项"}
    )
    assert response.status_code == 302
    saved = ReportSection.objects.get(filing=report_filing, key="overview.basic")
    assert saved.body == "第一段。\n1. 第一项\n2. 第二项"
    snapshot = FilingSnapshot.objects.filter(filing=report_filing).latest("version")
    assert snapshot.cells["report.overview.basic"] == saved.body


def test_the_history_names_the_section_by_its_heading(client, world, report_filing):
    client.force_login(world.filer_a1)
    _post(client, report_filing, **{"section-conclusion.advice": "加强预算管理。"})
    history = client.get(reverse("filings:history", kwargs={"filing_pk": report_filing.pk}))
    assert "（三）相关建议。" in history.content.decode()
    assert "加强预算管理。" in history.content.decode()


def test_typed_markup_is_text_on_every_page(client, world, report_filing):
    client.force_login(world.filer_a1)
    _post(client, report_filing, **{"section-overview.basic": "<script>alert(1)</script>"})
    filer_page = client.get(_url(report_filing)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in filer_page
    assert "<script>alert(1)" not in filer_page
    client.force_login(world.reviewer_a)
    reader_page = client.get(_url(report_filing)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reader_page
    assert "<script>alert(1)" not in reader_page
    assert "<textarea" not in reader_page


@pytest.mark.parametrize("who", ["reviewer_a", "filer_a2", "filer_b1", "admin_b"])
def test_no_one_but_the_departments_filers_may_write(client, world, report_filing, who):
    client.force_login(getattr(world, who))
    response = _post(client, report_filing, **{"section-overview.basic": "改写。"})
    assert response.status_code in (403, 404)
    assert not ReportSection.objects.filter(filing=report_filing).exists()


def test_a_submitted_filing_keeps_its_report(client, world, report_filing):
    filing_transition(filing=report_filing, action=Action.SUBMIT, by=world.filer_a1)
    client.force_login(world.filer_a1)
    response = _post(client, report_filing, **{"section-overview.basic": "改写。"})
    assert response.status_code == 403
    response = _post(client, report_filing, action="draft")
    assert response.status_code == 403
    assert not ReportSection.objects.filter(filing=report_filing).exists()


def test_a_save_based_on_an_older_version_is_a_conflict_that_keeps_the_text(
    client, world, report_filing
):
    client.force_login(world.filer_a1)
    report_filing.refresh_from_db()
    base = report_filing.version
    first = client.post(
        _url(report_filing), {"version": base, "section-overview.basic": "甲写的。"}
    )
    assert first.status_code == 302
    second = client.post(
        _url(report_filing), {"version": base, "section-overview.basic": "乙写的。"}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "乙写的。" in page and 'id="jx-conflict"' in page
    assert ReportSection.objects.get(filing=report_filing).body == "甲写的。"


def test_a_draft_fills_the_sections_the_data_speaks_to(client, world, report_filing, stand_in):
    client.force_login(world.filer_a1)
    _post(client, report_filing, **{"section-performance.completion": "已写好的完成情况。"})
    assert _post(client, report_filing, action="draft").status_code == 302
    report = report_of(report_filing)
    bodies = {s.key: s.body for s in report.sections}
    assert bodies["funding" if "funding" in bodies else "funds.approval"] == (
        "本项目全年预算数32万元，全年执行数32万元。预算执行率100%。\n资金按规定使用。"
    )
    # A section already written is left as it is; asked for by name, it is drafted again.
    assert bodies["performance.completion"] == "已写好的完成情况。"
    _post(client, report_filing, action="redraft", key="performance.completion")
    report = report_of(report_filing)
    assert report.sections[
        [s.key for s in report.sections].index("performance.completion")
    ].body == ("全年执行数32万元，完成年度任务。")


def test_a_changed_figure_is_flagged_then_updated_with_a_click(
    client, world, report_filing, stand_in
):
    client.force_login(world.filer_a1)
    _post(client, report_filing, action="draft")
    stand_in.values.update(executed="30", rate="93.75%")
    page = client.get(_url(report_filing)).content.decode()
    assert page.count('class="jx-stale"') == 3  # two sections, three figures
    assert (
        "全年执行数: 32 in the text, 30 in the data now." in page or "全年执行数：文中为 32" in page
    )
    report = report_of(report_filing)
    [approval] = [s for s in report.sections if s.key == "funds.approval"]
    assert [(f.sentence, f.old, f.new) for f in approval.flags] == [
        ("本项目全年预算数32万元，全年执行数32万元。", "32", "30"),
        ("预算执行率100%。", "100%", "93.75%"),
    ]
    response = _post(client, report_filing, action="update", key="funds.approval", index="1")
    assert response.status_code == 302
    report = report_of(report_filing)
    [approval] = [s for s in report.sections if s.key == "funds.approval"]
    assert approval.body.startswith("本项目全年预算数32万元，全年执行数30万元。预算执行率100%。")
    assert [f.old for f in approval.flags] == ["100%"]
    _post(client, report_filing, action="update", key="funds.approval")  # all of the section
    _post(client, report_filing, action="update", key="performance.completion")
    assert report_of(report_filing).stale == []


def test_submission_warns_while_a_figure_is_stale(client, world, report_filing, stand_in):
    client.force_login(world.filer_a1)
    _post(client, report_filing, action="draft")
    stand_in.values.update(executed="30")
    filing_page = client.get(reverse("filings:page", kwargs={"filing_pk": report_filing.pk}))
    assert 'id="jx-report-stale"' in filing_page.content.decode()
    response = client.post(
        reverse("filings:transition", kwargs={"filing_pk": report_filing.pk}),
        {"action": "submit"},
        follow=True,
    )
    report_filing.refresh_from_db()
    assert report_filing.status == "submitted"
    said = [str(m) for m in response.context["messages"]]
    assert any("本项目全年预算数32万元，全年执行数32万元。" in m and "30" in m for m in said)
