"""A finding of the disclosure checks: the table, the row, the column, stated, sum, difference."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from . import tables as t

ZERO = Decimal(0)
Row = Mapping[str, Any]
Parts = Iterable[tuple[int, Decimal | None]]


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def amount(row: Row | None, column: str) -> Decimal | None:
    if row is None:
        return None
    value = row["amounts"].get(column)
    return None if value in (None, "") else Decimal(value)


def label_of(row: Row) -> str:
    return " ".join(part for part in (row["code"], row["name"]) if part) or row["name"]


@dataclass
class Findings:
    found: list[dict]

    def compare(
        self,
        table: t.Table,
        row: Row,
        column: str,
        parts: Parts,
        rule: str,
        *,
        when_part_stated: bool = False,
    ) -> None:
        """stated (row, column) = Σ sign × part; a finding when not."""
        parts = list(parts)
        stated = amount(row, column)
        if all(value is None for _sign, value in parts) and (when_part_stated or stated is None):
            return
        total = sum((sign * (value or ZERO) for sign, value in parts), ZERO)
        if (stated or ZERO) == total:
            return
        self.add(table, row, column, stated or ZERO, total, rule)

    def add(self, table: t.Table, row: Row, column: str, stated, total, rule: str) -> None:
        row_label = (
            label_of(row) if table.kind != "lines" else f"{row['name']}（行次{row['code']}）"
        )
        heading = table.heading(column)
        values = {
            "table": table.number,
            "row": row_label,
            "column": heading,
            "stated": money(stated),
            "sum": money(total),
            "difference": money(stated - total),
            "rule": rule,
        }
        self.found.append(
            {
                "table": table.number,
                "row": row["code"] or row["name"],
                "label": row_label,
                "column": column,
                "heading": heading,
                "rule": rule,
                "stated": str(stated),
                "sum": str(total),
                "difference": str(stated - total),
                "message": _(
                    "%(table)s %(row)s, “%(column)s”: %(stated)s stated, but %(rule)s gives "
                    "%(sum)s; they differ by %(difference)s."
                )
                % values,
            }
        )

    def unknown(self, table: t.Table, row: Row, year: int) -> None:
        self.found.append(
            {
                "table": table.number,
                "row": row["code"],
                "label": label_of(row),
                "column": "",
                "heading": "",
                "rule": "catalogue",
                "stated": "",
                "sum": "",
                "difference": "",
                "message": _(
                    "%(table)s %(row)s: the code is not in the classification catalogue of "
                    "%(year)s. Check the 科目编码."
                )
                % {"table": table.number, "row": label_of(row), "year": year},
            }
        )


def plus(*values: Decimal | None) -> list[tuple[int, Decimal | None]]:
    return [(1, value) for value in values]
