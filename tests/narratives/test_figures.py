"""Figures that remember their source: drafted, flagged when the data moves, updated in place."""

from decimal import Decimal

from apps.narratives.figures import (
    Ref,
    Source,
    compose,
    flags,
    percent,
    reanchor,
    sentence_spans,
    update,
    wan,
)

SOURCES = {
    "budget": Source("全年预算数", "32"),
    "executed": Source("全年执行数", "32"),
    "rate": Source("执行率", "100%"),
}
DRAFT = [
    [
        "全年预算数",
        Ref("budget"),
        "万元，全年执行数",
        Ref("executed"),
        "万元。执行率",
        Ref("rate"),
        "。",
    ],
    ["办公费10万元。差旅费22万元。"],
]


def _moved(**shown):
    return {k: Source(s.label, shown.get(k, s.shown)) for k, s in SOURCES.items()}


def test_amounts_print_in_wan_without_trailing_zeros():
    assert wan(Decimal("320000.00")) == "32"
    assert wan(Decimal("8900")) == "0.89"
    assert wan(Decimal("11847200")) == "1184.72"
    assert wan(Decimal("4")) == "0"  # 0.0004 万元 rounds to 0.00
    assert percent(Decimal("0.98112")) == "98.11%"
    assert percent(Decimal("1")) == "100%"


def test_sentences_end_at_full_stops_semicolons_and_lines():
    text = "甲。乙；丙\n丁"
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == ["甲。", "乙；", "丙", "丁"]


def test_a_draft_records_each_figure_with_its_sentence():
    body, records = compose(DRAFT, SOURCES)
    assert body == "全年预算数32万元，全年执行数32万元。执行率100%。\n办公费10万元。差旅费22万元。"
    assert [(r["source"], r["sentence"], r["at"]) for r in records] == [
        ("budget", "全年预算数32万元，全年执行数32万元。", 5),
        ("executed", "全年预算数32万元，全年执行数32万元。", 15),
        ("rate", "执行率100%。", 3),
    ]
    assert flags(body, records, SOURCES) == []


def test_a_changed_figure_flags_only_the_sentence_holding_it():
    body, records = compose(DRAFT, SOURCES)
    found = flags(body, records, _moved(executed="30", rate="93.75%"))
    assert [(f.sentence, f.label, f.old, f.new) for f in found] == [
        ("全年预算数32万元，全年执行数32万元。", "全年执行数", "32", "30"),
        ("执行率100%。", "执行率", "100%", "93.75%"),
    ]


def test_update_rewrites_the_figure_and_not_the_same_number_beside_it():
    body, records = compose(DRAFT, SOURCES)
    data = _moved(executed="30")
    [flag] = flags(body, records, data)
    body, records = update(body, records, flag.index, data)
    # The 全年预算数 of the same sentence also reads "32": it stays.
    assert body.splitlines()[0] == "全年预算数32万元，全年执行数30万元。执行率100%。"
    assert flags(body, records, data) == []


def test_two_figures_of_one_sentence_update_one_after_the_other():
    body, records = compose(DRAFT, SOURCES)
    data = _moved(budget="1024.5", executed="30")
    for flag in sorted(flags(body, records, data), key=lambda f: -f.index):
        body, records = update(body, records, flag.index, data)
    assert body.splitlines()[0] == "全年预算数1024.5万元，全年执行数30万元。执行率100%。"
    assert flags(body, records, data) == []
    # Moving back flags both again, at their new places.
    assert {f.new for f in flags(body, records, SOURCES)} == {"32"}


def test_an_edited_sentence_keeps_its_figure():
    body, records = compose(DRAFT, SOURCES)
    edited = body.replace("全年预算数32万元，", "本年全年预算数32万元，")
    kept = reanchor(edited, records)
    assert [r["sentence"] for r in kept][:2] == ["本年全年预算数32万元，全年执行数32万元。"] * 2
    data = _moved(executed="30")
    [flag] = flags(edited, kept, data)
    edited, kept = update(edited, kept, flag.index, data)
    assert edited.startswith("本年全年预算数32万元，全年执行数30万元。")


def test_a_deleted_sentence_takes_its_figures_along():
    body, records = compose(DRAFT, SOURCES)
    edited = body.replace("执行率100%。", "")
    kept = reanchor(edited, records)
    assert [r["source"] for r in kept] == ["budget", "executed"]
    assert flags(edited, kept, _moved(rate="50%")) == []


def test_a_figure_whose_source_is_gone_is_flagged_and_then_let_go():
    body, records = compose(DRAFT, SOURCES)
    data = {k: v for k, v in SOURCES.items() if k != "rate"}
    [flag] = flags(body, records, data)
    assert (flag.old, flag.new) == ("100%", "")
    body2, records2 = update(body, records, flag.index, data)
    assert body2 == body  # the text stays as the filer has it
    assert flags(body2, records2, data) == []
