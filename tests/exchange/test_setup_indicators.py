"""Bulk set-up of the indicator library and of a 打分表 version through the admin."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from apps.exchange.imports import CheckedXLSX, dataset_of_upload, problems_of
from apps.indicators.models import Framework, LibraryIndicator, Rubric, RubricItem
from apps.indicators.resources import LibraryIndicatorResource, RubricItemResource
from apps.indicators.rubrics import rubric_copy, rubric_new_version
from apps.indicators.services import scoring_policy_ensure, taxonomy_ensure_standard
from tests.exchange.test_setup_imports import (
    admin_confirm,
    admin_export,
    admin_import,
    assert_places,
    place,
    result_problems,
    xlsx,
)

LIBRARY_HEADINGS = [
    "框架",
    "一级指标",
    "二级指标",
    "三级指标",
    "比较方式",
    "指标值",
    "计量单位",
    "指标解释",
]
LIBRARY = "indicators_libraryindicator"
RUBRIC = "indicators_rubric"


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def taxonomy(world):
    for bureau in (world.bureau_a, world.bureau_b):
        for framework in Framework:
            taxonomy_ensure_standard(bureau=bureau, framework=framework)


def library_sheet() -> bytes:
    return xlsx(
        LIBRARY_HEADINGS,
        [
            ["项目支出", "产出指标", "数量指标", "培训人次", "≥", "500", "人次", "参训人数"],
            ["项目支出", "产出指标", "时效指标", "完成及时率", "＝", "100", "%", ""],
            ["部门整体支出", "产出指标", "数量指标", "培训人次", "≥", "300", "人次", ""],
            ["项目支出", "满意度指标", "服务对象满意度指标", "群众满意度", "定性", "满意", "", ""],
        ],
        title="指标库",
    )


def test_the_library_imports_into_the_bureaus_taxonomy_and_round_trips(client, world, taxonomy):
    client.force_login(world.admin_a)

    preview = admin_import(client, LIBRARY, world.bureau_a, library_sheet())

    assert result_problems(preview) == [] and preview.context["result"].totals["new"] == 4
    assert not LibraryIndicator.objects.exists()
    admin_confirm(client, LIBRARY, preview)
    rows = LibraryIndicator.objects.filter(category__bureau=world.bureau_a)
    assert {(i.category.framework, i.category.name, i.name, i.target) for i in rows} == {
        (Framework.PROJECT, "数量指标", "培训人次", "500"),
        (Framework.PROJECT, "时效指标", "完成及时率", "100"),
        (Framework.DEPARTMENT, "数量指标", "培训人次", "300"),
        (Framework.PROJECT, "服务对象满意度指标", "群众满意度", "满意"),
    }
    assert not LibraryIndicator.objects.filter(category__bureau=world.bureau_b).exists()

    exported = admin_export(client, LIBRARY)

    again = LibraryIndicatorResource(scope=world.bureau_a).import_data(dataset_of_upload(exported))
    assert problems_of(again) == []
    assert (again.totals["skip"], again.totals["new"], again.totals["update"]) == (4, 0, 0)


def test_the_library_refuses_unknown_indicators_and_comparators(world, taxonomy):
    content = xlsx(
        LIBRARY_HEADINGS,
        [
            ["项目支出", "产出指标", "数量指标", "培训人次", "≥", "500", "人次", ""],
            ["项目支出", "产出指标", "没有的指标", "甲", "≥", "1", "", ""],
            ["专项支出", "产出指标", "数量指标", "乙", "≥", "1", "", ""],
            ["项目支出", "产出指标", "数量指标", "丙", "约等于", "1", "", ""],
        ],
        title="指标库",
    )

    result = LibraryIndicatorResource(scope=world.bureau_a).import_data(dataset_of_upload(content))

    assert_places(
        problems_of(result),
        [place("指标库", 3, 3, "二级指标"), place("指标库", 4, 1, "框架")],
    )
    second = LibraryIndicatorResource(scope=world.bureau_a).import_data(
        dataset_of_upload(
            xlsx(
                LIBRARY_HEADINGS,
                [[*["项目支出", "产出指标", "数量指标", "丙", "约等于"]]],
                "指标库",
            )
        )
    )
    assert_places(problems_of(second), [place("指标库", 2, 5, "比较方式")])
    assert not LibraryIndicator.objects.exists()


@pytest.fixture
def version(world) -> Rubric:
    """Bureau A's copy of the shipped 打分表, which nothing uses yet."""
    shipped = Rubric.objects.filter(bureau__isnull=True).first()
    assert shipped is not None and shipped.items.count() > 3
    return rubric_copy(rubric=shipped, bureau=world.bureau_a)


