"""Parallel HTTP requests against pytest-django's live server, for races that matter
(signatures, ballots, submissions, document numbers). Meaningful on PostgreSQL: SQLite
serialises writers, so tests using this call ``skip_unless_postgres()`` first."""

from __future__ import annotations

import http.cookiejar
import io
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

CSRF_TOKEN = "c" * 32  # an unmasked 32-character secret, sent as cookie and form field alike

def skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is only meaningful on PostgreSQL (set DATABASE_URL)")


def demo_with_standing_secretariat(slug: str = "snv-bac-trung-bo"):
    """On PostgreSQL only: the demo data, committed for the live server, and the cluster with
    Quảng Trị's officer made its secretariat for every year (a grant), as ``(cluster, user)``."""
    from cluster.models import Cluster, SecretariatGrant, User

    skip_unless_postgres()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    cluster = Cluster.objects.get(slug=slug)
    secretary = User.objects.get(username="canbo.quangtri")
    SecretariatGrant.objects.create(user=secretary, cluster=cluster, year=None)
    return cluster, secretary


@dataclass
class Response:
    status: int
    body: str
    location: str | None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_for(user) -> str:
    """A session cookie value for ``user`` (logged in without a password)."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _post(base_url: str, session: str, path: str, data: dict) -> Response:
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF_TOKEN}, doseq=True)
    request = urllib.request.Request(
        base_url + path,
        data=body.encode(),
        method="POST",
        headers={
            "Cookie": f"sessionid={session}; csrftoken={CSRF_TOKEN}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": base_url + path,
        },
    )
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(
        http.cookiejar.CookieJar()))
    try:
        with opener.open(request, timeout=30) as response:
            return Response(response.status, response.read().decode(), None)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode(errors="replace"),
                        error.headers.get("Location"))


def post_in_parallel(base_url: str, requests: list[tuple[str, str, dict]]) -> list[Response]:
    """Send every ``(session, path, data)`` POST at the same moment; responses in order."""
    barrier = threading.Barrier(len(requests))
    results: list[Response | None] = [None] * len(requests)

    def run(index: int, session: str, path: str, data: dict) -> None:
        barrier.wait()
        results[index] = _post(base_url, session, path, data)

    threads = [threading.Thread(target=run, args=(i, *req)) for i, req in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results  # type: ignore[return-value]
