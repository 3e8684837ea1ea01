"""The users of a bureau's departments, with their roles, as one sheet (用户). Never passwords.

A row is keyed by 用户名. 所属部门预算编码 lists the departments (of the importing bureau)
where the user holds the 角色: one role for all of them, or one per department, each list
separated by 、 or a comma. An import grants the memberships it lists and removes none. A new
user gets an unusable password: the bureau administrator sets one in the admin (change
password), and the user changes it after logging in. A username that belongs to a user the
importing administrator may not manage (another bureau's, a superuser) is refused.
"""

import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from import_export.fields import Field

from apps.exchange.imports import Column, SheetResource, YesNoWidget
from apps.organizations.models import Department

from .models import DepartmentMembership, User
from .permissions import users_manageable_by
from .services import department_membership_grant

CODES, ROLES = "所属部门预算编码", "角色"
_SEPARATORS = re.compile(r"[、,，;；\s]+")


def _split(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text or "") if part]


def _role_labels() -> dict[str, str]:
    """Role by its label (Chinese, the active language's) or its stored value."""
    labels = {value: value for value in DepartmentMembership.Role.values}
    labels.update({str(label): value for value, label in DepartmentMembership.Role.choices})
    with translation.override("zh-hans"):
        labels.update({str(label): value for value, label in DepartmentMembership.Role.choices})
    return labels


class UserResource(SheetResource):
    """用户名, 姓名, 手机号码, 电子邮箱, 是否启用, 所属部门预算编码, 角色."""

    sheet_title = "用户"
    username = Field(attribute="username", column_name="用户名")
    full_name = Field(attribute="full_name", column_name="姓名")
    phone = Field(attribute="phone", column_name="手机号码")
    email = Field(attribute="email", column_name="电子邮箱")
    is_active = Field(attribute="is_active", column_name="是否启用", widget=YesNoWidget())
    departments = Field(column_name=CODES)
    roles = Field(column_name=ROLES)
    columns = (
        Column("username", required=True, limit=150, key=True),
        Column("full_name", required=True, limit=50),
        Column("phone", limit=30),
        Column("email", limit=254),
        Column("is_active", default="是"),
        Column("departments", limit=500),
        Column("roles", limit=200),
    )

    class Meta(SheetResource.Meta):
        model = User
        fields = ("username", "full_name", "phone", "email", "is_active", "departments", "roles")
        import_id_fields = ("username",)

    def __init__(self, scope: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(scope, user, **kwargs)
        self.grants: dict[str, list[tuple[Department, str]]] = {}

    # Export -------------------------------------------------------------------------------

    def _memberships(self, user: User) -> list[DepartmentMembership]:
        return sorted(
            user.department_memberships.select_related("department"),
            key=lambda m: (m.department.budget_code, m.role),
        )

    def dehydrate_departments(self, user: User) -> str:
        return "、".join(m.department.budget_code for m in self._memberships(user))

    def dehydrate_roles(self, user: User) -> str:
        with translation.override("zh-hans"):
            labels = [str(m.get_role_display()) for m in self._memberships(user)]
        return labels[0] if len(set(labels)) == 1 else "、".join(labels)

    # Import -------------------------------------------------------------------------------

    def get_queryset(self):
        if self.user is None:
            return User.objects.none()
        return User.objects.filter(pk__in=users_manageable_by(self.user).values("pk"))

    def init_instance(self, row=None):
        user = User()
        user.set_unusable_password()  # never imported: set in the admin, then by the user
        return user

    def check_rows(self, reader, rows) -> None:
        """Departments of the bureau, roles known, usernames free or of users one manages."""
        departments = {d.budget_code: d for d in Department.objects.filter(bureau=self.scope)}
        roles = _role_labels()
        names = [values["username"] for _number, values in rows]
        existing = User.objects.filter(username__in=names)
        known = set(existing.values_list("username", flat=True))
        taken = known - set(
            existing.filter(pk__in=self.get_queryset().values("pk")).values_list(
                "username", flat=True
            )
        )
        for number, values in rows:
            if values["username"] not in known and not values["departments"]:
                reader.problem(
                    _(
                        "A new user needs a department of the bureau: type its budget code, "
                        "and the role in the next column."
                    ),
                    number,
                    6,
                )
            if values["departments"] and not values["roles"]:
                reader.problem(_("This cell is empty. Fill it in."), number, 7)
            if values["username"] in taken:
                reader.problem(
                    _(
                        "The username %(username)s belongs to a user you do not manage. "
                        "Choose another username."
                    )
                    % {"username": values["username"]},
                    number,
                    1,
                )
            codes, labels = _split(values["departments"]), _split(values["roles"])
            for code in codes:
                if code not in departments:
                    reader.problem(
                        _("No department of the bureau has the budget code %(code)s.")
                        % {"code": code},
                        number,
                        6,
                    )
            for label in labels:
                if label not in roles:
                    reader.problem(
                        _("“%(text)s” is not one of: %(choices)s.")
                        % {"text": label[:40], "choices": "、".join(_zh_roles())},
                        number,
                        7,
                    )
            if codes and labels and len(labels) not in (1, len(codes)):
                reader.problem(
                    _("Give one role for all the departments, or one role for each of them."),
                    number,
                    7,
                )
            if len(labels) == 1:
                labels = labels * len(codes)
            self.grants[values["username"]] = [
                (departments[code], roles[label])
                for code, label in zip(codes, labels, strict=False)
                if code in departments and label in roles
            ]

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        held = set(instance.department_memberships.values_list("department_id", "role"))
        return all((d.pk, role) in held for d, role in self.grants.get(instance.username, []))

    def after_save_instance(self, instance, row, **kwargs) -> None:
        for department, role in self.grants.get(instance.username, []):
            department_membership_grant(user=instance, department=department, role=role)


def _zh_roles() -> list[str]:
    with translation.override("zh-hans"):
        return [str(label) for label in DepartmentMembership.Role.labels]
