"""Benchmark of the flagship document, the cluster's mid-year report (Báo cáo sơ kết), as PDF.

Not a test: it prints figures to compare and to record in docs/performance.md.

    .venv/bin/python bench/bench_reports.py [--runs N] [--markdown]

What it measures, on one prepared SQLite database (migrated, demo data, this year's mid-year
period with four units' reports from tests/reports/data.py), side by side:

- cold: a fresh Python process that imports Django and WeasyPrint, reads the data, builds the
  snapshot and renders the PDF (wall time of the whole process, as the parent sees it);
- warm: the same snapshot and rendering again in a process that has rendered once;
- first download: GET of the draft through the Django test client when nothing is cached
  (snapshot, rendering, storing the file and its row);
- repeat download: the same GET again, served from the stored file (the Django test client in
  this process, not a live server: no network, no web server, the whole Django stack with
  session, permission checks, the snapshot's queries and streaming the file);
- repeat download of the issued report: the file of a version issued with a number, which
  readers outside the secretariat download; no snapshot is built, the stored file is served;
- LibreOffice: ``soffice --headless --convert-to pdf`` of our own DOCX of the same report, one
  process per conversion (what a server would run), after one unmeasured conversion that
  creates its profile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "thidua-bench-reports"
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings_test",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
}

CHILD = """
import time
start = time.perf_counter()
import django
django.setup()
from django.utils import timezone
from results.models import ReportingPeriod
from reports.kinds import SPECS, Stamp, render
from reports.models import DocumentKind
period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo",
                                     year=timezone.localdate().year, kind="6_thang")
spec = SPECS[DocumentKind.MIDYEAR_REPORT]
snapshot = spec.snapshot(period, day=timezone.localdate())
pdf = render(spec, snapshot, Stamp(None, None, "BENCH23456", "http://x.invalid/"), "pdf")
assert pdf.startswith(b"%PDF")
print(time.perf_counter() - start)
"""


def setup_django(env: dict = ENV) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(work: Path = WORK, env: dict = ENV) -> None:
    """A fresh database with the demo data and the mid-year period (committed), in ``work``
    as ``env`` names it; Django is set up for it afterwards."""
    if work.exists():
        shutil.rmtree(work)
    (work / "media").mkdir(parents=True)
    for command in (["migrate", "-v0"], ["load_demo", "--quiet-logins"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT,
                       env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    setup_django(env)
    from tests.reports.data import build_mid_year

    build_mid_year(hostile=False)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms".replace(",", " ")


def cold(runs: int) -> list[float]:
    env = {**os.environ, **ENV}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def warm(runs: int) -> tuple[list[float], bytes, dict]:
    from django.utils import timezone

    from reports.kinds import SPECS, Stamp, render
    from reports.models import DocumentKind
    from results.models import ReportingPeriod

    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo",
                                         year=timezone.localdate().year, kind="6_thang")
    spec = SPECS[DocumentKind.MIDYEAR_REPORT]
    stamp = Stamp(None, None, "BENCH23456", "http://x.invalid/")
    snapshot = spec.snapshot(period, day=timezone.localdate())
    render(spec, snapshot, stamp, "pdf")  # imports, fonts
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        snapshot = spec.snapshot(period, day=timezone.localdate())
        render(spec, snapshot, stamp, "pdf")
        times.append(time.perf_counter() - start)
    return times, render(spec, snapshot, stamp, "docx"), snapshot


def downloads(runs: int) -> tuple[float, list[float], list[float], int]:
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from cluster.models import User
    from reports import services
    from reports.kinds import SPECS
    from results.models import ReportingPeriod

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="canbo.quangtri"))
    path = f"/cum/snv-bac-trung-bo/{timezone.localdate().year}/van-ban/bao-cao/6-thang/pdf/"

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return b"".join(response.streaming_content)

    def repeat(url: str, expected: bytes) -> list[float]:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            assert get(url) == expected
            times.append(time.perf_counter() - start)
        return times

    start = time.perf_counter()
    first = get(path)
    first_time = time.perf_counter() - start
    draft_times = repeat(path, first)

    period = ReportingPeriod.objects.get(cluster__slug="snv-bac-trung-bo",
                                         year=timezone.localdate().year, kind="6_thang")
    issued = services.document_issue(
        spec=SPECS["bc_so_ket"], target=period, cluster=period.cluster, year=period.year,
        issued_on=timezone.localdate(), acting_user=User.objects.get(username="canbo.quangtri"),
        verify_url=lambda code: code).document
    issued_path = path.replace("bao-cao/6-thang/pdf/",
                               f"ban-hanh/{issued.verification_code}/pdf/")
    issued_times = repeat(issued_path, get(issued_path))
    return first_time, draft_times, issued_times, len(first)


def libreoffice(docx: bytes, runs: int) -> list[float] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    source = WORK / "bao-cao.docx"
    source.write_bytes(docx)
    profile = f"-env:UserInstallation=file://{WORK / 'lo-profile'}"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
               str(WORK / "lo"), str(source)]
    subprocess.run(command, check=True, capture_output=True)  # creates the profile
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    assert (WORK / "lo" / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each slow measure")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    prepare()
    cold_times = cold(args.runs)
    warm_times, docx, snapshot = warm(args.runs)
    first, repeat, issued, size = downloads(max(args.runs * 10, 50))
    office = libreoffice(docx, args.runs)

    pages = None
    try:
        from io import BytesIO

        import pypdf

        from reports.models import DocumentFile

        with DocumentFile.objects.filter(document__number__isnull=True).get().file.open(
                "rb") as handle:
            pages = len(pypdf.PdfReader(BytesIO(handle.read())).pages)
    except ImportError:
        pass
    median = statistics.median
    rows = [
        ("cold: new process, import, snapshot, PDF", median(cold_times), min(cold_times)),
        ("warm: snapshot and PDF again", median(warm_times), min(warm_times)),
        ("first download (render, store)", first, first),
        ("repeat download of the draft (snapshot, stored file)", median(repeat), min(repeat)),
        ("repeat download of the issued report", median(issued), min(issued)),
    ]
    if office:
        rows.append(("LibreOffice: our DOCX to PDF", median(office), min(office)))
    print(f"Machine: {os.cpu_count()} CPU, Python {sys.version.split()[0]}; report: "
          f"{len(snapshot['scores']['ranking'])} units reported, {pages} pages, "
          f"{size / 1024:.0f} KiB")
    if args.markdown:
        print("\n| measure | median | best |\n|---|---:|---:|")
        for name, mid, best in rows:
            print(f"| {name} | {ms(mid)} | {ms(best)} |")
    else:
        for name, mid, best in rows:
            print(f"{name:<55} median {ms(mid):>12}   best {ms(best):>12}")
    for name, times in (("draft", repeat), ("issued", issued)):
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        print(f"repeat download of the {name}, p95: {ms(p95)} over {len(times)} requests")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if office:
        print(f"LibreOffice / warm PDF: {median(office) / median(warm_times):.1f}x; "
              f"LibreOffice / cold PDF: {median(office) / median(cold_times):.1f}x")


if __name__ == "__main__":
    main()
