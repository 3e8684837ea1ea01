"""Text cells keep to their lengths with a message and never carry control characters to the DB.

Run on PostgreSQL too (it refuses NUL and over-long varchar): DATABASE_URL=postgres://…/jx_p4.
"""

from dataclasses import replace

import pytest

from apps.core.exceptions import ApplicationError
from apps.filings.models import Filing
from apps.project_evaluations.bounds import TEXT_LIMITS
from apps.project_evaluations.models import IndicatorRow, ProjectEvaluation
from apps.project_evaluations.services import evaluation_data_of, evaluation_save
from tests.project_evaluations.test_form import _form, _url


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ("rows-0-name", "name"),
        ("rows-0-target", "target"),
        ("rows-0-unit", "unit"),
        ("rows-0-actual", "actual"),
        ("rows-0-deviation_reason", "deviation_reason"),
        ("goal_expected", "goal_expected"),
        ("goal_actual", "goal_actual"),
        ("notes", "notes"),
    ],
)
def test_text_longer_than_its_cell_is_refused_with_a_message(client, world, started, name, cell):
    # Given a cell typed one character past its limit
    data = _form(client, world.project_a1)
    data[name] = "字" * (TEXT_LIMITS[cell] + 1)

    # When saved, then nothing is saved and the cell says how long it may be
    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert f"最多填写 {TEXT_LIMITS[cell]} 个字" in page
    assert "字" * (TEXT_LIMITS[cell] + 1) in page
    assert Filing.objects.get(pk=started.pk).version == 1


def test_unit_typed_in_the_target_cell_keeps_to_the_unit_length(client, world, started):
    data = _form(client, world.project_a1)
    data |= {"rows-0-target": "≥260" + "件" * 25, "rows-0-unit": "", "rows-0-comparator": ""}
    response = client.post(_url(world.project_a1), data)
    assert response.status_code == 400
    assert "最多填写 20 个字" in response.content.decode()


def test_control_characters_are_removed_and_line_breaks_kept(client, world, started):
    # Given cells holding NUL, BEL and ESC among text, tabs and line breaks
    data = _form(client, world.project_a1)
    data["rows-0-name"] = "信访\x00件\x07办结"
    data["rows-0-deviation_reason"] = "原因：\t人员不足\r\n措施：\x1b增加人手"
    data["goal_expected"] = "完成\x00任务"

    # When saved, then it saves without them (PostgreSQL would refuse the NUL)
    response = client.post(_url(world.project_a1), data)

    assert response.status_code == 302
    row = IndicatorRow.objects.get(evaluation__filing=started, position=0)
    assert row.name == "信访件办结"
    assert row.deviation_reason == "原因：\t人员不足\r\n措施：增加人手"
    assert ProjectEvaluation.objects.get(filing=started).goal_expected == "完成任务"


@pytest.mark.parametrize(
    "change",
    [
        {"name": "x" * 201},
        {"name": "信访\x00件"},
        {"deviation_reason": "y" * 2001},
    ],
)
def test_service_refuses_text_no_form_checked(world, started, change):
    data = evaluation_data_of(started.project_evaluation)
    data = replace(data, rows=(replace(data.rows[0], **change), *data.rows[1:]))
    with pytest.raises(ApplicationError):
        evaluation_save(filing=started, by=None, base_version=1, data=data)
    assert Filing.objects.get(pk=started.pk).version == 1


def test_service_refuses_a_goal_too_long(world, started):
    data = replace(evaluation_data_of(started.project_evaluation), goal_actual="z" * 5001)
    with pytest.raises(ApplicationError):
        evaluation_save(filing=started, by=None, base_version=1, data=data)
