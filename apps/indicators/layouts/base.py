"""The shapes of a layout: columns with their printed headings, parts, and the two kinds."""

from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    """One column of an official table.

    `key` names the cell it shows (the kinds' forms and prints know the keys); `heading` is
    the printed wording, Chinese as the seed prints it; `width` is the share of the table's
    width in percent (screen and paper); `screen` / `printed`: where the column appears.
    """

    key: str
    heading: str
    width: int = 0
    screen: bool = True
    printed: bool = True


@dataclass(frozen=True)
class Part:
    """A part of a form (a section with its heading), by the key the kind's form knows.

    `fields`: the part's cells with the seed's labels, in its order — the columns of its rows
    (goals, tasks, evaluators) or its labelled cells (cover, general, outputs, summary …);
    empty: the kind's own set. A cell the part leaves out is neither shown nor printed.
    """

    key: str
    heading: str = ""
    fields: tuple[Column, ...] = ()


# The national form's 备注 under the table (seed 003 prints them too).
NATIONAL_NOTES = (
    "1. 涉密部门和涉密信息按保密规定不公开。",
    "2. 一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。",
)


@dataclass(frozen=True)
class ProjectLayout:
    """How a 项目支出绩效自评表 is laid out.

    funding_sources: the funding rows in order (None: the bureau's policy decides whether the
    current year's appropriation is split); source_labels: wording that differs from the
    national form; funding_columns: initial / adjusted / executed and the computed weight /
    rate / score cells; rate_on_every_source: 执行率 on each funding row (四川), not only on
    the total; points: the form has 分值 and 得分 and a 总分 row — without them each row shows
    its computed 完成率 and the filing has no points total.
    """

    key: str
    label: str | Promise
    seed: str
    funding_columns: tuple[Column, ...]
    indicator_columns: tuple[Column, ...]
    funding_sources: tuple[str, ...] | None = None
    source_labels: dict[str, str] = field(default_factory=dict)
    rate_on_every_source: bool = False
    points: bool = True
    title: str = "项目支出绩效自评表"
    # "2021年度项目支出绩效自评表" (seed 003) rather than "（2021年度）" under the title.
    year_in_title: bool = False
    # A 年度 cell beside 项目名称 (seed 002) rather than the year under the title.
    year_cell: bool = False
    # The table's number in a published set of tables (seed 003: 公开12表).
    table_number: str = ""
    # 其他需要说明事项 as the indicator table's row before 总分 (seed 003), not a table below.
    notes_in_table: bool = False
    notes: tuple[str, ...] = NATIONAL_NOTES
    funding_heading: str = "项目资金"
    goal_heading: str = "年度总体目标"
    goal_columns: tuple[str, str] = ("预期目标", "实际完成情况")
    indicators_heading: str = "绩效指标"
    notes_heading: str = "其他需要说明事项"

    def screen_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.indicator_columns if c.screen)

    def printed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.indicator_columns if c.printed)

    def shows(self, key: str) -> bool:
        """Whether the form has the indicator cell `key` on screen."""
        return any(c.key == key for c in self.screen_columns())

    def shows_printed(self, key: str) -> bool:
        """Whether the printed table has the indicator cell `key`."""
        return any(c.key == key for c in self.printed_columns())


@dataclass(frozen=True)
class DepartmentLayout:
    """How a 部门整体支出绩效自评 is laid out: its parts in order, each with its heading.

    A part the layout leaves out is neither shown nor printed, and no finding of it is raised
    on screen (the data still holds it: layouts never change the rules, only what is shown).
    """

    key: str
    label: str | Promise
    seed: str
    title: str
    parts: tuple[Part, ...]
    indicator_columns: tuple[Column, ...] = ()
    # The lines above the first part, with {year}, {title}, {department} and {unit} filled:
    # the title line, the line under it (（2019年度）, 公开11表) and the lines of facts.
    heading_format: str = "{year}年度{title}"
    subheading: str = ""
    meta: tuple[str, ...] = ()
    # 收支情况 as tables of (title, columns) over the kind's finance columns (empty: the kind's
    # own tables); institution_rows: False when the form prints the department's figures only.
    finance_tables: tuple[tuple[str, tuple[Column, ...]], ...] = ()
    institution_rows: bool = True
    task_unit: str = ""  # the unit 重点工作任务 amounts are printed in ("": the filing's)
    footnote: str = ""  # printed under the last part (备注)

    def has(self, part: str) -> bool:
        return any(p.key == part for p in self.parts)

    def heading(self, part: str) -> str:
        return next((p.heading for p in self.parts if p.key == part), "")
