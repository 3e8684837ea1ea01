"""部门整体支出绩效自评: a department's self-evaluation as the bureau's official form prints it.

The bureau's layout (DESIGN §9) says which parts print, in which order, with which headings:
seed 001's 自评报告 by default (cover, 基本概况, the 收支情况 tables, 自评情况, 评价人员 with the
signature blocks, then seed 002's 打分表 on landscape pages when the filing is scored by one),
or seed 000's 基本情况表, 002's 附件1, 003's 公开11表. printed.py builds each part's values.
Registered with the reports (kind.py) as the document of a department filing.
"""

from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing, FilingRevision
from apps.indicators import scoring
from apps.indicators.layouts import Column, DepartmentLayout
from apps.reports.documents import FilingPrint, filing_document
from apps.reports.documents.common import (
    merge_rows,
    safe_name,
    score_text,
    watermark_of,
)
from apps.reviews.models import Review

from . import printed, selectors
from .compute import BASIS_DECLARED, department_scores, rubric_rows
from .data import Context, DepartmentData, RubricItemData, Scores
from .layout import department_layout, fields_of, indicator_columns
from .models import KIND

TEMPLATE = "print/department_table.html"
SECTION_TEMPLATE = "print/_department_table.html"
# Bump when what the report prints changes in code rather than in its templates (the layouts
# in apps/indicators/layouts are code).
TEMPLATE_VERSION = 2
# Each part on pages of its own orientation: the cover alone, the 打分表 landscape.
ORIENTATION = {"cover": "cover", "rubric": "landscape"}
SATISFACTION = Column("satisfaction", "服务对象（受益者及相关群体）满意度")  # seed 000's last line


def points(value: Decimal | None) -> str:
    """A 打分表 figure as the sheet prints it: 10, 2.5, 97.25."""
    if value is None:
        return ""
    return "0" if value == 0 else format(scoring.round_score(value).normalize(), "f")


def _rubric(data: DepartmentData, context: Context, scores: Scores, scope: str):
    """The 打分表: levels with their subtotals (部门预算项目绩效管理（70分）), √ marks, scores."""
    items = context.rubric
    if not items:
        return None
    sums: dict[tuple[str, ...], Decimal] = {}
    for item in items:
        if not item.is_deduction:
            for key in ((item.level1,), (item.level1, item.level2)):
                sums[key] = sums.get(key, Decimal(0)) + item.weight

    def label(item: RubricItemData, key: tuple[str, ...]) -> str:
        weight = item.weight if item.is_deduction else sums[key]
        return f"{key[-1]}（{points(weight)}分）" if key[-1] else ""

    notes = {line.item_id: line.note for line in data.rubric}
    rows = []
    for item in items:
        outcome = scores.rubric.get(item.item_id)
        score = outcome.score if outcome else None
        shown = points(score)
        if item.is_deduction and score:
            shown = f"-{shown}"
        detail = outcome.detail if outcome and outcome.computed is not None else ""
        remarks = [item.note, notes.get(item.item_id, ""), f"系统计算：{detail}" if detail else ""]
        rows.append(
            {
                **asdict(item),  # level3, explanation, standard and the √ flags as they are
                "level1": label(item, (item.level1,)),
                "level2": label(item, (item.level1, item.level2)) if item.level2 else "",
                "wide": not item.level2 and not item.level3,
                "weight": points(item.weight),
                "score": shown,
                "note": "\n".join(dict.fromkeys(text for text in remarks if text)),
            }
        )
    sheet = scores.sheet or scoring.score_sheet(
        context.policy,
        rows=rubric_rows(items, {key: outcome.score for key, outcome in scores.rubric.items()}),
    )
    return {
        "rows": merge_rows(rows, ("level1", "level2", "level3"), scope=f"{scope}r"),
        "total": points(sheet.total),
    }


def _reviews(filings: list[Filing]) -> dict[int, Review]:
    """For each filing, the latest review with a total of its latest revision (one query)."""
    last = FilingRevision.objects.filter(filing=OuterRef("filing")).order_by("-number")
    chosen: dict[int, Review] = {}
    for review in Review.objects.filter(
        filing__in=filings, total_score__isnull=False, revision=Subquery(last.values("pk")[:1])
    ).order_by("-decided_at", "-created_at", "-id"):
        chosen.setdefault(review.filing_id, review)
    return chosen


def department_contents(filing_ids: Sequence[int], fiscal_year: FiscalYear) -> dict[int, dict]:
    """The printed content of each department filing of one year, by filing id, in print order.

    Each filing is read with its rows (selectors.with_detail): one filing per department.
    """
    filings = list(
        # A filing without its evaluation is no self-evaluation (a test's stand-in kind).
        Filing.objects.filter(
            pk__in=list(filing_ids), kind=KIND, department_evaluation__isnull=False
        )
        .select_related("department", "fiscal_year__bureau")
        .order_by("department__budget_code", "pk")
    )
    if not filings:
        return {}
    policy = selectors.department_policy(filings[0])
    layout = department_layout(policy)
    reviews = _reviews(filings)
    found = {}
    for filing in filings:
        selectors.with_detail(filing)
        data = selectors.data_of(selectors.evaluation_of(filing))
        context = selectors.context_of(filing, policy)
        # The scores alone: a print shows them, and the checks' findings would be thrown away.
        scores = department_scores(data, context)
        found[filing.pk] = _content(filing, layout, data, context, scores, reviews.get(filing.pk))
    return found


