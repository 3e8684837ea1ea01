"""The shape of a posted evaluation form: a post the page would not send is refused whole."""

import re

from django.http import QueryDict
from django.utils.translation import gettext as _

from .bounds import MAX_ROWS
from .data import FUNDING_COLUMNS

# The inputs the page always sends; a post without them was not sent by the page.
REQUIRED_INPUTS = (
    "version",
    "rows-TOTAL",
    "goal_expected",
    "goal_actual",
    "notes",
)
ROW_KEY = re.compile(r"rows-([0-9]{1,6})-[a-z_]+")
_COUNT = re.compile(r"[0-9]{1,6}")


def is_id(text: str) -> bool:
    """Tell whether text is a row id or version as the page writes it: ASCII digits."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def post_problems(
    post: QueryDict,
    indices: list[int],
    rows: list[dict[str, str]],
    columns: tuple[str, ...] = FUNDING_COLUMNS,
) -> dict:
    """Refuse a post the page would not send: it must never be read as cells left blank.

    `columns`: the funding columns the layout shows, whose total cells the page always sends.
    """
    count = post.get("rows-TOTAL", "")
    ids = [row["id"] for row in rows if row["id"]]
    if len(indices) > MAX_ROWS or (_COUNT.fullmatch(count) and int(count) > MAX_ROWS):
        message = _(
            "A self-evaluation holds at most %(max)s indicator rows; this one has %(count)s. "
            "Remove rows, then save again."
        )
        shown = max(len(indices), int(count) if _COUNT.fullmatch(count) else 0)
        return {"rows": message % {"max": MAX_ROWS, "count": shown}}
    if (
        any(name not in post for name in REQUIRED_INPUTS)
        or any(f"funding-total-{column}" not in post for column in columns)
        or not is_id(post.get("version", ""))
        or not _COUNT.fullmatch(count)
        or indices != list(range(int(count)))
        or any(f"rows-{i}-{name}" not in post for i in indices for name in ("id", "category"))
        or any(not is_id(row_id) for row_id in ids)
    ):
        message = _(
            "The form arrived incomplete, so nothing was saved. Reload the page, then enter "
            "your changes again."
        )
        return {"form": message}
    if len(ids) != len(set(ids)):
        message = _(
            "Two indicator rows claim the same saved row, so nothing was saved. Reload the "
            "page, then enter your changes again."
        )
        return {"form": message}
    return {}
