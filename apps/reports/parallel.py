"""Rendering on several processes: a fork pool when the process may have children.

A Celery worker's pool processes are daemons and may not start others: there (and for one
worker) the items are rendered one after the other. The children never use the database: the
connections they inherit are set aside (not closed, which would close the parent's too) and
what they render is plain content.
"""

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.db import connections

_set_aside: list[Any] = []


def _forget_connections() -> None:
    for connection in connections.all(initialized_only=True):
        _set_aside.append(connection.connection)  # kept alive: never closed in the child
        connection.connection = None


def render_processes() -> int:
    """How many processes render the documents of one job (REPORTS_RENDER_PROCESSES, 1)."""
    return max(1, int(getattr(settings, "REPORTS_RENDER_PROCESSES", 1)))


def pool_map(function: Callable, items: Sequence, workers: int) -> Iterator:
    """function(item) for each item, in order, on up to `workers` processes."""
    if workers <= 1 or len(items) <= 1 or multiprocessing.current_process().daemon:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(items)), initializer=_forget_connections) as pool:
        yield from pool.imap(function, items, chunksize=1)
