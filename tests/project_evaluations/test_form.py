"""The project self-evaluation page: start, save as typed, refuse what it cannot read, conflicts."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.filings.models import FilingSnapshot
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator
from apps.project_evaluations.models import IndicatorRow
from apps.project_evaluations.services import evaluation_create
from tests.filing_urls import evaluation_url, project_filing_url


def _url(project, name="project_evaluation"):
    if name == "project_evaluation":
        return evaluation_url(project)
    if name in ("project_evaluation_start", "project_evaluation_library"):
        short = name.removeprefix("project_evaluation_")
        full = "project_evaluation_start" if short == "start" else short
        return reverse(f"project_evaluations:{full}", args=[project.pk])
    names = {"project_evaluation_compute": "project_evaluations:compute"}
    return project_filing_url(
        names.get(name, "filings:" + name.removeprefix("project_evaluation_")), project
    )


def _post_data(page: str) -> dict[str, str]:
    """Every input, select and textarea of the evaluation form as the browser would send it."""
    start = page.index('id="jx-evaluation"')
    form = page[start : page.index("</form>", start)]
    data: dict[str, str] = {}
    for match in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', match.group(1)))
        if "name" not in attrs:
            continue
        if attrs.get("type") == "checkbox" and "checked" not in match.group(1):
            continue
        data[attrs["name"]] = attrs.get("value", "")
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = body
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = selected.group(1) if selected else ""
    data.pop("csrfmiddlewaretoken", None)
    return {k: v.replace("&quot;", '"').replace("&amp;", "&") for k, v in data.items()}


def _row_count(page: str) -> int:
    body = page[page.index('<tbody id="jx-rows">') : page.index("</tbody>")]
    return body.count('<tr class="jx-row')


def _fill_one_row(data: dict[str, str], **cells: str) -> dict[str, str]:
    for name, value in cells.items():
        data[f"rows-0-{name}"] = value
    return data


def _form(client, project) -> dict[str, str]:
    """What the page's form would post for the project, as it stands."""
    return _post_data(client.get(_url(project)).content.decode())


def test_blank_start_follows_the_standard_tree(client, world, started):
    page = client.get(_url(world.project_a1)).content.decode()
    level2 = IndicatorCategory.objects.filter(
        bureau=world.bureau_a, framework=Framework.PROJECT, level=2, in_standard_tree=True
    )
    assert _row_count(page) == level2.count() == 9
    assert "项目支出绩效自评表" in page and "数量指标" in page and "服务对象满意度指标" in page
    # The project's budget is prefilled in 万元 (320,000 元).
    assert 'name="funding-total-adjusted" value="32"' in page


