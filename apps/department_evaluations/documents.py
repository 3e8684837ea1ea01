"""部门整体支出绩效评价自评报告: a department's self-evaluation as the official form prints it.

The form of seed 001 (岳阳市云溪区): cover, 基本概况, the four 收支情况 tables, 自评情况,
评价人员 with the signature blocks, then seed 002's 打分表 on landscape pages when the filing
is scored by one. Registered with the reports (kind.py) as the document of a department filing.
"""

from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.budgets.models import FiscalYear
from apps.core.money import format_amount
from apps.filings.models import Filing, FilingRevision
from apps.indicators import scoring
from apps.reports.documents import FilingPrint, filing_document
from apps.reports.documents.common import (
    APPROVED_STATUSES,
    date_text,
    merge_rows,
    percent_text,
    safe_name,
    score_text,
)
from apps.reviews.models import Review

from . import bounds, selectors
from .compute import BASIS_DECLARED, BASIS_INDICATORS, department_scores, rubric_rows
from .data import Context, DepartmentData, IndicatorData, RubricItemData, Scores
from .models import KIND

TEMPLATE = "print/department_table.html"
SECTION_TEMPLATE = "print/_department_table.html"
# Bump when what the report prints changes in code rather than in its templates.
TEMPLATE_VERSION = 1
TOTAL_ROW = "局机关及二级机构汇总"
EVALUATOR_ROWS = 4  # the form's 评价人员 table has at least this many lines to sign
OUTPUTS = (  # seed 000's tables: section, title, the name column's label
    ("product", "本年度提供的公共产品或服务", "服务名称"),
    ("benefit", "本年度取得的实际效益", "效益名称"),
)
# The typed cells the form prints as they are (headcounts are ints or None).
PRINTED: tuple[str, ...] = ("evaluation_method", "evaluation_agency", "contact_person")
PRINTED += ("contact_phone", "authorized_headcount", "actual_headcount", "duties", "main_work")
PRINTED += ("overall_performance",)
_SIGNS = ("≥", "≤", "＞", "＜", ">", "<", "=", "＝")

INCOME = ("income_total", *bounds.INCOME_PARTS)
# In the form's order: 基本支出 and its parts, 项目支出, 其他支出, then 结余.
EXPENSE: tuple[str, ...] = ("expense_total", "expense_basic", *bounds.BASIC_PARTS)
EXPENSE += (*bounds.EXPENSE_PARTS[1:], *bounds.BALANCE_COLUMNS)
THREE_PUBLIC = ("three_public_total", *bounds.THREE_PUBLIC_PARTS)
ASSETS = ("assets_total", *bounds.ASSET_PARTS)


def _points(value: Decimal | None) -> str:
    """A 打分表 figure as the sheet prints it: 10, 2.5, 97.25."""
    if value is None:
        return ""
    return "0" if value == 0 else format(scoring.round_score(value).normalize(), "f")


def _finance(data: DepartmentData, scores: Scores, columns: Sequence[str], unit: str) -> list:
    """The total row, then one numbered row per institution in the department's order."""
    rows = [(TOTAL_ROW, scores.total_row)]
    rows += [(f"{n}、{row.name}", row.amounts) for n, row in enumerate(data.finance, start=1)]
    return [
        {
            "name": name,
            "total": index == 0,
            "cells": [format_amount(amounts.get(c), unit) for c in columns],
        }
        for index, (name, amounts) in enumerate(rows)
    ]


def _target(row: IndicatorData) -> str:
    """绩效目标 in one cell, as the form words it: 群众信访按期办结率≥95%."""
    text = row.target_text.strip()
    if row.comparator in ("", scoring.QUALITATIVE) or not text:
        return f"{row.name}：{text}" if row.name and text else row.name or text
    sign = "" if text.startswith(_SIGNS) else row.comparator
    unit = row.unit if row.unit and not text.endswith(row.unit) else ""
    return f"{row.name}{sign}{text}{unit}"


def _actual(row: IndicatorData) -> str:
    text = row.actual_text.strip()
    if not text:
        return row.qualitative_label
    return f"{text}{row.unit}" if row.unit and row.number(text) is not None else text


