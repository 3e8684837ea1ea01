"""The six disclosure tables (决算公开表) as data: sheets, headings and columns, as published.

Headings are printed official labels (plain Chinese, as seed 003 publishes them). Every sheet:
row 1 the title, row 2 the department, row 3 the unit (金额单位：元), rows 4–5 the headings
(a group above its columns, then each column's own), data from row 6. Amount columns are keyed
so the checks and the filing's mapping name them; `key` is stable, the heading is what prints.

Coded tables (公开02, 03, 05) list 功能分类 rows by 科目编码 with a 合计 row; 公开06 lists
经济分类 rows in three blocks side by side (人员经费 | 公用经费 | 公用经费, continued) and ends
with 人员经费合计 and 公用经费合计; 公开04 and 公开09 are line tables: fixed rows by 行次.
"""

from dataclasses import dataclass

TITLE_ROW, DEPARTMENT_ROW, UNIT_ROW, GROUP_ROW, HEADING_ROW, FIRST_ROW = 1, 2, 3, 4, 5, 6
UNIT_TEXT = "金额单位：元"
TOTAL = "合计"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    group: str = ""


@dataclass(frozen=True)
class Table:
    number: str  # 公开02
    title: str  # 收入决算表
    columns: tuple[Column, ...]  # the amount columns (coded and line tables)
    kind: str  # "coded", "economic" or "lines"

    @property
    def sheet(self) -> str:
        return f"{self.number} {self.title}"

    def heading(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return f"{column.group}·{column.heading}" if column.group else column.heading
        return key


INCOME = Table(
    "公开02",
    "收入决算表",
    (
        Column("total", "本年收入合计"),
        Column("fiscal", "财政拨款收入"),
        Column("superior", "上级补助收入"),
        Column("business", "小计", "事业收入"),
        Column("tuition", "其中：教育收费", "事业收入"),
        Column("operating", "经营收入"),
        Column("affiliated", "附属单位上缴收入"),
        Column("other", "其他收入"),
    ),
    "coded",
)
EXPENSE = Table(
    "公开03",
    "支出决算表",
    (
        Column("total", "本年支出合计"),
        Column("basic", "基本支出"),
        Column("project", "项目支出"),
        Column("remit", "上缴上级支出"),
        Column("operating", "经营支出"),
        Column("subsidy", "对附属单位补助支出"),
    ),
    "coded",
)
FISCAL = Table(
    "公开04",
    "财政拨款收入支出决算总表",
    (
        Column("amount", "决算数", "收 入"),
        Column("total", "合计", "支 出"),
        Column("general", "一般公共预算财政拨款", "支 出"),
        Column("fund", "政府性基金预算财政拨款", "支 出"),
        Column("capital", "国有资本经营预算财政拨款", "支 出"),
    ),
    "lines",
)
GENERAL = Table(
    "公开05",
    "一般公共预算财政拨款收入支出决算表",
    (
        Column("open_total", "合计", "年初结转和结余"),
        Column("open_basic", "基本支出结转", "年初结转和结余"),
        Column("open_project", "项目支出结转和结余", "年初结转和结余"),
        Column("income_total", "合计", "本年收入"),
        Column("income_basic", "基本支出", "本年收入"),
        Column("income_project", "项目支出", "本年收入"),
        Column("spend_total", "合计", "本年支出"),
        Column("spend_basic", "基本支出小计", "本年支出"),
        Column("spend_personnel", "人员经费", "本年支出"),
        Column("spend_public", "公用经费", "本年支出"),
        Column("spend_project", "项目支出", "本年支出"),
        Column("close_total", "合计", "年末结转和结余"),
        Column("close_basic", "基本支出结转", "年末结转和结余"),
        Column("close_project", "项目支出结转和结余", "年末结转和结余"),
    ),
    "coded",
)
BASIC = Table(
    "公开06",
    "一般公共预算财政拨款基本支出决算表",
    (Column("amount", "金额"),),
    "economic",
)
THREE_PUBLIC = Table(
    "公开09",
    "“三公”经费、行政参公单位机关运行经费情况表",
    (Column("budget", "预算数"), Column("final", "决算数")),
    "lines",
)
TABLES = (INCOME, EXPENSE, FISCAL, GENERAL, BASIC, THREE_PUBLIC)
BY_NUMBER = {table.number: table for table in TABLES}

# 公开06: three blocks of (科目编码, 科目名称, 金额), under these group headings.
BASIC_BLOCKS = ("人员经费", "公用经费", "公用经费")
PERSONNEL_TOTAL, PUBLIC_TOTAL = "人员经费合计", "公用经费合计"
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "307", "310", "312", "399")

