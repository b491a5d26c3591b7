"""One scheduler for every deadline (issue #16), run by cron as ``manage.py run_scheduler``.

Apps above this one register, from their ``AppConfig.ready()``, without this app importing
them:

- ``register(provider)``: ``provider(now)`` yields ``Notice``s, the deadline notices due at
  ``now`` (a pledge to sign before its milestone, a vote closing soon, a proposal or dossier
  due). Each is passed to ``notifications.services.notify`` in its own transaction, so its key
  makes it once per person however often, and from however many servers, the command runs.
  A provider reads; it writes nothing itself.
- ``register_job(job)``: ``job(*, now, options, out)`` does periodic work of its own that is
  more than a notice (the report reminders e-mail each unit and log it in ``ReminderLog``);
  it writes what it did through ``out`` and returns False when part of it failed and must be
  retried on the next run.

Jobs run first, in the order registered, then the providers."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import transaction

from cluster.models import Cluster, User
from notifications.services import notify

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What a provider asks to be told: ``notify``'s arguments."""

    kind: str
    recipients: tuple[User, ...]
    key: str
    title: str
    body: str = ""
    url: str = ""
    cluster: Cluster | None = None


class Output(Protocol):
    def info(self, line: str) -> None: ...
    def warning(self, line: str) -> None: ...
    def success(self, line: str) -> None: ...
    def error(self, line: str) -> None: ...


Provider = Callable[[datetime.datetime], Iterable[Notice]]
Job = Callable[..., bool]

_providers: list[Provider] = []
_jobs: list[Job] = []


def register(provider: Provider) -> Provider:
    """Add a deadline provider (once, however often ``ready()`` runs)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def register_job(job: Job) -> Job:
    if job not in _jobs:
        _jobs.append(job)
    return job


def providers() -> list[Provider]:
    return list(_providers)


def jobs() -> list[Job]:
    return list(_jobs)


@dataclass
class RunSummary:
    created: int = 0  # notices written now
    due: int = 0  # notices the providers asked for (already told ones included)
    failed: list[str] = field(default_factory=list)


def notices_send(*, now: datetime.datetime, dry_run: bool = False) -> RunSummary:
    """Ask every provider what is due at ``now`` and tell the people once. A provider that
    fails is logged and the others still run."""
    summary = RunSummary()
    for provider in _providers:
        try:
            notices = list(provider(now))
        except Exception as error:  # noqa: BLE001 - one app's bug must not stop the others
            logger.exception("Deadline provider %s failed", provider)
            summary.failed.append(f"{getattr(provider, '__qualname__', provider)}: {error}")
            continue
        for notice in notices:
            summary.due += 1
            if dry_run:
                continue
            with transaction.atomic():
                summary.created += len(notify(
                    kind=notice.kind, recipients=notice.recipients, key=notice.key,
                    title=notice.title, body=notice.body, url=notice.url,
                    cluster=notice.cluster))
    return summary


__all__ = ["Notice", "Output", "RunSummary", "jobs", "notices_send", "providers", "register",
           "register_job"]
