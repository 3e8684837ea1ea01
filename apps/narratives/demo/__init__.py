"""Demo reports: the 评价报告 of seeds 000–004, entered as published, each in its own outline.

Each seed module (lishui, yunxi, ebian and ebian_projects, yuxi, rugao) types its reports'
sections the way the seed prints them, a paragraph a line, under the keys of the outline its
bureau's layout maps to (shipped.BY_LAYOUT); 如皋's project reports have the bureau's outline
for 2020 (shipped.PROJECT_BRIEF). The figures in the text are the department's typed text, not
figures drawn from the data: nothing flags them. 峨边's project reports hold their 支付明细表 as
printed, 合计 included.

Run after apps.budgets.demo, apps.project_evaluations.demo and apps.department_evaluations.demo:
the reports belong to their filings.
"""

from .load import DEMO_REPORT_MODELS, DemoReportsResult, demo_reports_load

__all__ = ["DEMO_REPORT_MODELS", "DemoReportsResult", "demo_reports_load"]
