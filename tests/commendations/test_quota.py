"""The quota's meaning and rounding, said where it is set, shown and applied (issue #13, point
6: "a quota of 20% of 1 is 0, so a unit with every vote is 'Không đạt' for the Government's
flag with no warning")."""

from decimal import Decimal as D

import pytest

from commendations.models import AwardRule, SessionStatus
from commendations.tally import ROUNDING_SOURCE, Candidate, Electorate, QuotaRule, tally
from commendations.tally import AwardRule as Rule
from tests.commendations.factories import cast, vote_setup

GOV = Rule("co_cp", "Cờ thi đua của Chính phủ", D(80),
           quota=QuotaRule(D(20), "leaders", "floor"),
           sources={"quota": "Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ"})


@pytest.mark.parametrize("percent,rounding,first", [
    (D(20), "floor", 5), (D(20), "round_half_up", 3), (D(20), "ceil", 1),
    (D(30), "floor", 4), (D("0.01"), "floor", 10_000), (D(0), "floor", None)])
def test_the_first_count_that_gives_a_seat(percent, rounding, first):
    assert QuotaRule(percent, "leaders", rounding).first_seat() == first


def test_a_quota_of_20_percent_of_one_leader_is_zero_and_the_tally_says_why():
    electorate = Electorate(members=5, present=5, written_votes=0, ballots_cast=5)
    result = tally(GOV, electorate, [Candidate("a", "Sở Nội vụ A", 5, 0)], leaders=1)
    assert result.quota_cap == 0 and not result.passed_keys
    assert result.applied_rules[2] == (
        "Chỉ tiêu: không quá 20% số đơn vị được suy tôn dẫn đầu (1 × 20% = 0,2, làm tròn "
        "xuống: 0); chỉ tiêu bằng 0 nên không ứng viên nào được đề nghị, kể cả ứng viên được "
        "mọi phiếu đồng ý, cần ít nhất 5 đơn vị được suy tôn dẫn đầu mới có 1 suất "
        "(Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ)")
    assert "không quy định làm tròn" in ROUNDING_SOURCE
    # how the quota is rounded is a note for the secretariat, not a line of the minutes
    assert any("không quy định làm tròn" in note for note in result.secretariat_notes)


@pytest.mark.django_db
def test_the_rules_page_says_what_the_quota_means_and_warns(client):
    setup = vote_setup(units=5, nominate=[])
    client.force_login(setup.secretary)
    html = client.get(f"/cum/{setup.cluster.slug}/2022/khen-thuong/quy-tac/").content.decode()
    assert ("Số suất = số tập thể được suy tôn dẫn đầu × 20%, làm tròn xuống (thư ký nhập số "
            "tập thể được suy tôn dẫn đầu khi kết thúc bỏ phiếu): cần ít nhất 5 tập thể được "
            "suy tôn dẫn đầu mới có 1 suất (ví dụ 4 × 20% = 0,8 → 0 suất") in html
    assert "không quy định làm tròn" in html
    assert 'data-testid="quota-warning"' in html
    assert ("Chỉ tiêu của “Cờ thi đua của Chính phủ (thử)” bằng 0 suất nếu có ít hơn 5 tập "
            "thể được suy tôn dẫn đầu") in html


@pytest.mark.django_db
def test_setting_a_quota_that_rounds_to_zero_warns(client):
    setup = vote_setup(units=3, nominate=[])
    client.force_login(setup.secretary)
    rule = AwardRule.objects.get(cluster=setup.cluster, award=setup.awards["co_bo"])
    base = f"/cum/{setup.cluster.slug}/2022/khen-thuong/quy-tac/"
    form = client.get(f"{base}{rule.pk}/sua/").content.decode()
    assert "20% × 4 = 0,8 → 0 suất: không ai đạt" in form
    assert "không quy định cách làm tròn" in form
    response = client.post(f"{base}{rule.pk}/sua/", {
        "threshold_percent": "80", "base": "all_members", "threshold_source": "Quy chế cụm",
        "quota_percent": "10", "quota_of": "members", "quota_rounding": "floor",
        "quota_source": "Quy chế cụm", "tie_break": "none", "women_share_percent": "70"},
        follow=True)
    rule.refresh_from_db()
    assert rule.quota_percent == 10
    assert ("Chỉ tiêu của “Cờ thi đua của Bộ Nội vụ (thử)” bằng 0 suất với 3 thành viên của "
            "cụm: không đơn vị nào đạt, kể cả đơn vị được mọi phiếu đồng ý.") in \
        response.content.decode()


@pytest.mark.django_db
def test_the_close_preview_warns_when_the_quota_is_zero(client):
    setup = vote_setup(units=5, nominate=[("co_cp", 0, {})], open_with_present=5)
    for index in range(5):
        cast(setup, index)
    client.force_login(setup.secretary)
    session = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"
    client.post(session + "trang-thai/kiem-phieu/", {})
    html = client.post(session + "trang-thai/ket-thuc/",
                       {"present_count": "5", "leaders_count": "1"}).content.decode()
    assert 'data-testid="quota-zero"' in html
    assert ("Chỉ tiêu của “Cờ thi đua của Chính phủ (thử)” làm tròn thành 0 suất: không đề "
            "nghị nào đạt, kể cả đề nghị được mọi phiếu đồng ý.") in html
    assert setup.reload().status == SessionStatus.COUNTING
    html = client.post(session + "trang-thai/ket-thuc/",
                       {"present_count": "5", "leaders_count": "5"}).content.decode()
    assert 'data-testid="quota-zero"' not in html
