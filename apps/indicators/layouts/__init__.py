"""The official layouts a bureau prints its filings in, on screen and on paper (DESIGN §9).

A layout is data: the columns, headings, order and parts a province's form prints, and which of
its cells are computed. The engine, the checks and the workflow never read a layout's key: a
form and a print ask the layout which cells to show, and the one property that reaches the
engine, `ProjectLayout.points`, says whether the form has 分值 and 得分 at all.

base: the shapes · project: the 项目支出绩效自评表 layouts · department: the 部门整体支出
绩效自评 layouts. `layout_for(framework, key)` is the one lookup; "" is the framework's default.
"""

from .base import Column, DepartmentLayout, Part, ProjectLayout
from .department import DEPARTMENT_LAYOUTS
from .project import PROJECT_LAYOUTS

__all__ = [
    "DEPARTMENT_LAYOUTS",
    "PROJECT_LAYOUTS",
    "Column",
    "DepartmentLayout",
    "Part",
    "ProjectLayout",
    "layout_choices",
    "layout_for",
]

_BY_FRAMEWORK: dict[str, tuple] = {"project": PROJECT_LAYOUTS, "department": DEPARTMENT_LAYOUTS}


def layout_choices(framework: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the shipped layouts, of one framework or of all, defaults first."""
    frameworks = [framework] if framework else list(_BY_FRAMEWORK)
    return [(layout.key, layout.label) for name in frameworks for layout in _BY_FRAMEWORK[name]]


def layout_for(framework: str, key: str = "") -> ProjectLayout | DepartmentLayout:
    """The layout of a framework by key; "" or a key no longer shipped: the framework's default."""
    layouts = _BY_FRAMEWORK[framework]
    return next((layout for layout in layouts if layout.key == key), layouts[0])
