"""The commendations pages driven through the test client: what each person does and sees."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Conference
from commendations import services
from commendations.models import (
    AwardRule,
    Ballot,
    Dossier,
    DossierStatus,
    GrantedAward,
    Nomination,
    SessionStatus,
    VotingSession,
)
from tests.campaigns.factories import ConferenceFactory
from tests.commendations.conftest import PDF
from tests.commendations.factories import cast, close, vote_setup, year_end_ranking

pytestmark = pytest.mark.django_db
S = SessionStatus


def url(setup, suffix="", year=None):
    return f"/cum/{setup.cluster.slug}/{year or setup.year}/khen-thuong/{suffix}"


def surl(setup, suffix=""):
    return url(setup, f"phien/{setup.session.pk}/{suffix}")


def test_secretariat_prepares_opens_records_and_closes_a_vote(client):
    setup = vote_setup(units=3, nominate=[])
    client.force_login(setup.secretary)
    # A second session through the page, at the year-end conference proposed by default.
    response = client.get(url(setup, "phien/tao/"))
    assert response.context["form"].initial["conference"] == setup.conference
    response = client.post(url(setup, "phien/tao/"), {"title": "Bình xét bổ sung",
                                                      "conference": setup.conference.pk})
    session = VotingSession.objects.get(title="Bình xét bổ sung")
    assert response["Location"] == url(setup, f"phien/{session.pk}/")
    setup.session = session
    response = client.post(surl(setup, "de-nghi/them/"), {
        "award": setup.awards["cstd"].pk, "unit": setup.members[0].pk, "summary": "Sáng kiến",
        "person_name": "", "person_gender": ""})
    assert response.status_code == 200
    assert "dành cho cá nhân: vui lòng nhập họ và tên" in response.content.decode()
    client.post(surl(setup, "de-nghi/them/"), {
        "award": setup.awards["cstd"].pk, "unit": setup.members[0].pk, "summary": "Sáng kiến",
        "person_name": "Lê Thị C", "person_title": "Chuyên viên", "person_gender": "nu"})
    client.post(surl(setup, "de-nghi/them/"), {
        "award": setup.awards["co_bo"].pk, "unit": setup.members[1].pk,
        "summary": "Hoàn thành xuất sắc", "women_share_percent": "75"})
    nominations = list(Nomination.objects.filter(session=session).order_by("order"))
    assert [n.candidate_name for n in nominations] == [
        f"Lê Thị C ({setup.members[0].short_name})", setup.members[1].name]
    response = client.post(surl(setup, "trang-thai/mo-bo-phieu/"), {"present_count": "2"},
                           follow=True)
    assert "Phiên bình xét đã chuyển sang trạng thái “Đang bỏ phiếu”." in \
        response.content.decode()
    fields = {f"n{n.pk}": "dong-y" for n in nominations}
    response = client.post(surl(setup, "ghi-nhan-phieu/"), {
        "unit": setup.members[2].pk, "kind": "van_ban", "note": "Gửi ngày 19/12", **fields},
        follow=True)
    html = response.content.decode()
    assert f"Đã ghi nhận phiếu của {setup.members[2].name}" in html
    assert "Bỏ phiếu bằng văn bản (thành viên vắng mặt)" in html
    response = client.post(surl(setup, "ghi-nhan-phieu/"), {
        "unit": setup.members[2].pk, "kind": "ban_giay", **fields})
    assert "không phải là thành viên chưa bỏ phiếu" in response.content.decode()
    leader = setup.leader_of(0)
    client.force_login(leader)
    response = client.post(surl(setup, "bo-phieu/"), {f"n{nominations[0].pk}": "dong-y"})
    assert "Vui lòng chọn “Đồng ý” hoặc “Không đồng ý”." in response.content.decode()
    response = client.post(surl(setup, "bo-phieu/"), {**fields,
                                                      f"n{nominations[1].pk}": "khong-dong-y"},
                           follow=True)
    assert "Phiếu là bí mật" in response.content.decode()
    assert Ballot.objects.get(session=session, unit=setup.members[0]).cast_by == leader
    client.force_login(setup.secretary)
    client.post(surl(setup, "trang-thai/kiem-phieu/"), {})
    assert setup.reload().status == S.COUNTING
    response = client.get(surl(setup, "trang-thai/ket-thuc/"))
    assert response.context["form"].initial["present_count"] == 2
    response = client.post(surl(setup, "trang-thai/ket-thuc/"), {"present_count": "2"})
    assert "Xem trước kết quả" in response.content.decode()
    assert setup.reload().status == S.COUNTING
    client.post(surl(setup, "trang-thai/ket-thuc/"), {"present_count": "2", "confirm": "True"})
    session.refresh_from_db()
    assert session.status == S.CLOSED
    html = client.get(surl(setup)).content.decode()
    assert "Thành viên: 3; có mặt: 2; bỏ phiếu bằng văn bản: 1; số phiếu thu về: 2." in html
    assert "Tỷ lệ đồng ý: từ 90% trên tổng số thành viên" in html  # 2022: no later text
    assert 'data-testid="secretariat-notes"' in html and "chưa ghi nguồn văn bản" in html
    assert "Không đạt: 2/3 phiếu đồng ý (66,67%)" in html
    assert "Không đạt: 1/3 phiếu đồng ý (33,33%)" in html


def test_closing_with_bad_counts_keeps_the_form_and_says_why(client):
    setup = vote_setup(units=3, open_with_present=3)
    cast(setup, 0)
    cast(setup, 1, kind="van_ban")
    services.session_transition(session=setup.session, to_status=S.COUNTING,
                                acting_user=setup.secretary)
    client.force_login(setup.secretary)
    for confirm in ("", "True"):  # neither the preview nor the confirmation takes them
        response = client.post(surl(setup, "trang-thai/ket-thuc/"),
                               {"present_count": "3", "confirm": confirm})
        assert response.status_code == 200
        assert "Số phiếu bằng văn bản (1) vượt quá số thành viên vắng mặt (0)." in \
            response.content.decode()
    assert setup.reload().status == S.COUNTING


def test_nominations_show_the_units_score_and_rank_or_none(client):
    setup = vote_setup(units=3)
    client.force_login(setup.officers[setup.members[0].pk])
    html = client.get(surl(setup)).content.decode()
    assert "Năm 2022 chưa có kỳ báo cáo kết quả thi đua." in html
    assert html.count(">chưa có<") == 3
    year_end_ranking(setup, {0: True, 1: False}, kind="6_thang")
    html = client.get(surl(setup)).content.decode()
    assert "Điểm và hạng theo kết quả đã chốt kỳ 6 tháng đầu năm 2022." in html
    assert "5,00 điểm, hạng 1" in html and "0,00 điểm, hạng 2" in html
    year_end_ranking(setup, {1: True})
    html = client.get(surl(setup)).content.decode()
    assert "kỳ cả năm 2022" in html and html.count(">chưa có<") == 2


def test_the_ballot_shows_no_rank_before_the_results_are_final(client):
    """Issue #13: "87,85 · hạng 1" while four of five units had not reported."""
    setup = vote_setup(units=5, open_with_present=5)
    period = year_end_ranking(setup, {0: True}, kind="6_thang", phase="nop")
    leader = setup.leader_of(0)
    client.force_login(leader)
    html = client.get(surl(setup, "bo-phieu/")).content.decode()
    assert "hạng 1" not in html and "5,00" not in html
    assert html.count('data-testid="standing">chưa có<') == 5
    assert ("Kết quả thi đua năm 2022 chưa chốt (kỳ 6 tháng đầu năm: đơn vị nộp báo cáo); "
            "điểm và hạng chỉ có khi kết quả đã chốt.") in html
    period.phase = "chot"
    period.save()
    html = client.get(surl(setup, "bo-phieu/")).content.decode()
    assert "5,00 điểm, hạng 1" in html
    assert "Điểm và hạng theo kết quả đã chốt kỳ 6 tháng đầu năm 2022." in html


