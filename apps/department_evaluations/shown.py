"""What a layout shows of a department filing's cells, and what a save keeps of the rest.

A part or cell the layout leaves out is not on the page: the page does not post it, a save keeps
what was stored there (`keep_hidden`), and none of its findings is listed or counted
(`Shown.cell`, `findings_shown`). The checks read every cell: the rules do not change.
"""

from dataclasses import dataclass, replace

from apps.indicators.layouts import DepartmentLayout
from apps.indicators.models import ScoringPolicy

from .bounds import FINANCE_COLUMNS
from .forms import SECTIONS, FormState
from .layout import (
    BASIS_INDICATORS,
    FIXED,
    INDICATOR_CELLS,
    ROW_SECTIONS,
    department_layout,
    fields_of,
    finance_tables,
    indicator_columns,
)
from .selectors import SCALARS


@dataclass(frozen=True)
class Shown:
    """What of a filing the page shows under a layout: parts, typed cells, row columns."""

    parts: frozenset[str]
    scalars: frozenset[str]
    columns: dict[str, frozenset[str]]  # per shown row section, the cells its rows post

    def cell(self, key: str) -> bool:
        """Whether the page shows the cell a finding or an error names ("finance-0.income_total",
        "rubric-12.score", "actual_headcount")."""
        head, _dot, cell = key.partition(".")
        section, dash, _index = head.partition("-")
        if not dash:
            return key not in SCALARS or key in self.scalars
        if section == "rubric":
            return "rubric" in self.parts
        if section in SECTIONS:
            return cell in self.columns.get(section, frozenset())
        return True


def shown(layout: DepartmentLayout, basis: str) -> Shown:
    """The parts, cells and row columns the page shows of a filing under the layout."""
    parts = frozenset(p.key for p in layout.parts)
    scalars = {f.key for key in parts for f in fields_of(layout, key) if f.key in SCALARS}
    if "outputs" in parts:
        scalars.add("satisfaction")
    columns: dict[str, frozenset[str]] = {}
    for section in ROW_SECTIONS:
        if section not in parts:
            continue
        cells = set(FIXED.get(section, ()))
        if section == "finance":
            cells |= {c.key for _title, table in finance_tables(layout) for c in table}
        elif section == "indicators":
            for column in indicator_columns(layout, basis, printed=False):
                cells |= set(INDICATOR_CELLS.get(column.key, ()))
            if basis != BASIS_INDICATORS:  # 定性 results are scored only in a scored tree
                cells -= {"qualitative_label", "qualitative_score", "weight"}
        elif section != "outputs":
            cells |= {f.key for f in fields_of(layout, section)}
        columns[section] = frozenset(cells & {*SECTIONS[section], *FINANCE_COLUMNS})
    return Shown(parts=parts, scalars=frozenset(scalars), columns=columns)


def keep_hidden(posted: FormState, stored: FormState, seen: Shown) -> FormState:
    """The posted cells, with what was stored wherever the page shows nothing.

    A hidden part keeps its stored rows; a shown row keeps the stored value of a column the
    layout leaves out (matched by the row's id: a new row has none); a hidden cell keeps its
    stored value. Nothing is read from the post for them, so nothing there can wipe them.
    """
    scalars = {
        name: value if name in seen.scalars else stored.scalars.get(name, "")
        for name, value in posted.scalars.items()
    }
    sections = {}
    for section in ROW_SECTIONS:
        columns = seen.columns.get(section)
        if columns is None:
            sections[section] = stored.sections.get(section, [])
            continue
        saved = {row["id"]: row for row in stored.sections.get(section, []) if row.get("id")}
        rows = []
        for row in posted.sections.get(section, []):
            old = saved.get(row.get("id", ""), {})
            rows.append(
                {
                    name: value if name == "id" or name in columns else old.get(name, "")
                    for name, value in row.items()
                }
            )
        sections[section] = rows
    rubric = posted.rubric if "rubric" in seen.parts else stored.rubric
    return replace(posted, scalars=scalars, sections=sections, rubric=rubric)


def findings_shown(findings: list, policy: ScoringPolicy) -> list:
    """The findings on cells the bureau's layout shows: what the page lists, and what counts
    against a save or a submission (a cell the filer cannot see cannot be fixed)."""
    seen = shown(department_layout(policy), policy.department_basis)
    return [finding for finding in findings if seen.cell(finding.field)]
