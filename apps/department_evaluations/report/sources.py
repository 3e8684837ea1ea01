"""The figures a department filing's saved data holds now, by the keys its report drafts cite.

`department_sources` reads the filing once (its rows, its context, its project filings: a fixed
number of queries however many rows and projects it has) and keeps what it read beside the
figures, so that the drafts of one request work from the same reading.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from apps.filings.models import Filing
from apps.indicators import scoring
from apps.narratives.figures import Source, percent, points, wan
from apps.project_evaluations.models import KIND as PROJECT_KIND
from apps.project_evaluations.models import FundingLine

from .. import selectors
from ..compute import BASIS_DECLARED, department_scores
from ..data import Context, DepartmentData, IndicatorData, Scores

FINANCE_LABELS = {
    "income_total": "收入合计",
    "income_carryover": "上年结转",
    "income_fiscal": "财政拨款收入",
    "income_fund": "政府性基金预算财政拨款收入",
    "income_special": "纳入专户管理的非税收入拨款",
    "income_superior": "上级补助收入",
    "income_business": "事业收入",
    "income_other": "其他收入",
    "expense_total": "支出合计",
    "expense_basic": "基本支出",
    "expense_project": "项目支出",
    "expense_other": "其他支出",
    "expense_personnel": "人员支出",
    "expense_public": "公用支出",
    "balance_current": "当年结余",
    "balance_accumulated": "累计结余",
    "three_public_total": "“三公”经费",
    "reception": "公务接待费",
    "vehicle_operation": "公务用车运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "overseas": "因公出国（境）费",
    "assets_total": "固定资产合计",
    "assets_in_use": "在用固定资产",
    "assets_rented": "出租固定资产",
    "assets_other": "其他固定资产",
}
_SIGNS = ("≥", "≤", "＞", "＜", ">", "<", "=", "＝")


@dataclass(frozen=True)
class ProjectLine:
    """One project filing of the department and year, as its own table and summary say."""

    filing_id: int
    name: str
    adjusted: Decimal | None  # 全年预算数 of its 年度资金总额, 元
    executed: Decimal | None  # 全年执行数, 元
    rate: Decimal | None  # 执行率 as the filing keeps it
    score: Decimal | None  # 自评得分
    grade: str


@dataclass(frozen=True)
class State:
    """What the filing's saved data says, read once."""

    year: int
    department: str
    department_id: int
    data: DepartmentData
    context: Context
    scores: Scores
    projects: tuple[ProjectLine, ...]
    score: Decimal | None  # 综合得分: the rules' total, or the declared one
    grade: str
    full: Decimal  # 总分值


class Figures(dict[str, Source]):
    """The sources of a filing, with the reading they came from (None: no data to read)."""

    state: "State | None" = None


def project_lines(filing: Filing) -> tuple[ProjectLine, ...]:
    """The department's project filings of the year in project code order (one query)."""
    total = FundingLine.objects.filter(
        evaluation__filing=OuterRef("pk"), source=FundingLine.Source.TOTAL
    )
    rows = (
        Filing.objects.filter(
            kind=PROJECT_KIND,
            department_id=filing.department_id,
            fiscal_year_id=filing.fiscal_year_id,
        )
        .annotate(
            adjusted=Subquery(total.values("adjusted")[:1]),
            executed=Subquery(total.values("executed")[:1]),
        )
        .order_by("project__code", "pk")
        .values_list(
            "pk", "project__name", "adjusted", "executed", "execution_rate", "total_score", "grade"
        )
    )
    return tuple(
        ProjectLine(pk, name or "", adjusted, executed, rate, score, grade)
        for pk, name, adjusted, executed, rate, score, grade in rows
    )


