"""Public consultation (issue #16, part 5): the rules as data with their article, the period
the law requires, the rate limit, moderation, closing, escaping, the dossier section, and the
same number of queries with 5 comments as with 50."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commendations import services
from commendations.consultation_rules import RULES, consultation_rules_load, working_days
from commendations.demo_consultation import TITLE
from commendations.models import (
    AwardForm,
    CommentStatus,
    Consultation,
    ConsultationRule,
    Dossier,
    Nomination,
    PublicComment,
    VotingSession,
)
from commendations.services import CommendationError
from notifications.models import Notification

pytestmark = pytest.mark.django_db
K22 = "/cum/snv-bac-trung-bo/2022/khen-thuong/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _at(day, hour=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def open_consultation(years, users):
    """A consultation of the 2022 nominees, open from yesterday for a month."""
    session = VotingSession.objects.get(pk=years["s22"])
    now = timezone.now()
    return services.consultation_publish(
        cluster=session.cluster, year=2022, title="Lấy ý kiến thử",
        nominations=list(session.nominations.all()[:3]),
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30),
        acting_user=users["canbo.quangtri"])


def _public(consultation):
    return f"/lay-y-kien/{consultation.token}/"


# The rules: data, with the article and the decree's dates.

def test_every_rule_names_its_article_clause_and_source(shipped_data):
    consultation_rules_load()
    rows = list(ConsultationRule.objects.all())
    assert len(rows) >= len(RULES)
    for rule in rows:
        assert "Điều" in rule.source and "khoản" in rule.source.lower(), rule
        assert "Nghị định số" in rule.source
        assert rule.source_url.startswith("https://")
        assert rule.days == 10
    codes = {r.award_code for r in rows}
    assert {"huan_chuong_lao_dong_hang_ba", "chien_si_thi_dua_toan_quoc",
            "anh_hung_lao_dong"} <= codes


def test_the_rule_in_force_follows_the_decree_of_the_day(shipped_data):
    from commendations.consultation_selectors import rules_in_force

    consultation_rules_load()
    code = "huan_chuong_lao_dong_hang_ba"
    before = rules_in_force(award_codes=[code], day=datetime.date(2025, 6, 30))[code]
    after = rules_in_force(award_codes=[code], day=datetime.date(2025, 7, 1))[code]
    assert "98/2023/NĐ-CP" in before.source and "Khoản 2 Điều 46" in before.source
    assert "152/2025/NĐ-CP" in after.source and "Điều 44" in after.source
    assert rules_in_force(award_codes=[code], day=datetime.date(2023, 6, 1)) == {}
    assert rules_in_force(award_codes=["co_chinh_phu"], day=datetime.date(2025, 8, 1)) == {}


def test_working_days_count_monday_to_friday_both_ends():
    # Báo QĐND: 10 working days from 20/8/2025 to 4/9/2025 (1/9 and 2/9 were holidays).
    assert working_days(datetime.date(2025, 8, 20), datetime.date(2025, 9, 4)) == 12
    assert working_days(datetime.date(2027, 1, 4), datetime.date(2027, 1, 15)) == 10
    assert working_days(datetime.date(2027, 1, 9), datetime.date(2027, 1, 10)) == 0
    assert working_days(datetime.date(2027, 1, 10), datetime.date(2027, 1, 9)) == 0


# Publishing.

def test_publish_refuses_a_period_shorter_than_the_rule(years, users, units):
    consultation_rules_load()
    session = VotingSession.objects.get(pk=years["s23"])
    medal = AwardForm.objects.get(code="huan_chuong_lao_dong_hang_ba")
    nomination = Nomination.objects.create(session=session, award=medal, unit=units["hue"],
                                           summary="Thành tích xuất sắc")
    secretary = users["canbo.quangtri"]
    monday = datetime.date(2027, 1, 4)
    with pytest.raises(CommendationError) as refused:
        services.consultation_publish(
            cluster=session.cluster, year=2023, title="Huân chương", nominations=[nomination],
            opens_at=_at(monday), closes_at=_at(datetime.date(2027, 1, 15)),  # to the 14th
            acting_user=secretary)
    message = refused.value.messages[0]
    assert "chỉ có 9 ngày làm việc" in message
    assert "ít nhất 10 ngày làm việc" in message and "Điều 44" in message
    assert not Consultation.objects.filter(year=2023).exists()
    consultation = services.consultation_publish(
        cluster=session.cluster, year=2023, title="Huân chương", nominations=[nomination],
        opens_at=_at(monday), closes_at=_at(datetime.date(2027, 1, 16)), acting_user=secretary)
    assert consultation.required_days == 10
    assert "152/2025/NĐ-CP" in consultation.legal_source
    assert consultation.published_by == secretary


def test_publish_through_the_page(client, years, users):
    client.force_login(users["canbo.quangtri"])
    session = VotingSession.objects.get(pk=years["s22"])
    nominations = list(session.nominations.values_list("pk", flat=True)[:2])
    today = timezone.localdate()
    response = client.post(K22 + "lay-y-kien/tao/", {
        "title": "Công khai đợt 2", "nominations": nominations,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat()})
    consultation = Consultation.objects.get(title="Công khai đợt 2")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/lay-y-kien/{consultation.pk}/")
    assert set(consultation.nominations.values_list("pk", flat=True)) == set(nominations)
    assert consultation.required_days == 0
    assert "cụm tự công khai" in consultation.legal_source
    # A period already over is refused on the form.
    response = client.post(K22 + "lay-y-kien/tao/", {
        "title": "Quá hạn", "nominations": nominations, "opens_on": "2023-01-02",
        "closes_on": "2023-01-20"})
    assert response.status_code == 200
    assert "Thời hạn nhận ý kiến đã qua" in response.content.decode()


# Comments from the public.

def test_anyone_comments_and_the_secretariat_is_told(open_consultation, users):
    client = Client()
    nomination = open_consultation.nominations.first()
    response = client.post(_public(open_consultation), {
        "nomination": nomination.pk, "text": "Đơn vị làm tốt.", "author_name": "Lê Văn A",
        "contact": "a@example.com"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 302
    comment = PublicComment.objects.get(consultation=open_consultation)
    assert comment.status == CommentStatus.PENDING
    assert comment.nomination == nomination and comment.contact == "a@example.com"
    assert "203.0.113.5" not in comment.ip_hash and len(comment.ip_hash) == 64
    notice = Notification.objects.get(recipient=users["canbo.quangtri"],
                                      key=f"consultation:{open_consultation.pk}:comment:"
                                          f"{comment.pk}")
    assert notice.kind == "y_kien_lay_y_kien"
    assert notice.url.endswith(f"/lay-y-kien/{open_consultation.pk}/")
    html = client.get(_public(open_consultation), follow=True).content.decode()
    assert "Đơn vị làm tốt." not in html  # pending: never shown publicly
    assert "Chưa có ý kiến nào được công khai." in html


def test_n_comments_from_one_address_then_refused_in_vietnamese(open_consultation, settings):
    settings.CONSULTATION_COMMENT_LIMIT = 3
    client = Client()
    url = _public(open_consultation)
    for number in range(3):
        response = client.post(url, {"text": f"Ý kiến {number}"}, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    response = client.post(url, {"text": "Ý kiến thứ tư"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Bạn đã gửi 3 ý kiến trong thời gian ngắn" in response.content.decode()
    assert "Ý kiến thứ tư" in response.content.decode()  # what was typed is kept
    assert PublicComment.objects.filter(consultation=open_consultation).count() == 3
    other = client.post(url, {"text": "Từ địa chỉ khác"}, REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 302
    assert PublicComment.objects.filter(consultation=open_consultation).count() == 4


def test_a_robot_filling_the_trap_is_thanked_and_nothing_is_kept(open_consultation):
    response = Client().post(_public(open_consultation),
                             {"text": "Quảng cáo", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not PublicComment.objects.filter(consultation=open_consultation).exists()


def test_size_limits_and_empty_text_are_refused(open_consultation):
    client = Client()
    response = client.post(_public(open_consultation), {"text": "x" * 3001})
    assert response.status_code == 400
    assert "3.000" in response.content.decode() or "3000" in response.content.decode()
    assert client.post(_public(open_consultation), {"text": "  "}).status_code == 400
    assert not PublicComment.objects.filter(consultation=open_consultation).exists()


def test_the_public_form_needs_its_csrf_token(open_consultation):
    client = Client(enforce_csrf_checks=True)
    assert client.post(_public(open_consultation), {"text": "Ý kiến"}).status_code == 403
    html = client.get(_public(open_consultation)).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert not PublicComment.objects.exists() or not PublicComment.objects.filter(
        consultation=open_consultation).exists()


def test_a_comment_about_a_nominee_not_listed_is_refused(open_consultation, years):
    other = Nomination.objects.get(pk=years["n23"])
    with pytest.raises(CommendationError):
        services.comment_submit(consultation=open_consultation, text="Ý kiến", ip="1.2.3.4",
                                nomination=other)


def test_after_closing_comments_are_refused_and_the_page_is_read_only(years):
    consultation = Consultation.objects.get(title=TITLE)  # the demo's, January 2023
    client = Client()
    before = PublicComment.objects.count()
    response = client.post(_public(consultation), {"text": "Muộn"}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Đã hết thời gian nhận ý kiến; không nhận thêm ý kiến." in html
    assert PublicComment.objects.count() == before
    html = client.get(_public(consultation)).content.decode()
    assert 'data-testid="closed"' in html and 'data-testid="comment-form"' not in html
    with pytest.raises(CommendationError):
        services.comment_submit(consultation=consultation, text="Muộn", ip="192.0.2.1")


# Moderation.

def test_moderation_publishes_or_dismisses_once(open_consultation, users, client):
    first = services.comment_submit(consultation=open_consultation, text="Ủng hộ", ip="1.1.1.1")
    second = services.comment_submit(consultation=open_consultation, text="Phản đối vô căn cứ",
                                     ip="1.1.1.1")
    client.force_login(users["canbo.quangtri"])
    base = K22 + f"lay-y-kien/{open_consultation.pk}/y-kien/"
    client.post(base + f"{first.pk}/xu-ly/", {"decision": "cong-khai"})
    first.refresh_from_db()
    assert first.status == CommentStatus.PUBLISHED
    assert first.moderated_by == users["canbo.quangtri"] and first.moderated_at is not None
    # Not publishing needs a note.
    html = client.post(base + f"{second.pk}/xu-ly/", {"decision": "khong"},
                       follow=True).content.decode()
    assert "Ghi rõ lý do không tiếp nhận ý kiến." in html
    client.post(base + f"{second.pk}/xu-ly/", {"decision": "khong", "note": "Không có căn cứ"})
    second.refresh_from_db()
    assert second.status == CommentStatus.DISMISSED
    assert second.moderation_note == "Không có căn cứ"
    # Twice: refused, nothing changes.
    html = client.post(base + f"{second.pk}/xu-ly/", {"decision": "cong-khai"},
                       follow=True).content.decode()
    assert "Ý kiến này đã được xử lý" in html
    second.refresh_from_db()
    assert second.status == CommentStatus.DISMISSED
    public = Client().get(_public(open_consultation)).content.decode()
    assert "Ủng hộ" in public and "Phản đối vô căn cứ" not in public


def test_comment_text_is_rendered_inert(open_consultation, users, client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    comment = services.comment_submit(consultation=open_consultation, text=attack,
                                      author_name="<b>Kẻ xấu</b>", ip="9.9.9.9")
    client.force_login(users["canbo.quangtri"])
    secretariat = client.get(K22 + f"lay-y-kien/{open_consultation.pk}/").content.decode()
    services.comment_moderate(comment=comment, publish=True, note="",
                              acting_user=users["canbo.quangtri"])
    public = Client().get(_public(open_consultation)).content.decode()
    for html in (secretariat, public):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in html


# The dossier.

def test_the_dossier_shows_the_comments_and_their_handling(client, users, years):
    consultation = Consultation.objects.get(title=TITLE)
    first = consultation.nominations.order_by("order").first()
    dossier = Dossier.objects.get(nomination=first)
    url = K22 + f"ho-so/{dossier.pk}/"
    client.force_login(users["canbo.quangtri"])
    html = client.get(url).content.decode()
    assert 'data-testid="dossier-consultation"' in html
    assert "Tôi đồng ý với đề nghị khen thưởng" in html and "Ý kiến ủng hộ, tiếp nhận." in html
    assert "không nêu cụ thể đơn vị" in html  # the comment on the whole list
    assert "Ý kiến không nêu nội dung cụ thể, không có căn cứ để xem xét" in html
    assert "0900 000 000" in html  # the secretariat sees the contact
    client.force_login(users["canbo.nghean"])
    html = client.get(url).content.decode()
    assert "Ý kiến ủng hộ, tiếp nhận." in html and "0900 000 000" not in html


def test_the_demo_consultation_predates_the_decisions(years):
    consultation = Consultation.objects.get(title=TITLE)
    first_decision = datetime.date(2023, 3, 20)
    assert consultation.is_illustrative
    assert timezone.localdate(consultation.closes_at) <= first_decision
    assert timezone.localdate(consultation.published_at) <= first_decision
    comments = list(consultation.comments.all())
    assert sorted(c.status for c in comments) == ["cong_khai", "khong_cong_khai"]
    for comment in comments:
        assert timezone.localdate(comment.moderated_at) < first_decision
        assert comment.moderation_note


# Queries: the same with 5 comments as with 50.

def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_comments(consultation, count):
    nominations = list(consultation.nominations.all())
    PublicComment.objects.bulk_create([
        PublicComment(consultation=consultation, text=f"Ý kiến {i}",
                      nomination=nominations[i % len(nominations)],
                      status=[CommentStatus.PENDING, CommentStatus.PUBLISHED,
                              CommentStatus.DISMISSED][i % 3], moderation_note="Ghi chú")
        for i in range(count)])


def test_query_counts_do_not_grow_with_the_comments(open_consultation, users):
    dossier = Dossier.objects.get(nomination=open_consultation.nominations.first())
    staff = Client()
    staff.force_login(users["canbo.quangtri"])
    urls = [(Client(), _public(open_consultation)),
            (staff, K22 + f"lay-y-kien/{open_consultation.pk}/"),
            (staff, K22 + "lay-y-kien/"),
            (staff, K22 + f"ho-so/{dossier.pk}/")]
    _add_comments(open_consultation, 5)
    small = [_queries(client, url) for client, url in urls]
    _add_comments(open_consultation, 45)
    large = [_queries(client, url) for client, url in urls]
    assert small == large
