"""评价报告 printed as a document of its filing, alone, in the department's bundle and the
year's zip: the outline's headings in order, the filer's text as text, the 支付明细表."""

import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.filings.evidence import evidence_add
from apps.filings.models import Filing
from apps.narratives import registry
from apps.narratives.checks import Payment
from apps.narratives.documents import FILING_REPORT, report_contents
from apps.narratives.models import ReportOutline
from apps.narratives.registry import ReportKind
from apps.narratives.services import report_save
from apps.reports.documents import Target, build_content, kind_of, year_batch
from apps.reports.documents import registry as documents
from tests import factories
from tests.department_evaluations.printing import first_missing, flat_text
from tests.reports import helpers

SCRIPT = "<script>alert(1)</script>"
BASIC = "1．信访稳定经费项目是县信访局的单位专项保行政运行预算项目。"
SCOPE = "资金的使用范围：2023年该项目资金使用范围为全县。"
APPROVAL = "信访稳定经费项目2023年预算资金32万元，财政拨款32万元，拨款率100%。"
VERDICT = "信访稳定经费项目申报合理，实施有序，成效明显。"
OFFICE = Payment("办公费", Decimal(100000), Decimal(100000), Decimal(100000))
TRAVEL = Payment("差旅费", Decimal(220000), Decimal(220000), Decimal(215000))


def _names(filing: Filing) -> dict[str, str]:
    project = filing.project
    return {
        "year": str(filing.fiscal_year.year),
        "department": filing.department.name,
        "project": project.name if project else "",
    }


TEST_KIND = ReportKind(
    filing_kind="project",
    topics={},
    sources=lambda filing: {},
    draft=lambda filing, topic, sources: [],
    names=_names,
)


@pytest.fixture(autouse=True)
def reported(monkeypatch):
    """The project kind's report registered as this test's stand-in, both registries restored
    afterwards (whatever the kind's own app registered is back)."""
    monkeypatch.setattr(registry, "_kinds", dict(registry._kinds))
    monkeypatch.setattr(documents, "_documents", dict(documents._documents))
    monkeypatch.setattr(documents, "_filing_documents", dict(documents._filing_documents))
    extra = {kind: list(keys) for kind, keys in documents._extra_documents.items()}
    monkeypatch.setattr(documents, "_extra_documents", extra)
    registry.register(TEST_KIND)


def _write(filing: Filing, by, bodies: dict[str, str], payments=None) -> Filing:
    return report_save(
        filing=filing, by=by, base_version=filing.version, bodies=bodies, payments=payments
    )


def _written(world, project=None) -> Filing:
    """A saved self-evaluation whose report has three sections and a 支付明细表."""
    filing = helpers.evaluate(project or world.project_a1, world.filer_a1)
    return _write(
        filing,
        world.filer_a1,
        {
            "overview.basic": f"{BASIC}\n\n\u3000\u3000{SCOPE}\n",
            "funds.approval": APPROVAL,
            "conclusion.verdict": VERDICT,
        },
        payments=([OFFICE, TRAVEL], None),
    )


def _target(filing: Filing) -> Target:
    return Target(fiscal_year=filing.fiscal_year, department=filing.department, filing=filing)


def _pdf(filing: Filing) -> bytes:
    content = build_content(FILING_REPORT.key, _target(filing))
    output = FILING_REPORT.produce(content, lambda *args: None)
    assert output.data is not None
    return output.data


def _zip(world) -> zipfile.ZipFile:
    content = build_content("year_batch", Target(fiscal_year=world.year_a))
    output = year_batch.produce(content, lambda *args: None)
    assert output.path is not None
    with open(output.path, "rb") as handle:
        data = handle.read()
    os.unlink(output.path)
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_report_is_the_second_document_of_a_filing_whatever_registered_first():
    assert [d.key for d in documents.filing_documents_of("project")] == [
        "project_table",
        "filing_report",
    ]
    assert documents.filing_document_of("project").key == "project_table"

    registry.unregister("project")
    registry.register(TEST_KIND)
    documents.register_filing_document("project", "project_table")  # named again: no change

    assert [d.key for d in documents.filing_documents_of("project")] == [
        "project_table",
        "filing_report",
    ]
    registry.unregister("project")
    assert [d.key for d in documents.filing_documents_of("project")] == ["project_table"]


def test_a_report_prints_its_title_headings_paragraphs_and_payment_table(world):
    filing = _written(world)

    text = flat_text(_pdf(filing))

    assert (
        first_missing(
            text,
            [
                f"{world.project_a1.name}项目2023年绩效评价报告",
                "一、项目概况",
                "（一）项目基本情况。",
                BASIC,
                SCOPE,
                "（二）项目绩效目标。",
                "二、项目资金申报及使用情况",
                "（一）项目资金申报及批复情况。",
                APPROVAL,
                "（二）资金计划、到位及使用情况（可用表格形式反映）。",
                "2023年支付明细表",
                "序号",
                "项目名称",
                "预算金额（万元）",
                "申请金额（万元）",
                "使用金额（万元）",
                "使用比例（%）",
                "1办公费10.0010.0010.00100%",
                "2差旅费22.0022.0021.5097.73%",
                "合计32.0032.0031.5098.44%",
                "（三）项目财务管理情况。",
                "五、评价结论及建议",
                "（一）评价结论。",
                VERDICT,
                "（三）相关建议。",
            ],
        )
        is None
    )
    assert "草稿" in text  # the filer still has it
    assert "第1页共" in text