def _indicators(data: DepartmentData, scores: Scores, scope: str) -> list[dict]:
    """The 定量目标 rows kept together by 一级 and 二级 group, each where its first row stands."""
    first1: dict[str, int] = {}
    first2: dict[tuple[str, str], int] = {}
    for index, row in enumerate(data.indicators):
        first1.setdefault(row.level1, index)
        first2.setdefault((row.level1, row.level2), index)
    ordered = sorted(
        zip(data.indicators, scores.indicator_scores, strict=True),
        key=lambda pair: (first1[pair[0].level1], first2[(pair[0].level1, pair[0].level2)]),
    )
    rows = [
        {
            "level1": row.level1,
            "level2": row.level2,
            "target": _target(row),
            "actual": _actual(row),
            "weight": score_text(row.weight),
            "score": score_text(score),
        }
        for row, score in ordered
    ]
    return merge_rows(rows, ("level1", "level2"), scope=f"{scope}i")


def _rubric(data: DepartmentData, context: Context, scores: Scores, scope: str) -> dict | None:
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
        return f"{key[-1]}（{_points(weight)}分）" if key[-1] else ""

    notes = {line.item_id: line.note for line in data.rubric}
    rows = []
    for item in items:
        outcome = scores.rubric.get(item.item_id)
        score = outcome.score if outcome else None
        shown = _points(score)
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
                "weight": _points(item.weight),
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
        "total": _points(sheet.total),
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
    reviews = _reviews(filings)
    found = {}
    for filing in filings:
        selectors.with_detail(filing)
        data = selectors.data_of(selectors.evaluation_of(filing))
        context = selectors.context_of(filing, policy)
        # The scores alone: a print shows them, and the checks' findings would be thrown away.
        scores = department_scores(data, context)
        found[filing.pk] = _content(filing, data, context, scores, reviews.get(filing.pk))
    return found


def _content(
    filing: Filing, data: DepartmentData, context: Context, scores: Scores, review: Review | None
) -> dict:
    unit = context.amount_unit
    scope = f"d{filing.pk}"
    declared = context.basis == BASIS_DECLARED
    # 其他支出 is no column of the form: printed only when an institution has one.
    other = any(row.get("expense_other") is not None for row in data.finance)
    expense = [c for c in EXPENSE if other or c != "expense_other"]
    tasks = [
        {
            "texts": [t.name, t.level, t.content],
            "amounts": [
                format_amount(a, unit)
                for a in (t.approved_total, t.approved_fiscal, t.approved_other, t.actual)
            ],
            "rate": percent_text(scoring.ratio(t.actual, t.approved_total)),
            "low_reason": t.low_reason,
        }
        for t in data.tasks
    ]
    return {
        "scope": scope,
        "year": filing.fiscal_year.year,
        "department": {
            "name": filing.department.name,
            "budget_code": filing.department.budget_code,
        },
        "status": filing.status,
        "draft": filing.status not in APPROVED_STATUSES,
        "orientation": "portrait",
        "updated_on": timezone.localdate(filing.updated_at).isoformat(),
        "unit": unit,
        "data": {name: getattr(data, name) for name in PRINTED},
        "report_date": date_text(data.report_date) if data.report_date else "",
        "prepared_by": data.prepared_by or filing.fiscal_year.bureau.name,
        "income": _finance(data, scores, INCOME, unit),
        "expense": _finance(data, scores, expense, unit),
        "expense_other": other,
        "three_public": _finance(data, scores, THREE_PUBLIC, unit),
        "assets": _finance(data, scores, ASSETS, unit),
        "goals": [asdict(goal) for goal in data.goals],
        "scored": context.basis == BASIS_INDICATORS,
        "indicators": _indicators(data, scores, scope),
        "tasks": tasks,
        "outputs": [
            [title, label, [asdict(o) for o in data.outputs if o.section == section]]
            for section, title, label in OUTPUTS
        ],
        "figures": [[f.label, f.shown, str(f.formula)] for f in scores.figures.values()],
        "score": score_text(data.declared_score if declared else scores.total),
        "grade": data.declared_grade if declared else scores.grade,
        "review": review and {"total": score_text(review.total_score), "grade": review.grade},
        "evaluators": [asdict(e) for e in data.evaluators]
        + [None] * max(EVALUATOR_ROWS - len(data.evaluators), 1),
        "rubric": _rubric(data, context, scores, scope),
    }


def title(content: dict) -> str:
    return f"部门整体支出绩效评价自评报告——{content['department']['name']}"


def file_name(content: dict) -> str:
    return safe_name(
        f"{content['year']}年度部门整体支出绩效评价自评报告-{content['department']['name']}.pdf"
    )


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
