"""The signing page (issue #18) makes as many queries with the document's two signatures as
with none, for each role that sees it, and stays within the pages' budget (issue #11)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reports import demo_signing
from reports.models import DocumentKind, DocumentSignature, IssuedDocument
from tests.test_page_queries import BUDGET

pytestmark = pytest.mark.django_db

ROLES = ["canbo.nghean", "canbo.quangtri", "lanhdao.quangtri", "bonoivu", "captren"]


@pytest.fixture
def report(demo_data):
    demo_signing.load()  # signed by the person with authority, then with the body's signature
    return IssuedDocument.objects.get(cluster__slug="snv-bac-trung-bo", year=2022,
                                      kind=DocumentKind.MIDYEAR_REPORT, number__isnull=False)


def _count(user, report) -> int:
    client = Client()
    client.force_login(user)
    path = f"/cum/snv-bac-trung-bo/2022/van-ban/ban-hanh/{report.verification_code}/ky-so/"
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_signing_page_does_not_grow_with_the_signatures(report, users):
    assert report.signatures.count() == 2
    signed = {role: _count(users[role], report) for role in ROLES}
    DocumentSignature.objects.filter(document=report).delete()
    unsigned = {role: _count(users[role], report) for role in ROLES}
    assert signed == unsigned
    assert max(signed.values()) <= BUDGET, signed
