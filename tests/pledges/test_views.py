"""The pledge pages driven through the test client: what each person does and sees."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pledges.models import Pledge, PledgeEvent, PledgeStatus, Signature
from tests.factories import MembershipFactory, UserFactory
from tests.pledges.factories import PledgeFactory, pledge_setup

pytestmark = pytest.mark.django_db

S = PledgeStatus


def url(setup, suffix="", year=None):
    return f"/cum/{setup.cluster.slug}/{year or setup.year}/giao-uoc/{suffix}"


def test_secretariat_creates_edits_and_opens_the_pledge(client):
    setup = pledge_setup(units=3, status=None)
    client.force_login(setup.secretary)
    response = client.get(url(setup, "lap/"))
    assert 'value="Giao ước thi đua năm 2022"' in response.content.decode()
    response = client.post(url(setup, "lap/"), {"title": "Giao ước thi đua năm 2022",
                                                "preamble": "Các đơn vị thống nhất:"})
    assert response["Location"] == url(setup)
    pledge = Pledge.objects.get(cluster=setup.cluster, year=2022)
    assert pledge.status == S.DRAFT and pledge.created_by == setup.secretary
    for text in ("Cam kết A", "Cam kết B", "Cam kết C"):
        assert client.post(url(setup, "cam-ket/them/"), {"text": text}).status_code == 302
    a, b, c = pledge.commitments.order_by("position")
    client.post(url(setup, f"cam-ket/{c.pk}/di-chuyen/"), {"huong": "len"})
    client.post(url(setup, f"cam-ket/{a.pk}/di-chuyen/"), {"huong": "xuong"})
    client.post(url(setup, f"cam-ket/{a.pk}/di-chuyen/"), {"huong": "ngang"})  # ignored
    client.post(url(setup, f"cam-ket/{b.pk}/sua/"), {"text": "Cam kết B đã sửa"})
    client.post(url(setup, f"cam-ket/{a.pk}/xoa/"))
    assert list(pledge.commitments.order_by("position").values_list("position", "text")) == [
        (1, "Cam kết C"), (2, "Cam kết B đã sửa"),
    ]
    client.post(url(setup, "sua/"), {"title": "Giao ước thi đua năm 2022 (sửa)", "preamble": ""})
    html = client.get(url(setup)).content.decode()
    assert "Giao ước thi đua năm 2022 (sửa)" in html
    assert html.index("Cam kết C") < html.index("Cam kết B đã sửa")
    response = client.post(url(setup, "trang-thai/mo-ky-ket/"), {"note": "Tại hội nghị"},
                           follow=True)
    assert "Giao ước đã chuyển sang trạng thái “Đang ký kết”." in response.content.decode()
    event = PledgeEvent.objects.get(pledge=pledge)
    assert (event.to_status, event.actor, event.note) == (S.OPEN, setup.secretary, "Tại hội nghị")


def test_bad_input_is_shown_in_vietnamese_and_kept(client):
    setup = pledge_setup(units=2, status=None)
    client.force_login(setup.secretary)
    response = client.post(url(setup, "lap/"), {"title": " ", "preamble": "Đã nhập"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập tiêu đề giao ước." in html and "Đã nhập" in html
    assert not Pledge.objects.exists()
    response = client.post(url(setup, "lap/"), {"title": "A", "conference": "999999"})
    assert "Lựa chọn không thuộc cụm này trong năm của giao ước." in response.content.decode()
    PledgeFactory(cluster=setup.cluster, year=2022)
    response = client.post(url(setup, "cam-ket/them/"), {"text": ""})
    assert "Vui lòng nhập nội dung cam kết." in response.content.decode()
    response = client.get(url(setup, "lap/"), follow=True)
    assert "Cụm đã có giao ước thi đua năm 2022." in response.content.decode()


def test_opening_without_commitments_is_refused_on_the_page(client):
    setup = pledge_setup(units=2, commitments=0)
    client.force_login(setup.secretary)
    html = client.get(url(setup, "trang-thai/mo-ky-ket/")).content.decode()
    assert "Giao ước chưa có nội dung cam kết nào nên chưa thể mở ký kết." in html
    assert 'type="submit"' not in html.split("<main")[1]
    response = client.post(url(setup, "trang-thai/mo-ky-ket/"))
    assert response.status_code == 200
    assert Pledge.objects.get().status == S.DRAFT


def test_leader_reads_and_signs(client):
    setup = pledge_setup(units=3, status=S.OPEN)
    leader, unit = setup.leader_of(1), setup.members[1]
    client.force_login(leader)
    html = client.get(url(setup, "ky/")).content.decode()
    assert f"Người ký: <strong>{leader.full_name}</strong>, Giám đốc Sở Nội vụ, thay mặt " \
           f"{unit.name}." in html
    assert "Nội dung cam kết số" in html  # the text is shown before signing
    response = client.post(url(setup, "ky/"), {})
    assert "Vui lòng xác nhận đã đọc và đồng ý trước khi ký." in response.content.decode()
    assert not Signature.objects.exists()
    response = client.post(url(setup, "ky/"), {"confirm": "on"}, follow=True)
    html = response.content.decode()
    events = PledgeEvent.objects.filter(pledge=setup.pledge).count()
    assert f"{unit.name} đã ký giao ước thi đua năm 2022." in html
    today = timezone.localdate()
    assert f"{unit.name} đã ký giao ước ({leader.full_name}, ngày " \
           f"{today.day}/{today.month}/{today.year})." in html
    assert "Đã ký 1/3 đơn vị" in html
    # A repeated request (a double click) signs nothing twice and answers with the first.
    response = client.post(url(setup, "ky/"), {"confirm": "on"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][1] == 302
    assert f"{unit.name} đã ký giao ước lúc " in html and "không ký thêm lần nữa." in html
    assert "alert-danger" not in html
    assert Signature.objects.count() == 1
    assert PledgeEvent.objects.filter(pledge=setup.pledge).count() == events


def test_signature_board_shows_signed_and_unsigned_units(client):
    setup = pledge_setup(units=3, status=S.OPEN, signed=1)
    client.force_login(setup.officers[setup.members[2].pk])
    html = client.get(url(setup, "chu-ky/")).content.decode()
    assert html.count('data-testid="signature-row"') == 3
    assert html.count('data-signed="1"') == 1 and html.count('data-signed="0"') == 2
    assert "Lãnh đạo " + setup.members[0].short_name in html
    assert "Ký trên giấy (thư ký cụm ghi nhận)" in html
    assert "Chưa ký" in html


def test_secretariat_records_paper_signatures_until_fully_signed_then_locks(client):
    setup = pledge_setup(units=3, status=S.OPEN, signed=1)
    client.force_login(setup.secretary)
    html = client.get(url(setup, "ghi-nhan-ky-giay/")).content.decode()
    assert setup.members[0].name not in html.split('id="id_unit"')[1].split("</select>")[0]
    data = {"unit": setup.members[0].pk, "signer_name": "A", "signed_on": "2022-06-24"}
    response = client.post(url(setup, "ghi-nhan-ky-giay/"), data)
    assert "không phải là thành viên chưa ký" in response.content.decode()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"unit": setup.members[1].pk, "signer_name": "Trần Văn B",
            "signer_title": "Phó Giám đốc", "signed_on": tomorrow.isoformat()}
    response = client.post(url(setup, "ghi-nhan-ky-giay/"), data)
    assert "Ngày ký không được sau ngày hôm nay" in response.content.decode()
    for unit in setup.members[1:]:
        data = {"unit": unit.pk, "signer_name": "Trần Văn B", "signer_title": "Phó Giám đốc",
                "signed_on": "24/06/2022", "note": "Ký tại hội nghị"}
        response = client.post(url(setup, "ghi-nhan-ky-giay/"), data)
        assert response["Location"] == url(setup, "chu-ky/")
    html = client.get(url(setup, "chu-ky/")).content.decode()
    assert "Đã ký 3/3 đơn vị" in html and "Đã ký đủ" in html
    assert setup.secretary.full_name in html  # who recorded the paper signatures
    html = client.get(url(setup)).content.decode()
    assert "Khóa giao ước" in html
    response = client.post(url(setup, "trang-thai/khoa/"), {}, follow=True)
    assert "Giao ước đã chuyển sang trạng thái “Đã khóa”." in response.content.decode()
    assert Pledge.objects.get().status == S.LOCKED


def test_secretariat_opens_a_signed_pledge_again_only_for_a_member_who_joined(client):
    setup = pledge_setup(units=2, status=S.SIGNED, signed=2)
    client.force_login(setup.secretary)
    assert "Mở lại để thành viên mới ký" not in client.get(url(setup)).content.decode()
    response = client.post(url(setup, "trang-thai/mo-ky-ket/"), {})
    assert "Mọi đơn vị thành viên đã ký; không cần mở lại giao ước." in (
        response.content.decode())
    assert Pledge.objects.get().status == S.SIGNED
    newcomer = MembershipFactory(cluster=setup.cluster, from_year=setup.year).unit
    html = client.get(url(setup)).content.decode()
    assert "Mở lại để thành viên mới ký" in html and "trang-thai/mo-ky-ket/" in html
    html = client.get(url(setup, "trang-thai/mo-ky-ket/")).content.decode()
    assert "các chữ ký đã có được giữ nguyên" in html
    response = client.post(url(setup, "trang-thai/mo-ky-ket/"), {"note": "Thành viên mới"},
                           follow=True)
    assert "Giao ước đã chuyển sang trạng thái “Đang ký kết”." in response.content.decode()
    data = {"unit": newcomer.pk, "signer_name": "Lê Thị C", "signer_title": "Giám đốc",
            "signed_on": "01/09/2022"}
    assert client.post(url(setup, "ghi-nhan-ky-giay/"), data).status_code == 302
    assert Pledge.objects.get().status == S.SIGNED


def test_after_lock_pages_refuse_every_change(client):
    setup = pledge_setup(units=2, status=S.LOCKED, signed=2)
    commitment = setup.pledge.commitments.first()
    client.force_login(setup.secretary)
    for suffix, data in [
        ("sua/", {"title": "Mới"}),
        ("cam-ket/them/", {"text": "Mới"}),
        (f"cam-ket/{commitment.pk}/sua/", {"text": "Mới"}),
        (f"cam-ket/{commitment.pk}/xoa/", {}),
        (f"cam-ket/{commitment.pk}/di-chuyen/", {"huong": "xuong"}),
        ("ghi-nhan-ky-giay/", {"unit": setup.members[0].pk, "signer_name": "A",
                               "signed_on": "2022-06-24"}),
    ]:
        response = client.post(url(setup, suffix), data, follow=True)
        assert "Giao ước đã khóa" in response.content.decode(), suffix
    for slug in ("mo-ky-ket", "tra-ve-du-thao", "khoa"):
        response = client.post(url(setup, f"trang-thai/{slug}/"))
        assert "Giao ước đã khóa, không thể thay đổi." in response.content.decode()
    client.force_login(setup.leader_of(0))
    response = client.post(url(setup, "ky/"), {"confirm": "on"})
    assert "Giao ước đã khóa, không thể ký thêm." in response.content.decode()
    pledge = Pledge.objects.get()
    assert (pledge.title, pledge.status, pledge.commitments.count()) == (
        "Giao ước thi đua năm 2022", S.LOCKED, 3)
    assert Signature.objects.count() == 2 and not PledgeEvent.objects.exists()


# --- dashboard panel -------------------------------------------------------------------------

def test_dashboard_offers_signing_to_a_leader_whose_unit_has_not_signed(client):
    setup = pledge_setup(units=2, status=S.OPEN)
    sign_url = url(setup, "ky/")
    client.force_login(setup.leader_of(0))
    html = client.get("/").content.decode()
    assert 'data-testid="pledge-panel"' in html
    assert "Đang ký kết" in html and "Đã ký 0/2 đơn vị" in html
    assert f'href="{sign_url}"' in html and "Ký giao ước" in html
    client.post(sign_url, {"confirm": "on"})
    html = client.get("/").content.decode()
    assert f'href="{sign_url}"' not in html
    assert "Đã ký 1/2 đơn vị" in html
    for user in (setup.officers[setup.members[1].pk], setup.secretary,
                 UserFactory(unit=None, role="", is_superuser=True, is_staff=True)):
        client.force_login(user)
        html = client.get(f"/cum/{setup.cluster.slug}/2022/").content.decode()
        assert "Đã ký 1/2 đơn vị" in html
        assert f'href="{sign_url}"' not in html


def test_dashboard_invites_the_secretariat_to_create_the_pledge(client):
    setup = pledge_setup(units=2, status=None)
    client.force_login(setup.secretary)
    html = client.get("/").content.decode()
    assert "Chưa có giao ước thi đua năm 2022." in html
    assert f'href="{url(setup, "lap/")}"' in html
    client.force_login(setup.leader_of(1))
    html = client.get("/").content.decode()
    assert "Chưa có giao ước thi đua năm 2022." in html
    assert "lap/" not in html


def test_demo_pledge_page_shows_the_conference_and_the_six_signers(client, users):
    client.force_login(users["bonoivu"])
    html = client.get("/cum/snv-bac-trung-bo/2022/giao-uoc/").content.decode()
    assert "Ký kết tại: Hội nghị sơ kết" in html and "Huế" in html and "24/6/2022" in html
    assert html.count('data-testid="commitment"') >= 4
    assert "dữ liệu minh họa" in html
    assert "Ngô Quang Chiến" in html
    assert html.count('data-testid="events"') == 1
    for label in ("Dự thảo → Đang ký kết", "Đang ký kết → Đã ký đủ", "Đã ký đủ → Đã khóa"):
        assert label in html


# --- query counts: the pages do not grow with the number of member units ----------------------

def _query_counts(client, size: int) -> dict[str, int]:
    setup = pledge_setup(units=size, status=S.OPEN, signed=size // 2, commitments=size // 3 + 1)
    for offset in range(1, size // 10 + 2):  # more pledges in the list too
        PledgeFactory(cluster=setup.cluster, year=setup.year + offset)
    unsigned_leader = setup.leader_of(size - 1)
    pages = {
        "detail": (setup.secretary, url(setup)),
        "signatures": (setup.secretary, url(setup, "chu-ky/")),
        "list": (setup.secretary, f"/cum/{setup.cluster.slug}/giao-uoc/"),
        "paper": (setup.secretary, url(setup, "ghi-nhan-ky-giay/")),
        "sign": (unsigned_leader, url(setup, "ky/")),
        "detail as leader": (unsigned_leader, url(setup)),
        "home": (unsigned_leader, "/"),
    }
    counts = {}
    for name, (user, page) in pages.items():
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    html = client.get(url(setup, "chu-ky/")).content.decode()
    assert html.count('data-testid="signature-row"') == size
    return counts


def test_pledge_pages_do_not_grow_with_the_number_of_units(client):
    small = _query_counts(client, 6)
    large = _query_counts(client, 60)
    assert small == large
    # The home page also runs the other apps' panels; the pledge pages stay small.
    assert max(n for name, n in small.items() if name != "home") <= 20, small


def test_the_signing_control_is_one_large_label_and_errors_are_announced(client):
    """Issue #14, point 5: the confirmation is a full-width label with a large checkbox; a
    missing confirmation is said at the top and at the box, in Vietnamese."""
    setup = pledge_setup(units=3, status=S.OPEN)
    client.force_login(setup.leader_of(1))
    html = client.get(url(setup, "ky/")).content.decode()
    assert "cluster/choices.css" in html and "data-busy=" in html
    assert ('<label class="choice" for="id_confirm" data-testid="choice-label">'
            '<input type="checkbox" name="confirm" id="id_confirm">') in html
    assert "aria-invalid" not in html.split("<main")[1]
    response = client.post(url(setup, "ky/"), {"confirm": ""})
    html = response.content.decode()
    assert response.status_code == 200 and not Signature.objects.exists()
    assert 'data-testid="error-summary"' in html and 'href="#id_confirm"' in html
    assert 'aria-invalid="true" aria-describedby="id_confirm_loi"' in html
    assert html.count("Vui lòng xác nhận đã đọc và đồng ý trước khi ký.") == 2
