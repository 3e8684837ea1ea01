"""Tests of reading target, actual and amount cells as filers type them (seeds 002, 003)."""

from decimal import Decimal

import pytest
from django.utils import translation

from apps.indicators.scoring import EQ, GE, LE, QUALITATIVE
from apps.indicators.values import (
    ComparatorConflict,
    ParsedValue,
    UnitConflict,
    format_value,
    parse_number,
    parse_value,
    reconcile,
)

D = Decimal
SEED_002_SENTENCE = (
    "督查督办信访件260件；信访案带案下访200次，参与重大活动信访工作30次；敏感时期、"
    "重要时间节点信访稳定工作50次；处置群体性、突发性事件20次，促进社会环境和谐。"
)


def value(text: str, comparator: str | None, number: str, unit: str = "") -> ParsedValue:
    """Build the expected ParsedValue."""
    return ParsedValue(text=text, comparator=comparator, number=D(number), unit=unit)


# --- parse_value --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("260", None, "260", ""),
        ("260件", None, "260", "件"),
        ("≥260件", GE, "260", "件"),
        (">= 260 件", GE, "260", "件"),
        ("≥ 260", GE, "260", ""),
        ("100%", None, "100", "%"),
        ("１２３", None, "123", ""),
        ("1,200.50万元", None, "1200.50", "万元"),
        ("-5", None, "-5", ""),
        ("=100", EQ, "100", ""),
        ("＝100", EQ, "100", ""),
        ("0.5天", None, "0.5", "天"),
        ("≤230元/人", LE, "230", "元/人"),
        ("202104", None, "202104", ""),
        ("95人次", None, "95", "人次"),
        ("3台套", None, "3", "台套"),
        ("99.27", None, "99.27", ""),
    ],
)
def test_parse_value_reads_a_number_with_its_comparator_and_unit(text, comparator, number, unit):
    assert parse_value(text) == value(text, comparator, number, unit)


def test_parse_value_maps_the_full_width_percent_sign_and_keeps_the_text_as_typed():
    assert parse_value(" 95％ ") == value("95％", None, "95", "%")


def test_parse_value_takes_cjk_after_a_number_as_its_unit():
    # Seed 003 writes "30日内" as an actual: read as 30 in the unit "日内", which the checks
    # then find different from the row's unit "天".
    assert parse_value("30日内") == value("30日内", None, "30", "日内")


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_parse_value_of_a_blank_cell_has_no_number(text):
    assert parse_value(text) == ParsedValue(text="", comparator=None, number=None, unit="")


@pytest.mark.parametrize(
    "text",
    [
        "审批后30日内",  # seed 003: text before the number
        "一批12人",
        SEED_002_SENTENCE,  # seed 002: a whole sentence in a quantity cell
        "提升群众满意度95%",
        "4.29-11.12",  # seed 003: a date range
        "95%以上",
        "260，200件",  # two numbers: the full-width comma is not a thousands separator
        "1,20件",
        "≥",
        "≥≥5",
        "1e5",
    ],
)
def test_parse_value_refuses_text_that_is_not_one_number_with_a_unit(text):
    with pytest.raises(ValueError, match="≥260件") as caught:
        parse_value(text)
    assert str(caught.value)


@pytest.mark.parametrize("text", ["推动", "合理", "维护社会稳定，促进社会和谐。", "天/月"])
def test_parse_value_refuses_text_without_a_number(text):
    with pytest.raises(ValueError) as caught:
        parse_value(text)
    assert "定性" in str(caught.value)


def test_parse_value_message_says_what_is_wrong_and_how_to_write_it():
    with translation.override("en"), pytest.raises(ValueError) as caught:
        parse_value("审批后30日内")
    assert str(caught.value) == (
        "“审批后30日内” is not a number with a unit. Write one number followed by its unit, "
        "for example ≥260件 or 100%, without other words."
    )


