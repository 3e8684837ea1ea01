"""What the report page posts, read into plain values: each section's text and the 支付明细表
(typed in 万元, as the seeds print it), with an error per refused cell in Chinese."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.core.money import TEN_THOUSAND, quantize, yuan_to_wan
from apps.indicators.values import parse_number

from . import bounds
from .checks import COLUMNS, Payment
from .models import PaymentRow


@dataclass
class Posted:
    bodies: dict[str, str]
    rows: list[Payment] = field(default_factory=list)
    total: Payment | None = None
    # What was typed, for the page to show back on an error.
    typed_rows: list[dict[str, str]] = field(default_factory=list)
    typed_total: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _amount(text: str, cell: str, errors: dict[str, str]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        number = parse_number(text)
    except ValueError as error:
        errors[cell] = str(error)
        return None
    amount = quantize(number * TEN_THOUSAND)
    if amount < 0:
        errors[cell] = _("An amount cannot be negative.")
        return None
    if amount > bounds.AMOUNT_LIMIT:
        errors[cell] = _("This amount is larger than the system can hold.")
        return None
    return amount


def _payment(typed: Mapping[str, str], prefix: str, errors: dict[str, str]) -> Payment:
    name = typed.get("name", "").strip()
    if len(name) > bounds.NAME_CHARS:
        errors[f"{prefix}-name"] = _("At most %(limit)s characters; this cell has %(count)s.") % {
            "limit": bounds.NAME_CHARS,
            "count": len(name),
        }
        name = ""
    amounts = {c: _amount(typed.get(c, ""), f"{prefix}-{c}", errors) for c in COLUMNS}
    return Payment(name=name, **amounts)


def read_post(post: Mapping[str, str], keys: Sequence[str], payments: bool) -> Posted:
    """The sections' text and, on a report with a 支付明细表, its rows as posted."""
    posted = Posted(
        bodies={key: post[f"section-{key}"] for key in keys if f"section-{key}" in post}
    )
    if not payments:
        return posted
    try:
        count = min(int(post.get("payments-TOTAL", "0")), bounds.MAX_PAYMENT_ROWS)
    except ValueError:
        count = 0
    for index in range(max(count, 0)):
        typed = {c: post.get(f"payments-{index}-{c}", "") for c in ("name", *COLUMNS)}
        if post.get(f"payments-{index}-DELETE"):
            continue
        posted.typed_rows.append(typed)
        posted.rows.append(_payment(typed, f"payments-{len(posted.rows)}", posted.errors))
    posted.typed_total = {c: post.get(f"payments-total-{c}", "") for c in COLUMNS}
    posted.total = _payment(posted.typed_total, "payments-total", posted.errors)
    return posted


def shown_amount(value: Decimal | None) -> str:
    return "" if value is None else format(yuan_to_wan(value).normalize(), "f")


def typed_rows(rows: Sequence[PaymentRow]) -> list[dict[str, str]]:
    """The stored rows as the form shows them (万元)."""
    return [
        {"name": row.name, **{c: shown_amount(getattr(row, c)) for c in COLUMNS}} for row in rows
    ]


def typed_total(total: PaymentRow | None) -> dict[str, str]:
    return {c: shown_amount(getattr(total, c)) if total else "" for c in COLUMNS}