def rubric_rows(rubric: Rubric) -> list[tuple]:
    return list(rubric.items.order_by("position").values_list("position", "level3", "weight"))


def test_a_rubric_sheet_fills_a_version_exactly_after_a_preview(client, world, version):
    client.force_login(world.admin_a)
    before = rubric_rows(version)
    exported = CheckedXLSX().export_data(RubricItemResource().export(version.items.all()))
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:5] == ["序号", "一级指标", "二级指标", "三级指标", "分值"]
    sheet.cell(2, 5, 7.5)
    sheet.delete_rows(3)  # the second row of the 打分表 goes
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = admin_import(client, RUBRIC, version, buffer.getvalue())

    assert result_problems(preview) == []
    totals = preview.context["result"].totals
    assert (totals["update"], totals["delete"]) == (1, 1)
    assert rubric_rows(version) == before
    admin_confirm(client, RUBRIC, preview)
    after = rubric_rows(version)
    assert after[0][2] == Decimal("7.50")
    assert after == [(before[0][0], before[0][1], Decimal("7.50")), *before[2:]]


def test_a_rubric_sheet_round_trips_unchanged(world, version):
    exported = CheckedXLSX().export_data(RubricItemResource().export(version.items.all()))
    before = list(version.items.order_by("pk").values())

    result = RubricItemResource(scope=version).import_data(dataset_of_upload(exported))

    assert problems_of(result) == []
    assert result.totals["skip"] == len(before) and result.totals["delete"] == 0
    assert list(version.items.order_by("pk").values()) == before


def test_a_rubric_in_use_or_shipped_or_of_another_bureau_takes_no_sheet(client, world, version):
    client.force_login(world.admin_a)
    policy = scoring_policy_ensure(fiscal_year=world.year_a, framework=Framework.DEPARTMENT)
    policy.rubric = version
    policy.save()
    shipped = Rubric.objects.get(pk=version.based_on_id)
    theirs = rubric_copy(rubric=shipped, bureau=world.bureau_b)
    content = CheckedXLSX().export_data(RubricItemResource().export(version.items.all()))
    # With no version it may change, the administrator has no import at all.
    assert client.get(reverse("admin:indicators_rubric_import")).status_code == 403
    fresh = rubric_new_version(rubric=version)
    assert client.get(reverse("admin:indicators_rubric_import")).status_code == 200
    before = list(RubricItem.objects.order_by("pk").values())

    for rubric in (version, shipped, theirs):
        refused = admin_import(client, RUBRIC, rubric, content)
        assert "scope" in refused.context["form"].errors
    for rubric in (version, shipped):  # frozen, whoever imports
        result = RubricItemResource(scope=rubric).import_data(dataset_of_upload(content))
        assert len(problems_of(result)) == 1

    preview = admin_import(client, RUBRIC, fresh, content)
    assert result_problems(preview) == []
    assert list(RubricItem.objects.order_by("pk").values()) == before


def test_one_version_downloads_through_the_admin_action_and_imports_back(client, world, version):
    client.force_login(world.admin_a)
    changelist = reverse("admin:indicators_rubric_changelist")

    response = client.post(changelist, {"action": "export_rows", "_selected_action": [version.pk]})

    assert response.status_code == 200 and response["Content-Type"] == CheckedXLSX.CONTENT_TYPE
    result = RubricItemResource(scope=version).import_data(dataset_of_upload(response.content))
    assert problems_of(result) == [] and result.totals["skip"] == version.items.count()
    shipped = Rubric.objects.get(pk=version.based_on_id)
    both = client.post(
        changelist, {"action": "export_rows", "_selected_action": [version.pk, shipped.pk]}
    )
    assert both.status_code == 302  # refused with a message: one sheet at a time
