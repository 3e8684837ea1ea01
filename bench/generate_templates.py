"""Template filings for bench/generate.py, written through the real services.

A project self-evaluation of 15 or 60 indicator rows in one of four variants (how well its
targets were met and its money spent), and a 部门整体 filing with the cells of a demo seed.
The builder copies their rows and cells; their scores, grades and findings are the engine's.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Model

from apps.department_evaluations import selectors as department_selectors
from apps.department_evaluations.demo.load import (
    DemoDepartmentsResult,
    _policy_load,
    _taxonomy_load,
)
from apps.department_evaluations.demo.seeds import Setting
from apps.department_evaluations.demo.yunxi import SEED as DEPARTMENT_SEED
from apps.department_evaluations.models import (
    DepartmentEvaluation,
    DepartmentIndicator,
    Evaluator,
    FinanceRow,
    KeyTask,
    OutputItem,
    QualitativeGoal,
    RubricScore,
)
from apps.department_evaluations.services import department_create, department_save
from apps.filings.models import Filing, FilingSnapshot
from apps.indicators.models import Framework, IndicatorCategory
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from apps.project_evaluations.data import EvaluationData, FundingData, RowData
from apps.project_evaluations.models import FundingLine, IndicatorRow, ProjectEvaluation
from apps.project_evaluations.services import evaluation_create, evaluation_save
from apps.reviews.sheets import sheet_for

# (cells section, model, the field naming the detail row)
PROJECT_CHILDREN = (("row", IndicatorRow, "evaluation"), ("funding", FundingLine, "evaluation"))
DEPARTMENT_CHILDREN = (
    ("finance", FinanceRow, "evaluation"),
    ("goal", QualitativeGoal, "evaluation"),
    ("task", KeyTask, "evaluation"),
    ("indicator", DepartmentIndicator, "evaluation"),
    ("output", OutputItem, "evaluation"),
    ("evaluator", Evaluator, "evaluation"),
    ("rubric_score", RubricScore, "evaluation"),
)
# How far each variant's actuals fall short of the targets, and the share of money spent.
VARIANTS = (
    (Decimal("1.00"), Decimal("0.98")),
    (Decimal("0.95"), Decimal("0.93")),
    (Decimal("0.85"), Decimal("0.86")),
    (Decimal("0.70"), Decimal("0.72")),
)
GROUPS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标"), Decimal(55)),
    ("效益指标", ("社会效益指标", "可持续影响指标"), Decimal(30)),
    ("满意度指标", ("服务对象满意度指标",), Decimal(15)),
)


@dataclass
class Template:
    filing: Filing
    detail: Model
    children: tuple
    department_id: int
    rows: dict[str, list[Model]] = field(default_factory=dict)
    cells: dict = field(default_factory=dict)
    first_cells: dict = field(default_factory=dict)
    review_rows: list[tuple[str, Decimal | None]] = field(default_factory=list)


def policies_ensure(year) -> dict:
    """The year's project and department policies (the department's as the demo seed has it)."""
    project = scoring_policy_ensure(fiscal_year=year, framework=Framework.PROJECT)
    taxonomy_ensure_standard(bureau=year.bureau, framework=Framework.PROJECT)
    result = DemoDepartmentsResult()
    categories = _taxonomy_load(result, year.bureau)
    department = _policy_load(result, DEPARTMENT_SEED.policy, year)
    level2 = {
        (c.parent.name, c.name): c.pk
        for c in IndicatorCategory.objects.filter(
            bureau=year.bureau, framework=Framework.PROJECT, level=2
        ).select_related("parent")
    }
    return {
        "project": project,
        "department": department,
        "department_categories": categories,
        "project_categories": level2,
    }


def _rows(policies: dict, variant: int, count: int) -> tuple[RowData, ...]:
    reached, _spent = VARIANTS[variant]
    categories = policies["project_categories"]
    weights = {name: weight for name, _children, weight in GROUPS}
    share = [(name, children, max(1, round(count * w / 100))) for name, children, w in GROUPS]
    share[0] = (share[0][0], share[0][1], count - sum(n for _a, _b, n in share[1:]))
    # The groups' default weights: 产出 50, 效益 30, 满意度 10 (the 10 of 预算执行率 aside).
    group_weight = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
    del weights
    rows = []
    for level1, children, n in share:
        each = (group_weight[level1] / n).quantize(Decimal("0.01"))
        for i in range(n):
            weight = each if i < n - 1 else group_weight[level1] - each * (n - 1)
            target = 100 + 10 * (i % 7)
            actual = (Decimal(target) * (reached if i % 3 else Decimal(1))).quantize(Decimal(1))
            short = actual < target
            rows.append(
                RowData(
                    category_id=categories[(level1, children[i % len(children)])],
                    name=f"{level1[:2]}考核指标{len(rows) + 1:02d}",
                    comparator="≥",
                    target_text=str(target),
                    unit="件" if level1 != "满意度指标" else "%",
                    actual_text=str(actual),
                    weight=weight,
                    deviation_reason="受项目实施进度影响，部分任务顺延至次年完成。"
                    if short
                    else "",
                )
            )
    return tuple(rows)


def project_template(project, filer, policies: dict, *, variant: int, rows: int) -> Template:
    """A project self-evaluation written by the filer through the services (version 2)."""
    _reached, spent = VARIANTS[variant]
    filing = evaluation_create(project=project, by=filer, start="blank")
    adjusted = project.adjusted_budget
    funding = tuple(
        FundingData(
            source=source,
            initial=project.initial_budget,
            adjusted=adjusted,
            executed=(adjusted * spent).quantize(Decimal("0.01")),
        )
        for source in ("total", "fiscal")
    )
    data = EvaluationData(
        goal_expected="按期完成年度重点任务，资金使用规范，服务对象满意度达到90%以上。",
        goal_actual="年度任务基本完成，资金按计划拨付使用，服务对象满意度调查结果良好。",
        funding=funding,
        rows=_rows(policies, variant, rows),
    )
    saved = evaluation_save(
        filing=filing,
        by=filer,
        base_version=filing.version,
        data=data,
        policy=policies["project"],
    ).filing
    evaluation = ProjectEvaluation.objects.get(filing=saved)
    return _template(saved, evaluation, PROJECT_CHILDREN, project.department_id)


def department_template(department, year, filer, policies: dict, *, variant: int) -> Template:
    """The department's 部门整体 filing with the demo seed's cells, saved by the filer."""
    filing = department_create(department=department, fiscal_year=year, by=filer)
    evaluation = department_selectors.evaluation_of(department_selectors.with_detail(filing))
    items = tuple(i.item_id for i in department_selectors.rubric_items(evaluation.rubric))
    setting = Setting(
        department_id=department.pk,
        categories=policies["department_categories"],
        rubric_items=items,
    )
    wanted = DEPARTMENT_SEED.build(setting)
    stored = department_selectors.data_of(evaluation)
    # The seed's 三公经费合计 does not add up (its known finding): made to, so it can be filed.
    first = wanted.finance[0]
    parts = ("reception", "vehicle_operation", "vehicle_purchase", "overseas")
    amounts = {**first.amounts, "three_public_total": sum(first.get(p) or 0 for p in parts)}
    finance = (
        replace(first, row_id=stored.finance[0].row_id, name=department.name, amounts=amounts),
        *wanted.finance[1:],
    )
    wanted = replace(wanted, finance=finance)
    saved = department_save(
        filing=filing,
        by=filer,
        base_version=filing.version,
        data=wanted,
        policy=policies["department"],
    ).filing
    detail = DepartmentEvaluation.objects.get(filing=saved)
    return _template(saved, detail, DEPARTMENT_CHILDREN, department.pk)


def _template(filing: Filing, detail: Model, children: tuple, department_id: int) -> Template:
    template = Template(
        filing=filing, detail=detail, children=children, department_id=department_id
    )
    for section, model, parent in children:
        template.rows[section] = list(model.objects.filter(**{parent: detail}).order_by("pk"))
    snapshots = {s.version: s.cells for s in FilingSnapshot.objects.filter(filing=filing)}
    template.cells = snapshots[filing.version]
    template.first_cells = snapshots[min(snapshots)]
    sheet = sheet_for(filing, template.cells)
    scores = {f"row:{r.pk}": r.score for r in template.rows.get("row", [])}
    template.review_rows = [
        (row.key, Decimal(scores.get(row.key) or row.weight).quantize(Decimal("0.01")))
        for row in sheet.rows
    ]
    return template