def test_a_leader_votes_from_the_dashboard_and_sees_only_that_the_unit_voted(client):
    setup = vote_setup(units=2, open_with_present=2)
    leader = setup.leader_of(0)
    client.force_login(leader)
    html = client.get(f"/cum/{setup.cluster.slug}/2022/").content.decode()
    assert 'data-testid="commendations-panel-vote"' in html
    assert "Đang bỏ phiếu: 0/2 đơn vị đã bỏ phiếu" in html
    client.post(surl(setup, "bo-phieu/"), {f"n{n.pk}": "khong-dong-y"
                                           for n in setup.nominations})
    html = client.get(f"/cum/{setup.cluster.slug}/2022/").content.decode()
    assert 'data-testid="commendations-panel-vote"' not in html
    assert "Đơn vị đã bỏ phiếu." in html
    html = client.get(surl(setup, "bo-phieu/")).content.decode()
    assert "đã bỏ phiếu. Phiếu được ghi nhận lúc " in html and "Phiếu là bí mật" in html
    assert "<form" not in html.split("<main")[1]
    html = client.get(surl(setup)).content.decode()
    assert "Kết quả bình xét" not in html and "Không đồng ý</th>" not in html


def test_rules_pages(client):
    setup = vote_setup(units=2, nominate=[])
    client.force_login(setup.secretary)
    html = client.get(url(setup, "quy-tac/")).content.decode()
    assert "5007/BNV-TĐKT" not in html  # issued in 2023: not a source of the 2022 rules
    assert "chưa ghi nguồn văn bản" in html
    assert "không quá 20% số tập thể được suy tôn dẫn đầu (làm tròn xuống)" in html
    rule = AwardRule.objects.get(cluster=setup.cluster, award=setup.awards["co_bo"])
    response = client.post(url(setup, f"quy-tac/{rule.pk}/sua/"), {
        "threshold_percent": "75", "base": "ballots_cast", "threshold_source": "Quy chế cụm",
        "quota_of": "leaders", "quota_rounding": "floor", "tie_break": "none",
        "women_share_percent": "70"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.threshold_percent, rule.base, rule.updated_by) == (75, "ballots_cast",
                                                                    setup.secretary)
    html = client.get(url(setup, "quy-tac/")).content.decode()
    assert "từ 75% số phiếu thu về" in html and "Quy chế cụm" in html
    response = client.post(url(setup, "quy-tac/lap/", year=2023), {"source": "2022"})
    assert response.status_code == 302
    assert AwardRule.objects.get(cluster=setup.cluster, year=2023,
                                 award=setup.awards["co_bo"]).threshold_percent == 75


def test_dossier_pages_upload_draft_send_and_decide(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    setup = vote_setup(units=2, nominate=[("co_bo", 0, {})], open_with_present=2)
    cast(setup, 0)
    cast(setup, 1)
    close(setup)
    dossier = Dossier.objects.get()
    base = url(setup, f"ho-so/{dossier.pk}/")
    client.force_login(setup.secretary)
    html = client.get(base).content.decode()
    assert "Còn thiếu: Tờ trình đề nghị khen thưởng; Biên bản họp bình xét" in html
    response = client.post(base + "tai-lieu/to-trinh/them/", {
        "title": "Tờ trình", "file": SimpleUploadedFile("tt.pdf", b"<html></html>")})
    assert "Nội dung tệp không khớp" in response.content.decode()
    client.post(base + "tai-lieu/to-trinh/them/", {
        "title": "Tờ trình số 01/TTr-CTĐ", "file": SimpleUploadedFile("Tờ trình.pdf", PDF)})
    client.post(base + "bien-ban/")
    client.post(base + "tai-lieu/bao-cao-thanh-tich/them/", {"text": "Báo cáo thành tích"})
    html = client.get(base).content.decode()
    assert "Hồ sơ đủ tài liệu." in html and "Tờ trình.pdf" in html
    doc = dossier.documents.get(kind="to_trinh")
    download = client.get(base + f"tai-lieu/{doc.pk}/tai-ve/")
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    client.post(base + "trang-thai/gui/", {"note": "Gửi Bộ"})
    response = client.post(base + "quyet-dinh/", {
        "number": "15/QĐ-BNV", "issued_on": "2023-02-10", "issuing_body": "Bộ trưởng Bộ Nội vụ",
        "signer": "Bộ trưởng Bộ Nội vụ", "file": SimpleUploadedFile("qd.pdf", PDF)},
        follow=True)
    assert "khen thưởng được ghi vào lịch sử" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    granted = GrantedAward.objects.get()
    honours = client.get(f"/don-vi/{granted.unit_id}/khen-thuong/").content.decode()
    assert "Số 15/QĐ-BNV ngày 10/2/2023 của Bộ trưởng Bộ Nội vụ" in honours
    assert datetime.date(2023, 2, 10) == granted.decision.issued_on
    assert granted.decision.signer == "Bộ trưởng Bộ Nội vụ"


def test_session_create_without_a_conference_says_so(client):
    setup = vote_setup(units=2, nominate=[])
    client.force_login(setup.secretary)
    html = client.get(url(setup, "phien/tao/", year=2023)).content.decode()
    assert "Năm 2023 chưa có hội nghị nào" in html
    ConferenceFactory(cluster=setup.cluster, year=2023, kind=Conference.Kind.THEMATIC)
    response = client.post(url(setup, "phien/tao/", year=2023), {
        "title": "Bình xét", "conference": setup.conference.pk})
    assert "Hội nghị đã chọn không thuộc cụm trong năm này." in response.content.decode()
