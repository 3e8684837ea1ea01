"""The paragraphs a project report drafts per topic, in the register of seeds 002 (峨边 附件2–4)
and 004 (如皋). Each figure is a `Ref` to a source, so the report remembers where it came from;
a clause whose figure the data does not hold is left out."""

from collections.abc import Callable, Mapping

from apps.narratives.figures import Paragraph, Ref, Source

from .sources import TOTAL, Facts, RowFact

Sources = Mapping[str, Source]
Pieces = list[str | Ref]

OUTPUT_GROUPS = ("产出指标", "成本指标")
BENEFIT_GROUPS = ("效益指标", "满意度指标")
_ENDS = ("。", "！", "？", "；", ".", "!", "?", ";")


def project_name(facts: Facts) -> str:
    """信访稳定经费 → 信访稳定经费项目; a name already ending in 项目 is kept."""
    return facts.project if facts.project.endswith("项目") else f"{facts.project}项目"


def _closed(text: str) -> str:
    text = "".join(line.strip() for line in text.splitlines())
    return text if text.endswith(_ENDS) else f"{text}。"


def _clause(sources: Sources, key: str, before: str = "", after: str = "") -> Pieces:
    """Words around a figure, or nothing when the data does not hold it."""
    return [before, Ref(key), after] if key in sources else []


def _amount(sources: Sources, key: str, before: str = "") -> Pieces:
    return _clause(sources, key, before, "万元")


def _breakdown(facts: Facts, sources: Sources, column: str) -> Pieces:
    """ "，其中县级预算资金32万元、其他资金2万元": the non-zero rows under the total."""
    pieces: Pieces = []
    for source in facts.funding_sources:
        key = f"funding.{source}.{column}"
        if key in sources and sources[key].shown != "0":
            pieces += ["、" if pieces else "，其中", facts.funding_labels[source], Ref(key), "万元"]
    return pieces


