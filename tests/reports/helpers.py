"""Building filed, approved and reviewed project self-evaluations for the report tests."""

import dataclasses
import io
from decimal import Decimal

from pypdf import PdfReader, PdfWriter

from apps.accounts.models import User
from apps.budgets.models import Project
from apps.filings.models import Filing
from apps.filings.workflow import Action, filing_transition
from apps.indicators.models import Framework, IndicatorCategory
from apps.indicators.services import taxonomy_ensure_standard
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.review.totals import row_key
from apps.project_evaluations.services import evaluation_create, evaluation_save
from apps.reports import paging, pdf
from apps.reports.documents import registry
from apps.reviews.models import Review, RowReview
from apps.reviews.services import review_decide

GOAL_EXPECTED = "督查督办信访件260件，处置群体性、突发性事件20次。"
GOAL_ACTUAL = "全年完成来访群众接待735件次，来信25件次。"


def categories(bureau) -> dict[str, int]:
    taxonomy_ensure_standard(bureau=bureau, framework=Framework.PROJECT)
    project_tree = IndicatorCategory.objects.filter(
        bureau=bureau, framework=Framework.PROJECT, level=2
    )
    return {c.name: c.pk for c in project_tree}


def standard_rows(bureau) -> tuple[RowData, ...]:
    """Three rows whose weights make a valid evaluation (10 + 50 + 30 + 10 = 100)."""
    c = categories(bureau)
    return (
        RowData(
            category_id=c["数量指标"],
            name="督查督办信访件",
            comparator="≥",
            target_text="260",
            unit="件",
            actual_text="275",
            weight=Decimal(50),
        ),
        RowData(
            category_id=c["社会效益指标"],
            name="信访事项及时受理率",
            comparator="≥",
            target_text="95",
            unit="%",
            actual_text="100",
            weight=Decimal(30),
        ),
        RowData(
            category_id=c["服务对象满意度指标"],
            name="服务对象满意度",
            comparator="≥",
            target_text="90",
            unit="%",
            actual_text="98.9",
            weight=Decimal(10),
        ),
    )


def many_rows(bureau, count: int, category: str = "数量指标") -> tuple[RowData, ...]:
    """count rows under one level-2 indicator, numbered so each can be found in the PDF."""
    c = categories(bureau)
    return tuple(
        RowData(
            category_id=c[category],
            name=f"第{n:03d}号指标",
            comparator="≥",
            target_text=str(100 + n),
            unit="件",
            actual_text=str(100 + n),
            weight=Decimal("0.5"),
        )
        for n in range(1, count + 1)
    )


def funding(executed: Decimal = Decimal("316000")) -> tuple[FundingData, ...]:
    return (
        FundingData("total", Decimal("320000"), Decimal("320000"), executed),
        FundingData("fiscal", Decimal("320000"), Decimal("320000"), executed),
    )


def evaluate(
    project: Project, filer: User, rows: tuple[RowData, ...] | None = None, **data
) -> Filing:
    """A saved self-evaluation of the project with the rows (valid ones by default)."""
    filing = Filing.objects.filter(project=project).first() or evaluation_create(
        project=project, by=filer
    )
    values = {
        "goal_expected": GOAL_EXPECTED,
        "goal_actual": GOAL_ACTUAL,
        "funding": funding(),
        "rows": rows if rows is not None else standard_rows(project.department.bureau),
        **data,
    }
    result = evaluation_save(
        filing=filing, by=filer, base_version=filing.version, data=EvaluationData(**values)
    )
    return result.filing


def approve(filing: Filing, filer: User, reviewer: User) -> Filing:
    filing_transition(filing=filing, action=Action.SUBMIT, by=filer)
    review_decide(filing=filing, reviewer=reviewer, decision="approve")
    return Filing.objects.get(pk=filing.pk)


def review(filing: Filing, reviewer: User, scores: dict[str, Decimal], total: str, grade: str):
    """The reviewer's 复核 of the latest revision: a score per row, by row name."""
    revision = filing.revisions.order_by("-number").first()
    assert revision is not None
    # The approval (helpers.approve) already wrote this reviewer's review: give it the scores.
    result, _created = Review.objects.update_or_create(
        revision=revision,
        reviewer=reviewer,
        defaults={
            "filing": filing,
            "decision": Review.Decision.APPROVED,
            "total_score": Decimal(total),
            "grade": grade,
        },
    )
    for row in IndicatorRow.objects.filter(evaluation__filing=filing):
        if row.name in scores:
            RowReview.objects.create(review=result, row_key=row_key(row.pk), score=scores[row.name])
    return result


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of the fonts embedded in a PDF."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for key in fonts:
            names.add(str(fonts[key].get_object()["/BaseFont"]))
    return names


def replace_document(monkeypatch, key: str, **changes) -> None:
    """Register, for this test only, the filing document `key` with changes to its FilingPrint."""
    document = registry.kind_of(key)
    assert document.filing is not None
    changed = dataclasses.replace(document, filing=dataclasses.replace(document.filing, **changes))
    monkeypatch.setitem(registry._documents, key, changed)


class Layouts:
    """Counts the documents laid out (not the pages of page numbers stamped on them), and can
    make the next ones fail or lay out stand-ins (blank pages) instead."""

    def __init__(self) -> None:
        self.count = 0
        self.fail_with: Exception | None = None
        self.stand_in = False


def _blank(html: str) -> pdf.RenderedPdf:
    """Blank A4 pages: three for a bundle's frame (cover, contents, opinions), else one."""
    pages = 3 if 'id="opinions"' in html else 1
    writer = PdfWriter()
    for _n in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return pdf.RenderedPdf(out.getvalue(), pages, 1, {"contents": 1, "opinions": 2})


def count_layouts(monkeypatch, *, stand_in: bool = False) -> Layouts:
    layouts = Layouts()
    layouts.stand_in = stand_in
    real = pdf.render_pdf

    def counting(html: str, **options) -> pdf.RenderedPdf:
        if paging.FOOTERS_MARK not in html:
            layouts.count += 1
            if layouts.fail_with is not None:
                raise layouts.fail_with
        return _blank(html) if layouts.stand_in else real(html, **options)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return layouts