# 公开04: the income side's lines 1–32 and the expense side's 33–64, as published.
FISCAL_INCOME_LINES = {
    1: "一、一般公共预算财政拨款",
    2: "二、政府性基金预算财政拨款",
    3: "三、国有资本经营预算财政拨款",
    27: "本年收入合计",
    28: "年初财政拨款结转和结余",
    29: "一、一般公共预算财政拨款",
    30: "二、政府性基金预算财政拨款",
    31: "三、国有资本经营预算财政拨款",
    32: "总计",
}
# 类 of the expense side, line by line (33–58), as 2021's 功能分类 lists them.
FISCAL_CLASSES = (
    ("201", "一、一般公共服务支出"),
    ("202", "二、外交支出"),
    ("203", "三、国防支出"),
    ("204", "四、公共安全支出"),
    ("205", "五、教育支出"),
    ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"),
    ("208", "八、社会保障和就业支出"),
    ("210", "九、卫生健康支出"),
    ("211", "十、节能环保支出"),
    ("212", "十一、城乡社区支出"),
    ("213", "十二、农林水支出"),
    ("214", "十三、交通运输支出"),
    ("215", "十四、资源勘探工业信息等支出"),
    ("216", "十五、商业服务业等支出"),
    ("217", "十六、金融支出"),
    ("219", "十七、援助其他地区支出"),
    ("220", "十八、自然资源海洋气象等支出"),
    ("221", "十九、住房保障支出"),
    ("222", "二十、粮油物资储备支出"),
    ("223", "二十一、国有资本经营预算支出"),
    ("224", "二十二、灾害防治及应急管理支出"),
    ("229", "二十三、其他支出"),
    ("231", "二十四、债务还本支出"),
    ("232", "二十五、债务付息支出"),
    ("234", "二十六、抗疫特别国债安排的支出"),
)
FISCAL_EXPENSE_LINES = {
    **{33 + index: label for index, (_code, label) in enumerate(FISCAL_CLASSES)},
    59: "本年支出合计",
    60: "年末财政拨款结转和结余",
    64: "总计",
}
FISCAL_LINE_OF_CLASS = {code: 33 + index for index, (code, _label) in enumerate(FISCAL_CLASSES)}
FISCAL_LINES = 32  # lines per side

# 公开09: its 24 lines, as published; lines 12–21 are counts (团组, 人次, 辆, 批次).
THREE_PUBLIC_LINES = {
    1: "一、“三公”经费支出",
    2: "（一）支出合计",
    3: "1. 因公出国（境）费",
    4: "2. 公务用车购置及运行维护费",
    5: "（1）公务用车购置费",
    6: "（2）公务用车运行维护费",
    7: "3. 公务接待费",
    8: "（1）国内接待费",
    9: "其中：外事接待费",
    10: "（2）国（境）外接待费",
    11: "（二）相关统计数",
    12: "1. 因公出国（境）团组数（个）",
    13: "2. 因公出国（境）人次（人）",
    14: "3. 公务用车购置数（辆）",
    15: "4. 公务用车保有量（辆）",
    16: "5. 国内公务接待批次（个）",
    17: "其中：外事接待批次（个）",
    18: "6. 国内公务接待人次（人）",
    19: "其中：外事接待人次（人）",
    20: "7. 国（境）外公务接待批次（个）",
    21: "8. 国（境）外公务接待人次（人）",
    22: "二、机关运行经费",
    23: "（一）行政单位",
    24: "（二）参照公务员法管理事业单位",
}
THREE_PUBLIC_COUNT_LINES = frozenset(range(12, 22))
