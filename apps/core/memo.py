"""What one request may read once and reuse: a dict that lives for the request only.

RequestMemoMiddleware opens it around each request; `memoized` reads through it. Outside a
request (a task, a shell, a test calling a function directly) there is no memo and every call
computes afresh, so nothing read here can go stale beyond the request that read it.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("jixiao_request_memo", default=None)


def memoized(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), once per request for the key (every time outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


class RequestMemoMiddleware:
    """Opens a fresh memo for each request and drops it with the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
