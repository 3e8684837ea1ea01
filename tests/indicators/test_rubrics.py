"""The 打分表 as versioned data: the shipped sheet of seed 002, copies and versions per bureau,
and the freeze of a sheet that is shipped or in use, through the services and the admin."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.indicators.models import Framework, Rubric, RubricItem
from apps.indicators.rubrics import (
    rubric_change_refusal,
    rubric_copy,
    rubric_in_use,
    rubric_new_version,
)
from apps.indicators.services import scoring_policy_ensure
from tests import factories

SHIPPED_NAME = "部门整体绩效自评打分表"
ITEM_FIELDS = [
    "position",
    "level1",
    "level2",
    "level3",
    "weight",
    "explanation",
    "standard",
    "whole",
    "sample",
    "qualitative",
    "quantitative",
    "is_deduction",
    "computation",
    "note",
]


@pytest.fixture
def shipped(db) -> Rubric:
    return Rubric.objects.get(bureau=None, name=SHIPPED_NAME, version=1)


def _rows(rubric: Rubric) -> list[tuple]:
    return [tuple(getattr(item, f) for f in ITEM_FIELDS) for item in rubric.items.all()]


def _policy_naming(rubric: Rubric, year) -> None:
    policy = scoring_policy_ensure(fiscal_year=year, framework=Framework.DEPARTMENT)
    policy.department_basis = policy.DepartmentBasis.RUBRIC
    policy.rubric = rubric
    policy.full_clean()
    policy.save()


def _change_url(rubric: Rubric) -> str:
    return reverse("admin:indicators_rubric_change", args=[rubric.pk])


def _change_data(rubric: Rubric, **changes) -> dict:
    """What the change page posts for the rubric and its rows as they stand, with `changes`."""
    items = list(rubric.items.all())
    data: dict = {
        "name": rubric.name,
        "version": rubric.version,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, item in enumerate(items):
        data[f"items-{index}-id"] = item.pk
        data[f"items-{index}-rubric"] = rubric.pk
        for field in ITEM_FIELDS:
            value = getattr(item, field)
            if value is True:
                data[f"items-{index}-{field}"] = "on"
            elif value is not False:
                data[f"items-{index}-{field}"] = value
    data.update(changes)
    return data


def _act(client, action: str, *rubrics: Rubric):
    return client.post(
        reverse("admin:indicators_rubric_changelist"),
        {"action": action, "_selected_action": [r.pk for r in rubrics]},
        follow=True,
    )


# --- the shipped sheet -----------------------------------------------------------------------


def test_the_shipped_sheet_is_seed_002s_fourteen_rows(shipped):
    items = list(shipped.items.all())

    assert len(items) == 14
    hand = [i for i in items if not i.is_deduction]
    deduction = [i for i in items if i.is_deduction]
    assert sum(i.weight for i in hand) == Decimal(100)
    assert [(d.level1, d.level2, d.level3, d.weight) for d in deduction] == [
        ("扣分项", "", "", Decimal(10))
    ]
    assert [i.level3 for i in hand] == [
        "目标制定",
        "目标制定",
        "目标实现",
        "目标实现",
        "支出控制",
        "及时处置",
        "执行进度",
        "资金结余率（低效无效率）",
        "违规记录",
        "预算挂钩",
        "自评公开",
        "问题整改",
        "应用反馈",
    ]
    assert {i.level1 for i in hand} == {"部门预算项目绩效管理", "绩效结果应用"}
    assert sum(i.weight for i in hand if i.level1 == "部门预算项目绩效管理") == Decimal(70)
    assert [i.level2 for i in items[:4]] == ["目标管理"] * 4


def test_the_shipped_sheet_keeps_the_seeds_flags_computations_and_texts(shipped):
    by_position = {i.position: i for i in shipped.items.all()}
    goals_department, goals_projects = by_position[3], by_position[4]

    assert goals_department.computation == RubricItem.Computation.DEPARTMENT_GOALS
    assert goals_projects.computation == RubricItem.Computation.PROJECT_GOALS
    assert goals_projects.note == "部门自评范围为部门所有纳入绩效目标管理的部门预算项目"
    assert (goals_projects.whole, goals_projects.sample) == (False, True)
    assert by_position[7].computation == RubricItem.Computation.EXECUTION_PROGRESS
    assert by_position[8].computation == RubricItem.Computation.PROJECT_BALANCE
    assert [i.position for i in by_position.values() if i.computation] == [3, 4, 7, 8]
    # 整体评价, 样本评价, 定性评价, 定量评价 as ticked in the seed.
    flags = [(i.whole, i.sample, i.qualitative, i.quantitative) for i in by_position.values()]
    assert flags[0] == (True, True, False, True)
    assert flags[1] == (True, True, True, True)
    assert flags[9] == (True, False, True, False)  # 预算挂钩
    assert flags[13] == (True, False, True, True)  # 扣分项
    standard = by_position[2].standard.splitlines()
    assert len(standard) == 5 and standard[2] == "3.绩效指标编制细化量化的，得2分，否则酌情扣分。"
    assert not any("  " in i.standard or "  " in i.explanation for i in by_position.values())


def test_the_migration_goes_back_and_forth(shipped):
    migration = importlib.import_module("apps.indicators.migrations.0005_shipped_rubric")
    rows = _rows(shipped)

    migration.shipped_rubric_delete(django_apps, None)
    assert not Rubric.objects.filter(bureau=None).exists()
    migration.shipped_rubric_create(django_apps, None)

    again = Rubric.objects.get(bureau=None, name=SHIPPED_NAME, version=1)
    assert _rows(again) == rows


# --- copies and versions -------------------------------------------------------------------


def test_a_copy_takes_every_row_into_the_bureau_at_version_1(world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)

    assert (copy.bureau, copy.name, copy.version, copy.based_on) == (
        world.bureau_a,
        SHIPPED_NAME,
        1,
        shipped,
    )
    assert _rows(copy) == _rows(shipped)
    assert set(shipped.items.values_list("pk", flat=True)).isdisjoint(
        copy.items.values_list("pk", flat=True)
    )


def test_a_second_copy_of_the_same_name_takes_the_next_version(world, shipped):
    rubric_copy(rubric=shipped, bureau=world.bureau_a)

    second = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    renamed = rubric_copy(rubric=shipped, bureau=world.bureau_a, name="甲县打分表")

    assert second.version == 2
    assert (renamed.name, renamed.version) == ("甲县打分表", 1)


def test_a_new_version_copies_every_row_and_points_back(world, shipped):
    first = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    first.items.filter(position=1).update(weight=Decimal(8))

    second = rubric_new_version(rubric=first)

    assert (second.bureau, second.name, second.version, second.based_on) == (
        world.bureau_a,
        first.name,
        2,
        first,
    )
    assert _rows(second) == _rows(first)
    assert rubric_new_version(rubric=first).version == 3


def test_the_shipped_sheet_has_no_versions_of_its_own(shipped):
    with pytest.raises(ApplicationError):
        rubric_new_version(rubric=shipped)


# --- the freeze ----------------------------------------------------------------------------


def test_a_fresh_copy_is_not_in_use_and_may_change(world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)

    assert not rubric_in_use(copy) and rubric_change_refusal(copy) is None
    assert rubric_change_refusal(shipped) is not None


def test_a_sheet_named_by_a_scoring_policy_is_in_use(world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    _policy_naming(copy, world.year_a)

    assert rubric_in_use(copy) and rubric_change_refusal(copy) is not None
    # A later version copied from it is not in use by that.
    assert not rubric_in_use(rubric_new_version(rubric=copy))


def test_a_sheet_a_department_self_evaluation_is_scored_by_is_in_use(world, shipped):
    """Found without naming the later app: indicators may not import department_evaluations."""
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    filing = Filing.objects.create(
        kind="department", department=world.dept_a1, fiscal_year=world.year_a
    )
    evaluation_model = django_apps.get_model("department_evaluations", "DepartmentEvaluation")
    evaluation_model.objects.create(filing=filing, rubric=copy)

    assert rubric_in_use(copy)


# --- the admin -----------------------------------------------------------------------------


def test_the_admin_lists_the_shipped_sheet_and_the_own_bureaus_not_anothers(client, world, shipped):
    own = rubric_copy(rubric=shipped, bureau=world.bureau_a, name="甲县打分表")
    foreign = rubric_copy(rubric=shipped, bureau=world.bureau_b, name="乙县打分表")
    client.force_login(world.admin_a)

    page = client.get(reverse("admin:indicators_rubric_changelist"))

    assert set(page.context["cl"].result_list) == {shipped, own}
    assert client.get(_change_url(foreign)).status_code in (302, 403, 404)
    response = client.post(_change_url(foreign), _change_data(foreign, name="改名"))
    assert response.status_code in (302, 403, 404)
    foreign.refresh_from_db()
    assert foreign.name == "乙县打分表"


def test_a_bureau_admin_reads_the_shipped_sheet_but_cannot_change_it(client, world, shipped):
    client.force_login(world.admin_a)
    rows = _rows(shipped)

    page = client.get(_change_url(shipped))
    refused = client.post(
        _change_url(shipped), _change_data(shipped, name="改名", **{"items-0-weight": "9"})
    )
    deleted = client.post(
        reverse("admin:indicators_rubric_delete", args=[shipped.pk]), {"post": "yes"}
    )

    assert page.status_code == 200 and "目标制定" in page.content.decode()
    assert "系统自带" in " ".join(str(m) for m in get_messages(page.wsgi_request))
    assert refused.status_code == 403 and deleted.status_code == 403
    shipped.refresh_from_db()
    assert shipped.name == SHIPPED_NAME and _rows(shipped) == rows


def test_a_bureau_admin_changes_a_copy_not_in_use(client, world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    client.force_login(world.admin_a)

    response = client.post(
        _change_url(copy), _change_data(copy, name="甲县打分表", **{"items-0-weight": "9"})
    )

    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.name == "甲县打分表"
    assert copy.items.get(position=1).weight == Decimal(9)


def test_a_sheet_named_by_a_scoring_policy_is_frozen_in_the_admin(client, world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    _policy_naming(copy, world.year_a)
    rows = _rows(copy)
    client.force_login(world.admin_a)

    page = client.get(_change_url(copy))
    refused = client.post(
        _change_url(copy), _change_data(copy, name="改名", **{"items-0-weight": "9"})
    )

    assert "生成新版本" in " ".join(str(m) for m in get_messages(page.wsgi_request))
    assert refused.status_code == 403
    copy.refresh_from_db()
    assert copy.name == SHIPPED_NAME and _rows(copy) == rows


def test_a_bureau_admin_cannot_make_a_shipped_sheet(client, world):
    client.force_login(world.admin_a)
    data = {"name": "无主打分表", "version": 1, "bureau": ""}
    data.update({f"items-{k}_FORMS": 0 for k in ("TOTAL", "INITIAL", "MIN_NUM")})

    response = client.post(reverse("admin:indicators_rubric_add"), data)

    assert response.status_code == 200 and "bureau" in response.context["adminform"].form.errors
    assert not Rubric.objects.filter(name="无主打分表").exists()


def test_the_copy_action_copies_the_shipped_sheet_into_the_admins_bureau(client, world, shipped):
    client.force_login(world.admin_a)

    _act(client, "copy_to_my_bureau", shipped)

    copy = Rubric.objects.get(bureau=world.bureau_a)
    assert (copy.name, copy.version, copy.based_on) == (SHIPPED_NAME, 1, shipped)
    assert _rows(copy) == _rows(shipped)


def test_the_copy_action_asks_a_superuser_to_be_a_bureau_admin(client, world, shipped):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))

    page = _act(client, "copy_to_my_bureau", shipped)

    assert Rubric.objects.count() == 1
    assert "财政局管理员" in " ".join(str(m) for m in page.context["messages"])


def test_the_new_version_action_makes_the_next_version(client, world, shipped):
    copy = rubric_copy(rubric=shipped, bureau=world.bureau_a)
    _policy_naming(copy, world.year_a)
    client.force_login(world.admin_a)

    _act(client, "new_version", copy)
    page = _act(client, "new_version", shipped)

    second = Rubric.objects.get(bureau=world.bureau_a, version=2)
    assert second.based_on == copy and _rows(second) == _rows(copy)
    assert not Rubric.objects.filter(bureau=None, version=2).exists()
    assert "复制到本局" in " ".join(str(m) for m in page.context["messages"])


def test_the_actions_leave_another_bureaus_sheet_alone(client, world, shipped):
    foreign = rubric_copy(rubric=shipped, bureau=world.bureau_b)
    client.force_login(world.admin_a)

    _act(client, "new_version", foreign)
    _act(client, "copy_to_my_bureau", foreign)

    assert not Rubric.objects.filter(bureau=world.bureau_a).exists()
    assert Rubric.objects.filter(bureau=world.bureau_b).count() == 1


def test_a_scoring_policy_may_name_the_shipped_sheet_but_not_anothers(client, world, shipped):
    foreign = rubric_copy(rubric=shipped, bureau=world.bureau_b)
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    client.force_login(world.admin_a)

    page = client.get(reverse("admin:indicators_scoringpolicy_change", args=[policy.pk]))

    choices = page.context["adminform"].form.fields["rubric"].queryset
    assert shipped in choices and foreign not in choices
