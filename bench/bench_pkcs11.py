"""Time of a signature on a PKCS#11 token (SoftHSM2) and of the outside-token flow (issue #18).

Not a test: it prints figures to compare and to record in docs/performance.md.

    .venv/bin/python bench/bench_pkcs11.py [--runs N] [--pdf FILE]

A SoftHSM2 token is made in a temporary directory with a 2048-bit RSA key and a certificate of
a test CA (tests/signatures/keys_support.py); the PDF is FILE (e.g. an issued mid-year report)
or a blank page. Measured, after one warm-up signature: opening the session (login, checks of
key and certificate), one PAdES signature with the session open, the whole (open, sign, close),
and the two halves of signing on the signer's own USB token (prepare; finish, with the token
played by a software key), each the median of N runs; then the process's peak memory.
Needs Debian's softhsm2 (`make signing-deps`).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from signatures import external
from signatures.pkcs11 import pkcs11_signer
from tests.signatures.keys_support import (
    TestCA,
    blank_pdf,
    import_key_and_cert,
    init_softhsm,
    signature_statuses,
    softhsm_module,
)

LABEL, PIN = "bench", "123456"


def _sign(pdf: bytes, signer) -> bytes:
    meta = signers.PdfSignatureMetadata(field_name="ChuKy",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    return signers.PdfSigner(
        meta, signer, new_field_spec=fields.SigFieldSpec("ChuKy", box=(300, 80, 520, 160)),
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf))).getvalue()


def _median_ms(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pdf", type=Path)
    args = parser.parse_args()
    module = softhsm_module()
    if module is None:
        sys.exit("SoftHSM2 chưa được cài: make signing-deps (với quyền root).")
    pdf = args.pdf.read_bytes() if args.pdf else blank_pdf()
    with tempfile.TemporaryDirectory() as directory:
        token = init_softhsm(Path(directory), module, label=LABEL, pin=PIN)
        ca = TestCA.create()
        key, cert = ca.issue("Bench (chứng thư thử nghiệm)")
        import_key_and_cert(token, key=key, cert=cert, label="bench")

        def open_signer():
            return pkcs11_signer(module_path=module, token_label=LABEL, key_label="bench",
                                 pin=PIN)

        with open_signer() as signer:
            signed = _sign(pdf, signer)  # warm-up: imports, first use of the key
        assert signature_statuses(signed, ca.cert)[0].trusted

        def open_close():
            open_signer().close()

        def whole():
            with open_signer() as signer:
                return _sign(pdf, signer)

        open_ms, _ = _median_ms(open_close, args.runs)
        with open_signer() as signer:
            sign_ms, _ = _median_ms(lambda: _sign(pdf, signer), args.runs)
        whole_ms, _ = _median_ms(whole, args.runs)

        der = cert.public_bytes(Encoding.DER)
        prepare_ms, prepared = _median_ms(
            lambda: external.prepare(pdf, signer_cert=der, field_name="ChuKy",
                                     box=(300, 80, 520, 160)), args.runs)
        raw = external.sign_locally(prepared, key)
        finish_ms, done = _median_ms(lambda: external.finish(prepared, raw), args.runs)
        assert signature_statuses(done, ca.cert)[0].trusted

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"PDF: {args.pdf or 'trang trắng'} ({len(pdf) / 1024:.0f} KiB), {args.runs} lần đo, "
          f"trung vị")
    print(f"  mở phiên token (đăng nhập, kiểm tra khoá và chứng thư): {open_ms:8.1f} ms")
    print(f"  một chữ ký PAdES, phiên đã mở:                         {sign_ms:8.1f} ms")
    print(f"  mở phiên + ký + đóng:                                  {whole_ms:8.1f} ms")
    print(f"  token riêng — chuẩn bị (prepare):                      {prepare_ms:8.1f} ms")
    print(f"  token riêng — nhận chữ ký và ghép (finish):            {finish_ms:8.1f} ms")
    print(f"  bộ nhớ đỉnh của tiến trình:                            {peak_mib:8.1f} MiB")


if __name__ == "__main__":
    main()
