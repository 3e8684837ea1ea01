"""项目支出绩效自评表: one project's self-evaluation as the official form prints it.

Registered with the reports (kind.py) as the document of a project filing: alone, as a section
of its department's bundle, and in the year's zip.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.budgets.models import FiscalYear
from apps.filings.models import Filing, FilingRevision
from apps.indicators.models import Framework, IndicatorCategory, ScoringPolicy
from apps.reports.documents import FilingPrint, filing_document
from apps.reports.documents.common import (
    merge_rows,
    safe_name,
    score_text,
    watermark_of,
)
from apps.reviews.models import NotApplicable, Review

from .layout import project_layout
from .models import KIND, FundingLine, IndicatorRow
from .print_cells import actual_text, funding_lines, headings, joined_target, lines, proposal
from .review.totals import row_key
from .selectors import policy_of
from .services import categories_for, evaluation_data_of, evaluation_score

TEMPLATE = "print/project_table.html"
SECTION_TEMPLATE = "print/_project_table.html"
# Bump when what the table prints changes in code rather than in its template.
TEMPLATE_VERSION = 3


def _chosen_reviews(filings: list[Filing]) -> dict[int, Review]:
    """For each filing, the review of its latest revision that scored rows or decided 不适用."""
    latest: dict[int, int] = {}
    for filing_id, revision_id in (
        FilingRevision.objects.filter(filing__in=filings)
        .order_by("filing_id", "-number")
        .values_list("filing_id", "id")
    ):
        latest.setdefault(filing_id, revision_id)
    reviews = (
        Review.objects.filter(revision_id__in=latest.values())
        .filter(Q(rows__score__isnull=False) | ~Q(rows__not_applicable=""))
        .distinct()
        .prefetch_related("rows")
        .order_by("-decided_at", "-created_at", "-id")
    )
    chosen: dict[int, Review] = {}
    for review in reviews:
        chosen.setdefault(review.filing_id, review)
    return chosen


def load_filings(filing_ids: Sequence[int]) -> list[Filing]:
    """Project filings with everything their tables print, in a fixed number of queries."""
    return list(
        Filing.objects.filter(pk__in=list(filing_ids), kind=KIND)
        .select_related(
            "project", "department", "fiscal_year__bureau", "project_evaluation", "updated_by"
        )
        .prefetch_related(
            Prefetch(
                "project_evaluation__rows", queryset=IndicatorRow.objects.order_by("position")
            ),
            Prefetch("project_evaluation__funding_lines", queryset=FundingLine.objects.all()),
        )
        .order_by("department__budget_code", "project__code", "pk")
    )


def project_contents(filing_ids: Sequence[int], fiscal_year: FiscalYear) -> dict[int, dict]:
    """The printed content of each project filing of one year, by filing id, in print order."""
    filings = load_filings(filing_ids)
    if not filings:
        return {}
    policy = policy_of(filings[0])
    categories = categories_for(fiscal_year.bureau_id, framework=Framework.PROJECT)
    reviews = _chosen_reviews(filings)
    return {
        filing.pk: _content(filing, policy, categories, reviews.get(filing.pk))
        for filing in filings
    }


def _content(
    filing: Filing,
    policy: ScoringPolicy,
    categories: dict[int, IndicatorCategory],
    review: Review | None,
) -> dict:
    evaluation = filing.project_evaluation
    data = evaluation_data_of(evaluation)
    # The engine alone: a print shows scores, and the checks' findings would be thrown away.
    computed = evaluation_score(data=data, policy=policy, categories=categories)
    unit = policy.amount_unit
    layout = project_layout(policy)
    joined = not any(column.key == "target" for column in layout.printed_columns())
    # The reviewer's rows by their key in the review sheet ("row:12" for indicator row 12).
    review_rows = list(review.rows.all()) if review else []
    review_scores = {r.row_key: r.score for r in review_rows if r.score is not None}
    decisions = {r.row_key: r.not_applicable for r in review_rows}
    funding = funding_lines(data, policy, layout, computed)

    scores = dict(zip((r.row_id for r in data.rows), computed.row_scores, strict=True))
    # Rows print in the filer's order, kept together by group where the order splits one:
    # each 一级 and 二级 group stands where its first row stands.
    in_order = sorted(evaluation.rows.all(), key=lambda r: r.position)
    first_level1: dict[int | None, int] = {}
    first_level2: dict[int, int] = {}
    for index, r in enumerate(in_order):
        first_level1.setdefault(categories[r.category_id].parent_id, index)
        first_level2.setdefault(r.category_id, index)
    saved_rows = sorted(
        in_order,
        key=lambda r: (
            first_level1[categories[r.category_id].parent_id],
            first_level2[r.category_id],
            r.position,
        ),
    )
    rows = []
    weights = Decimal(0)
    for row in saved_rows:
        category = categories[row.category_id]
        score = scores.get(row.pk)
        if row.weight is not None and layout.points:
            weights += row.weight  # a proposed 不适用 counts until the reviewer accepts it
        decision = decisions.get(row_key(row.pk), "")
        accepted = decision == NotApplicable.ACCEPTED
        rows.append(
            {
                "level1": category.parent.name if category.parent else "",
                "level2": category.name,
                "name": row.name,
                "comparator": row.comparator,
                "target": row.target_text,
                "unit": row.unit,
                "target_joined": joined_target(row),
                "actual": actual_text(row, joined),
                "weight": score_text(row.weight),
                "score": score_text(score),
                # Without points the score is against 100: the row's 完成率.
                "completion": "" if score is None else f"{score_text(score)}%",
                "review_score": "不适用"
                if accepted
                else score_text(review_scores.get(row_key(row.pk))),
                "deviation": row.deviation_reason,
                "not_applicable": proposal(row, decision, has_review=review is not None),
            }
        )
    has_review = review is not None
    printed = layout.printed_columns()
    columns = len(printed) + (1 if has_review else 0)
    # The columns before 分值 (or 完成率) carry the 总分 label.
    lead = next(
        (i for i, c in enumerate(printed) if c.key in ("weight", "completion")), len(printed)
    )
    project = filing.project
    assert project is not None
    return {
        "scope": f"p{filing.pk}",
        "year": filing.fiscal_year.year,
        "project": {"name": project.name, "code": project.code},
        "competent_department": project.competent_department,
        "implementing_unit": project.implementing_unit,
        "department": {
            "name": filing.department.name,
            "budget_code": filing.department.budget_code,
        },
        "status": filing.status,
        "status_label": str(filing.get_status_display()),
        "watermark": watermark_of(filing.status),
        "unit": unit,
        "layout": layout,
        "printed_columns": printed,
        "columns": columns,
        "total_lead": lead,
        "points": layout.points,
        # Eight columns fit A4 portrait; the split target or the review column needs landscape.
        "orientation": "landscape" if columns > 8 else "portrait",
        "deviations": [(row["name"], row["deviation"]) for row in rows if row["deviation"]]
        if not layout.shows_printed("deviation")
        else [],
        "funding": funding,
        "goal_expected": evaluation.goal_expected,
        "goal_actual": evaluation.goal_actual,
        "notes": evaluation.notes,
        # Printed where the bureau's policy asks for it (DESIGN §4: Sichuan, below 90%).
        "low_execution_explanation": (
            evaluation.low_execution_explanation
            if policy.low_execution_explanation_below is not None
            else None
        ),
        "rows": lines(
            merge_rows(rows, ("level1", "level2"), scope=f"p{filing.pk}"), printed, has_review
        ),
        "headings": headings(printed, has_review, layout.points),
        # 其他需要说明事项 inside the indicator table: a label over the first columns.
        "notes_span": (min(3, columns - 1), columns - min(3, columns - 1)),
        # 年度总体目标 spans the label column; 预期目标 and 实际完成情况 share the rest.
        "goal_span": (
            (len(layout.funding_columns) + 2) // 2,
            (len(layout.funding_columns) + 1) // 2,
        ),
        "total_weight": score_text(weights + policy.execution_weight),
        "total": score_text(computed.total) if layout.points else "",
        "grade": computed.grade if layout.points else "",
        "review": (
            {"total": score_text(review.total_score), "grade": review.grade} if review else None
        ),
        "updated_on": timezone.localdate(filing.updated_at).isoformat(),
    }


def title(content: dict) -> str:
    return f"项目支出绩效自评表——{content['project']['name']}"


def file_name(content: dict) -> str:
    return safe_name(f"{content['year']}年度项目支出绩效自评表-{content['project']['name']}.pdf")


PROJECT_TABLE = filing_document(
    key="project_table",
    label=gettext_lazy("Project self-evaluation table"),
    filing=FilingPrint(
        template=TEMPLATE,
        section_template=SECTION_TEMPLATE,
        version=TEMPLATE_VERSION,
        contents=project_contents,
        title=title,
        file_name=file_name,
    ),
)
