"""Path converters shared by every app's URLs, registered once (``ClusterConfig.ready``).

- ``year``: four digits in the range ``cluster.mixins.parse_year`` accepts; any other value does
  not match, so the address answers 404.
- ``period``: the reporting period in a URL, ``6-thang`` or ``ca-nam``. The view receives the
  period kind as stored (``ReportingPeriod.Kind``: ``6_thang``/``ca_nam``); ``reverse`` takes
  either the kind or its URL slug. This is the one mapping between the two.
"""

from __future__ import annotations

from cluster.mixins import MAX_YEAR, MIN_YEAR

# URL slug -> the stored value of ``ReportingPeriod.Kind`` (cluster imports no other app, so the
# values are spelled here; tests/cluster/test_urls.py checks they match the model's choices).
PERIOD_KIND_OF_SLUG = {"6-thang": "6_thang", "ca-nam": "ca_nam"}
PERIOD_SLUG_OF_KIND = {kind: slug for slug, kind in PERIOD_KIND_OF_SLUG.items()}


def period_slug(kind: str) -> str:
    """The URL slug of a period kind (``6_thang`` -> ``6-thang``); a slug is returned as is."""
    if kind in PERIOD_KIND_OF_SLUG:
        return kind
    return PERIOD_SLUG_OF_KIND[str(kind)]


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)  # no match: 404
        return year

    def to_url(self, value) -> str:
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)  # reverse() fails rather than printing a dead link
        return str(year)


class PeriodKindConverter:
    regex = "|".join(PERIOD_KIND_OF_SLUG)

    def to_python(self, value: str) -> str:
        return PERIOD_KIND_OF_SLUG[value]

    def to_url(self, value) -> str:
        try:
            return period_slug(value)
        except KeyError:
            raise ValueError(value) from None


def register() -> None:
    from django.urls import register_converter

    register_converter(YearConverter, "year")
    register_converter(PeriodKindConverter, "period")
