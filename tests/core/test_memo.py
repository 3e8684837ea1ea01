"""The request memo: one read per request, none kept between requests or outside them."""

from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.memo import RequestMemoMiddleware, memoized


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_outside_a_request_every_call_computes():
    calls, compute = _counter()
    assert [memoized("k", compute), memoized("k", compute)] == [1, 2]
    assert len(calls) == 2


def test_within_a_request_a_key_is_computed_once_and_forgotten_after():
    _calls, compute = _counter()
    seen = []

    def view(request):
        seen.append((memoized("k", compute), memoized("k", compute), memoized("other", compute)))
        return HttpResponse()

    middleware = RequestMemoMiddleware(view)
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().get("/"))

    assert seen == [(1, 1, 2), (3, 3, 4)]
    assert memoized("k", compute) == 5  # the request's memo went with it
