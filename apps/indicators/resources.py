"""The indicator library (指标库) and a 打分表's rows as sheets, for the admin's bulk set-up.

Library rows are keyed by 框架, 一级指标, 二级指标 and 三级指标 in the importing bureau; the
一级/二级 indicators must exist in the bureau's taxonomy. A 打分表 sheet goes into one version of
a bureau's rubric that nothing uses yet (make a new version first, `rubrics.rubric_new_version`):
its rows are keyed by 序号, and the version's rows the sheet leaves out are deleted, so the
version holds exactly the sheet (the preview lists them as deleted).
"""

from copy import deepcopy
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.results import RowResult
from import_export.widgets import DecimalWidget, IntegerWidget, Widget

from apps.exchange.imports import ChoiceLabelWidget, Column, SheetResource, YesNoWidget
from apps.exchange.reading import Problem

from .models import Framework, IndicatorCategory, LibraryIndicator, RubricItem
from .rubrics import rubric_change_refusal

FRAMEWORK, LEVEL1, LEVEL2 = "框架", "一级指标", "二级指标"
EQ, FULL_WIDTH_EQ = "=", "＝"
_FRAMEWORKS = ChoiceLabelWidget(Framework)


class CategoryWidget(Widget):
    """A level-2 indicator of the bureau, by its name under the row's 框架 and 一级指标."""

    def __init__(self, bureau: Any = None) -> None:
        super().__init__()
        self.bureau = bureau

    def find(self, framework: Any, level1: Any, level2: Any) -> IndicatorCategory | None:
        return (
            IndicatorCategory.objects.filter(
                bureau=self.bureau,
                framework=framework,
                level=2,
                parent__name=str(level1 or "").strip(),
                name=str(level2 or "").strip(),
            )
            .select_related("parent")
            .first()
        )

    def clean(self, value, row=None, **kwargs):
        row = row or {}
        found = self.find(_FRAMEWORKS.clean(row.get(FRAMEWORK)), row.get(LEVEL1), value)
        if found is None:
            raise ValueError(no_such_category(str(row.get(LEVEL1)), str(value)))
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class ComparatorWidget(Widget):
    """≥, >, ≤, <, 定性, and = written ＝: a cell that starts with = is a formula in Excel."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        return {"＝": EQ, "==": EQ}.get(text, text)

    def render(self, value, obj=None, **kwargs):
        return FULL_WIDTH_EQ if value == EQ else value or ""


def no_such_category(level1: str, level2: str) -> str:
    return _(
        "The bureau's indicators have no level-2 indicator “%(level2)s” under “%(level1)s”. "
        "Add it in the indicator categories first, or correct the name."
    ) % {"level1": level1, "level2": level2}


class LibraryIndicatorResource(SheetResource):
    """框架, 一级指标, 二级指标, 三级指标, 比较方式, 指标值, 计量单位, 指标解释."""

    sheet_title = "指标库"
    framework = Field(column_name=FRAMEWORK)
    level1 = Field(column_name=LEVEL1)
    category = Field(attribute="category", column_name=LEVEL2, widget=CategoryWidget())
    name = Field(attribute="name", column_name="三级指标")
    comparator = Field(attribute="comparator", column_name="比较方式", widget=ComparatorWidget())
    target = Field(attribute="target", column_name="指标值")
    unit = Field(attribute="unit", column_name="计量单位")
    explanation = Field(attribute="explanation", column_name="指标解释")
    columns = (
        Column("framework", required=True, key=True),
        Column("level1", required=True, limit=50, key=True),
        Column("category", required=True, limit=50, key=True),
        Column("name", required=True, limit=200, key=True),
        Column("comparator", required=True),
        Column("target", limit=100),
        Column("unit", limit=20),
        Column("explanation", limit=2000),
    )

    class Meta(SheetResource.Meta):
        model = LibraryIndicator
        fields: tuple[str, ...] = ("framework", "level1", "category", "name", "comparator")
        fields += ("target", "unit", "explanation")
        import_id_fields = ("category", "name")

    def __init__(self, scope: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(scope, user, **kwargs)
        self.fields["category"].widget = CategoryWidget(scope)

    def dehydrate_framework(self, indicator: LibraryIndicator) -> str:
        return _FRAMEWORKS.render(indicator.category.framework)

    def dehydrate_level1(self, indicator: LibraryIndicator) -> str:
        return indicator.category.parent.name if indicator.category.parent else ""

    def get_queryset(self):
        return LibraryIndicator.objects.filter(category__bureau=self.scope).select_related(
            "category__parent"
        )

    def export_stamp(self, queryset) -> dict[str, str]:
        codes = set(queryset.values_list("category__bureau__region_code", flat=True))
        return {"bureau": codes.pop()} if len(codes) == 1 else {}

    def import_stamp(self) -> dict[str, str]:
        return {"bureau": self.scope.region_code}

    def check_rows(self, reader, rows) -> None:
        """A known framework, and a level-2 indicator of the bureau under the level-1 one."""
        widget = CategoryWidget(self.scope)
        for number, values in rows:
            try:
                framework = _FRAMEWORKS.clean(values["framework"])
            except ValueError as error:
                reader.problem(str(error), number, 1)
                continue
            if (
                values["category"]
                and widget.find(framework, values["level1"], values["category"]) is None
            ):
                reader.problem(no_such_category(values["level1"], values["category"]), number, 3)


_WEIGHT = (Decimal("0.01"), Decimal(100), 2)


def _yes_no(attribute: str, heading: str) -> Field:
    return Field(attribute=attribute, column_name=heading, widget=YesNoWidget())


class RubricItemResource(SheetResource):
    """The rows of one 打分表 version: 序号, the levels, 分值, 指标解释, 计分标准, 评价方式 …"""

    sheet_title = "打分表"
    position = Field(attribute="position", column_name="序号", widget=IntegerWidget())
    level1 = Field(attribute="level1", column_name="一级指标")
    level2 = Field(attribute="level2", column_name="二级指标")
    level3 = Field(attribute="level3", column_name="三级指标")
    weight = Field(attribute="weight", column_name="分值", widget=DecimalWidget())
    explanation = Field(attribute="explanation", column_name="指标解释")
    standard = Field(attribute="standard", column_name="计分标准")
    whole = _yes_no("whole", "整体评价")
    sample = _yes_no("sample", "抽样评价")
    qualitative = _yes_no("qualitative", "定性评价")
    quantitative = _yes_no("quantitative", "定量评价")
    is_deduction = _yes_no("is_deduction", "扣分项")
    computation = Field(
        attribute="computation",
        column_name="系统计算",
        widget=ChoiceLabelWidget(RubricItem.Computation, empty=""),
    )
    note = Field(attribute="note", column_name="备注")
    columns = (
        Column("position", required=True, number=(Decimal(0), Decimal(32767), 0), key=True),
        Column("level1", required=True, limit=50),
        Column("level2", limit=50),
        Column("level3", limit=50),
        Column("weight", required=True, number=_WEIGHT),
        Column("explanation", limit=4000),
        Column("standard", limit=4000),
        *(
            Column(name, default="否")
            for name in ("whole", "sample", "qualitative", "quantitative", "is_deduction")
        ),
        Column("computation"),
        Column("note", limit=2000),
    )

    class Meta(SheetResource.Meta):
        model = RubricItem
        fields: tuple[str, ...] = ("position", "level1", "level2", "level3", "weight")
        fields += ("explanation", "standard")
        fields += ("whole", "sample", "qualitative", "quantitative", "is_deduction")
        fields += ("computation", "note")
        import_id_fields = ("position",)

    def get_queryset(self):
        return RubricItem.objects.filter(rubric=self.scope)

    def init_instance(self, row=None):
        return RubricItem(rubric=self.scope)

    def import_data(self, dataset, dry_run=False, raise_errors=False, *args: Any, **kwargs: Any):
        """Only into a version nothing uses (not shipped, not scored by): else a new version."""
        refusal = rubric_change_refusal(self.scope) if self.scope is not None else None
        if refusal is not None:
            return self.refused([Problem(refusal, dataset.title or self.sheet_title)])
        return super().import_data(dataset, dry_run, raise_errors, *args, **kwargs)

    def after_import(self, dataset, result, **kwargs) -> None:
        """The version's rows the sheet leaves out are deleted (listed in the preview)."""
        super().after_import(dataset, result, **kwargs)
        kept = {int(position) for position in dataset[str(self.fields["position"].column_name)]}
        for item in self.get_queryset().exclude(position__in=kept).order_by("position"):
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_DELETE
            row_result.add_instance_info(item)
            diff = self.get_diff_class()(self, item, False)
            diff.compare_with(self, None)
            row_result.diff = diff.as_html()
            row_result.instance = deepcopy(item)  # for the admin's log, with its id
            item.delete()
            result.increment_row_result_total(row_result)
            result.append_row_result(row_result)
