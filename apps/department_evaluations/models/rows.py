"""The repeated rows of a department self-evaluation: 收支情况 per institution, goals, tasks,
indicators, products and benefits, evaluators, and the 自评打分 of each 打分表 row."""

from functools import reduce
from operator import and_

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import AmountField, BaseModel
from apps.filings.models.filing import _null_or
from apps.indicators import scoring

from .. import bounds
from .evaluation import DepartmentEvaluation


def _parent(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        DepartmentEvaluation,
        verbose_name=_("department self-evaluation"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


def _amount(label) -> AmountField:
    return AmountField(label, null=True, blank=True)


def _not_negative(fields: tuple[str, ...]) -> Q:
    return reduce(and_, (_null_or(name, Q(**{f"{name}__gte": 0})) for name in fields))


class FinanceRow(BaseModel):
    """收支情况 of one institution (the department or a subordinate unit), amounts in 元.

    Totals are kept as the department types them (published figures), so the checks can
    compare them with the sum of their parts; the total row of all institutions is computed.
    """

    evaluation = _parent("finance_rows")
    position = models.PositiveSmallIntegerField(_("position"))
    unit = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("institution"), max_length=100)
    income_total = _amount("收入合计")
    income_carryover = _amount("上年结转")
    income_fiscal = _amount("财政拨款")
    income_fund = _amount("政府性基金")
    income_special = _amount("专户非税")
    income_superior = _amount("上级补助")
    income_business = _amount("事业收入")
    income_other = _amount("经营及其他")
    expense_total = _amount("支出合计")
    expense_basic = _amount("基本支出")
    expense_personnel = _amount("人员支出")
    expense_public = _amount("公用支出")
    expense_project = _amount("项目支出")
    expense_other = _amount("其他支出")
    balance_current = _amount("当年结余")
    balance_accumulated = _amount("累计结余")
    three_public_total = _amount("三公经费合计")
    reception = _amount("公务接待费")
    vehicle_operation = _amount("公务用车运维费")
    vehicle_purchase = _amount("公务用车购置费")
    overseas = _amount("因公出国费")
    assets_total = _amount("固定资产合计")
    assets_in_use = _amount("在用固定资产")
    assets_rented = _amount("出租固定资产")
    assets_other = _amount("其他固定资产")

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("income and expenditure row")
        verbose_name_plural = _("income and expenditure rows")
        constraints = [
            models.CheckConstraint(
                condition=_not_negative(bounds.FINANCE_COLUMNS),
                name="finance_row_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class QualitativeGoal(BaseModel):
    """整体支出绩效定性目标: an expected goal and what was achieved (财年 where printed)."""

    evaluation = _parent("goals")
    position = models.PositiveSmallIntegerField(_("position"))
    period = models.CharField(_("fiscal year"), max_length=20, blank=True)
    expected = models.TextField(_("expected goal"), max_length=bounds.TEXT_LIMITS["long"])
    achieved = models.TextField(_("achieved"), max_length=bounds.TEXT_LIMITS["long"], blank=True)

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("qualitative goal")
        verbose_name_plural = _("qualitative goals")

    def __str__(self) -> str:
        return self.expected[:40]


class KeyTask(BaseModel):
    """部门年度重点工作任务: approved amounts (总额 = 财政拨款 + 其他), spending, the reason."""

    evaluation = _parent("tasks")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("task"), max_length=200)
    level = models.CharField(_("project level"), max_length=20, blank=True)
    content = models.TextField(_("main content"), max_length=bounds.TEXT_LIMITS["long"], blank=True)
    approved_total = _amount("批复金额 总额")
    approved_fiscal = _amount("批复金额 财政拨款")
    approved_other = _amount("批复金额 其他资金")
    actual = _amount("实际支出金额")
    low_reason = models.TextField(
        _("reason for a low execution rate"), max_length=bounds.TEXT_LIMITS["reason"], blank=True
    )

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        constraints = [
            models.CheckConstraint(
                condition=_not_negative(
                    ("approved_total", "approved_fiscal", "approved_other", "actual")
                ),
                name="key_task_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DepartmentIndicator(BaseModel):
    """A level-3 row of the department's 定量目标 tree: target and result, scored or not."""

    evaluation = _parent("indicators")
    position = models.PositiveSmallIntegerField(_("position"))
    category = models.ForeignKey(
        "indicators.IndicatorCategory",
        verbose_name=_("level-2 indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("level-3 indicator"), max_length=200, blank=True)
    comparator = models.CharField(
        _("comparator"), max_length=4, blank=True, choices=[(c, c) for c in scoring.COMPARATORS]
    )
    target_text = models.CharField(_("target"), max_length=500, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    actual_text = models.CharField(_("actual"), max_length=1000, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, null=True, blank=True)
    qualitative_label = models.CharField(
        _("qualitative result"),
        max_length=30,
        blank=True,
        choices=[(label, label) for label in scoring.QUALITATIVE_LABELS],
    )
    qualitative_score = models.DecimalField(
        _("qualitative score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    deviation_reason = models.TextField(
        _("deviation analysis and improvement"), max_length=bounds.TEXT_LIMITS["reason"], blank=True
    )
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("department indicator")
        verbose_name_plural = _("department indicators")
        constraints = [
            models.CheckConstraint(
                condition=_null_or("weight", Q(weight__gt=0, weight__lte=100))
                & _null_or("qualitative_score", Q(qualitative_score__gte=0))
                & _null_or("score", Q(score__gte=0)),
                name="department_indicator_numbers_in_bounds",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OutputItem(BaseModel):
    """本年度提供的公共产品或服务 / 本年度取得的实际效益 (seed 000): a name, plan and actual."""

    class Section(models.TextChoices):
        PRODUCT = "product", "公共产品或服务"
        BENEFIT = "benefit", "实际效益"

    evaluation = _parent("outputs")
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    plan = models.TextField(_("plan"), max_length=bounds.TEXT_LIMITS["long"], blank=True)
    actual = models.TextField(_("actual"), max_length=bounds.TEXT_LIMITS["long"], blank=True)

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("product or benefit")
        verbose_name_plural = _("products and benefits")

    def __str__(self) -> str:
        return self.name


class Evaluator(BaseModel):
    """评价人员: 姓名, 职务/职称, 单位 (the signature is left blank for ink)."""

    evaluation = _parent("evaluators")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("post or title"), max_length=50, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)

    class Meta:
        ordering = ["evaluation_id", "position"]
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")

    def __str__(self) -> str:
        return self.name


class RubricScore(BaseModel):
    """The department's 自评打分 (or deduction) on one 打分表 row, its 备注 and explanation."""

    evaluation = _parent("rubric_scores")
    item = models.ForeignKey(
        "indicators.RubricItem",
        verbose_name=_("scoring sheet row"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.DecimalField(
        _("self-assessed score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("remarks"), max_length=bounds.TEXT_LIMITS["reason"], blank=True)

    class Meta:
        ordering = ["evaluation_id", "item__position", "item_id"]
        verbose_name = _("scoring sheet score")
        verbose_name_plural = _("scoring sheet scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="rubric_score_unique_item"),
            models.CheckConstraint(
                condition=_null_or("score", Q(score__gte=0, score__lte=100)),
                name="rubric_score_in_bounds",
            ),
        ]

    def __str__(self) -> str:
        return str(self.item)
