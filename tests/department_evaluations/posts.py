"""The department form as the page posts it, built from a saved filing."""

from apps.department_evaluations import selectors
from apps.department_evaluations.forms import state_from_data
from apps.department_evaluations.services import department_create
from apps.filings.models import Filing


def department_filing(department, fiscal_year) -> Filing:
    """The department's filing of the year (started, empty but for its own 收支 row)."""
    found = Filing.objects.filter(
        kind="department", department=department, fiscal_year=fiscal_year
    ).first()
    return found or department_create(department=department, fiscal_year=fiscal_year, by=None)


def department_body(filing: Filing, **cells: str) -> dict[str, str]:
    """Every input of the saved filing's page, changed by cells."""
    fresh = selectors.with_detail(Filing.objects.get(pk=filing.pk))
    policy = selectors.department_policy(fresh)
    data = selectors.data_of(selectors.evaluation_of(fresh))
    state = state_from_data(data, version=fresh.version, unit=policy.amount_unit)
    body = {"version": str(state.version), **state.scalars}
    for section, rows in state.sections.items():
        body[f"{section}-TOTAL"] = str(len(rows))
        for index, row in enumerate(rows):
            body.update({f"{section}-{index}-{name}": value for name, value in row.items()})
    for item_id, row in state.rubric.items():
        body[f"rubric-{item_id}-score"] = row["score"]
        body[f"rubric-{item_id}-note"] = row["note"]
    body.update(cells)
    return body
