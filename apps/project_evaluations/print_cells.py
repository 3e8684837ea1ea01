"""The cells of a printed 项目支出绩效自评表: each row's texts, the funding lines, the headings.

documents.py gathers a filing's content; this module turns rows and amounts into the texts the
layout's columns print.
"""

import re

from apps.core.money import format_amount
from apps.indicators import scoring
from apps.indicators.layouts import ProjectLayout
from apps.indicators.models import ScoringPolicy
from apps.reports.documents.common import percent_text, score_text
from apps.reviews.models import NotApplicable

from .models import FundingLine, IndicatorRow
from .services import funding_sources

_PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_COMPARATOR_SIGNS = ("≥", "≤", "＞", "＜", ">", "<", "=", "＝")


def joined_target(row: IndicatorRow) -> str:
    """年度指标值 in one cell: comparator, value and unit (≥95%), as the national form prints it."""
    text = row.target_text.strip()
    if row.comparator == scoring.QUALITATIVE or not text:
        return text
    prefix = "" if text.startswith(_COMPARATOR_SIGNS) else row.comparator
    suffix = row.unit if row.unit and not text.endswith(row.unit) else ""
    return f"{prefix}{text}{suffix}"


def actual_text(row: IndicatorRow, joined: bool) -> str:
    """实际完成值 as the form shows it: a 定性 row's result, after its description if any."""
    text = row.actual_text.strip()
    if row.comparator == scoring.QUALITATIVE:
        if not row.qualitative_label:
            return text
        return f"{text}（{row.qualitative_label}）" if text else row.qualitative_label
    if joined and row.unit and _PLAIN_NUMBER.match(text):
        return f"{text}{row.unit}"
    return text


def proposal(row: IndicatorRow, decision: str, *, has_review: bool) -> str:
    """The department's 不适用 proposal and, where a review exists, the reviewer's decision."""
    if not row.not_applicable:
        return ""
    text = f"申请不适用：{row.not_applicable_reason}"
    if has_review:
        verdict: dict[str, str] = {
            NotApplicable.ACCEPTED: "复核同意不适用",
            NotApplicable.REJECTED: "复核不同意不适用",
        }
        text += f"（{verdict.get(decision, '复核未决定')}）"
    return text


_AMOUNT_KEYS = ("weight", "score", "completion")
_CENTERED_KEYS = ("comparator", "unit")


def headings(printed, has_review: bool, points: bool) -> list[str]:
    headings = []
    for column in printed:
        headings.append(column.heading)
        if has_review and column.key in ("score", "completion"):
            headings.append("复核得分" if points else "复核完成率")
    return headings


def lines(rows: list[dict], printed, has_review: bool) -> list[dict]:
    """Each row's cells in the layout's printed order: (key, css class, text, merge flags)."""
    for row in rows:
        cells = []
        for column in printed:
            key = column.key
            css = "jx-amount" if key in _AMOUNT_KEYS else ""
            css = "jx-center" if key in _CENTERED_KEYS else css
            cells.append((key, css, row.get(key, ""), row["merge"].get(key)))
            if has_review and key in ("score", "completion"):
                cells.append(("review", "jx-amount", row["review_score"], None))
        row["cells"] = cells
    return rows


def funding_lines(data, policy: ScoringPolicy, layout: ProjectLayout, computed) -> list[dict]:
    """项目资金 rows with the layout's cells: amounts typed, 分值 / 执行率 / 得分 computed."""
    labels = {**dict(FundingLine.Source.choices), **layout.source_labels}
    unit = policy.amount_unit
    lines = []
    for index, source in enumerate(funding_sources(policy)):
        line = data.funding_line(source)
        total = index == 0
        rate = scoring.execution_rate(line.executed, line.adjusted)
        cells = {
            "initial": format_amount(line.initial, unit),
            "adjusted": format_amount(line.adjusted, unit),
            "executed": format_amount(line.executed, unit),
            "weight": score_text(policy.execution_weight) if total else "—",
            "rate": percent_text(rate) if total or layout.rate_on_every_source else "",
            "score": score_text(computed.execution_score) if total else "—",
        }
        lines.append(
            {
                "label": ("其中：" if index == 1 else "") + labels[source],
                "total": total,
                "cells": [(c.key, cells[c.key]) for c in layout.funding_columns],
            }
        )
    return lines