def _part(
    key: str,
    layout: DepartmentLayout,
    data: DepartmentData,
    context: Context,
    scores: Scores,
    values: dict[str, str],
    scope: str,
) -> dict:
    """What one part prints besides its heading."""
    fields = fields_of(layout, key)
    unit = context.amount_unit
    if key == "cover":
        facts = [(c.heading, values[c.key]) for c in fields if c.key != "prepared_by"]
        return {"facts": facts, "maker": any(c.key == "prepared_by" for c in fields)}
    if key == "finance":
        return {"tables": printed.finance_part(layout, data, scores, unit)}
    if key in ("goals", "evaluators"):
        rows = [[asdict(row)[c.key] for c in fields] for row in getattr(data, key)]
        if key == "evaluators":
            rows += [[""] * len(fields)] * max(printed.EVALUATOR_ROWS - len(rows), 1)
        return {"columns": [c.heading for c in fields], "rows": rows}
    if key == "tasks":
        return printed.tasks_part(layout, data, unit)
    if key == "indicators":
        columns = indicator_columns(layout, context.basis, printed=True)
        return printed.indicators_part(data, scores, columns, scope)
    if key == "outputs":
        tables = [
            {"title": title, "label": label, "rows": [o for o in data.outputs if o.section == kind]}
            for kind, title, label in printed.OUTPUTS
        ]
        blocks = [{"lines": printed.lines(fields, values)}, *tables]
        return {"blocks": [*blocks, {"lines": printed.lines([SATISFACTION], values)}]}
    if key == "figures":
        return {"figures": [[f.label, f.shown, str(f.formula)] for f in scores.figures.values()]}
    if key == "rubric":
        return {"sheet": _rubric(data, context, scores, scope)}
    if key == "summary":
        return {"lines": printed.lines(fields, values)}
    return {"blocks": [{"lines": printed.lines(fields, values)}]}


def _content(
    filing: Filing,
    layout: DepartmentLayout,
    data: DepartmentData,
    context: Context,
    scores: Scores,
    review: Review | None,
) -> dict:
    unit = context.amount_unit
    scope = f"d{filing.pk}"
    declared = context.basis == BASIS_DECLARED
    values = printed.printed_values(data, unit)
    values["prepared_by"] = data.prepared_by or filing.fiscal_year.bureau.name
    score = score_text(data.declared_score if declared else scores.total)
    grade = data.declared_grade if declared else scores.grade
    values |= {"declared_score": score, "declared_grade": grade}
    names = {"year": filing.fiscal_year.year, "title": layout.title}
    names |= {"department": filing.department.name, "unit": unit}
    pages: list[dict] = []
    for part in layout.parts:
        orientation = ORIENTATION.get(part.key, "portrait")
        content = _part(part.key, layout, data, context, scores, values, scope)
        if part.key == "rubric" and content["sheet"] is None:
            continue  # a filing scored without a 打分表 prints none
        if not pages or pages[-1]["orientation"] != orientation or orientation == "cover":
            pages.append({"orientation": orientation, "parts": []})
        pages[-1]["parts"].append({"key": part.key, "heading": part.heading, **content})
    return {
        "scope": scope,
        "year": filing.fiscal_year.year,
        "department": {
            "name": filing.department.name,
            "budget_code": filing.department.budget_code,
        },
        "status": filing.status,
        "watermark": watermark_of(filing.status),
        "orientation": "portrait",
        "updated_on": timezone.localdate(filing.updated_at).isoformat(),
        "unit": unit,
        "title": layout.title,
        "heading": layout.heading_format.format(**names),
        "subheading": layout.subheading.format(**names),
        "meta": [line.format(**names) for line in layout.meta],
        # The title is on the cover, else above the first part.
        "titled": not layout.has("cover"),
        "footnote": layout.footnote,
        "pages": pages,
        "prepared_by": values["prepared_by"],
        "scored": context.basis != BASIS_DECLARED,
        "review": review and {"total": score_text(review.total_score), "grade": review.grade},
    }


def title(content: dict) -> str:
    return f"{content['title']}——{content['department']['name']}"


def file_name(content: dict) -> str:
    return safe_name(f"{content['year']}年度{content['title']}-{content['department']['name']}.pdf")


DEPARTMENT_TABLE = filing_document(
    key="department_table",
    label=gettext_lazy("Department self-evaluation report"),
    filing=FilingPrint(
        template=TEMPLATE,
        section_template=SECTION_TEMPLATE,
        version=TEMPLATE_VERSION,
        contents=department_contents,
        title=title,
        file_name=file_name,
    ),
)
