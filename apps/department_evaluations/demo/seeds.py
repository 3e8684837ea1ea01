"""The shape a demo department filing is written in, and helpers to type printed figures."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from apps.budgets.demo import BureauSeed, wan
from apps.indicators.models import ScoringPolicy

from ..bounds import FINANCE_COLUMNS
from ..data import Amount, DepartmentData, FinanceData, RubricLine

BASIS = ScoringPolicy.DepartmentBasis
WAN = ScoringPolicy.AmountUnit.WAN
YUAN = ScoringPolicy.AmountUnit.YUAN

# The department framework's standard level-1 indicators (indicators.services.STANDARD_TREE).
OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"


@dataclass(frozen=True)
class PolicySeed:
    """The bureau's department policy of the seed's year: the settings the print implies."""

    basis: str  # ScoringPolicy.DepartmentBasis
    layout: str = ""  # the layout its form is printed in (apps.indicators.layouts.department)
    amount_unit: str = WAN
    # True: the year's 打分表 is the bureau's copy of the shipped one (seed 002's).
    rubric_copy: bool = False


@dataclass(frozen=True)
class Setting:
    """What a seed's cells are entered against: the bureau's rows the data names by id."""

    department_id: int
    # The department framework's level-2 indicators by (level-1 name, level-2 name).
    categories: Mapping[tuple[str, str], int]
    # The filing's 打分表 rows, in the sheet's order (empty without one).
    rubric_items: tuple[int, ...] = ()

    def category(self, level1: str, level2: str) -> int:
        return self.categories[(level1, level2)]


@dataclass(frozen=True)
class DepartmentSeed:
    bureau: BureauSeed
    department: str  # its name, as apps.budgets.demo loads it
    policy: PolicySeed
    build: Callable[[Setting], DepartmentData]


def finance(name: str, unit_id: int, **amounts: Amount) -> FinanceData:
    """A 收支情况 row with every column: the typed ones, the others blank (not printed)."""
    unknown = set(amounts) - set(FINANCE_COLUMNS)
    if unknown:
        raise ValueError(f"not 收支情况 columns: {sorted(unknown)}")
    return FinanceData(
        name=name, unit_id=unit_id, amounts={c: amounts.get(c) for c in FINANCE_COLUMNS}
    )


def wan_or_blank(printed: str) -> Amount:
    """A printed 万元 cell in 元; an empty cell stays blank."""
    return wan(printed) if printed.strip() else None


def yuan(printed: str) -> Decimal:
    """A figure printed in 元 with thousands separators ("9,733,858.45")."""
    return Decimal(printed.replace(",", ""))


def rubric_lines(
    items: tuple[int, ...], printed: tuple[tuple[str, str], ...]
) -> tuple[RubricLine, ...]:
    """The 自评打分 and 备注 of each 打分表 row, matched to the sheet's rows by position."""
    if len(items) != len(printed):
        raise ValueError(f"the 打分表 has {len(items)} rows, the print {len(printed)}")
    return tuple(
        RubricLine(item_id=item, score=Decimal(score) if score else None, note=note)
        for item, (score, note) in zip(items, printed, strict=True)
    )
