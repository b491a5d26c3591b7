"""Past honours of units and their people from Excel (issue #13, point 5): template,
preview with every row's errors in Vietnamese, nothing saved unless all valid, the same file
twice changes nothing; realistic files; the honours page shows them."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cluster import spreadsheets
from commendations import imports
from commendations.models import AwardForm, PastHonour
from tests.commendations.factories import vote_setup
from tests.spreadsheet_files import Upload, xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_data")]
HEADER = ["Đơn vị", "Cá nhân", "Hình thức khen thưởng", "Năm", "Số quyết định",
          "Ngày quyết định", "Cơ quan ban hành", "Ghi chú"]
NAMES = [("Sở Nội vụ tỉnh Nghệ An", "Nghệ An"), ("Sở Nội vụ tỉnh Hà Tĩnh", "Hà Tĩnh"),
         ("Sở Nội vụ tỉnh Quảng Trị", "Quảng Trị")]


@pytest.fixture
def setup():
    setup = vote_setup(units=3, nominate=[])
    # The registry's own departments carry these names; the test cluster's units are
    # others, named so that the file's names (without the note) find them.
    for unit, (name, short) in zip(setup.members, NAMES, strict=True):
        unit.name, unit.short_name = f"{name} (cụm thử)", short
        unit.save()
    return setup


def rows():
    return [
        # A unit's name merged down over its two honours (A4:A5), as clusters' tables have.
        ["Sở Nội vụ tỉnh Nghệ An", None, "Cờ thi đua của Chính phủ", 2021, "215/QĐ-TTg",
         "15/02/2022", "Thủ tướng Chính phủ", None],
        [None, "Nguyễn Thị Lan", "Chiến sĩ thi đua toàn quốc", "2020", "1020/QĐ-TTg",
         datetime.datetime(2021, 8, 3), "Thủ tướng Chính phủ", "Đạt 3 năm liền"],
        ["so noi vu tinh ha tinh", "", "co thi dua cua bo noi vu", 2022.0, None, "3-1-2023", None,
         None],
        [None] * 8,  # an empty trailing row
    ]


def realistic() -> bytes:
    return xlsx(HEADER, rows(), title="KHEN THƯỞNG ĐÃ CÓ CỦA CÁC ĐƠN VỊ", merges=["A3:A4"])


def preview(setup, data, year=2022):
    return imports.honours_preview(cluster=setup.cluster, year=year, data=data)


def run(setup, data, year=2022):
    return imports.honours_import(cluster=setup.cluster, year=year, data=data,
                                  acting_user=setup.secretary)


def test_a_realistic_file_previews_saves_once_and_twice_changes_nothing(setup):
    nghean, hatinh = setup.members[0], setup.members[1]
    result = preview(setup, realistic())
    assert result.is_valid, result.errors
    assert [(r.number, r.unit, r.person_name, r.award.code, r.honour_year, r.decision_date,
             r.status) for r in result.rows] == [
        (3, nghean, "", "co_chinh_phu", 2021, datetime.date(2022, 2, 15), "new"),
        (4, nghean, "Nguyễn Thị Lan", "chien_si_thi_dua_toan_quoc", 2020,
         datetime.date(2021, 8, 3), "new"),
        (5, hatinh, "", "co_bo_noi_vu", 2022, datetime.date(2023, 1, 3), "new")]
    assert not PastHonour.objects.exists()  # the preview saves nothing
    run(setup, realistic())
    lan = PastHonour.objects.get(person_name="Nguyễn Thị Lan")
    assert (lan.unit, lan.year, lan.decision_number, lan.issuing_body, lan.note) == (
        nghean, 2020, "1020/QĐ-TTg", "Thủ tướng Chính phủ", "Đạt 3 năm liền")
    assert lan.history.get().history_user == setup.secretary
    counts = (PastHonour.objects.count(), PastHonour.history.count())
    again = run(setup, realistic())
    assert {r.status for r in again.rows} == {"same"}
    assert counts == (PastHonour.objects.count(), PastHonour.history.count()) == (3, 3)


def test_a_changed_row_is_brought_up_to_date(setup):
    run(setup, realistic())
    changed = rows()
    changed[2][4] = "12/QĐ-BNV"
    result = run(setup, xlsx(HEADER, changed, merges=["A3:A4"]))
    assert [r.status for r in result.rows] == ["same", "same", "changed"]
    assert PastHonour.objects.get(unit=setup.members[1]).decision_number == "12/QĐ-BNV"
    assert PastHonour.objects.count() == 3


def test_every_rows_errors_are_in_vietnamese_and_nothing_is_saved(setup):
    bad = [
        ["Sở Nội vụ tỉnh Bình Dương", None, "Cờ thi đua của Chính phủ", 2021, None, None, None,
         None],
        ["Sở Nội vụ tỉnh Nghệ An", None, "Huy chương vàng", 2021, None, None, None, None],
        ["Sở Nội vụ tỉnh Nghệ An", None, "Cờ thi đua của Chính phủ", 2030, None, None, None,
         None],
        ["Sở Nội vụ tỉnh Nghệ An", None, "Cờ thi đua của Chính phủ", "năm ngoái", None, None,
         None, None],
        ["Sở Nội vụ tỉnh Nghệ An", None, "Cờ thi đua của Bộ Nội vụ", 2021, None, "31/02/2022",
         None, None],
        ["Sở Nội vụ tỉnh Nghệ An", "Trần Văn Nam", "Cờ thi đua của Bộ Nội vụ", 2020, None,
         None, None, None],
        ["Sở Nội vụ tỉnh Nghệ An", None, "Chiến sĩ thi đua toàn quốc", 2020, None, None, None,
         None],
        ["Sở Nội vụ tỉnh Hà Tĩnh", None, "Cờ thi đua của Bộ Nội vụ", 2019, None, "tháng 3",
         None, None],
        ["Sở Nội vụ tỉnh Hà Tĩnh", None, "Cờ thi đua của Bộ Nội vụ", 2019, None, "01/03/2018",
         None, None],
        ["Sở Nội vụ tỉnh Quảng Trị", None, "Cờ thi đua của Chính phủ", 2021, None, None, None,
         None],
        ["sở nội vụ tỉnh quảng trị", None, "CỜ THI ĐUA CỦA CHÍNH PHỦ", 2021, None, None, None,
         None],
        [None, None, None, 2021, "5/QĐ", None, None, None],
    ]
    result = preview(setup, xlsx(HEADER, bad))
    assert not result.is_valid
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "Đơn vị", "“Sở Nội vụ tỉnh Bình Dương” không phải đơn vị thành viên của cụm (hay "
                      "đơn vị đã hợp nhất vào một thành viên); hãy ghi đúng tên chính thức, ví "
                      "dụ: Sở Nội vụ tỉnh Nghệ An."),
        (4, "Hình thức khen thưởng", "Không có hình thức khen thưởng “Huy chương vàng” trong "
                                     "danh mục; hãy ghi đúng tên như trong danh mục khen thưởng "
                                     "(trang quản trị thêm được hình thức mới)."),
        (5, "Năm", "Năm 2030 không hợp lệ: năm thành tích phải từ 1945 đến 2022."),
        (6, "Năm", "“năm ngoái” không phải là số (ví dụ đúng: 10 hoặc 2,5)."),
        (7, "Ngày quyết định", "Ngày “31/02/2022” không có thật (ngày/tháng/năm)."),
        (8, "Cá nhân", "“Cờ thi đua của Bộ Nội vụ” tặng cho tập thể; hãy để trống cột cá nhân "
                       "hoặc chọn hình thức dành cho cá nhân."),
        (9, "Cá nhân", "“Chiến sĩ thi đua toàn quốc” tặng cho cá nhân; hãy ghi họ và tên."),
        (10, "Ngày quyết định", "“tháng 3” không phải ngày tháng (ví dụ đúng: 15/01/2024)."),
        (11, "Ngày quyết định", "Ngày quyết định 01/03/2018 trước năm thành tích 2019."),
        (13, "Hình thức khen thưởng", "Trùng với dòng 12 (cùng đơn vị, cá nhân, hình thức và "
                                      "năm)."),
        (14, "Đơn vị", "Thiếu tên đơn vị."),
        (14, "Hình thức khen thưởng", "Thiếu hình thức khen thưởng."),
    ]
    with pytest.raises(ValidationError) as refused:
        run(setup, xlsx(HEADER, bad))
    assert refused.value.messages[0].startswith("Dòng 3, cột “Đơn vị”:")
    assert not PastHonour.objects.exists()


@pytest.mark.parametrize(("content", "expected"), [
    (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "không phải bảng tính Excel"),
    ("Đơn vị;Năm\nSở Nội vụ tỉnh Nghệ An;2021\n".encode(), "không phải bảng tính Excel"),
])
def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_page(setup, content, expected):
    client = Client()
    client.force_login(setup.secretary)
    response = client.post(f"/cum/{setup.cluster.slug}/2022/khen-thuong/khen-thuong-da-co/nhap/",
                           {"file": Upload(content, "khen-thuong.xlsx")})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not PastHonour.objects.exists()


def test_the_page_previews_confirms_once_and_the_unit_page_shows_the_honours(setup):
    client = Client()
    client.force_login(setup.secretary)
    url = f"/cum/{setup.cluster.slug}/2022/khen-thuong/khen-thuong-da-co/nhap/"
    page = client.post(url, {"file": Upload(realistic(), "khen-thuong.xlsx")})
    html = page.content.decode()
    assert "3 khen thưởng mới, 0 sửa, 0 không đổi" in html
    assert html.count('data-testid="preview-row"') == 3
    assert not PastHonour.objects.exists()
    token = page.context["token"]
    done = client.post(url, {"token": token}, follow=True)
    assert "Đã nhập khen thưởng đã có: 3 khen thưởng mới" in done.content.decode()
    assert PastHonour.objects.count() == 3
    again = client.post(url, {"token": token}, follow=True)  # a second click finds nothing
    assert "không còn" in again.content.decode() and PastHonour.objects.count() == 3
    honours = client.get(f"/don-vi/{setup.members[0].pk}/khen-thuong/").content.decode()
    assert "Nguyễn Thị Lan (Nghệ An)" in honours and "Số 215/QĐ-TTg ngày 15/2/2022" in honours
    assert honours.count('data-source="excel"') == 2


def test_the_template_reads_back_and_lists_the_catalogue(setup):
    client = Client()
    client.force_login(setup.secretary)
    response = client.get(f"/cum/{setup.cluster.slug}/2022/khen-thuong/khen-thuong-da-co/"
                          "mau.xlsx")
    assert response.status_code == 200
    assert "mau-khen-thuong-da-co-2022.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Khen thưởng"][3]] == HEADER
    guide = [row[0].value for row in book["Hướng dẫn"].iter_rows()]
    assert "Cờ thi đua của Chính phủ" in guide and "Đơn vị (bắt buộc)" in guide
    result = preview(setup, response.content)
    assert result.is_valid, result.errors
    assert [r.status for r in result.rows] == ["new", "new"]


def test_an_honour_granted_through_a_dossier_is_not_recorded_twice(setup):
    from commendations.models import AwardDecision, GrantedAward
    from commendations.services import nomination_add

    award = AwardForm.objects.get(code="co_bo_noi_vu")
    nomination = nomination_add(session=setup.session, award=award, unit=setup.members[1],
                                summary="Thành tích", acting_user=setup.secretary)
    decision = AwardDecision.objects.create(number="1/QĐ-BNV",
                                            issued_on=datetime.date(2023, 1, 3),
                                            issuing_body="Bộ trưởng Bộ Nội vụ")
    GrantedAward.objects.create(decision=decision, nomination=nomination, award=award,
                                cluster=setup.cluster, year=2022, unit=setup.members[1])
    result = run(setup, realistic())
    assert [r.status for r in result.rows] == ["new", "new", "granted"]
    assert PastHonour.objects.count() == 2


@pytest.mark.parametrize("count", [5, 40])
def test_the_preview_costs_the_same_queries_whatever_the_rows(setup, count):
    units = [name for name, _short in NAMES]
    data = xlsx(HEADER, [[units[i % 3], f"Cán bộ {i}", "Chiến sĩ thi đua toàn quốc",
                          1990 + i % 30, None, None, None, None] for i in range(count)])
    with CaptureQueriesContext(connection) as queries:
        result = preview(setup, data)
    assert result.is_valid, result.errors[:3]
    assert len(queries) == 6  # memberships, members, one generation of mergers, awards,
    #                           stored honours, granted awards


def test_check_upload_accepts_the_realistic_file():
    assert spreadsheets.check_upload(Upload(realistic(), "k.xlsx")) == realistic()
