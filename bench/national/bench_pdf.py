"""The mid-year PDF of the largest cluster in the database (issue #11): snapshot and rendering
time, cold (first in the process) and warm (median of ``--runs``, wall and CPU time of the
process: on a shared machine the CPU time is the steadier), and the process's peak memory
(RSS). Read-only: nothing is stored.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national_bench \\
        .venv/bin/python bench/national/bench_pdf.py [--runs 3]
    .venv/bin/python bench/national/bench_pdf.py --synthetic [--units 45] [--runs 3]

``--synthetic`` needs no national database: it builds, once, a SQLite database in the
temporary directory (``thidua-bench-pdf45``; ``--rebuild`` makes it again) holding one cluster
of ``--units`` member units (the national builder's big cluster: ``build.make_cluster``, 64
criteria leaves, a mid-year period whose every report is submitted and reviewed), then gives
the units' texts a realistic length: every unit writes all nine areas and the four fields,
``--chars`` characters in all per unit (888: 45 units quote 39,960 characters, the most that
stays within ``reports.kinds.common.QUOTE_BUDGET`` without anything cut). ``--profile FILE``
writes a cProfile of one warm rendering.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.gettempdir()) / "thidua-bench-pdf45"
SYNTHETIC_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings_test",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
}
FIELDS = ("key_figures", "highlights", "shortcomings", "proposals")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def pages(pdf: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def synthetic(units: int, chars: int, rebuild: bool) -> None:
    """The SQLite database of ``--synthetic`` (made once, or again with ``--rebuild``)."""
    os.environ.update(SYNTHETIC_ENV)
    ready = WORK / "ready.json"
    wanted = {"units": units, "chars": chars}
    if not rebuild and ready.exists() and json.loads(ready.read_text()) == wanted:
        import django

        django.setup()
        return
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "media").mkdir(parents=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT,
                   env={**os.environ}, check=True)
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_long_text import text_of
    from django.db import transaction
    from django.utils import timezone

    from bench.national import build  # sets Django up
    from results.models import AreaNarrative, ReportingPeriod, UnitReport

    year = timezone.localdate().year
    with transaction.atomic():
        cluster, members, people = build.make_cluster(0, units=units, years=[year],
                                                      slug=build.BIG_SLUG, big=True)
        build.make_criteria_bulk(cluster, [year], 64)
        build.make_period_bulk(cluster, year, ReportingPeriod.Kind.MID_YEAR, members, people)
        # A unit's share: its nine areas and four fields, each a sentence-broken paragraph.
        narratives = AreaNarrative.objects.filter(report__period__cluster=cluster)
        per_text = chars // (narratives.count() // units + len(FIELDS))
        for n, narrative in enumerate(narratives.select_related("report__unit")):
            narrative.text = f"{narrative.report.unit.short_name}: " + text_of(per_text + n % 7)
            narrative.text = narrative.text[:per_text]
            narrative.save(update_fields=["text"])
        for report in UnitReport.objects.filter(period__cluster=cluster):
            for field in FIELDS:
                setattr(report, field, text_of(per_text))
            report.save(update_fields=list(FIELDS))
    ready.write_text(json.dumps(wanted))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true",
                        help="a SQLite cluster of --units units, no national database")
    parser.add_argument("--units", type=int, default=45)
    parser.add_argument("--chars", type=int, default=888, help="quoted characters per unit")
    parser.add_argument("--rebuild", action="store_true", help="make the SQLite one again")
    parser.add_argument("--profile", help="write a cProfile of one warm rendering here")
    args = parser.parse_args()
    if args.synthetic:
        synthetic(args.units, args.chars, args.rebuild)
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()

    from django.db.models import Count
    from django.utils import timezone

    from reports.kinds import SPECS, Stamp, render
    from reports.models import DocumentKind, FileFormat
    from results.models import ReportingPeriod

    period = (ReportingPeriod.objects.filter(kind=ReportingPeriod.Kind.MID_YEAR)
              .annotate(n=Count("reports")).order_by("-n", "-year").select_related("cluster")
              .first())
    spec = SPECS[DocumentKind.MIDYEAR_REPORT]
    stamp = Stamp(number=None, date=None, code="BENCH1",
                  verify_url="http://127.0.0.1/xac-minh/BENCH1/")
    before = rss_mb()
    times, cpu, snaps, size = [], [], [], 0
    for _ in range(args.runs + 1):
        began, began_cpu = time.perf_counter(), time.process_time()
        snapshot = spec.snapshot(period, day=timezone.localdate())
        snapped = time.perf_counter()
        pdf = render(spec, snapshot, stamp, FileFormat.PDF)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        snaps.append(snapped - began)
        size = len(pdf)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(render, spec, snapshot, stamp, FileFormat.PDF)
        profiler.dump_stats(args.profile)
    quoted = sum(len(e["text"]) for a in snapshot["areas"] for e in a["entries"]) + sum(
        len(e["text"]) for f in FIELDS for e in snapshot[f])
    result = {
        "cluster": period.cluster.slug, "year": period.year, "reports": period.n,
        "quoted_chars": quoted, "abridged": snapshot.get("abridged"),
        "pdf_bytes": size, "pages": pages(pdf),
        "cold_s": round(times[0], 2), "warm_s": round(statistics.median(times[1:]), 2),
        "warm_cpu_s": round(statistics.median(cpu[1:]), 2),
        "warm_snapshot_s": round(statistics.median(snaps[1:]), 2),
        "rss_before_mb": round(before), "peak_rss_mb": round(rss_mb()),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
