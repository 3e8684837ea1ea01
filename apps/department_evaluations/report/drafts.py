"""The paragraphs drafted for each topic of a department's report, in the seeds' register
(seed 000 丽水, 001 云溪 五, 002 峨边 附件1, 003 玉溪 公开10): a topic the data cannot speak to
drafts nothing."""

from collections.abc import Callable

from apps.indicators import scoring
from apps.narratives.figures import Paragraph, Ref

from ..checks.targets import comparator_of
from ..data import IndicatorData
from . import finances
from .sources import row_name
from .writer import Pieces, Writer, headcount, joined, lines, sentence


def overview(w: Writer) -> list[Paragraph]:
    """Seed 000's 部门基本概况: duties, staff, the year's money in one sentence."""
    money = joined(
        [
            w.money("财政拨款收入为", "income_fiscal"),
            w.money("本年支出总额", "expense_total"),
            w.money("年末固定资产原值为", "assets_total"),
        ],
        "，",
    )
    staff = headcount(w)
    return [
        *lines(w.state.data.duties),
        *sentence(staff, lead=w.state.department),
        *sentence(money, lead=w.year),
    ]


def duties(w: Writer) -> list[Paragraph]:
    return lines(w.state.data.duties)


def structure(w: Writer) -> list[Paragraph]:
    """Seed 001's 机构设置: the units its 收支 rows hold, then 编制 and 实有人数."""
    state = w.state
    rows = state.data.finance
    own = [row for row in rows if row.unit_id == state.department_id] or list(rows[:1])
    others = [row.name.strip() for row in rows if row not in own and row.name.strip()]
    found: list[Paragraph] = []
    if others:
        names = "、".join(others)
        found.append([f"{state.department}所属{names}纳入{w.year}部门预决算编制范围。"])
    return found + sentence(headcount(w), lead=f"{w.year}单位")


def staff(w: Writer) -> list[Paragraph]:
    rate = w.figure("在职人员控制率为", "figure.headcount_rate")
    return sentence(joined([headcount(w), rate], "，"), lead=w.state.department)


def projects(w: Writer) -> list[Paragraph]:
    """The department's projects, numbered: 全年预算数, 执行数, 执行率, 自评得分 and 等次."""
    if not w.state.projects:
        return []
    count: Pieces = ["纳入项目支出绩效自评的项目共", Ref("projects.count"), "个"]
    found = sentence(w.money("项目支出", "expense_project"), count, lead=w.year, separator="，")
    for number, line in enumerate(w.state.projects, start=1):
        key = f"project.{line.filing_id}"
        facts = joined(
            [
                w.figure("全年预算数", f"{key}.adjusted", "万元"),
                w.figure("全年执行数", f"{key}.executed", "万元"),
                w.figure("执行率为", f"{key}.rate"),
                w.figure("自评得分", f"{key}.score", "分"),
                w.figure("评价等次为“", f"{key}.grade", "”"),
            ],
            "，",
        )
        found.append([f"{number}. {line.name}", *(["：", *facts] if facts else []), "。"])
    return found


def _missed(row: IndicatorData) -> bool | None:
    """Whether a 定量目标 row missed its target (None: it cannot be told)."""
    comparator = comparator_of(row)
    if comparator == scoring.QUALITATIVE:
        label = row.qualitative_label.strip()
        return None if label not in scoring.QUALITATIVE_LABELS else label != scoring.ACHIEVED
    target, actual = row.target, row.actual
    if not comparator or target is None or actual is None:
        return None
    return {
        scoring.GE: actual < target,
        scoring.GT: actual <= target,
        scoring.LE: actual > target,
        scoring.LT: actual >= target,
        scoring.EQ: actual != target,
    }[comparator]


def missed(w: Writer) -> list[Paragraph]:
    """The 定量目标 rows that missed their target, with their 偏差原因; or that none did."""
    rows = w.state.data.indicators
    told = [(row, verdict) for row in rows if (verdict := _missed(row)) is not None]
    if not told:
        return []
    failed = [row for row, verdict in told if verdict]
    if not failed:
        return [[f"{w.year}部门整体支出绩效定量目标均达到年度指标值。"]]
    found: list[Paragraph] = [[f"{w.year}部门整体支出绩效定量目标中，以下指标未达到年度指标值："]]
    for number, row in enumerate(failed, start=1):
        key = f"indicator.{row.row_id}"
        qualitative = comparator_of(row) == scoring.QUALITATIVE
        facts = joined(
            [
                w.figure("年度指标值为", f"{key}.target"),
                w.figure("实际完成情况为" if qualitative else "实际完成值为", f"{key}.actual"),
            ],
            "，",
        )
        reason = "".join(line.strip() for line in row.deviation_reason.splitlines())
        tail = [f"偏差原因：{reason}"] if reason else []
        found.append([f"{number}. “{row_name(row)}”", *facts, "，未达到年度指标值。", *tail])
    return found


def conclusion(w: Writer) -> list[Paragraph]:
    """Seed 002's 评价结论: 总分值, 自评得分 and 评价等次."""
    return sentence(
        w.figure("总分值", "score.full", "分"),
        w.figure("自评得分", "score.total", "分"),
        w.figure("评价等次为“", "score.grade", "”"),
        separator="，",
    )


DRAFTS: dict[str, Callable[[Writer], list[Paragraph]]] = {
    "overview": overview,
    "duties": duties,
    "structure": structure,
    "staff": staff,
    "finances": finances.finances,
    "income": finances.income,
    "expense": finances.expense,
    "general": finances.general,
    "basic_expense": finances.basic_expense,
    "project_expense": finances.project_expense,
    "fund": finances.fund,
    "allocation": finances.allocation,
    "execution": finances.execution,
    "assets": finances.assets,
    "three_public": finances.three_public,
    "projects": projects,
    "missed": missed,
    "conclusion": conclusion,
}
