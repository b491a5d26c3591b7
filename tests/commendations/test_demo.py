"""The demo's illustrative 2022 year-end: the catalogue, the year's rules, a closed secret vote
of the six member units, its tally with its rules, dossiers and two decisions."""

import pytest

from commendations.models import (
    AwardForm,
    AwardRule,
    Ballot,
    Dossier,
    GrantedAward,
    SealedBallot,
    SessionSeal,
    SessionStatus,
    TallyResult,
    VotingSession,
)

pytestmark = pytest.mark.django_db


def test_the_demo_year_end_2022(north_central, units, client, users):
    assert set(AwardForm.objects.values_list("name", flat=True)) >= {
        "Cờ thi đua của Chính phủ", "Cờ thi đua của Bộ Nội vụ",
        "Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Bộ trưởng Bộ Nội vụ",
        "Tập thể lao động xuất sắc", "Chiến sĩ thi đua cấp bộ"}
    assert AwardRule.objects.filter(cluster=north_central, year=2022,
                                    is_illustrative=True).count() == 6
    session = VotingSession.objects.get(cluster=north_central, year=2022)
    assert session.status == SessionStatus.CLOSED and session.is_illustrative
    assert session.conference.year == 2022 and session.conference.cluster == north_central
    assert Ballot.objects.filter(session=session).count() == 6
    assert set(Ballot.objects.filter(session=session).values_list("kind", flat=True)) == {
        "truc_tuyen", "van_ban"}
    assert not SealedBallot.objects.filter(session=session).exists()
    assert not SessionSeal.objects.filter(session=session).exists()
    assert session.ballots_count == 6 and not session.totals_withheld
    passed = set(TallyResult.objects.filter(award_tally__session=session, passed=True)
                 .values_list("nomination__unit__name", "nomination__award__code"))
    assert passed == {(units["quangtri"].name, "co_chinh_phu"),
                      (units["thanhhoa"].name, "co_bo_noi_vu"),
                      (units["quangbinh"].name, "bang_khen_bo_truong"),
                      (units["hue"].name, "bang_khen_bo_truong")}
    assert Dossier.objects.filter(nomination__session=session).count() == 4
    assert GrantedAward.objects.filter(is_illustrative=True).count() == 2
    client.force_login(users["canbo.nghean"])
    html = client.get(f"/cum/{north_central.slug}/2022/khen-thuong/phien/{session.pk}/"
                      ).content.decode()
    assert "Phiên bình xét này là dữ liệu minh họa" in html
    for later in ("5007/BNV-TĐKT", "98/2023", "152/2025", "06/2022/QH15"):
        assert later not in html  # the 2022 rules cite only what was in force in 2022
    assert "ngoài chỉ tiêu 1" in html
    # Quảng Trị's history shows Quảng Bình's award too: it merged into Quảng Trị in 2025.
    html = client.get(f"/don-vi/{units['quangtri'].pk}/khen-thuong/").content.decode()
    assert "Cờ thi đua của Chính phủ" in html
    assert "Bằng khen của Bộ trưởng Bộ Nội vụ" in html and "đơn vị tiền thân" in html
