"""The yearly classification list in and out of Excel: 年度, 分类, 科目编码, 科目名称.

An import is all or nothing: one row in error (an unknown 分类, a code of a length no level has,
a missing name) and nothing is written; each error names its row.
"""

from typing import IO, Any

import tablib
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from apps.exchange.imports import dataset_of_upload

from .models import Classification, Scheme

HEADINGS = ("年度", "分类", "科目编码", "科目名称")


class SchemeWidget(widgets.Widget):
    """功能分类 / 经济分类 (or function / economic) ↔ the stored value."""

    def clean(self, value: Any, row=None, **kwargs) -> str:
        text = str(value or "").strip()
        for scheme in Scheme:
            if text in (scheme.value, scheme.label):
                return scheme.value
        raise ValueError(_("分类 is 功能分类 or 经济分类, not “%(value)s”.") % {"value": text[:40]})

    def render(self, value: Any, obj=None, **kwargs) -> str:
        return Scheme(value).label if value else ""


class CodeWidget(widgets.CharWidget):
    """A 科目编码 as text, also when Excel stored it as a number (201 or 201.0)."""

    def clean(self, value: Any, row=None, **kwargs) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value if value is not None else "").strip()
        if not text.isdigit():
            raise ValueError(_("科目编码 is digits only, not “%(value)s”.") % {"value": text[:40]})
        return text


class ClassificationResource(resources.ModelResource):
    year = fields.Field(attribute="year", column_name="年度", widget=widgets.IntegerWidget())
    scheme = fields.Field(attribute="scheme", column_name="分类", widget=SchemeWidget())
    code = fields.Field(attribute="code", column_name="科目编码", widget=CodeWidget())
    name = fields.Field(attribute="name", column_name="科目名称")

    class Meta:
        model = Classification
        fields = ("year", "scheme", "code", "name")
        import_id_fields = ("year", "scheme", "code")
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True


def row_errors(result, sheet_rows: list[int] | None = None) -> list[str]:
    """Each refused row of an import, named by its row in the sheet (the header is row 1)."""

    def row(number: int) -> int:
        # import-export counts data rows from 1; the sheet's row numbers skip empty rows.
        if sheet_rows and 0 < number <= len(sheet_rows):
            return sheet_rows[number - 1]
        return number + 1

    messages = []
    for number, errors in result.row_errors():
        for error in errors:
            messages.append(
                _("Row %(row)s: %(error)s") % {"row": row(number), "error": error.error}
            )
    for invalid in result.invalid_rows:
        for field, problems in invalid.error_dict.items():
            for problem in problems:
                messages.append(
                    _("Row %(row)s, %(field)s: %(error)s")
                    % {"row": row(invalid.number), "field": field, "error": problem}
                )
    return messages


def catalogue_import(dataset: tablib.Dataset) -> tuple[int, list[str]]:
    """Import the list; (rows written, errors). With any error nothing is written."""
    result = ClassificationResource().import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    errors = row_errors(result, getattr(dataset, "sheet_rows", None))
    if errors:
        return 0, errors
    return result.totals.get("new", 0) + result.totals.get("update", 0), []


def catalogue_import_file(
    upload: IO[bytes] | bytes, *, size: int | None = None
) -> tuple[int, list[str]]:
    """Import an .xlsx of the list, read as every upload is (formulas, merged cells refused).

    Raises UploadRefused for a file that cannot be read; returns (rows written, row errors).
    """
    return catalogue_import(dataset_of_upload(upload, size=size))
