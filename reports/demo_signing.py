"""Demo of issue #18: the 2022 mid-year report of the North Central cluster, issued and signed
twice (the Cụm trưởng's leader, then the chair unit's văn thư) with keys of a TEST CA made at
demo time ("chứng thư thử nghiệm" in every subject). Idempotent: a signed report is left as it
is. EC P-256 keys: the keys cost milliseconds; issuing (the PDF) costs about a second."""

from __future__ import annotations

import datetime
import io
import secrets

from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw, ImageFont

from cluster.models import Cluster, Unit, User
from results.models import ReportingPeriod
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from signatures.testca import make_test_ca

from . import services, services_signing
from .kinds import SPECS
from .models import DocumentKind, DocumentSignature, IssuedDocument

SLUG = "snv-bac-trung-bo"
ISSUED_ON = datetime.date(2022, 7, 1)
VERIFY_BASE = "https://thidua.example.gov.vn"


def _png(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def signature_png() -> bytes:
    """A hand-written-looking stroke, blue, on a transparent background."""
    img = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = [(40, 170), (110, 60), (150, 180), (210, 70), (260, 175), (330, 90), (400, 160),
              (470, 100), (560, 120)]
    draw.line(points, fill=(20, 40, 200, 255), width=9, joint="curve")
    draw.line([(60, 205), (540, 190)], fill=(20, 40, 200, 255), width=6)
    return _png(img)


def seal_png(unit_name: str) -> bytes:
    """A round seal, red, transparent around: two rings, a star, the unit's name."""
    size = 720
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    red = (220, 20, 20, 255)
    draw.ellipse([8, 8, size - 8, size - 8], outline=red, width=18)
    draw.ellipse([110, 110, size - 110, size - 110], outline=red, width=8)
    c, r = size / 2, 70
    import math

    star = [(c + (r if i % 2 == 0 else r / 2.6) * math.sin(i * math.pi / 5),
             c - (r if i % 2 == 0 else r / 2.6) * math.cos(i * math.pi / 5)) for i in range(10)]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(finders.find("reports/fonts/LiberationSerif-Bold.ttf"), 40)
    for text, y in (("SỞ NỘI VỤ", 200), (unit_name.split("tỉnh")[-1].strip().upper(), 470),
                    ("THỬ NGHIỆM", 530)):
        width = draw.textlength(text, font=font)
        draw.text((c - width / 2, y), text, font=font, fill=red)
    return _png(img)


def load(stdout=None) -> str:
    cluster = Cluster.objects.filter(slug=SLUG).first()
    period = ReportingPeriod.objects.filter(cluster=cluster, year=2022,
                                            kind=ReportingPeriod.Kind.MID_YEAR).first()
    if cluster is None or period is None:
        return "no 2022 mid-year period"
    secretary = User.objects.get(username="canbo.quangtri")
    leader = User.objects.get(username="lanhdao.quangtri")
    document = (IssuedDocument.objects.filter(
        cluster=cluster, kind=DocumentKind.MIDYEAR_REPORT, object_ref=services.object_ref(period),
        number__isnull=False, duplicate_of__isnull=True).order_by("pk").first())
    if document is None:
        document = services.document_issue(
            spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=period, cluster=cluster, year=2022,
            issued_on=ISSUED_ON, acting_user=secretary,
            verify_url=lambda code: f"{VERIFY_BASE}/xac-minh/{code}/").document
    done = set(document.signatures.values_list("role", flat=True))
    if {DocumentSignature.Role.PERSON, DocumentSignature.Role.BODY} <= done:
        return f"{document.number_symbol} signed"
    unit = services_signing.chair_unit_of(document) or Unit.objects.get(pk=secretary.unit_id)
    if (signature_selectors.active_key(user=leader) is None
            or signature_selectors.active_key(unit=unit) is None):
        ca = make_test_ca()
        signature_services.trust_root_add(certificate=ca.pem, name=ca.certificate.subject
                                          .rfc4514_string(), is_test=True, acting_user=None)
        for holder in ({"user": leader}, {"unit": unit}):
            password = secrets.token_urlsafe(12)
            name = leader.full_name if "user" in holder else unit.name
            data = ca.issue(common_name=name, organisation=unit.name, password=password)
            signature_services.signing_key_install(pkcs12_data=data, password=password,
                                                   acting_user=None, **holder)
    if signature_selectors.signature_image_png(leader) is None:
        signature_services.signature_image_set(user=leader, png=signature_png(),
                                               acting_user=None)
    if signature_selectors.seal_image(unit) is None:
        signature_services.seal_image_set(unit=unit, png=seal_png(unit.name), width_mm=36,
                                          acting_user=None)
    if DocumentSignature.Role.PERSON not in done:
        services_signing.document_sign_person(document=document, acting_user=leader)
    services_signing.document_sign_body(document=document, acting_user=secretary)
    summary = f"{document.number_symbol} issued and signed twice (test CA)"
    if stdout:
        stdout.write(f"  signatures: {summary}")
    return summary
