"""The import pages: who may (secretariat 200, everyone else 404, anonymous → login), the
upload → preview → confirm flow, the file kept server-side between them, the preview's query
count at two sizes."""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.models import Criterion
from cluster.models import Membership, User
from tests.spreadsheet_files import xlsx

pytestmark = pytest.mark.django_db
Y = "/cum/snv-bac-trung-bo/2023/"
ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "admin",
         "canbo.gialai"]
LOGIN = "login"
WRITE = {"anonymous": LOGIN, "canbo.nghean": 404, "lanhdao.nghean": 404, "canbo.quangtri": 200,
         "bonoivu": 404, "admin": 200, "canbo.gialai": 404}
READ = {**WRITE, "canbo.nghean": 200, "lanhdao.nghean": 200, "bonoivu": 200}
CASES = [
    (Y + "tieu-chi/nhap/", WRITE),
    (Y + "tieu-chi/mau.xlsx", WRITE),
    (Y + "tieu-chi/xuat.xlsx", READ),
    (Y + "thanh-vien/nhap/", WRITE),
    (Y + "thanh-vien/mau.xlsx", WRITE),
]
HEADER = ["Mã", "Mã tiêu chí cha", "Tên tiêu chí", "Cách tính điểm", "Điểm tối đa"]


def answer(response):
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_who_may(path, expected, users):
    got = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        got[role] = answer(client.get(path))
        if role == "canbo.quangtri" and path.endswith(".xlsx"):
            assert client.get(path)["Content-Type"].startswith(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert got == expected


def test_a_member_cannot_post_a_file_or_confirm(users):
    client = Client()
    client.force_login(users["canbo.nghean"])
    data = xlsx(HEADER, [["I", "", "Nhóm", "", 10]])
    response = client.post(Y + "tieu-chi/nhap/", {"file": _upload(data)})
    assert response.status_code == 404
    assert client.post(Y + "tieu-chi/nhap/", {"token": "0" * 32}).status_code == 404


def _upload(data, name="tieu-chi.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _token(response) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', response.content.decode()).group(1)


def test_upload_preview_confirm_and_a_second_confirm_changes_nothing(users, north_central):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    rows = [["I", "", "Nhóm I", "", 10], ["1.1", "I", "Tiêu chí 1.1", "Định tính", "2,5"]]
    response = client.post(Y + "tieu-chi/nhap/", {"file": _upload(xlsx(HEADER, rows))})
    page = response.content.decode()
    assert "Xác nhận nhập" in page and "2 tiêu chí mới" in page
    assert not Criterion.objects.filter(cluster=north_central, year=2023).exists()
    token = _token(response)
    other = Client()
    other.force_login(users["admin"])  # another user's session does not hold the token
    assert other.post(Y + "tieu-chi/nhap/", {"token": token}).status_code == 302
    assert not Criterion.objects.filter(cluster=north_central, year=2023).exists()
    response = client.post(Y + "tieu-chi/nhap/", {"token": token})
    assert response["Location"] == Y + "tieu-chi/"
    assert set(Criterion.objects.filter(cluster=north_central, year=2023)
               .values_list("code", flat=True)) == {"I", "1.1"}
    count = Criterion.history.count()
    again = client.post(Y + "tieu-chi/nhap/", {"token": token}, follow=True)
    assert "không còn" in again.content.decode()
    assert Criterion.history.count() == count
    tree = client.get(Y + "tieu-chi/").content.decode()
    assert "Tiêu chí 1.1" in tree and "Nhập từ Excel" in tree


def test_a_file_with_errors_shows_them_offers_no_confirmation_and_saves_nothing(users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    rows = [["I", "", "Nhóm I", "", 10], ["1.1", "I", "", "Định tính", "hai"]]
    page = client.post(Y + "tieu-chi/nhap/", {"file": _upload(xlsx(HEADER, rows))}).content
    page = page.decode()
    assert "Xác nhận nhập" not in page
    assert "Cột “Tên tiêu chí”: Thiếu tên tiêu chí." in page
    assert "Cột “Điểm tối đa”: “hai” không phải là số" in page
    assert 'data-row="4"' in page


def test_a_pdf_renamed_xlsx_is_refused_on_the_page(users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    response = client.post(Y + "tieu-chi/nhap/", {"file": _upload(b"%PDF-1.4\n%%EOF\n")})
    assert "không phải bảng tính Excel" in response.content.decode()
    assert "Xác nhận nhập" not in response.content.decode()


def test_preview_query_count_does_not_grow_with_rows(users):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    client.get(Y + "tieu-chi/nhap/")
    counts = {}
    for size in (10, 60):
        rows = [["I", "", "Nhóm I", "", None]] + [
            [f"1.{n}", "I", f"Tiêu chí {n}", "Định tính", 1] for n in range(1, size)]
        with CaptureQueriesContext(connection) as queries:
            response = client.post(Y + "tieu-chi/nhap/", {"file": _upload(xlsx(HEADER, rows))})
        assert f"{size} tiêu chí mới" in response.content.decode()
        counts[size] = len(queries)
    assert counts[10] == counts[60], counts


def test_members_import_page_flow(users, north_central, units):
    client = Client()
    client.force_login(users["canbo.quangtri"])
    header = ["Đơn vị", "Họ và tên", "Thư điện tử", "Vai trò", "Chức vụ"]
    rows = [[units["nghean"].name, "Phạm Thị Lan", "lan.pt@example.gov.vn", "Cán bộ", ""]]
    response = client.post(Y + "thanh-vien/nhap/", {"file": _upload(xlsx(header, rows))})
    assert "1 tài khoản mới" in response.content.decode()
    with transaction.atomic():
        response = client.post(Y + "thanh-vien/nhap/", {"token": _token(response)})
    assert response.status_code == 302
    lan = User.objects.get(email="lan.pt@example.gov.vn")
    assert lan.unit == units["nghean"]
    assert Membership.objects.filter(cluster=north_central, unit=units["nghean"]).count() == 1
