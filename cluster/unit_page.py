"""Sections of a unit's page contributed by the apps above ``cluster`` (issue #17: the unit's
results across the years, from ``results``), the way ``cluster.dashboard`` gathers the home
page's panels: ``cluster`` imports none of them; each app registers its section in its
``AppConfig.ready()``.

A section is ``section(*, request, unit, history, clusters) -> dict | None``: ``history`` is
the page's ``cluster.selectors.UnitHistory`` (the unit's predecessors and successors),
``clusters`` the clusters the viewer may see. The dict needs ``template`` (included with
``section`` in its context). ``order`` sorts sections."""

from __future__ import annotations

from collections.abc import Callable

_sections: list[tuple[int, Callable]] = []


def register_unit_section(section: Callable, *, order: int = 100) -> None:
    if all(existing is not section for _order, existing in _sections):
        _sections.append((order, section))
        _sections.sort(key=lambda item: item[0])


def sections_for(*, request, unit, history, clusters) -> list[dict]:
    result = []
    for _order, section in _sections:
        content = section(request=request, unit=unit, history=history, clusters=clusters)
        if content:
            result.append(content)
    return result