def test_the_total_row_prints_the_typed_total_else_the_sums(world):
    filing = _write(
        helpers.evaluate(world.project_a1, world.filer_a1),
        world.filer_a1,
        {},
        payments=([OFFICE, TRAVEL], Payment("合计", budget=Decimal(330000))),
    )

    content = report_contents([filing.pk], world.year_a)[filing.pk]

    table = next(s["payments"] for s in content["sections"] if s["payments"])
    assert table["total"] == {
        "name": "合计",
        "budget": "33.00",
        "applied": "32.00",
        "used": "31.50",
        "ratio": "95.45%",
    }
    assert [row["number"] for row in table["rows"]] == ["1", "2"]
    assert not content["blank"]  # a payment table alone is a report


def test_typed_markup_prints_as_text_and_the_report_page_shows_it_escaped(client, world):
    filing = _write(
        helpers.evaluate(world.project_a1, world.filer_a1),
        world.filer_a1,
        {"overview.basic": f"项目说明{SCRIPT}完毕"},
    )

    text = flat_text(_pdf(filing))
    client.force_login(world.filer_a1)
    page = client.get(reverse("narratives:report", kwargs={"filing_pk": filing.pk}))

    assert f"项目说明{SCRIPT}完毕" in text
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_an_empty_report_adds_no_document_to_the_bundle_or_the_year_batch(world):
    written = _written(world)
    other = factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
    empty = helpers.evaluate(other, world.filer_a1)
    for filing in (written, empty):
        helpers.approve(filing, world.filer_a1, world.reviewer_a)
    target = Target(fiscal_year=world.year_a, department=world.dept_a1)

    bundle = build_content("department_bundle", target)
    output = kind_of("department_bundle").produce(bundle, lambda *args: None)
    archive = _zip(world)

    # The report after the tables, with its line in the contents; none for the empty one.
    assert [s["kind"] for s in bundle["sections"]] == [
        "project_table",
        "project_table",
        "filing_report",
    ]
    assert bundle["sections"][2]["title"] == f"项目绩效评价报告——{world.project_a1.name}"
    assert output.data is not None
    text = flat_text(output.data)
    assert first_missing(text, ["目录", f"项目绩效评价报告——{world.project_a1.name}"]) is None
    assert first_missing(text, ["一、项目概况", BASIC, "合计32.0032.0031.5098.44%"]) is None
    folder = f"{world.dept_a1.budget_code}{world.dept_a1.name}"
    reports = [name for name in archive.namelist() if "绩效评价报告" in name]
    assert reports == [f"{folder}/2023年度绩效评价报告-{world.project_a1.name}.pdf"]
    assert BASIC in flat_text(archive.read(reports[0]))


def test_a_filings_evidence_goes_beside_its_table_only(world):
    filing = _written(world)
    evidence_add(
        filing=filing, by=world.filer_a1, upload=SimpleUploadedFile("验收报告.pdf", b"%PDF-1.7")
    )
    helpers.approve(filing, world.filer_a1, world.reviewer_a)

    names = _zip(world).namelist()

    attached = [name for name in names if name.endswith("/附件/验收报告.pdf")]
    assert attached == [
        f"{world.dept_a1.budget_code}{world.dept_a1.name}/"
        f"2023年度项目支出绩效自评表-{world.project_a1.name}/附件/验收报告.pdf"
    ]


def test_changing_a_section_the_payments_or_the_outline_changes_the_fingerprints(world):
    filing = _written(world)
    targets = {
        "filing_report": _target(filing),
        "department_bundle": Target(fiscal_year=world.year_a, department=world.dept_a1),
    }
    seen = [{key: kind_of(key).fingerprint(target) for key, target in targets.items()}]

    def changed() -> bool:
        now = {key: kind_of(key).fingerprint(target) for key, target in targets.items()}
        different = all(now[key] != seen[-1][key] for key in targets)
        seen.append(now)
        return different

    filing = _write(filing, world.filer_a1, {"conclusion.verdict": "预算未使用的资金由财政收回。"})
    assert changed()
    filing = _write(filing, world.filer_a1, {}, payments=([OFFICE], None))
    assert changed()
    brief = "标题：{project}绩效评价报告\n一、项目情况"
    ReportOutline.objects.create(fiscal_year=world.year_a, filing_kind="project", text=brief)
    assert changed()
    assert not changed()


def test_the_reports_of_many_filings_are_read_in_the_same_number_of_queries(world):
    few = [_written(world)]
    with CaptureQueriesContext(connection) as first:
        report_contents([f.pk for f in few], world.year_a)
    projects = [
        factories.ProjectFactory(department=world.dept_a1, fiscal_year=world.year_a)
        for _n in range(3)
    ]
    many = few + [_written(world, project) for project in projects]

    with CaptureQueriesContext(connection) as second:
        contents = report_contents([f.pk for f in many], world.year_a)

    assert len(contents) == 4
    assert len(second) == len(first)
