"""The 部门整体支出绩效自评 as each seed prints it (000 丽水, 001 云溪, 002 峨边, 003 玉溪).

Part keys the department form and print know, and the cells a part's `fields` may name:
- cover: evaluation_method, evaluation_agency, report_date, prepared_by (seed 001's cover);
- general: contact_person, contact_phone, authorized_headcount, actual_headcount, duties,
  main_work, overall_performance, overall_goal, goal_basis;
- finance: the 收支情况 tables (DepartmentLayout.finance_tables);
- section: a heading only, over the parts after it (三、部门（单位）整体支出绩效自评情况);
- goals: period, expected, achieved; tasks: name, level, content, approved_total,
  approved_fiscal, approved_other, actual, rate, low_reason;
- indicators: the tree, in DepartmentLayout.indicator_columns (level1, level2, name,
  comparator, target, unit, target_joined: 指标性质, 指标值 and 度量单位 in one cell, goal:
  seed 001's 绩效目标, the 三级指标 with its target, actual, deviation; weight and score are
  added wherever the bureau scores the tree);
- outputs: seed 000's 年度绩效状况 — its labelled cells (overall_goal, goal_basis), then the
  公共产品或服务 and 实际效益 tables and 满意度;
- figures: the figures the system computes, with three_public_last_year;
- rubric: the 打分表, with the cells its 执行进度 row reads (executed_by_june, …);
- summary: declared_score, declared_grade; evaluators: name, title, unit (and the signature
  blocks); notes: notes.
Headings and labels are the seed's words, as printed. The first layout is the default: every
part, in the order of DESIGN §5, printed as seed 001's form prints them.
"""

from ..base import DepartmentLayout
from .common import COMPLETE
from .ebian import EBIAN
from .lishui import LISHUI
from .yunxi import YUNXI
from .yuxi import YUXI

DEPARTMENT_LAYOUTS: tuple[DepartmentLayout, ...] = (COMPLETE, LISHUI, YUNXI, EBIAN, YUXI)
