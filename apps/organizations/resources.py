"""The departments of a bureau, with their subordinate units, as one sheet (预算单位).

A row is keyed by its 预算编码 within the importing bureau: a code that another bureau uses is a
new department of this bureau, never that one. 上级单位预算编码 names the parent by its code,
found in the same sheet (earlier or later: parents are saved first) or among the bureau's
departments.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget, IntegerWidget

from apps.exchange.imports import ChoiceLabelWidget, Column, SheetResource

from .models import Department

HEADCOUNT_MAX = 100_000
CODE, NAME, PARENT = "预算编码", "单位名称", "上级单位预算编码"


class DepartmentCodeWidget(ForeignKeyWidget):
    """A department of one bureau, by its budget code; an unknown code says how to mend it.

    `required`: an empty cell is refused (a project's department) or is no department (a
    department's parent). `hint` ends the message for an unknown code.
    """

    def __init__(self, bureau_id: int | None = None, *, required: bool = False, hint=None) -> None:
        super().__init__(Department, field="budget_code")
        self.bureau_id = bureau_id
        self.required = required
        self.hint = hint or _ADD_IT

    def get_queryset(self, value, row, *args, **kwargs):
        return Department.objects.filter(bureau_id=self.bureau_id)

    def clean(self, value, row=None, **kwargs):
        code = "" if value is None else str(value).strip()
        if not code and not self.required:
            return None
        found = self.get_queryset(code, row).filter(budget_code=code).first() if code else None
        if found is None:
            raise ValueError(no_such_department(code, self.hint))
        return found


_ADD_IT = gettext_lazy("Add it as a row of this sheet, or correct the code.")


def no_such_department(code: str, hint=_ADD_IT) -> str:
    return _("No department of the bureau has the budget code %(code)s. %(hint)s") % {
        "code": code,
        "hint": hint,
    }


class DepartmentResource(SheetResource):
    """预算编码, 单位名称, 上级单位预算编码, 单位性质, 联系人, 联系电话, 编制人数."""

    sheet_title = "预算单位"
    budget_code = Field(attribute="budget_code", column_name=CODE)
    name = Field(attribute="name", column_name=NAME)
    parent = Field(attribute="parent", column_name=PARENT, widget=DepartmentCodeWidget())
    nature = Field(
        attribute="nature", column_name="单位性质", widget=ChoiceLabelWidget(Department.Nature)
    )
    contact_person = Field(attribute="contact_person", column_name="联系人")
    contact_phone = Field(attribute="contact_phone", column_name="联系电话")
    authorized_headcount = Field(
        attribute="authorized_headcount", column_name="编制人数", widget=IntegerWidget()
    )
    columns = (
        Column("budget_code", required=True, limit=20, key=True),
        Column("name", required=True, limit=100),
        Column("parent", limit=20),
        Column("nature", required=True),
        Column("contact_person", limit=50),
        Column("contact_phone", limit=30),
        Column("authorized_headcount", number=(Decimal(0), Decimal(HEADCOUNT_MAX), 0), default=0),
    )

    class Meta(SheetResource.Meta):
        model = Department
        fields = (
            "budget_code",
            "name",
            "parent",
            "nature",
            "contact_person",
            "contact_phone",
            "authorized_headcount",
        )
        import_id_fields = ("budget_code",)

    def __init__(self, scope: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(scope, user, **kwargs)
        self.fields["parent"].widget = DepartmentCodeWidget(scope.pk if scope else None)

    def get_queryset(self):
        if self.scope is None:
            return Department.objects.none()
        return Department.objects.filter(bureau=self.scope).select_related("parent")

    def init_instance(self, row=None):
        return Department(bureau=self.scope)

    def export_stamp(self, queryset) -> dict[str, str]:
        codes = set(queryset.values_list("bureau__region_code", flat=True)) if queryset else set()
        return {"bureau": codes.pop()} if len(codes) == 1 else {}

    def import_stamp(self) -> dict[str, str]:
        return {"bureau": self.scope.region_code}

    def check_rows(self, reader, rows) -> None:
        """Each parent exists (in the sheet or the bureau); no unit is its own ancestor."""
        col = 3
        parents: dict[str, str | None] = dict(
            Department.objects.filter(bureau=self.scope).values_list(
                "budget_code", "parent__budget_code"
            )
        )
        in_sheet = {values["budget_code"] for _number, values in rows}
        for _number, values in rows:
            parents[values["budget_code"]] = values["parent"] or None
        for number, values in rows:
            code, parent = values["budget_code"], values["parent"]
            if not parent:
                continue
            if parent not in in_sheet and parent not in parents:
                reader.problem(no_such_department(parent), number, col)
                continue
            seen, current = {code}, parent
            while current and current not in seen:
                seen.add(current)
                current = parents.get(current)
            if current == code:
                reader.problem(
                    _(
                        "The unit would be its own parent (through %(codes)s). "
                        "Correct the parent's budget code."
                    )
                    % {"codes": "、".join(sorted(seen))},
                    number,
                    col,
                )

    def ordered(self, rows):
        """A parent's row before its units' rows, wherever it stands in the sheet."""
        by_code = {values["budget_code"]: (number, values) for number, values in rows}
        done: list = []
        placed: set[str] = set()

        def place(code: str, trail: set[str]) -> None:
            if code in placed or code in trail:  # placed, or a cycle (refused by check_rows)
                return
            parent = by_code[code][1]["parent"]
            if parent in by_code:
                place(parent, trail | {code})
            placed.add(code)
            done.append(by_code[code])

        for _number, values in rows:
            place(values["budget_code"], set())
        return done
