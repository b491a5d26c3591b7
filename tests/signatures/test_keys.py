"""Installing keys, images and trust roots (signatures.services): stored encrypted, and each
bad input refused in Vietnamese with nothing changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cluster.models import Unit, User
from signatures import keys, selectors, services
from signatures.models import SealImage, SignatureImage, SigningKey, TrustRoot

from .conftest import PASSWORD, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def quangtri(demo_data):
    return Unit.objects.get(name="Sở Nội vụ tỉnh Quảng Trị")


@pytest.fixture
def leader(demo_data):
    return User.objects.get(username="lanhdao.quangtri")


def _counts():
    return (SigningKey.objects.count(), SignatureImage.objects.count(),
            SealImage.objects.count(), TrustRoot.objects.count())


def test_a_key_is_stored_encrypted_and_signs(body_p12, quangtri, users):
    key = services.signing_key_install(pkcs12_data=body_p12, password=PASSWORD, unit=quangtri,
                                       acting_user=users["admin"])
    key.refresh_from_db()
    stored = bytes(key.encrypted_pkcs12) + bytes(key.encrypted_password)
    assert body_p12 not in stored and PASSWORD.encode() not in stored
    assert keys.decrypt(key.encrypted_pkcs12) == body_p12
    assert "Sở Nội vụ tỉnh Quảng Trị" in key.subject and key.is_active
    assert selectors.active_key(unit=quangtri) == key
    signer = services.pkcs12_signer(key)
    assert signer.signing_cert.subject.native["common_name"] == "Sở Nội vụ tỉnh Quảng Trị"


def test_a_new_key_replaces_the_old_one(body_p12, quangtri, users):
    old = services.signing_key_install(pkcs12_data=body_p12, password=PASSWORD, unit=quangtri,
                                       acting_user=users["admin"])
    new = services.signing_key_install(pkcs12_data=body_p12, password=PASSWORD, unit=quangtri,
                                       acting_user=users["admin"])
    old.refresh_from_db()
    assert not old.is_active and selectors.active_key(unit=quangtri) == new


def _refused(call, text):
    before = _counts()
    with pytest.raises(ValidationError) as error:
        call()
    assert text in " ".join(error.value.messages)
    assert _counts() == before


def test_a_wrong_password_is_refused(body_p12, quangtri, users):
    _refused(lambda: services.signing_key_install(
        pkcs12_data=body_p12, password="sai", unit=quangtri, acting_user=users["admin"]),
        "mật khẩu không đúng")


def test_not_a_pkcs12_file_is_refused(quangtri, users):
    _refused(lambda: services.signing_key_install(
        pkcs12_data=b"%PDF-1.7 not a key", password=PASSWORD, unit=quangtri,
        acting_user=users["admin"]), "không phải PKCS#12")


def test_an_expired_certificate_is_refused(ca, quangtri, users):
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=400)
    old = ca.issue(common_name=quangtri.name, organisation=quangtri.name, password=PASSWORD,
                   not_before=start, days=365)
    _refused(lambda: services.signing_key_install(
        pkcs12_data=old, password=PASSWORD, unit=quangtri, acting_user=users["admin"]),
        "Chứng thư số đã hết hiệu lực")


def test_a_certificate_of_another_body_is_refused(ca, users):
    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    other = ca.issue(common_name="Sở Nội vụ tỉnh Quảng Trị",
                     organisation="Sở Nội vụ tỉnh Quảng Trị", password=PASSWORD)
    _refused(lambda: services.signing_key_install(
        pkcs12_data=other, password=PASSWORD, unit=nghean, acting_user=users["admin"]),
        "không phải cho Sở Nội vụ tỉnh Nghệ An")


def test_a_certificate_of_another_person_is_refused(body_p12, leader, users):
    _refused(lambda: services.signing_key_install(
        pkcs12_data=body_p12, password=PASSWORD, user=leader, acting_user=users["admin"]),
        "không phải cho Ngô Quang Chiến")


def test_only_an_admin_installs_keys(body_p12, quangtri, users):
    for role in ("canbo.quangtri", "lanhdao.quangtri", "bonoivu"):
        _refused(lambda role=role: services.signing_key_install(
            pkcs12_data=body_p12, password=PASSWORD, unit=quangtri, acting_user=users[role]),
            "không có quyền")


def test_images_must_be_transparent_pngs(leader, quangtri, users):
    admin = users["admin"]
    good = png()
    services.signature_image_set(user=leader, png=good, acting_user=admin)
    assert selectors.signature_image_png(leader) == good
    services.seal_image_set(unit=quangtri, png=good, width_mm=38, acting_user=admin)
    _refused(lambda: services.signature_image_set(user=leader, png=good[:60] + b"\0" * 40
                                                  + good[100:], acting_user=admin),
             "Tệp ảnh bị hỏng")
    _refused(lambda: services.seal_image_set(unit=quangtri, png=b"GIF89a....",
                                             acting_user=admin), "Tệp ảnh bị hỏng")
    _refused(lambda: services.signature_image_set(user=leader, png=png(mode="RGB",
                                                  colour=(0, 0, 0)), acting_user=admin),
             "nền trong suốt")
    _refused(lambda: services.seal_image_set(unit=quangtri, png=good, width_mm=200,
                                             acting_user=admin), "từ 20 đến 60 mm")
    assert selectors.signature_image_png(leader) == good  # unchanged


def test_trust_roots_from_pem_or_der_once(ca, users):
    row = services.trust_root_add(certificate=ca.pem, is_test=True, acting_user=users["admin"])
    assert services.trust_root_add(certificate=ca.der, acting_user=users["admin"]) == row
    assert "chứng thư thử nghiệm" in row.subject
    _refused(lambda: services.trust_root_add(certificate=b"rac", acting_user=users["admin"]),
             "không phải chứng thư số")
