"""Benchmark of the documents with every free-text field at its longest (issue #10, §2: one
unit's 2,000,000-character description made the mid-year PDF outlast gunicorn's timeout).

Not a test: it prints figures to compare and to record in docs/performance.md.

    .venv/bin/python bench/bench_long_text.py [--runs N] [--unabridged]

On one prepared SQLite database (migrated, demo data, this year's mid-year period with four
units' reports from tests/reports/data.py), every free-text field the documents print is
filled to its model's ``max_length``, read at run time (``Model._meta.get_field(name)``). A
field without one (a ``TextField`` before the length caps) gets ``PLACEHOLDER`` characters,
and the script says so. The text is one line of Vietnamese words, no line break: one
paragraph, the hardest case for the layout. Every member unit gets a good practice.

Measured, in a process that has rendered once (imports and fonts loaded, "warm"): building the
snapshot, and rendering it to PDF and to DOCX, for the mid-year report (Báo cáo sơ kết), the
minutes of the mid-year conference (Biên bản hội nghị) and the pledge (Giao ước thi đua); and
first the mid-year report of the ordinary demo data, before the fill, as the yardstick of how
busy the machine is (its quiet figure is in docs/performance.md, "Văn bản PDF").
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench_reports  # beside this script

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "thidua-bench-long-text"
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings_test",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
}
PLACEHOLDER = 20_000
WORDS = ("thi đua khen thưởng Sở Nội vụ tỉnh hoàn thành tốt nhiệm vụ tham mưu Ủy ban nhân dân "
         "quản lý nhà nước lĩnh vực được giao cải cách hành chính chuyển đổi số hồ sơ trực "
         "tuyến rút ngắn thời gian xử lý công chức viên chức điển hình tiên tiến").split()

# What the documents print, by model: the free-text fields filled to their maximum.
FIELDS = {
    ("campaigns", "UnitReport"): ("key_figures", "highlights", "shortcomings", "proposals"),
    ("campaigns", "AreaNarrative"): ("text",),
    ("campaigns", "GoodPractice"): ("title", "description", "results"),
    ("campaigns", "Conference"): ("agenda", "opening_summary", "achievements", "shortcomings",
                                  "solutions", "conclusions"),
    ("pledges", "Pledge"): ("preamble",),
    ("pledges", "Commitment"): ("text",),
}


def prepare() -> None:
    """The same database as bench_reports.py's, in this script's own folder."""
    bench_reports.prepare(WORK, ENV)


def text_of(length: int) -> str:
    """``length`` characters of Vietnamese words, sentences, no line break."""
    out, size, index = [], 0, 0
    while size < length:
        word = WORDS[index % len(WORDS)]
        if index % 17 == 16:
            word += "."
        out.append(word)
        size += len(word) + 1
        index += 1
    return " ".join(out)[:length]


def caps() -> dict[tuple[str, str, str], tuple[int, bool]]:
    """(app, model, field) -> (length, is_placeholder)."""
    from django.apps import apps

    found = {}
    for (app, model), names in FIELDS.items():
        for name in names:
            cap = apps.get_model(app, model)._meta.get_field(name).max_length
            found[(app, model, name)] = (cap or PLACEHOLDER, cap is None)
    return found


def fill(limits) -> None:
    """Every listed field of the period's data at its maximum, written past the services
    (this measures the renderer, not the forms); one good practice per member unit."""
    from django.apps import apps
    from django.utils import timezone

    from cluster.models import User
    from results.models import GoodPractice, ReportingPeriod, UnitReport

    year = timezone.localdate().year
    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo", year=year,
                                         kind="6_thang")

    def values(app: str, model: str) -> dict:
        return {name: text_of(limits[(app, model, name)][0]) for name in FIELDS[(app, model)]}

    UnitReport.objects.filter(period=period).update(**values("campaigns", "UnitReport"))
    apps.get_model("campaigns", "AreaNarrative").objects.filter(
        report__period=period).update(**values("campaigns", "AreaNarrative"))
    secretary = User.objects.get(username="canbo.quangtri")
    practice = GoodPractice.objects.get(cluster=period.cluster, year=year)
    for report in UnitReport.objects.filter(period=period).exclude(unit=practice.unit):
        GoodPractice.objects.create(cluster=period.cluster, year=year, unit=report.unit,
                                    area=practice.area, created_by=secretary, title="x",
                                    description="x")
    GoodPractice.objects.filter(cluster=period.cluster, year=year).update(
        **values("campaigns", "GoodPractice"))
    apps.get_model("campaigns", "Conference").objects.filter(
        cluster=period.cluster, year=year).update(**values("campaigns", "Conference"))
    apps.get_model("pledges", "Pledge").objects.filter(cluster=period.cluster).update(
        **values("pledges", "Pledge"))
    apps.get_model("pledges", "Commitment").objects.filter(
        pledge__cluster=period.cluster).update(**values("pledges", "Commitment"))


def targets():
    from django.utils import timezone

    from campaigns.models import Conference
    from pledges.models import Pledge
    from reports.models import DocumentKind
    from results.models import ReportingPeriod

    year = timezone.localdate().year
    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo", year=year,
                                         kind="6_thang")
    conference = Conference.objects.get(cluster=period.cluster, year=year)
    pledge = Pledge.objects.filter(cluster=period.cluster).order_by("-year").first()
    return [("Báo cáo sơ kết 6 tháng (mid-year report)", DocumentKind.MIDYEAR_REPORT, period),
            ("Biên bản hội nghị (conference minutes)", DocumentKind.MINUTES, conference),
            ("Giao ước thi đua (pledge)", DocumentKind.PLEDGE, pledge)]


def pages_of(pdf: bytes) -> int | None:
    try:
        import pypdf
    except ImportError:
        return None
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def printed_chars(snapshot) -> int:
    """The characters of text in the snapshot (what the document can print)."""
    if isinstance(snapshot, str):
        return len(snapshot)
    if isinstance(snapshot, dict):
        return sum(printed_chars(v) for v in snapshot.values())
    if isinstance(snapshot, list):
        return sum(printed_chars(v) for v in snapshot)
    return 0


def measure(spec, target, runs: int) -> dict:
    from django.utils import timezone

    from reports.kinds import Stamp, render

    stamp = Stamp(None, None, "BENCH23456", "http://x.invalid/")
    snap_times, pdf_times, docx_times = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        snapshot = spec.snapshot(target, day=timezone.localdate())
        snap_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        pdf = render(spec, snapshot, stamp, "pdf")
        pdf_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        render(spec, snapshot, stamp, "docx")
        docx_times.append(time.perf_counter() - start)
    return {"snapshot": statistics.median(snap_times), "pdf": statistics.median(pdf_times),
            "pdf_max": max(pdf_times), "docx": statistics.median(docx_times),
            "pages": pages_of(pdf), "kib": len(pdf) / 1024, "chars": printed_chars(snapshot),
            "abridged": snapshot.get("abridged")}


def s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renderings of each document")
    args = parser.parse_args()

    prepare()
    from reports.kinds import SPECS

    limits = caps()
    measure(SPECS["bc_so_ket"], targets()[0][2], 1)  # imports and fonts
    ordinary = measure(SPECS["bc_so_ket"], targets()[0][2], args.runs)
    fill(limits)
    print(f"Machine: {os.cpu_count()} CPU, Python {sys.version.split()[0]}; "
          f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    placeholders = sorted(f"{m}.{f}" for (_, m, f), (_, p) in limits.items() if p)
    capped = sorted(f"{m}.{f} {n:,}" for (_, m, f), (n, p) in limits.items() if not p)
    if placeholders:
        print(f"No max_length, {PLACEHOLDER:,} characters used as a placeholder: "
              + ", ".join(placeholders))
    if capped:
        print("At their max_length: " + ", ".join(capped))
    print("\n| document | characters in snapshot | pages | PDF | PDF (worst) | DOCX "
          "| snapshot |\n|---|---:|---:|---:|---:|---:|---:|")
    print(row("Báo cáo sơ kết, ordinary demo data (yardstick)", ordinary), flush=True)
    for label, kind, target in targets():
        print(row(label, measure(SPECS[kind], target, args.runs)), flush=True)
    print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def row(label: str, found: dict) -> str:
    note = f" (quotes cut at {found['abridged']:,})" if found["abridged"] else ""
    return (f"| {label}{note} | {found['chars']:,} | {found['pages']} | {s(found['pdf'])} "
            f"| {s(found['pdf_max'])} | {s(found['docx'])} | {s(found['snapshot'])} |")


if __name__ == "__main__":
    main()
