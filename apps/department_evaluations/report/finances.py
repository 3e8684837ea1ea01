"""The drafted paragraphs of a department's finances: income, expense, 三公经费, assets."""

from apps.narratives.figures import Paragraph, Ref

from .writer import (
    ASSET_WORDS,
    BASIC_WORDS,
    EXPENSE_WORDS,
    INCOME_WORDS,
    THREE_PUBLIC_WORDS,
    Pieces,
    Writer,
    joined,
    sentence,
)


def finances(w: Writer) -> list[Paragraph]:
    """Seed 003's 部门整体收支情况: income, expense and what is carried over."""
    return sentence(
        w.total("收入合计", "income_total", INCOME_WORDS),
        w.total("支出合计", "expense_total", EXPENSE_WORDS),
        w.money("年末结转结余", "balance_accumulated"),
        lead=w.year,
    )


def income(w: Writer) -> list[Paragraph]:
    return sentence(w.total("收入合计", "income_total", INCOME_WORDS), lead=_who(w))


def expense(w: Writer) -> list[Paragraph]:
    balances = joined(
        [w.money("当年结余", "balance_current"), w.money("累计结余", "balance_accumulated")], "，"
    )
    return sentence(w.total("支出合计", "expense_total", EXPENSE_WORDS), balances, lead=_who(w))


def _who(w: Writer) -> str:
    return f"{w.year}{w.state.department}"


def general(w: Writer) -> list[Paragraph]:
    """Seed 001's 一般公共预算支出情况: the appropriation and what was spent, by kind."""
    return sentence(
        w.money("一般公共预算财政拨款收入", "income_fiscal"),
        w.total("当年支出合计", "expense_total", EXPENSE_WORDS),
        lead=w.year,
        separator="，",
    )


def basic_expense(w: Writer) -> list[Paragraph]:
    return sentence(w.total("基本支出", "expense_basic", BASIC_WORDS), lead=w.year)


def project_expense(w: Writer) -> list[Paragraph]:
    """Seed 001's 项目支出情况: the total, then the projects by what they spent."""
    spent: list[Pieces] = [
        [line.name, Ref(f"project.{line.filing_id}.executed"), "万元"]
        for line in w.state.projects
        if w.has(f"project.{line.filing_id}.executed")
    ]
    named = ["主要为", *joined(spent, "，"), "等项目支出"] if spent else []
    total = w.money("项目支出", "expense_project")
    return sentence(total, named, lead=w.year, separator="，")


def fund(w: Writer) -> list[Paragraph]:
    """Seed 001's 政府性基金预算支出情况: the appropriation, or that there was none."""
    if not any(key.startswith("finance.") for key in w.sources):
        return []
    if not w.says("finance.income_fund"):
        return [[f"{w.year}无政府性基金预算支出。"]]
    return sentence(w.money("政府性基金预算财政拨款收入", "income_fund"), lead=w.year)


def allocation(w: Writer) -> list[Paragraph]:
    """Seed 001's 预算配置: 编制 and 在职人数, then the 三公经费 against last year."""
    staff = joined(
        [
            w.figure("预算编制数为", "headcount.authorized", "人"),
            w.figure("实际在职人数", "headcount.actual", "人"),
            w.figure("在职人员控制率为", "figure.headcount_rate"),
        ],
        "，",
    )
    three = joined(
        [
            w.money("“三公”经费实际支出", "three_public_total"),
            w.figure("上年支出", "three_public.last_year", "万元"),
            w.figure("变动率为", "figure.three_public_change"),
        ],
        "，",
    )
    return sentence([w.year, *staff] if staff else [], [w.year, *three] if three else [])


def execution(w: Writer) -> list[Paragraph]:
    """Seed 001's 预算执行: income by source, expense, what is carried over, the rate."""
    spent = joined(
        [
            w.money("当年支出", "expense_total"),
            w.money("年末结转结余", "balance_accumulated"),
            w.figure("预算执行率为", "figure.execution_rate"),
        ],
        "，",
    )
    return sentence(w.total("收入", "income_total", INCOME_WORDS), spent, lead=f"{w.year}我单位")


def assets(w: Writer) -> list[Paragraph]:
    return sentence(w.total("末固定资产合计", "assets_total", ASSET_WORDS), lead=w.year)


def three_public(w: Writer) -> list[Paragraph]:
    """Seed 003's 严控“三公经费”支出情况: the total, its parts, last year and the change."""
    this_year = w.total(
        f"{w.year}“三公”经费支出", "three_public_total", THREE_PUBLIC_WORDS, "其中："
    )
    last = joined(
        [
            w.figure("上年“三公”经费支出", "three_public.last_year", "万元"),
            w.figure("变动率为", "figure.three_public_change"),
        ],
        "，",
    )
    return sentence(this_year, last)
