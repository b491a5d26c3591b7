"""The cluster and year the navigation bar links to: the ones in the URL when the page is
about a cluster-year, otherwise the user's first cluster in its working year."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from cluster import selectors
from cluster.mixins import cluster_or_404, parse_year
from cluster.models import Cluster


@dataclass(frozen=True)
class NavTarget:
    cluster: Cluster | None
    year: int | None


def _target(request) -> NavTarget:
    user = request.user
    if not user.is_authenticated:
        return NavTarget(None, None)
    visible = selectors.user_cluster_ids(user)
    kwargs = getattr(request.resolver_match, "kwargs", None) or {}
    cluster = None
    if kwargs.get("slug"):
        try:
            cluster = cluster_or_404(request, kwargs["slug"])  # read once with the view
        except Http404:
            cluster = None
        if cluster is not None and cluster.pk not in visible:
            cluster = None
    if cluster is None:
        wanted = request.GET.get("cum")
        clusters = selectors.user_cluster_list(user=user)
        cluster = next((c for c in clusters if c.slug == wanted), clusters[0] if clusters else None)
    if cluster is None:
        return NavTarget(None, None)
    year = parse_year(kwargs.get("year")) or parse_year(request.GET.get("nam")) or (
        selectors.cluster_working_year(cluster=cluster, today_year=timezone.localdate().year)
    )
    return NavTarget(cluster, year)


def _section(request) -> str:
    """The menu entry the page belongs to (marked as current in the navigation bar): the app's
    namespace, good practices apart from the results they live beside. No query."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    namespace = match.namespace or ""
    if namespace == "results" and (match.url_name or "").startswith("practice"):
        return "practices"
    return namespace


def navigation(request) -> dict:
    return {"nav": SimpleLazyObject(lambda: _target(request)), "nav_section": _section(request)}
