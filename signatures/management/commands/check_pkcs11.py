"""Check the configured PKCS#11 token or HSM before the first real signature."""

import io
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfWriter

from signatures.pkcs11 import configured_pkcs11_signer


class Command(BaseCommand):
    help = ("Kiểm tra token/HSM PKCS#11 đã cấu hình (SIGNATURES_PKCS11_*): mở phiên, đọc chứng "
            "thư số và ký thử một trang trắng trong bộ nhớ (không lưu gì).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            signer = configured_pkcs11_signer()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with signer:
            cert = signer.signing_cert
            self.stdout.write(f"Chứng thư số: {cert.subject.human_friendly}")
            self.stdout.write(f"Cấp bởi:      {cert.issuer.human_friendly}")
            validity = cert["tbs_certificate"]["validity"]
            self.stdout.write(f"Hiệu lực:     {validity['not_before'].native:%d/%m/%Y} – "
                              f"{validity['not_after'].native:%d/%m/%Y}")
            blank = io.BytesIO()
            writer = PdfWriter()
            writer.add_blank_page(width=595, height=842)
            writer.write(blank)
            signed = signers.PdfSigner(
                signers.PdfSignatureMetadata(field_name="KiemTra",
                                             subfilter=fields.SigSeedSubFilter.PADES),
                signer,
            ).sign_pdf(IncrementalPdfFileWriter(blank))
        (embedded,) = PdfFileReader(signed).embedded_signatures
        # Integrity only: the chain to a configured root is the verification page's business.
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[cert]))
        if not (status.intact and status.valid):
            raise CommandError("Token đã ký nhưng chữ ký thử không hợp lệ.")
        self.stdout.write(self.style.SUCCESS(
            f"Đã ký thử một trang trắng: chữ ký toàn vẹn "
            f"({time.perf_counter() - started:.2f} giây)."))
