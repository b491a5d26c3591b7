"""Who may sign an issued document (issue #18), every role: the signing page is for the
cluster's readers, the superior body's account among them (404 for the other cluster);
signing as the person with authority only for the leader printed in the signature block, the body's
signature only for the chair unit's secretariat (văn thư). Any other POST answers 404 and
signs nothing; admins included (never a key the requester may not use)."""

import pytest

from reports import demo_signing
from reports.models import DocumentKind, DocumentSignature, IssuedDocument

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "lanhdao.quangtri",
         "bonoivu", "admin", "canbo.gialai", "captren"]
LOGIN = 302
PAGE = dict(zip(ROLES, [LOGIN, 200, 200, 200, 200, 200, 200, 404, 200], strict=True))
SIGN_PERSON = dict(zip(ROLES, [LOGIN, 404, 404, 404, 302, 404, 404, 404, 404], strict=True))
SIGN_BODY = dict(zip(ROLES, [LOGIN, 404, 404, 302, 404, 404, 404, 404, 404], strict=True))


@pytest.fixture
def report(demo_data):
    demo_signing.load()  # the demo's signed report (off in the suite's demo: settings_test)
    return IssuedDocument.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                      kind=DocumentKind.MIDYEAR_REPORT, number__isnull=False)


def _url(report):
    return f"/cum/snv-bac-trung-bo/2022/van-ban/ban-hanh/{report.verification_code}/ky-so/"


def _login(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])


@pytest.mark.parametrize("role", ROLES)
def test_the_signing_page(client, users, report, role):
    _login(client, users, role)
    response = client.get(_url(report))
    assert response.status_code == PAGE[role]
    if PAGE[role] == 404:
        assert "Không tìm thấy trang" in response.content.decode()
    if PAGE[role] == 200:
        assert "Người có thẩm quyền ký" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_signing_as_the_person_with_authority(client, users, report, role):
    DocumentSignature.objects.filter(document=report).delete()
    _login(client, users, role)
    response = client.post(_url(report), {"action": "person"})
    assert response.status_code == SIGN_PERSON[role]
    signed = report.signatures.filter(role="person").exists()
    assert signed == (role == "lanhdao.quangtri")
    if role == "anonymous":
        assert response["Location"].startswith("/tai-khoan/dang-nhap/")


@pytest.mark.parametrize("role", ROLES)
def test_applying_the_bodys_signature(client, users, report, role):
    DocumentSignature.objects.filter(document=report, role="body").delete()
    _login(client, users, role)
    response = client.post(_url(report), {"action": "body"})
    assert response.status_code == SIGN_BODY[role]
    assert report.signatures.filter(role="body").exists() == (role == "canbo.quangtri")


def test_the_page_offers_only_what_the_user_may_do(client, users, report):
    DocumentSignature.objects.filter(document=report).delete()
    client.force_login(users["lanhdao.quangtri"])
    html = client.get(_url(report)).content.decode()
    assert 'data-testid="sign-person"' in html and 'data-testid="sign-body"' not in html
    client.force_login(users["canbo.quangtri"])
    html = client.get(_url(report)).content.decode()  # the person has not signed yet
    assert 'data-testid="sign-person"' not in html and 'data-testid="sign-body"' not in html
