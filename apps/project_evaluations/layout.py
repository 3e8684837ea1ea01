"""The bureau's layout of the 项目支出绩效自评表 and what it means for a filing's cells.

A layout without points (四川) has no 分值 column: each row is weighed as 100, so its score is
its 完成率 in percent by the same formulas, and the filing has no total or grade. That is the
one thing a layout tells the engine; everything else it says is where cells are shown.
"""

from dataclasses import replace
from decimal import Decimal

from apps.indicators.layouts import ProjectLayout, layout_for
from apps.indicators.models import Framework, ScoringPolicy

from .data import FUNDING_COLUMNS, EvaluationData

# The weight a row of a layout without points is scored against: its score is its 完成率 (%).
COMPLETION_WEIGHT = Decimal(100)


def project_layout(policy: ScoringPolicy) -> ProjectLayout:
    """The layout the bureau chose for the year's project filings."""
    layout = layout_for(Framework.PROJECT, policy.layout)
    assert isinstance(layout, ProjectLayout)
    return layout


def typed_columns(policy: ScoringPolicy) -> tuple[str, ...]:
    """The funding columns the filer types in this layout (年初预算数, 全年预算数, 全年执行数)."""
    typed = {c.key for c in project_layout(policy).funding_columns}
    return tuple(column for column in FUNDING_COLUMNS if column in typed)


def weighed(data: EvaluationData, layout: ProjectLayout) -> EvaluationData:
    """The data as the engine and the checks read it: rows of a layout without points weigh 100."""
    if layout.points:
        return data
    rows = []
    for row in data.rows:
        copy = replace(row, weight=COMPLETION_WEIGHT)
        if "parsed_target" in row.__dict__:  # read once already: keep that reading
            copy = copy.with_parsed_target(row.parsed_target)
        rows.append(copy)
    return replace(data, rows=tuple(rows))
