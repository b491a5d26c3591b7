"""The mid-year PDF of the largest cluster in the database (issue #11): snapshot and rendering
time, cold (first in the process) and warm (median of ``--runs``), and the process's peak
memory (RSS). Read-only: nothing is stored.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national_bench \\
        .venv/bin/python bench/national/bench_pdf.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from reports.kinds import SPECS, Stamp, render  # noqa: E402
from reports.models import DocumentKind, FileFormat  # noqa: E402
from results.models import ReportingPeriod  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    period = (ReportingPeriod.objects.filter(kind=ReportingPeriod.Kind.MID_YEAR)
              .annotate(n=Count("reports")).order_by("-n", "-year").select_related("cluster")
              .first())
    spec = SPECS[DocumentKind.MIDYEAR_REPORT]
    stamp = Stamp(number=None, date=None, code="BENCH1",
                  verify_url="http://127.0.0.1/xac-minh/BENCH1/")
    before = rss_mb()
    times, snaps, size = [], [], 0
    for _ in range(args.runs + 1):
        began = time.perf_counter()
        snapshot = spec.snapshot(period, day=timezone.localdate())
        snapped = time.perf_counter()
        size = len(render(spec, snapshot, stamp, FileFormat.PDF))
        times.append(time.perf_counter() - began)
        snaps.append(snapped - began)
    result = {
        "cluster": period.cluster.slug, "year": period.year, "reports": period.n,
        "pdf_bytes": size, "cold_s": round(times[0], 2),
        "warm_s": round(statistics.median(times[1:]), 2),
        "warm_snapshot_s": round(statistics.median(snaps[1:]), 2),
        "rss_before_mb": round(before), "peak_rss_mb": round(rss_mb()),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
