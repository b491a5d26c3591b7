"""Benchmark of digital signing (issue #18): time and memory per signature on the mid-year
report (target: under 1 s per signature on this machine).

Not a test: it prints figures to record in docs/signatures.md.

    DEBUG=on .venv/bin/python bench/sign_bench.py [--runs N]

No database: the sample mid-year report of tests/reports/conftest.py is rendered once by
WeasyPrint; a test CA (EC P-256) issues a person's and a body's PKCS#12, stored encrypted as
the app stores them; then, N times: the person's signature (blue image at the measured
signature position) and the body's (red seal at 36 mm with the information line), each an
incremental update, and the validation of the result against the test root. Memory: the
Python heap's peak during one signature (tracemalloc) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "on")

import django  # noqa: E402

django.setup()

from reports.demo_signing import seal_png, signature_png  # noqa: E402
from reports.pdf import render_pdf  # noqa: E402
from reports.signature_position import signature_box  # noqa: E402
from signatures import keys  # noqa: E402
from signatures.services import pkcs12_signer  # noqa: E402
from signatures.signing import (  # noqa: E402
    Appearance,
    info_line_text,
    seal_box,
    sign_pdf,
    signature_image_rect,
    vn_now,
)
from signatures.testca import make_test_ca  # noqa: E402
from signatures.validation import validate_pdf  # noqa: E402
from tests.reports.conftest import mid_year_report  # noqa: E402

BODY = "Sở Nội vụ tỉnh Quảng Trị"


class _Key:
    def __init__(self, p12: bytes, password: str):
        self.encrypted_pkcs12 = keys.encrypt(p12)
        self.encrypted_password = keys.encrypt(password.encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    pdf = render_pdf(mid_year_report()).pdf
    ca = make_test_ca()
    person = _Key(ca.issue(common_name="Ngô Quang Chiến", organisation=BODY, password="x"), "x")
    body = _Key(ca.issue(common_name=BODY, organisation=BODY, password="x"), "x")
    image, seal = signature_png(), seal_png(BODY)

    def one_person():
        page, box = signature_box(pdf, "Ngô Quang Chiến")
        return sign_pdf(pdf, signer=pkcs12_signer(person), field_name="NguoiKy", box=box,
                        page=page, appearance=Appearance(signature_png=image), reason="Ký",
                        location="Quảng Trị"), page, box

    def one_body(signed, page, box):
        when = vn_now()
        appearance = Appearance(seal_png=seal, info_line=info_line_text(BODY, when))
        return sign_pdf(signed, signer=pkcs12_signer(body), field_name="CoQuan",
                        box=seal_box(signature_image_rect(box, image), appearance,
                                     info_top=box[1] - 30), page=page,
                        appearance=appearance, reason="Ban hành", location="Quảng Trị",
                        signing_time=when)

    one_body(*one_person())  # warm: imports, font subsetting code
    person_s, body_s, check_s = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        signed, page, box = one_person()
        person_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        final = one_body(signed, page, box)
        body_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert validate_pdf(final, [ca.der]).ok
        check_s.append(time.perf_counter() - start)
    peaks = []
    for step in (one_person, lambda: one_body(signed, page, box)):  # memory, apart: slower
        tracemalloc.start()
        step()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"PDF {len(pdf) / 1024:.0f} KiB unsigned, {len(final) / 1024:.0f} KiB signed twice; "
          f"{runs} runs")
    for label, values in (("person's signature", person_s), ("body's signature", body_s),
                          ("validation of both", check_s)):
        print(f"  {label:<20} median {statistics.median(values) * 1000:6.0f} ms, "
              f"max {max(values) * 1000:6.0f} ms")
    print(f"  heap peak during one signature {max(peaks) / 2**20:.1f} MiB; "
          f"process peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
