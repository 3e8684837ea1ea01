"""Row references: the database ids inside cells and review keys, written as refs of a filing.

A snapshot keeps a row's cells under its database id ("row.412.weight"), a review keys its
rows by id ("row:412", "rubric:57"), and a report figure remembers its source the same way.
Ids mean nothing in another database, so the document writes "#n" instead: for a filing's own
rows, n numbers every id of that table the filing mentions (its rows now and any row its
history still holds), in the order of the ids; for the rows of the 打分表, n is the row's place
in the filing's pinned scoring sheet. The importer gives the refs new ids in the same order.
"""

import re
from collections.abc import Callable, Iterable
from typing import Any

# Per kind: the first segment of a cell key -> the table whose id the second segment is.
CELL_TABLES = {
    "project": {"row": "row"},
    "department": {
        "finance": "finance",
        "goal": "goal",
        "task": "task",
        "output": "output",
        "evaluator": "evaluator",
        "indicator": "indicator",
        "rubric": "rubric",
    },
}
# Per kind: the prefix of a review row key ("row:12") -> its table.
REVIEW_TABLES = {
    "project": {"row": "row"},
    "department": {"row": "indicator", "rubric": "rubric"},
}
RUBRIC = "rubric"  # not the filing's own rows: refs are places in the pinned scoring sheet

ID = re.compile(r"\d+")
REF = re.compile(r"#\d+")

Mapper = Callable[[str, str], str]


def cell_key(kind: str, key: str, mapper: Mapper) -> str:
    """The cell key with its id (or ref) segment passed through mapper(table, token)."""
    parts = key.split(".")
    table = CELL_TABLES.get(kind, {}).get(parts[0])
    if table is None or len(parts) < 3:
        return key
    parts[1] = mapper(table, parts[1])
    return ".".join(parts)


def review_key(kind: str, key: str, mapper: Mapper) -> str:
    prefix, sep, token = key.partition(":")
    table = REVIEW_TABLES.get(kind, {}).get(prefix)
    if table is None or not sep:
        return key
    return f"{prefix}:{mapper(table, token)}"


def cells(kind: str, found: dict[str, str], mapper: Mapper) -> dict[str, str]:
    return {cell_key(kind, key, mapper): value for key, value in found.items()}


def figures(kind: str, records: Any, mapper: Mapper) -> Any:
    """A report section's figure records with their sources translated."""
    if not isinstance(records, list):
        return records
    return [
        {**record, "source": cell_key(kind, record["source"], mapper)}
        if isinstance(record, dict) and isinstance(record.get("source"), str)
        else record
        for record in records
    ]


def tokens(
    kind: str,
    cell_keys: Iterable[str],
    review_keys: Iterable[str],
    sources: Iterable[str],
    pattern: re.Pattern,
) -> dict[str, set[str]]:
    """Every token of each table the keys mention that matches pattern, by table."""
    found: dict[str, set[str]] = {}

    def collect(table: str, token: str) -> str:
        if pattern.fullmatch(token):
            found.setdefault(table, set()).add(token)
        return token

    for key in list(cell_keys) + list(sources):
        cell_key(kind, key, collect)
    for key in review_keys:
        review_key(kind, key, collect)
    return found


def figure_sources(records: Any) -> list[str]:
    if not isinstance(records, list):
        return []
    return [
        record["source"]
        for record in records
        if isinstance(record, dict) and isinstance(record.get("source"), str)
    ]


def numbered(ids: Iterable[int]) -> dict[str, str]:
    """id -> "#n", in the order of the ids."""
    return {str(pk): f"#{place}" for place, pk in enumerate(sorted(set(ids)), start=1)}


def mapper_of(tables: dict[str, dict[str, str]]) -> Mapper:
    """A mapper over {table: {token: new token}}; a token it does not know stays as it is."""

    def mapper(table: str, token: str) -> str:
        return tables.get(table, {}).get(token, token)

    return mapper
