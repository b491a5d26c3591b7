"""Dashboard panels contributed by the apps above ``cluster``.

``cluster`` imports none of them: each app writes its panels in its own ``dashboard.py``
(nowhere else: a test holds every registered panel to that), registers them in its
``AppConfig.ready()``, and the dashboard (``/`` and ``/cum/<slug>/<year>/``, one view) asks
every registered panel for its content through ``panels_for``. The cluster's own block of
chairs and members (``cluster/_year_panel.html``) is part of the cluster pages, built once by
``cluster.views._cluster_year_context``.

A panel is ``panel(*, request, cluster, year) -> dict | None``; the dict needs ``template``
(the template to include) and may carry anything that template reads. ``order`` sorts panels.
"""

from __future__ import annotations

from collections.abc import Callable

_panels: list[tuple[int, Callable]] = []


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
