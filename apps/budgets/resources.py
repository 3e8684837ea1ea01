"""The projects of a fiscal year with their funding, as one sheet (项目).

A row is keyed by its department (部门预算编码, a department of the year's bureau) and 项目编码
within the year chosen on import. Amounts are in 元, as the headings say, with two decimals.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.widgets import DecimalWidget

from apps.core.models import AMOUNT_MAX, AMOUNT_PLACES
from apps.exchange.imports import Column, SheetResource
from apps.organizations.models import Department
from apps.organizations.resources import DepartmentCodeWidget, no_such_department

from .models import Project

AMOUNT = (Decimal(0), AMOUNT_MAX, AMOUNT_PLACES)


# A project's department must be set up first: an unknown code says so.
_IMPORT_FIRST = gettext_lazy("Import the department first, or correct the code.")


def _department_widget(bureau_id: int | None = None) -> DepartmentCodeWidget:
    return DepartmentCodeWidget(bureau_id, required=True, hint=_IMPORT_FIRST)


class ProjectResource(SheetResource):
    """部门预算编码, 项目编码, 项目名称, 主管部门, 实施单位, 年初预算数（元）, 全年预算数（元）."""

    sheet_title = "项目"
    department = Field(
        attribute="department",
        column_name="部门预算编码",
        widget=_department_widget(),
    )
    code = Field(attribute="code", column_name="项目编码")
    name = Field(attribute="name", column_name="项目名称")
    competent_department = Field(attribute="competent_department", column_name="主管部门")
    implementing_unit = Field(attribute="implementing_unit", column_name="实施单位")
    initial_budget = Field(
        attribute="initial_budget", column_name="年初预算数（元）", widget=DecimalWidget()
    )
    adjusted_budget = Field(
        attribute="adjusted_budget", column_name="全年预算数（元）", widget=DecimalWidget()
    )
    columns = (
        Column("department", required=True, limit=20, key=True),
        Column("code", required=True, limit=40, key=True),
        Column("name", required=True, limit=200),
        Column("competent_department", required=True, limit=100),
        Column("implementing_unit", required=True, limit=100),
        Column("initial_budget", number=AMOUNT, default=Decimal(0)),
        Column("adjusted_budget", number=AMOUNT, default=Decimal(0)),
    )

    class Meta(SheetResource.Meta):
        model = Project
        fields = (
            "department",
            "code",
            "name",
            "competent_department",
            "implementing_unit",
            "initial_budget",
            "adjusted_budget",
        )
        import_id_fields = ("department", "code")

    def __init__(self, scope: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(scope, user, **kwargs)
        bureau_id = scope.bureau_id if scope is not None else None
        self.fields["department"].widget = DepartmentCodeWidget(
            bureau_id, required=True, hint=_IMPORT_FIRST
        )

    def get_queryset(self):
        if self.scope is None:
            return Project.objects.none()
        return Project.objects.filter(fiscal_year=self.scope).select_related("department")

    def init_instance(self, row=None):
        return Project(fiscal_year=self.scope)

    def export_stamp(self, queryset) -> dict[str, str]:
        if not queryset:
            return {}
        years = set(queryset.values_list("fiscal_year__bureau__region_code", "fiscal_year__year"))
        if len(years) != 1:
            return {}
        region_code, year = years.pop()
        return {"bureau": region_code, "fiscal_year": str(year)}

    def import_stamp(self) -> dict[str, str]:
        return {"bureau": self.scope.bureau.region_code, "fiscal_year": str(self.scope.year)}

    def check_rows(self, reader, rows) -> None:
        """Each row's department is one of the year's bureau."""
        codes = set(
            Department.objects.filter(bureau_id=self.scope.bureau_id).values_list(
                "budget_code", flat=True
            )
        )
        for number, values in rows:
            if values["department"] and values["department"] not in codes:
                reader.problem(no_such_department(values["department"], _IMPORT_FIRST), number, 1)