def test_save_keeps_values_as_typed_and_understands_units(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["funding-total-executed"] = "30"
    data["funding-fiscal-executed"] = "30"
    _fill_one_row(
        data,
        name="督查督办信访件",
        comparator="",
        target="≥260件",
        unit="",
        actual="255",
        weight="20",
    )

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    row = IndicatorRow.objects.get(evaluation__filing=started, position=0)
    assert (row.comparator, row.target_text, row.unit, row.actual_text) == ("≥", "260", "件", "255")
    assert row.weight == Decimal("20")
    # ≥ row missed: 20 × 255 ÷ 260.
    assert row.score == Decimal("19.6154")
    page = client.get(_url(world.project_a1)).content.decode()
    assert ">255</textarea>" in page and ">260</textarea>" in page and "督查督办信访件" in page
    assert 'name="funding-total-executed" value="30"' in page
    started.refresh_from_db()
    assert started.version == 2 and started.execution_rate == Decimal("0.9375")


def test_unreadable_amount_refuses_the_save_and_keeps_what_was_typed(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["funding-total-executed"] = "三十万"
    _fill_one_row(data, name="新指标名称")

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="三十万"' in page and "新指标名称" in page
    assert "不是数字" in page or "is not a number" in page
    started.refresh_from_db()
    assert started.version == 1
    assert not IndicatorRow.objects.filter(name="新指标名称").exists()


def test_comparator_contradicting_the_target_is_refused(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    _fill_one_row(data, comparator="≤", target="≥260件")
    response = client.post(_url(world.project_a1), data)
    assert response.status_code == 400
    assert ">≥260件</textarea>" in response.content.decode()


def test_second_of_two_concurrent_saves_is_refused_with_what_changed(client, world, started):
    page = client.get(_url(world.project_a1)).content.decode()
    first, second = _post_data(page), _post_data(page)
    _fill_one_row(first, name="来访接待人次", actual="735")
    _fill_one_row(second, name="我的指标", actual="700")

    assert client.post(_url(world.project_a1), first).status_code == 302
    response = client.post(_url(world.project_a1), second)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="jx-conflict"' in page
    assert "735" in page and "来访接待人次" in page  # what the other save changed
    assert "我的指标" in page and ">700</textarea>" in page  # nothing of mine lost
    assert IndicatorRow.objects.get(evaluation__filing=started, position=0).name == "来访接待人次"
    # Saving again, having seen the changes, overwrites knowingly.
    second["version"] = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert client.post(_url(world.project_a1), second).status_code == 302
    assert IndicatorRow.objects.get(evaluation__filing=started, position=0).name == "我的指标"
    assert FilingSnapshot.objects.filter(filing=started).count() == 3


def test_rows_can_be_added_removed_and_reordered(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    category = data["rows-0-category"]
    total = int(data["rows-TOTAL"])
    # Move row 1 to the end, drop row 2, add a new row in row 0's group.
    moved = {
        k.replace("rows-1-", f"rows-{total}-"): v
        for k, v in data.items()
        if k.startswith("rows-1-")
    }
    data.update(moved)
    data.update(
        {
            f"rows-{total + 1}-id": "",
            f"rows-{total + 1}-category": category,
            f"rows-{total + 1}-name": "新增行",
        }
    )
    for index in (1, 2):
        for key in [k for k in data if k.startswith(f"rows-{index}-")]:
            del data[key]
    # Renumber densely, as the page's script does.
    renumbered, new_index = {}, 0
    for index in range(total + 2):
        cells = {k: v for k, v in data.items() if k.startswith(f"rows-{index}-")}
        if not cells:
            continue
        renumbered.update(
            {k.replace(f"rows-{index}-", f"rows-{new_index}-"): v for k, v in cells.items()}
        )
        new_index += 1
    data = {k: v for k, v in data.items() if not k.startswith("rows-")} | renumbered
    data["rows-TOTAL"] = str(new_index)

    assert client.post(_url(world.project_a1), data).status_code == 302
    rows = list(IndicatorRow.objects.filter(evaluation__filing=started).order_by("position"))
    assert len(rows) == total
    assert rows[-1].name == "新增行"


def test_compute_returns_the_engines_scores_without_saving(client, world, started):
    data = _post_data(client.get(_url(world.project_a1)).content.decode())
    data["funding-total-executed"] = "32"
    data["funding-fiscal-executed"] = "32"
    _fill_one_row(
        data, name="满意度", comparator="≥", target="95", unit="%", actual="98%", weight="10"
    )

    response = client.post(_url(world.project_a1, "project_evaluation_compute"), data)

    assert response.status_code == 200
    result = response.json()
    assert result["rows"][0] == "10.00"
    assert result["execution_rate"] == "100.00%" and result["execution_score"] == "10.00"
    assert result["total"] == "20.00" and result["grade"] == "差"
    assert any(f["field"] == "weights" for f in result["findings"])
    started.refresh_from_db()
    assert started.version == 1


def test_reviewer_can_read_but_not_save(client, world, started):
    client.force_login(world.reviewer_a)
    page = client.get(_url(world.project_a1)).content.decode()
    assert "<fieldset disabled>" in page
    data = _post_data(page)
    assert client.post(_url(world.project_a1), data).status_code == 403


def test_start_from_last_year_copies_targets_and_weights_but_not_not_applicable(client, world):
    from tests import factories

    last_year = factories.FiscalYearFactory(bureau=world.bureau_a, year=2022, status="closed")
    old = factories.ProjectFactory(
        department=world.dept_a1, fiscal_year=last_year, code=world.project_a1.code
    )
    filing = evaluation_create(project=old, by=None)
    row = IndicatorRow.objects.filter(evaluation__filing=filing).first()
    row.name, row.target_text, row.unit, row.actual_text, row.weight = (
        "接待",
        "100",
        "件",
        "120",
        15,
    )
    row.not_applicable, row.not_applicable_reason = True, "上年度未发生"
    row.save()
    client.force_login(world.filer_a1)

    client.post(_url(world.project_a1, "project_evaluation_start"), {"start": "last_year"})

    copied = IndicatorRow.objects.get(evaluation__filing__project=world.project_a1, name="接待")
    assert (copied.target_text, copied.unit, copied.weight) == ("100", "件", Decimal("15.00"))
    assert copied.actual_text == ""
    # 不适用 is proposed anew each year, with this year's reason.
    assert (copied.not_applicable, copied.not_applicable_reason) == (False, "")


def test_start_from_library_rows(client, world):
    category = IndicatorCategory.objects.create(
        bureau=world.bureau_a, framework=Framework.PROJECT, level=1, name="产出指标", position=0
    )
    quantity = IndicatorCategory.objects.create(
        bureau=world.bureau_a,
        framework=Framework.PROJECT,
        level=2,
        parent=category,
        name="数量指标",
    )
    item = LibraryIndicator.objects.create(
        category=quantity, name="信访件办结数", comparator="≥", target="260", unit="件"
    )
    client.force_login(world.filer_a1)
    library = client.get(_url(world.project_a1, "project_evaluation_library"), {"q": "办结"})
    assert [r["name"] for r in library.json()["results"]] == ["信访件办结数"]

    client.post(
        _url(world.project_a1, "project_evaluation_start"), {"start": "library", "library": item.pk}
    )

    rows = IndicatorRow.objects.filter(evaluation__filing__project=world.project_a1)
    assert [(r.name, r.comparator, r.target_text, r.unit) for r in rows] == [
        ("信访件办结数", "≥", "260", "件")
    ]


def test_library_of_another_bureau_is_not_offered(client, world):
    level1 = IndicatorCategory.objects.create(
        bureau=world.bureau_b, framework=Framework.PROJECT, level=1, name="产出指标"
    )
    level2 = IndicatorCategory.objects.create(
        bureau=world.bureau_b,
        framework=Framework.PROJECT,
        level=2,
        parent=level1,
        name="数量指标",
    )
    LibraryIndicator.objects.create(category=level2, name="乙县指标", comparator="≥")
    client.force_login(world.filer_a1)
    results = client.get(_url(world.project_a1, "project_evaluation_library"), {"q": "指标"})
    assert results.json()["results"] == []


@pytest.mark.parametrize("rows", [5, 60])
def test_form_page_query_count_does_not_depend_on_rows(
    client, world, started, rows, django_assert_num_queries
):
    filing = started
    template = IndicatorRow.objects.filter(evaluation__filing=filing).first()
    IndicatorRow.objects.filter(evaluation__filing=filing).delete()
    IndicatorRow.objects.bulk_create(
        IndicatorRow(
            evaluation_id=filing.pk,
            category_id=template.category_id,
            position=i,
            name=f"指标{i}",
            target_text="100",
            actual_text="90",
            unit="%",
            weight=1,
        )
        for i in range(rows)
    )
    url = _url(world.project_a1)
    client.get(url)  # warm caches (session, policy creation)
    with django_assert_num_queries(QUERIES_PER_FORM_PAGE):
        response = client.get(url)
    assert _row_count(response.content.decode()) == rows


# Two of them are the report's line (its sections and whether it has a payment table).
QUERIES_PER_FORM_PAGE = 18