def funding(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(一)项目资金申报及批复情况: budget by source; executed and the execution rate."""
    total = f"funding.{TOTAL}"
    budget, executed = f"{total}.adjusted" in sources, f"{total}.executed" in sources
    if not (budget or executed):
        return []
    line: Pieces = [f"{project_name(facts)}{facts.year}年"]
    if budget:
        line += _amount(sources, f"{total}.initial", "年初预算数")
        line += ["，" if f"{total}.initial" in sources else ""]
        line += _amount(sources, f"{total}.adjusted", "全年预算数")
        line += _breakdown(facts, sources, "adjusted")
        line.append("；" if executed else "。")
    if executed:
        line += _amount(sources, f"{total}.executed", "全年执行数")
        spent = _breakdown(facts, sources, "executed")
        # One row under the total is the total again: the breakdown says something from two.
        line += spent if sum(isinstance(piece, Ref) for piece in spent) > 1 else []
        if f"{total}.rate" in sources:
            line += ["，预算执行率", Ref(f"{total}.rate")]
        line.append("。")
    return [line]


def spent(facts: Facts, sources: Sources) -> list[Paragraph]:
    """一、项目情况 of seed 004: "2020年度领导接访费用5万元使用完毕。", else budget and use."""
    total = f"funding.{TOTAL}"
    head = f"{facts.year}年度{facts.project}"
    if facts.spent_all and f"{total}.executed" in sources:
        return [[head, Ref(f"{total}.executed"), "万元使用完毕。"]]
    clauses = [
        _amount(sources, f"{total}.adjusted", "全年预算数"),
        _amount(sources, f"{total}.executed", "已使用"),
        _clause(sources, f"{total}.rate", "预算执行率"),
    ]
    return [_sentence([head], clauses)] if any(clauses) else []


def _sentence(head: Pieces, clauses: list[Pieces]) -> Pieces:
    """The head, then the clauses that hold something, joined by "，", closed by "。"."""
    line = list(head)
    for index, clause in enumerate(c for c in clauses if c):
        line += ([] if index == 0 else ["，"]) + clause
    return [*line, "。"]


def _row_clauses(row: RowFact, sources: Sources, *, result: bool = False) -> list[Pieces]:
    key = f"row.{row.row_id}"
    clauses = [
        _clause(sources, f"{key}.target", "年度指标值"),
        _clause(sources, f"{key}.actual", "实际完成值"),
    ]
    if result:
        clauses.append(_clause(sources, f"{key}.score", "得分", "分"))
        clauses.append(_clause(sources, f"{key}.completion", "完成率"))
    return clauses


def _items(rows: list[RowFact], sources: Sources) -> list[Paragraph]:
    """One numbered line per row: "1．群众满意度：年度指标值≥95%，实际完成值98%。"."""
    return [
        _sentence([f"{number}．{row.name}："], _row_clauses(row, sources))
        for number, row in enumerate(rows, start=1)
    ]


def _shown_rows(facts: Facts, groups: tuple[str, ...] | None = None) -> list[RowFact]:
    return [row for row in facts.rows if row.name and (groups is None or row.level1 in groups)]


def goals(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(二)项目绩效目标: the annual goal and each indicator's target."""
    paragraphs: list[Paragraph] = []
    if facts.goal:
        paragraphs.append([f"{project_name(facts)}{facts.year}年度总体目标：{_closed(facts.goal)}"])
    rows = [row for row in _shown_rows(facts) if f"row.{row.row_id}.target" in sources]
    if rows:
        paragraphs.append(["年度绩效指标："])
        paragraphs += [
            [f"{number}．{row.name}：年度指标值", Ref(f"row.{row.row_id}.target"), "。"]
            for number, row in enumerate(rows, start=1)
        ]
    return paragraphs


def completion(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(一)项目完成情况: executed and the rate, then the output indicators' target and actual."""
    total = f"funding.{TOTAL}"
    paragraphs: list[Paragraph] = []
    if f"{total}.executed" in sources:
        rate = _clause(sources, f"{total}.rate", "预算执行率")
        head = f"{facts.year}年根据工作安排，{project_name(facts)}"
        paragraphs.append(
            _sentence([head], [_amount(sources, f"{total}.executed", "全年执行数"), rate])
        )
    rows = _shown_rows(facts, OUTPUT_GROUPS)
    if rows:
        paragraphs.append(["产出指标完成情况："])
        paragraphs += _items(rows, sources)
    return paragraphs


def benefit(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(二)项目效益情况: the benefit and satisfaction indicators' target and actual."""
    rows = _shown_rows(facts, BENEFIT_GROUPS)
    if not rows:
        return []
    head = f"{facts.year}年实施{project_name(facts)}，效益指标及满意度指标完成情况如下："
    return [[head], *_items(rows, sources)]


def missed(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(二)存在的问题: each indicator below its target with its 偏差原因, or that none is."""
    judged = [row for row in facts.rows if row.judged]
    if not judged:
        return []
    below = [row for row in judged if not row.met]
    if not below:
        return [["各项绩效指标均已完成年度目标。"]]
    paragraphs: list[Paragraph] = [[f"{project_name(facts)}以下绩效指标未完成年度目标："]]
    for number, row in enumerate(below, start=1):
        name = row.name or f"第{number}项指标"
        line = _sentence([f"{number}．{name}："], _row_clauses(row, sources, result=True))
        if row.deviation_reason:
            line.append(f"偏差原因：{_closed(row.deviation_reason)}")
        paragraphs.append(line)
    return paragraphs


def conclusion(facts: Facts, sources: Sources) -> list[Paragraph]:
    """(一)评价结论: total and grade; without points, the rate and the indicators completed."""
    head = f"经自评，{project_name(facts)}"
    if facts.points:
        if "score.total" not in sources:
            return []
        return [
            [
                f"{head}总分值",
                Ref("score.weight"),
                "分，自评得分",
                Ref("score.total"),
                "分，评价等次为“",
                Ref("score.grade"),
                "”。",
            ]
        ]
    total = f"funding.{TOTAL}"
    line: Pieces = []
    if f"{total}.rate" in sources:
        line += [f"{head}{facts.year}年预算执行率", Ref(f"{total}.rate"), "；"]
    if "indicators.count" in sources:
        line += [
            "共设置绩效指标" if line else f"{head}共设置绩效指标",
            Ref("indicators.count"),
            "项，已完成年度目标",
            Ref("indicators.met"),
            "项。",
        ]
    elif line:
        line[-1] = "。"
    return [line] if line else []


TOPICS: dict[str, Callable[[Facts, Sources], list[Paragraph]]] = {
    "goals": goals,
    "funding": funding,
    "completion": completion,
    "benefit": benefit,
    "missed": missed,
    "conclusion": conclusion,
    "spent": spent,
}
