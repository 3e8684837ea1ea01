"""The outlines shipped with the system, as each seed prints its report, and which layout uses
which: a bureau starts from these and may adjust one for a year (admin 评价报告提纲)."""

PROJECT = """\
标题：{project}项目{year}年绩效评价报告
一、项目概况 | overview
  （一）项目基本情况。 | overview.basic
  （二）项目绩效目标。 | overview.goals | goals
  （三）项目自评步骤及方法。 | overview.method
二、项目资金申报及使用情况 | funds
  （一）项目资金申报及批复情况。 | funds.approval | funding
  （二）资金计划、到位及使用情况（可用表格形式反映）。 | funds.use | payments
  （三）项目财务管理情况。 | funds.finance
三、项目实施及管理情况 | management
  （一）项目组织架构及实施流程。 | management.organization
  （二）项目管理情况。 | management.management
  （三）项目监管情况。 | management.supervision
四、项目绩效情况 | performance
  （一）项目完成情况。 | performance.completion | completion
  （二）项目效益情况。 | performance.benefit | benefit
五、评价结论及建议 | conclusion
  （一）评价结论。 | conclusion.verdict | conclusion
  （二）存在的问题。 | conclusion.problems | missed
  （三）相关建议。 | conclusion.advice
"""

# Seed 004 (如皋): seven short reports of three sections each.
PROJECT_BRIEF = """\
标题：{project}绩效评价报告
一、项目情况 | situation | spent
二、使用原则 | principles
三、项目绩效 | performance
"""

# DESIGN §5.6 and seed 001 (云溪): 五 评价报告综述, sections 一 to 九.
DEPARTMENT = """\
标题：{year}年度{department}部门整体支出绩效评价报告
一、部门（单位）概况 | overview
  （一）主要职能 | overview.duties | duties
  （二）机构设置 | overview.structure | structure
二、一般公共预算支出情况 | general | general
  （一）基本支出情况 | general.basic | basic_expense
  （二）项目支出情况 | general.project | project_expense
三、政府性基金预算支出情况 | fund | fund
四、国有资本经营预算支出情况 | capital
五、社会保险基金预算支出情况 | insurance
六、部门整体支出绩效情况 | performance
  （一）预算配置 | performance.allocation | allocation
  （二）预算执行 | performance.execution | execution
  （三）预算管理 | performance.management
  （四）资产管理 | performance.assets | assets
  （五）职责履行和效益 | performance.duties | projects
七、存在的问题及原因分析 | problems | missed
八、下一步改进措施 | measures
九、其他需要说明的情况 | other
"""

DEPARTMENT_YUNXI = DEPARTMENT.replace(
    "标题：{year}年度{department}部门整体支出绩效评价报告", "标题：五、评价报告综述"
)

# Seed 000 (丽水): the 整体支出绩效评价报告 before the 基本情况表.
DEPARTMENT_LISHUI = """\
标题：{department}整体支出绩效评价报告
一、部门基本概况 | overview | overview
二、部门整体支出绩效状况 | performance | execution
三、存在的问题及原因 | problems | missed
四、提高财政资金绩效的措施与建议 | measures
"""

# Seed 002 (峨边) 附件1.
DEPARTMENT_EBIAN = """\
标题：{year}年度{department}
标题：整体支出绩效评价报告
一、部门（单位）概况 | overview
  （一）机构组成。 | overview.structure | structure
  （二）机构职能。 | overview.duties | duties
  （三）人员概况。 | overview.staff | staff
二、部门财政资金收支情况 | finances
  （一）部门财政资金收入情况。 | finances.income | income
  （二）部门财政资金支出情况。 | finances.expense | expense
三、部门整体预算绩效管理情况 | management
  （一）部门预算管理。 | management.budget | basic_expense
  （二）专项预算管理（根据部门整体支出绩效指标体系确定是否填写） | management.projects | projects
  （三）结果应用情况。 | management.results
四、评价结论及建议 | conclusion
  （一）评价结论。 | conclusion.verdict | conclusion
  （二）存在问题。 | conclusion.problems | missed
  （三）改进建议。 | conclusion.advice
"""

# Seed 003 (玉溪) 公开10.
DEPARTMENT_YUXI = """\
标题：{year}年度部门整体支出绩效自评情况
表号：公开10表
一、部门基本情况 | basic
  (一) 部门概况 | basic.overview | overview
  (二) 部门绩效目标的设立情况 | basic.goals
  (三) 部门整体收支情况 | basic.finances | finances
  (四) 部门预算管理制度建设情况 | basic.rules
  (五) 严控“三公经费”支出情况 | basic.three_public | three_public
二、绩效自评工作情况 | work
  (一) 绩效自评的目的 | work.purpose
  (二) 自评组织过程 | work.process
三、评价情况分析综合评价结论 | conclusion | conclusion
四、存在的问题和整改情况 | problems | missed
五、绩效自评结果应用 | use
六、主要经验及做法 | experience
七、其他需说明的情况 | other
备注：涉密部门和涉密信息按保密规定不公开。
"""

# Name → (label, text): what a bureau picks from in the admin.
OUTLINES = {
    "project": ("项目支出绩效评价报告（一至五）", PROJECT),
    "project_brief": ("项目绩效评价报告（项目情况、使用原则、项目绩效）", PROJECT_BRIEF),
    "department": ("部门整体支出绩效评价报告（一至九）", DEPARTMENT),
    "department_yunxi": ("评价报告综述（湖南·一至九）", DEPARTMENT_YUNXI),
    "department_lishui": ("部门整体支出绩效评价报告（浙江·一至四）", DEPARTMENT_LISHUI),
    "department_ebian": ("整体支出绩效评价报告（四川·附件1）", DEPARTMENT_EBIAN),
    "department_yuxi": ("部门整体支出绩效自评情况（云南·公开10表）", DEPARTMENT_YUXI),
}

# (filing kind, layout key) → the outline its reports start from; "" is any other layout.
BY_LAYOUT = {
    ("project", ""): "project",
    ("department", ""): "department",
    ("department", "yunxi"): "department_yunxi",
    ("department", "lishui"): "department_lishui",
    ("department", "ebian"): "department_ebian",
    ("department", "yuxi"): "department_yuxi",
}
