"""After a load run: count requests, errors and response-time percentiles (from every request
Locust made, not its rounded summary), and check that no save was lost — for every unit, the
saves that were answered "saved" must have started from distinct versions (the optimistic
lock let each one through once), and the report must hold the marker of the last of them.
A save refused because someone else saved first is no loss: it was answered as refused.
Writes bench/results/summary.json and prints it; exits 1 on an error or a lost update.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \
        .venv/bin/python bench/check_results.py
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from results.models import UnitReport  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))
    return round(ordered[min(rank, len(ordered)) - 1], 1)


def main() -> int:
    log = json.loads((RESULTS / "saves.json").read_text(encoding="utf-8"))
    saves, submits, timings = log["saves"], log["submits"], log["timings"]
    everything = [t for values in timings.values() for t in values]
    outcomes = Counter(s["outcome"] for s in saves)
    errors = sum(n for outcome, n in outcomes.items() if outcome.startswith("error"))

    by_unit = defaultdict(list)
    for save in saves:
        if save["outcome"] == "saved":
            by_unit[save["unit"]].append(save)
    reports = {r.unit_id: r for r in UnitReport.objects.filter(unit_id__in=by_unit)}
    lost = []
    for unit, saved in by_unit.items():
        versions = [s["version"] for s in saved]
        if len(versions) != len(set(versions)):
            lost.append({"unit": unit, "why": "two saves accepted from the same version",
                         "versions": sorted(versions)})
        last = max(saved, key=lambda s: s["version"])
        report = reports.get(unit)
        if report is None or last["marker"] not in report.highlights:
            lost.append({"unit": unit, "why": "the report lacks the last saved marker",
                         "expected": last["marker"],
                         "found": report.highlights if report else None})
    states = Counter(UnitReport.objects.values_list("state", flat=True))
    stats_file = RESULTS / "stats_stats.csv"
    locust_failures = None
    if stats_file.exists():
        import csv

        with stats_file.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["Name"] == "Aggregated":
                    locust_failures = int(row["Failure Count"])
    summary = {
        "requests": len(everything),
        "errors": errors if locust_failures is None else max(errors, locust_failures),
        "p50_ms": percentile(everything, 0.50),
        "p95_ms": percentile(everything, 0.95),
        "p99_ms": percentile(everything, 0.99),
        "max_ms": round(max(everything), 1) if everything else 0,
        "by_request": {name: {"n": len(v), "p50_ms": percentile(v, 0.5),
                              "p95_ms": percentile(v, 0.95), "p99_ms": percentile(v, 0.99)}
                       for name, v in sorted(timings.items())},
        "saves": dict(outcomes),
        "submitted": len(submits),
        "report_states": dict(states),
        "lost_updates": len(lost),
        "lost_details": lost[:20],
    }
    cpu_file = RESULTS / "cpu.json"
    if cpu_file.exists():  # written by run_load.sh: the app servers' CPU, per request
        cpu = json.loads(cpu_file.read_text(encoding="utf-8"))["app_cpu_seconds"]
        summary["app_cpu_seconds"] = cpu
        summary["app_cpu_ms_per_request"] = (round(1000 * cpu / len(everything), 1)
                                             if everything else None)
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False),
                                          encoding="utf-8")
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 1 if summary["errors"] or lost else 0


if __name__ == "__main__":
    sys.exit(main())