def load(filing: Filing) -> State | None:
    """The filing's saved data, context, scores and projects; None without an evaluation."""
    fresh = selectors.with_detail(
        Filing.objects.select_related("fiscal_year__bureau", "department").get(pk=filing.pk)
    )
    evaluation = getattr(fresh, "department_evaluation", None)
    if evaluation is None:
        return None
    policy = selectors.department_policy(fresh)
    data = selectors.data_of(evaluation)
    context = selectors.context_of(fresh, policy)
    scores = department_scores(data, context)
    declared = context.basis == BASIS_DECLARED
    return State(
        year=fresh.fiscal_year.year,
        department=fresh.department.name,
        department_id=fresh.department_id,
        data=data,
        context=context,
        scores=scores,
        projects=project_lines(fresh),
        score=data.declared_score if declared else scores.total,
        grade=(data.declared_grade if declared else scores.grade) or "",
        full=scores.sheet.weight if scores.sheet is not None else scoring.HUNDRED,
    )


def row_name(row: IndicatorData) -> str:
    return row.name.strip() or row.level2.strip()


def target_shown(row: IndicatorData) -> str:
    """年度指标值 as one text: ≥900批."""
    text = row.target_text.strip()
    if not text:
        return ""
    comparator = row.comparator.strip()
    sign = "" if comparator == scoring.QUALITATIVE or text.startswith(_SIGNS) else comparator
    unit = row.unit.strip()
    return f"{sign}{text}{unit if unit and not text.endswith(unit) else ''}"


def actual_shown(row: IndicatorData) -> str:
    """实际完成值 as one text: 850批, or the 定性 result chosen."""
    text = row.actual_text.strip()
    if not text:
        return row.qualitative_label.strip()
    unit = row.unit.strip()
    bare = unit and not text.endswith(unit) and row.number(text) is not None
    return f"{text}{unit}" if bare else text


def _project_sources(projects: tuple[ProjectLine, ...]) -> dict[str, Source]:
    found = {"projects.count": Source("项目个数", str(len(projects)))} if projects else {}
    for line in projects:
        shown = {
            "adjusted": ("全年预算数", wan(line.adjusted)),
            "executed": ("全年执行数", wan(line.executed)),
            "rate": ("执行率", percent(line.rate)),
            "score": ("自评得分", points(line.score)),
            "grade": ("评价等次", line.grade),
        }
        for name, (label, text) in shown.items():
            if text:
                found[f"project.{line.filing_id}.{name}"] = Source(f"{line.name}{label}", text)
    return found


def _indicator_sources(rows: tuple[IndicatorData, ...]) -> dict[str, Source]:
    found = {}
    for row in rows:
        if row.row_id is None:
            continue
        for name, label, text in (
            ("target", "年度指标值", target_shown(row)),
            ("actual", "实际完成值", actual_shown(row)),
        ):
            if text:
                found[f"indicator.{row.row_id}.{name}"] = Source(f"{row_name(row)}{label}", text)
    return found


def sources_of(state: State) -> dict[str, Source]:
    """Every figure the reading holds, by key, as the report shows it."""
    data, scores = state.data, state.scores
    found = {
        f"finance.{column}": Source(FINANCE_LABELS[column], wan(value))
        for column, value in scores.total_row.items()
        if value is not None
    }
    for key, label, count in (
        ("headcount.authorized", "人员编制", data.authorized_headcount),
        ("headcount.actual", "实有人数", data.actual_headcount),
    ):
        if count is not None:
            found[key] = Source(label, str(count))
    for key, figure in scores.figures.items():
        if figure.value is not None:
            found[f"figure.{key}"] = Source(figure.label, percent(figure.value))
    last = state.context.last_year_three_public
    last = data.three_public_last_year if last is None else last
    if last is not None:
        found["three_public.last_year"] = Source("上年“三公”经费", wan(last))
    if state.score is not None:
        found["score.total"] = Source("综合得分", points(state.score))
        found["score.full"] = Source("总分值", points(state.full))
        if state.grade:
            found["score.grade"] = Source("评价等次", state.grade)
    return found | _project_sources(state.projects) | _indicator_sources(data.indicators)


def department_sources(filing: Filing) -> Figures:
    """The figures the filing's saved data holds now (ReportKind.sources)."""
    state = load(filing)
    found = Figures(sources_of(state) if state is not None else {})
    found.state = state
    return found
