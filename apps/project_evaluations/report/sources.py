"""The figures a project filing's saved data holds for its report, and the facts drafts read.

Read in a fixed number of queries whatever the number of rows: the report page and the
submission ask for them on every view. A figure is shown as the narratives print it (万元,
percent, points); a figure the data does not hold is left out.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from apps.filings.models import Filing
from apps.indicators import scoring
from apps.indicators.layouts import ProjectLayout
from apps.indicators.models import ScoringPolicy
from apps.narratives.figures import Source, percent, points, wan

from .. import bounds
from ..data import EvaluationData
from ..layout import COMPLETION_WEIGHT, project_layout
from ..models import FundingLine, IndicatorRow, ProjectEvaluation
from ..print_cells import actual_text, joined_target
from ..selectors import policy_of
from ..services import evaluation_data_of, evaluation_score, funding_sources

TOTAL = FundingLine.Source.TOTAL
_AMOUNTS = ("initial", "adjusted", "executed")
# A sentence ends at these (apps.narratives.figures): a figure must stand inside one.
_ENDS = re.compile(r"[。；！？;!?]+")
_TRAILING_ENDS = re.compile(r"[。；！？;!?，,\s]+$")


@dataclass(frozen=True)
class RowFact:
    """What a draft says of an indicator row besides its figures."""

    row_id: int
    name: str
    level1: str
    deviation_reason: str
    judged: bool  # typed and weighed: the engine says whether it reached its target
    met: bool


@dataclass(frozen=True)
class Facts:
    """The filing's names and the shape of its data, as the drafts need them."""

    year: str = ""
    project: str = ""
    goal: str = ""
    points: bool = True
    # The funding rows under the total, in the form's order, with their printed labels.
    funding_sources: tuple[str, ...] = ()
    funding_labels: Mapping[str, str] = field(default_factory=dict)
    spent_all: bool = False  # 全年执行数 equals 全年预算数
    rows: tuple[RowFact, ...] = ()


class Figures(dict[str, Source]):
    """A filing's sources by key, with the facts they were read with beside them."""

    facts: Facts = Facts()


def inline(text: str) -> str:
    """A typed cell as a figure inside one sentence: no line breaks, no sentence ends."""
    text = "".join(line.strip() for line in text.splitlines())
    return _ENDS.sub("，", _TRAILING_ENDS.sub("", text))


def _evaluation(filing: Filing) -> ProjectEvaluation | None:
    return (
        ProjectEvaluation.objects.prefetch_related(
            # With their 一级 and 二级 indicators: the engine's categories come from the rows.
            Prefetch(
                "rows",
                queryset=IndicatorRow.objects.select_related("category__parent").order_by(
                    "position"
                ),
            ),
            Prefetch("funding_lines", queryset=FundingLine.objects.all()),
        )
        .filter(filing_id=filing.pk)
        .first()
    )


def _heading(columns, keys: tuple[str, ...], default: str) -> str:
    return next((c.heading for c in columns if c.key in keys), default)


def _funding(
    found: Figures, data: EvaluationData, policy: ScoringPolicy, layout: ProjectLayout
) -> dict[str, str]:
    """Add each funding row's amounts and rate; the rows' printed labels."""
    labels = {**dict(FundingLine.Source.choices), **layout.source_labels}
    headings = {c.key: c.heading for c in layout.funding_columns}
    for source in funding_sources(policy):
        line = data.funding_line(source)
        prefix = "" if source == TOTAL else labels[source]
        for column in _AMOUNTS:
            value = getattr(line, column)
            if column in headings and value is not None:
                found[f"funding.{source}.{column}"] = Source(
                    f"{prefix}{headings[column]}", wan(value)
                )
        rate = scoring.execution_rate(
            bounds.engine_amount(line.executed), bounds.engine_amount(line.adjusted)
        )
        if rate is not None:
            found[f"funding.{source}.rate"] = Source(
                f"{prefix}{headings.get('rate', '执行率')}", percent(rate)
            )
    return labels


def figures_of(filing: Filing) -> Figures:
    """The figures of the filing's saved data by source key, and the facts beside them."""
    found = Figures()
    evaluation = _evaluation(filing)
    if evaluation is None:
        return found
    policy = policy_of(filing)
    layout = project_layout(policy)
    categories = {row.category_id: row.category for row in evaluation.rows.all()}
    data = evaluation_data_of(evaluation)
    result = evaluation_score(data=data, policy=policy, categories=categories)
    labels = _funding(found, data, policy, layout)

    columns = layout.indicator_columns
    target_heading = _heading(columns, ("target_joined", "target"), "年度指标值")
    actual_heading = _heading(columns, ("actual",), "实际完成值")
    rows = []
    for row, score in zip(evaluation.rows.all(), result.row_scores, strict=True):
        name = row.name.strip()
        category = categories[row.category_id]
        weight = bounds.engine_weight(row.weight) if layout.points else COMPLETION_WEIGHT
        typed = bool(name or row.target_text.strip() or row.actual_text.strip())
        judged = typed and score is not None and weight > 0
        met = judged and score is not None and score >= weight
        key = f"row.{row.pk}"
        target, actual = inline(joined_target(row)), inline(actual_text(row, True))
        if target:
            found[f"{key}.target"] = Source(f"{name}{target_heading}", target)
        if actual:
            found[f"{key}.actual"] = Source(f"{name}{actual_heading}", actual)
        if judged and score is not None:
            if layout.points:
                found[f"{key}.score"] = Source(f"{name}得分", points(score))
            else:
                found[f"{key}.completion"] = Source(f"{name}完成率", percent(score / 100))
        parent = category.parent
        rows.append(
            RowFact(
                row_id=row.pk,
                name=name,
                level1=parent.name if parent else category.name,
                deviation_reason=row.deviation_reason.strip(),
                judged=judged,
                met=met,
            )
        )
    judged_rows = [row for row in rows if row.judged]
    if judged_rows:
        found["indicators.count"] = Source("绩效指标数", str(len(judged_rows)))
        found["indicators.met"] = Source(
            "完成年度目标的指标数", str(sum(1 for row in judged_rows if row.met))
        )
    if layout.points:
        found["score.weight"] = Source("总分", points(result.applicable_weight))
        found["score.total"] = Source("自评得分", points(result.total))
        found["score.grade"] = Source("评价等次", result.grade)

    total = data.funding_line(TOTAL)
    project = filing.project
    found.facts = Facts(
        year=str(filing.fiscal_year.year),
        project=project.name if project is not None else "",
        goal=evaluation.goal_expected.strip(),
        points=layout.points,
        funding_sources=tuple(s for s in funding_sources(policy) if s != TOTAL),
        funding_labels=labels,
        spent_all=total.executed is not None and total.executed == total.adjusted,
        rows=tuple(rows),
    )
    return found


def executed_of(filing: Filing) -> Decimal | None:
    """The filing's 全年执行数 in 元 (None when not typed)."""
    return (
        FundingLine.objects.filter(evaluation__filing_id=filing.pk, source=TOTAL)
        .values_list("executed", flat=True)
        .first()
    )
