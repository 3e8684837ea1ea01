"""Long forms save; posts the page would not send are refused whole and never delete rows."""

import pytest

from apps.filings.models import Filing
from apps.project_evaluations.forms import MAX_ROWS
from apps.project_evaluations.models import IndicatorRow
from tests.project_evaluations.test_form import _form, _url


def _with_rows(data: dict[str, str], count: int) -> dict[str, str]:
    """The form with `count` new rows in the first row's group, as the page's script posts them."""
    category = data["rows-0-category"]
    kept = {k: v for k, v in data.items() if not k.startswith("rows-")}
    for index in range(count):
        kept |= {
            f"rows-{index}-id": "",
            f"rows-{index}-category": category,
            f"rows-{index}-name": f"指标{index}",
            f"rows-{index}-comparator": "≥",
            f"rows-{index}-target": "100",
            f"rows-{index}-unit": "%",
            f"rows-{index}-actual": "100",
            f"rows-{index}-weight": "0.1",
            f"rows-{index}-qualitative_label": "",
            f"rows-{index}-qualitative_score": "",
            f"rows-{index}-deviation_reason": "",
            f"rows-{index}-not_applicable_reason": "",
        }
    kept["rows-TOTAL"] = str(count)
    return kept


def _rows_of(filing) -> list[tuple[int, str]]:
    return list(
        IndicatorRow.objects.filter(evaluation__filing=filing)
        .order_by("position")
        .values_list("pk", "category_id")
    )


def test_a_form_of_the_maximum_rows_saves(client, world, started):
    data = _with_rows(_form(client, world.project_a1), MAX_ROWS)

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    assert IndicatorRow.objects.filter(evaluation__filing=started).count() == MAX_ROWS
    page = client.get(_url(world.project_a1)).content.decode()
    assert "指标499" in page


def test_more_rows_than_the_maximum_are_refused_with_a_message(client, world, started):
    before = _rows_of(started)
    data = _with_rows(_form(client, world.project_a1), MAX_ROWS + 1)

    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "最多 500 行" in page and "指标500" in page
    assert _rows_of(started) == before
    computed = client.post(_url(world.project_a1, "project_evaluation_compute"), data)
    assert computed.status_code == 200
    assert any("最多 500 行" in f["message"] for f in computed.json()["findings"])


def _only_version(data):
    return {"version": data["version"]}


def _without_count(data):
    return {k: v for k, v in data.items() if k != "rows-TOTAL"}


def _count(value):
    return lambda data: data | {"rows-TOTAL": value}


def _duplicate_first_id(data):
    return data | {"rows-1-id": data["rows-0-id"]}


def _id(value):
    return lambda data: data | {"rows-0-id": value}


@pytest.mark.parametrize(
    "tamper",
    [
        _only_version,
        _without_count,
        _count("-1"),
        _count("abc"),
        _count("3"),
        _duplicate_first_id,
        _id("abc"),
        _id("²"),
    ],
    ids=[
        "only-version",
        "no-count",
        "negative-count",
        "text-count",
        "count-below-rows",
        "duplicated-id",
        "text-id",
        "superscript-id",
    ],
)
def test_tampered_post_is_refused_and_deletes_no_row(client, world, started, tamper):
    # Given a saved evaluation with its standard rows
    data = _form(client, world.project_a1)
    data["rows-0-name"] = "我填写的指标"
    before = _rows_of(started)

    # When a post the page would not send arrives
    response = client.post(_url(world.project_a1), tamper(data))

    # Then it is refused with a message, the page shows what came, and no row is gone
    assert response.status_code == 400
    page = response.content.decode()
    assert "未保存任何内容" in page
    assert _rows_of(started) == before
    assert Filing.objects.get(pk=started.pk).version == started.version
    if "rows-0-name" in tamper(data):
        assert "我填写的指标" in page