def test_parse_value_message_quotes_only_the_start_of_a_long_cell():
    with pytest.raises(ValueError) as caught:
        parse_value(SEED_002_SENTENCE)
    assert "“督查督办信访件260件；信访案带案下访2…”" in str(caught.value)
    assert "促进社会环境和谐" not in str(caught.value)


# --- parse_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32", D(32)),
        ("32.00", D("32.00")),
        ("200,000.00", D("200000.00")),
        ("１２", D(12)),
        (" 0.89 ", D("0.89")),
        ("-5", D(-5)),
    ],
)
def test_parse_number_reads_a_plain_amount(text, expected):
    assert parse_number(text) == expected


def test_parse_number_refuses_an_amount_with_a_unit_pointing_at_the_header():
    with translation.override("en"), pytest.raises(ValueError) as caught:
        parse_number("32万元")
    assert str(caught.value) == (
        "“32万元” contains a unit. The unit of this column is printed in its header; "
        "enter the number alone, for example 32."
    )


@pytest.mark.parametrize("text", ["", "  ", "abc", "约32", "32 35", "1,20", "≥32", "32元/人"])
def test_parse_number_refuses_anything_but_a_number(text):
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value)


def test_parse_number_of_a_blank_cell_asks_for_a_number():
    with translation.override("en"), pytest.raises(ValueError) as caught:
        parse_number("")
    assert str(caught.value) == "Enter a number, for example 200,000.00."


# --- format_value -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        (D(260), "件", "260件"),
        (D("100.00"), "%", "100%"),
        (D("0.50"), "天", "0.5天"),
        (D("1E+2"), "人", "100人"),
        (D("0.00"), "", "0"),
        (D("1200.5"), "万元", "1200.5万元"),
        (None, "件", ""),
    ],
)
def test_format_value_shows_the_number_without_trailing_zeros(number, unit, expected):
    assert format_value(number, unit) == expected


def test_format_value_shows_back_what_parse_value_read():
    parsed = parse_value("≥260.0件")
    assert format_value(parsed.number, parsed.unit) == "260件"


# --- reconcile ----------------------------------------------------------------------------


def test_reconcile_takes_the_typed_comparator_and_unit_when_the_row_has_none():
    assert reconcile("", parse_value("≥260件"), "") == (GE, "件")


def test_reconcile_keeps_the_chosen_comparator_and_unit_when_nothing_is_typed():
    assert reconcile(LE, parse_value("230"), "元/人") == (LE, "元/人")


def test_reconcile_accepts_a_typed_sign_and_unit_that_agree_with_the_row():
    assert reconcile(">=", parse_value("≥260件"), " 件 ") == (GE, "件")
    assert reconcile(GE, parse_value("95％"), "％") == (GE, "%")


def test_reconcile_of_a_blank_target_keeps_the_row_as_chosen():
    assert reconcile(QUALITATIVE, parse_value(""), "") == (QUALITATIVE, "")
    assert reconcile("", parse_value(""), "") == ("", "")


def test_reconcile_refuses_a_typed_comparator_that_contradicts_the_chosen_one():
    with translation.override("en"), pytest.raises(ComparatorConflict) as caught:
        reconcile(LE, parse_value("≥260件"), "件")
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "The target “≥260件” says ≥, but the comparator chosen is ≤. "
        "Remove the sign from the target or choose ≥."
    )


def test_reconcile_refuses_a_typed_unit_that_contradicts_the_unit_cell():
    with pytest.raises(UnitConflict) as caught:
        reconcile(GE, parse_value("260件"), "人")
    assert isinstance(caught.value, ValueError)
    assert "件" in str(caught.value)
    assert "人" in str(caught.value)


def test_reconcile_refuses_a_select_value_that_is_not_a_comparator():
    with pytest.raises(ValueError) as caught:
        reconcile("大于", parse_value("260"), "")
    assert not isinstance(caught.value, ComparatorConflict | UnitConflict)
    assert "大于" in str(caught.value)
