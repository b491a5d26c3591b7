"""What one request reads of the cluster registry, read once (issue #11).

A page and its panels, permission checks and navigation bar ask the same questions of one
cluster-year: its members, its chair and vice-chair, its working year, whether the user's unit
is a member, whether the user is its secretariat, which clusters the user may see. Within a
request the answers live in one dict that ``RequestCacheMiddleware`` creates on the request
(``request.cluster_cache``) and makes current for the selectors (a context variable, so
``cluster.selectors`` needs no request argument). Outside a request (services run by commands,
tests calling selectors) there is no cache and every selector reads the database.

Nothing is kept on model instances, so a long-lived ``Cluster`` or ``User`` never carries a
stale answer; and any save or delete of a cluster, unit, membership, cluster-year, grant or
user during the request empties the cache, so a page rendered after a write reads afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

_current: ContextVar[dict | None] = ContextVar("cluster_request_cache", default=None)


def active() -> bool:
    """Whether a request's cache is current."""
    return _current.get() is not None


def memo(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per request for ``key``; every time outside a request."""
    cache = _current.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def peek(key: tuple) -> Any:
    """What the request has already read for ``key``; None when nothing (or no request)."""
    cache = _current.get()
    return None if cache is None else cache.get(key)


def remember(key: tuple, value: Any) -> None:
    cache = _current.get()
    if cache is not None:
        cache[key] = value


def clear(**_kwargs) -> None:
    """Forget everything read in this request (connected to the registry's writes)."""
    cache = _current.get()
    if cache is not None:
        cache.clear()


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.cluster_cache = {}
        token = _current.set(request.cluster_cache)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
