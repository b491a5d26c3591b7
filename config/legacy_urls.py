"""The addresses of before the one cluster-year tree (issue #12). Each old shape answers a
permanent redirect (301) to its new place, keeping the rest of the path and the query string:
reminder e-mails already sent, bookmarks and printed pages link to them. Included last in
``config/urls.py``; none of these prefixes is used by a page of the new tree, so they never
shadow one. The old home address ``/?cum=&nam=`` is redirected by ``cluster.views.HomeView``.

| old                                        | new                                          |
|--------------------------------------------|----------------------------------------------|
| /phong-trao/ban-tin/<conference>/          | /cong-khai/ban-tin/<conference>/             |
| /phong-trao/<slug>/<year>/                 | /cum/<slug>/<year>/phong-trao/               |
| /phong-trao/<slug>/<year>/van-ban/…        | /cum/<slug>/<year>/so-van-ban/…              |
| /phong-trao/<slug>/<year>/bao-cao/…        | /cum/<slug>/<year>/ket-qua/…                 |
| /phong-trao/<slug>/<year>/<other>/…        | /cum/<slug>/<year>/<other>/…                 |
| /giao-uoc/cum/<slug>/                      | /cum/<slug>/giao-uoc/                        |
| /giao-uoc/cum/<slug>/<year>/…              | /cum/<slug>/<year>/giao-uoc/…                |
| /khen-thuong/cum/<slug>/<year>/…           | /cum/<slug>/<year>/khen-thuong/…             |
| /khen-thuong/don-vi/<pk>/                  | /don-vi/<pk>/khen-thuong/                    |
| /van-ban/<slug>/<year>/…                   | /cum/<slug>/<year>/van-ban/…                 |
| /cum/<slug>/nam/<year>/…                   | /cum/<slug>/<year>/…                         |
"""

from __future__ import annotations

from django.http import Http404
from django.urls import re_path, reverse
from django.utils.encoding import escape_uri_path
from django.views.generic import RedirectView

from cluster.mixins import parse_year

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"
YEAR = r"(?P<year>[0-9]{4})"
REST = r"(?P<rest>.*)"

# The campaigns' old sub-paths whose first segment changed; every other one is kept.
CAMPAIGN_RENAMES = (("van-ban/", "so-van-ban/"), ("bao-cao/", "ket-qua/"))


def year_prefix(slug: str, year: str) -> str:
    """``/cum/<slug>/<year>/``; 404 for a year no page of the new tree accepts."""
    if parse_year(year) is None:
        raise Http404("Năm không hợp lệ.")
    return reverse("cluster:year-home", kwargs={"slug": slug, "year": int(year)})


def campaigns_target(*, slug, year, rest):
    if not rest:
        rest = "phong-trao/"
    for old, new in CAMPAIGN_RENAMES:
        if rest.startswith(old):
            rest = new + rest[len(old):]
            break
    return year_prefix(slug, year) + rest


def section_target(section: str):
    """The old ``<prefix>/<slug>/<year>/<rest>`` -> ``/cum/<slug>/<year>/<section><rest>``."""

    def target(*, slug, year, rest):
        return year_prefix(slug, year) + section + rest

    return target


class LegacyRedirectView(RedirectView):
    """301 to ``target(**url kwargs)``, the query string kept."""

    permanent = True
    target = None

    def get_redirect_url(self, *args, **kwargs):
        if "rest" in kwargs:
            kwargs["rest"] = escape_uri_path(kwargs["rest"])
        url = self.target(**kwargs)
        query = self.request.META.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url


def _named(name: str, key: str):
    def target(**kwargs):
        return reverse(name, kwargs={key: kwargs[key]})

    return target


def legacy(regex: str, target):
    return re_path(regex, LegacyRedirectView.as_view(target=target))


urlpatterns = [
    legacy(r"^phong-trao/ban-tin/(?P<conference_slug>[-a-zA-Z0-9_]+)/$",
           _named("campaigns:bulletin", "conference_slug")),
    legacy(rf"^phong-trao/{SLUG}/{YEAR}/{REST}$", campaigns_target),
    legacy(rf"^giao-uoc/cum/{SLUG}/$", _named("pledges:list", "slug")),
    legacy(rf"^giao-uoc/cum/{SLUG}/{YEAR}/{REST}$", section_target("giao-uoc/")),
    legacy(r"^khen-thuong/don-vi/(?P<pk>[0-9]+)/$", _named("commendations:unit-honours", "pk")),
    legacy(rf"^khen-thuong/cum/{SLUG}/{YEAR}/{REST}$", section_target("khen-thuong/")),
    legacy(rf"^van-ban/{SLUG}/{YEAR}/{REST}$", section_target("van-ban/")),
    legacy(rf"^cum/{SLUG}/nam/{YEAR}/{REST}$", section_target("")),
]
