"""Dashboard panels contributed by the apps above ``cluster``.

``cluster`` imports none of them: each app writes its panels in its own ``dashboard.py``
(nowhere else: a test holds every registered panel to that), registers them in its
``AppConfig.ready()``, and the dashboard (``/`` and ``/cum/<slug>/<year>/``, one view) asks
every registered panel for its content through ``panels_for``. The cluster's own block of
chairs and members (``cluster/_year_panel.html``) is part of the cluster pages, built once by
``cluster.views._cluster_year_context``.

A panel is ``panel(*, request, cluster, year) -> dict | None``; the dict needs ``template``
(the template to include) and may carry anything that template reads. ``order`` sorts panels.

**The year's checklist** (issue #13): what the secretariat sets up for a year — the plan and
its legal bases, the criteria, the reporting periods, the pledge, the conferences, the rules
of the bình xét — each item linking to its page and ticked once done. Each app contributes its
items the same way, from its ``dashboard.py``, registered in its ``AppConfig.ready()``
(``register_checklist``): ``items(*, cluster, year) -> list[ChecklistItem]``, each with a
boolean expression (an ``Exists`` on the app's own table, built by its selectors) that says
whether it is done. ``checklist_for`` asks every provider, then evaluates every item's
expression in one query (``cluster.selectors.checklist_conditions_hold``), whatever the number
of apps or rows. Shown to whoever prepares the year (``cluster.view_checklist``).

**Việc cần làm** (issue #14, point 3): what waits for a member unit's leader or officer right
now — sign the pledge, cast the ballot, write, submit or explain the unit's report — shown
first on the home page, as large buttons linking to the action, with the deadline where there
is one. Each app contributes its items through its own panel: a panel's dict may carry
``todos``, a list of ``TodoItem`` built from what the panel already read (so the list costs no
query of its own); ``todos_for`` gathers them in the panels' order, the ones with a deadline
soonest first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster import selectors
from cluster.rules import YearScope

_panels: list[tuple[int, Callable]] = []
_checklist: list[tuple[int, Callable]] = []


def register_panel(panel: Callable, *, order: int = 100) -> None:
    if all(existing is not panel for _order, existing in _panels):
        _panels.append((order, panel))
        _panels.sort(key=lambda item: item[0])


def panels_for(*, request, cluster, year) -> list[dict]:
    result = []
    for _order, panel in _panels:
        content = panel(request=request, cluster=cluster, year=year)
        if content:
            result.append(content)
    return result


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to set up for the year: ``label`` and ``hint`` (what it means, Vietnamese),
    ``url`` (its page), ``done`` (a boolean expression on the cluster's row, evaluated in the
    checklist's one query)."""

    key: str
    label: str
    url: str
    done: Any
    hint: str = ""


@dataclass(frozen=True)
class TodoItem:
    """One action waiting for the user: ``label`` (the button, a verb: "Ký giao ước"),
    ``url`` (where the action is done), ``detail`` (what it is about: the pledge's or the
    session's title), ``deadline`` (an aware datetime, or None when the action has none),
    ``overdue`` (the deadline has passed)."""

    key: str
    label: str
    url: str
    detail: str = ""
    deadline: Any = None
    overdue: bool = False


def todos_for(panels: list[dict]) -> list[TodoItem]:
    """The to-do items the panels carry (``panel["todos"]``): those with a deadline first,
    soonest first, then the others in the panels' order. No query."""
    items = [item for panel in panels for item in panel.get("todos", ())]
    dated = sorted((i for i in items if i.deadline is not None), key=lambda i: i.deadline)
    return dated + [i for i in items if i.deadline is None]


def register_checklist(provider: Callable, *, order: int = 100) -> None:
    if all(existing is not provider for _order, existing in _checklist):
        _checklist.append((order, provider))
        _checklist.sort(key=lambda item: item[0])


def checklist_for(*, request, cluster, year) -> dict | None:
    """The year's checklist for the home page, or None for whoever does not prepare the year
    (or when no app contributes an item). One query."""
    if not _checklist or not request.user.has_perm("cluster.view_checklist",
                                                   YearScope(cluster, year)):
        return None
    items = [item for _order, provider in _checklist
             for item in provider(cluster=cluster, year=year)]
    if not items:
        return None
    done = selectors.checklist_conditions_hold(
        cluster=cluster, conditions={f"done_{item.key}": item.done for item in items})
    rows = [{"key": item.key, "label": item.label, "url": item.url, "hint": item.hint,
             "done": done[f"done_{item.key}"]} for item in items]
    return {"items": rows, "done": sum(1 for row in rows if row["done"]), "total": len(rows),
            "year": year}
