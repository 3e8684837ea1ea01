"""Clauses of a department's drafted report: each figure a `Ref` to its source, a clause whose
figure the data does not hold left out, and a total's parts that are 0 not listed after its 其中
(seed 001's words)."""

from collections.abc import Iterable, Mapping, Sequence

from apps.narratives.figures import Paragraph, Ref, Source

from .sources import State

Pieces = list[str | Ref]

INCOME_WORDS = (
    ("income_carryover", "上年结转"),
    ("income_fiscal", "一般公共预算财政拨款收入"),
    ("income_fund", "政府性基金预算财政拨款收入"),
    ("income_special", "纳入专户管理的非税收入拨款"),
    ("income_superior", "上级补助收入"),
    ("income_business", "事业收入"),
    ("income_other", "其他收入"),
)
EXPENSE_WORDS = (
    ("expense_basic", "基本支出"),
    ("expense_project", "项目支出"),
    ("expense_other", "其他支出"),
)
BASIC_WORDS = (("expense_personnel", "人员经费"), ("expense_public", "公用经费"))
THREE_PUBLIC_WORDS = (
    ("reception", "公务接待费"),
    ("vehicle_operation", "公务用车运行维护费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("overseas", "因公出国（境）费"),
)
ASSET_WORDS = (
    ("assets_in_use", "在用固定资产"),
    ("assets_rented", "出租固定资产"),
    ("assets_other", "其他固定资产"),
)


def joined(clauses: Iterable[Pieces], separator: str) -> Pieces:
    """The clauses that say something, with the separator between them."""
    found: Pieces = []
    for clause in clauses:
        if clause:
            found += [separator, *clause] if found else clause
    return found


class Writer:
    """Clauses over one reading of the data and its sources."""

    def __init__(self, state: State, sources: Mapping[str, Source]):
        self.state = state
        self.sources = sources
        self.year = f"{state.year}年"

    def has(self, key: str) -> bool:
        return key in self.sources

    def says(self, key: str) -> bool:
        """Whether the data holds the figure and it is not 0."""
        return self.has(key) and self.sources[key].shown not in ("", "0")

    def figure(self, words: str, key: str, unit: str = "") -> Pieces:
        """ "words" + the figure + unit, or nothing without the figure."""
        return [words, Ref(key), unit] if self.has(key) else []

    def money(self, words: str, column: str) -> Pieces:
        return self.figure(words, f"finance.{column}", "万元")

    def total(
        self, words: str, column: str, parts: Sequence[tuple[str, str]], among: str = "其中"
    ) -> Pieces:
        """A total in 万元, then its parts that are not 0 after 其中."""
        found = self.money(words, column)
        listed = [self.money(name, part) for part, name in parts if self.says(f"finance.{part}")]
        if found and listed:
            found += [f"，{among}", *joined(listed, "，")]
        return found


def sentence(*clauses: Pieces, lead: str = "", separator: str = "；") -> list[Paragraph]:
    """One paragraph of the clauses after lead, ended by 。 ([] when no clause says anything)."""
    body = joined(clauses, separator)
    return [[lead, *body, "。"]] if body else []


def lines(text: str) -> list[Paragraph]:
    """Typed text as paragraphs, one a line."""
    return [[line.strip()] for line in text.splitlines() if line.strip()]


def headcount(w: Writer) -> Pieces:
    """人员编制 and 实有人数."""
    return joined(
        [
            w.figure("人员编制", "headcount.authorized", "人"),
            w.figure("实有人数", "headcount.actual", "人"),
        ],
        "，",
    )
