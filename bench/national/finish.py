"""Finish a national build that died after making the clusters (issue #11).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national_bench DEBUG=on \\
        nice .venv/bin/python bench/national/finish.py

``build.py`` commits cluster by cluster, so a build stopped during the other clusters' reports
leaves a usable database without them, without the crawler's passwords and without
``bench/results/national.json``. This script reads the clusters back as ``make_cluster`` returned
them, makes the missing reports of the last ``--other-years`` years by ``make_period_bulk``
(a cluster whose periods exist is left alone, so it can be run again), then does what the end of
``build()`` and ``main()`` do: ``roles_for``, ANALYZE, ``national.json``. Migrate first when the
code moved on since the build (``manage.py migrate``).
"""

from __future__ import annotations

import argparse
import time

from build import (  # first: build.py sets Django up
    BIG_SLUG,
    Counter,
    analyze,
    make_period_bulk,
    roles_for,
    sizes_for,
    write_results,
)
from django.db import transaction
from django.utils import timezone

from campaigns.models import Criterion
from cluster.models import Cluster, User
from results.models import ReportingPeriod


def members_and_people(cluster: Cluster) -> tuple[list, dict]:
    """``make_cluster``'s ``members`` (in rotation order) and ``people`` (unit pk → account
    prefix → user) for a cluster it made."""
    members = [m.unit for m in cluster.memberships.select_related("unit").order_by(
        "rotation_order", "pk")]
    people: dict[int, dict] = {u.pk: {} for u in members}
    for user in User.objects.filter(unit__in=members):
        people[user.unit_id][user.username.split(".")[0]] = user
    return members, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other-years", type=int, default=1,
                        help="số năm gần nhất có báo cáo ở các cụm khác (1, như build.py)")
    args = parser.parse_args()
    count = Counter()
    this_year = timezone.localdate().year
    big = Cluster.objects.get(slug=BIG_SLUG)
    big_units, big_people = members_and_people(big)
    years = sorted(big.years.values_list("year", flat=True))
    others = [(c, *members_and_people(c)) for c in
              Cluster.objects.filter(slug__regex=r"^quoc-gia-[0-9]{3}$").order_by("slug")]

    began, reports, skipped = time.monotonic(), 0, 0
    for cluster, members, people in others:
        for year in years[-args.other_years:] if args.other_years else []:
            if ReportingPeriod.objects.filter(cluster=cluster, year=year).exists():
                skipped += 1
                continue
            with transaction.atomic():
                for kind in (ReportingPeriod.Kind.MID_YEAR, ReportingPeriod.Kind.YEAR_END):
                    reports += make_period_bulk(cluster, year, kind, members, people)
    count.step(f"cụm, khối khác: báo cáo còn thiếu ({skipped} cụm-năm đã có)", reports, began)

    roles = roles_for(big, big_units, big_people, others, this_year)
    analyze()
    leaves = Criterion.objects.filter(cluster=big, year=this_year).exclude(
        kind=Criterion.Kind.GROUP).count()
    write_results({
        "args": {"clusters": 1 + len(others), "units": len(others[0][1]) if others else 0,
                 "big_units": len(big_units), "years": len(years), "leaves": leaves,
                 "other_years": args.other_years, "finished_by": "bench/national/finish.py"},
        "sizes": sizes_for(big_units, years, leaves), "roles": roles,
        "seconds": round(time.monotonic() - count.started),
        "steps": [{"step": s, "seconds": round(t, 1), "rows": r} for s, t, r in count.steps]})


if __name__ == "__main__":
    main()
