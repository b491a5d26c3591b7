"""Parallel requests against the live server on PostgreSQL: signatures and the lock share the
pledge row lock, so every outcome is one that could have happened one request at a time."""


import pytest
from django.utils import timezone

from cluster.models import Unit, User
from pledges import services
from pledges.models import Pledge, PledgeEvent, PledgeStatus, Signature
from tests.concurrency import demo_with_standing_secretariat, post_in_parallel, session_for

pytestmark = pytest.mark.concurrency

S = PledgeStatus
SLUG = "snv-bac-trung-bo"
KEYS = ["thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue"]


@pytest.fixture
def demo(live_server, transactional_db):
    return demo_with_standing_secretariat(SLUG)


def _open_pledge(cluster, year, secretary) -> Pledge:
    pledge = services.pledge_create(cluster=cluster, year=year, title=f"Giao ước năm {year}",
                                    acting_user=secretary)
    services.commitment_add(pledge=pledge, text="Cam kết", acting_user=secretary)
    return services.pledge_transition(pledge=pledge, to_status=S.OPEN, acting_user=secretary)


def _paper(pledge, unit, secretary):
    services.pledge_record_paper_signature(
        pledge=pledge, unit=unit, signer_name="Người ký", signer_title="",
        signed_on=timezone.localdate(), acting_user=secretary,
    )


def test_six_leaders_signing_at_once_give_six_signatures_and_one_transition(live_server, demo):
    cluster, secretary = demo
    pledge = _open_pledge(cluster, 2023, secretary)
    path = f"/cum/{SLUG}/2023/giao-uoc/ky/"
    leaders = [User.objects.get(username=f"lanhdao.{key}") for key in KEYS]
    responses = post_in_parallel(
        live_server.url, [(session_for(leader), path, {"confirm": "on"}) for leader in leaders]
    )
    assert [r.status for r in responses] == [302] * 6, [r.body[-500:] for r in responses]
    assert Signature.objects.filter(pledge=pledge).count() == 6
    assert set(Signature.objects.filter(pledge=pledge).values_list("signer__username",
                                                                   flat=True)) == {
        f"lanhdao.{key}" for key in KEYS
    }
    pledge.refresh_from_db()
    assert pledge.status == S.SIGNED
    events = PledgeEvent.objects.filter(pledge=pledge, to_status=S.SIGNED)
    assert events.count() == 1
    # The event is recorded by the request that added the last signature.
    last = Signature.objects.filter(pledge=pledge).latest("recorded_at")
    assert events.get().actor == last.signer


@pytest.mark.parametrize("year", [2023, 2025])
def test_last_signature_racing_the_lock_never_leaves_a_signature_after_the_lock(
    live_server, demo, year
):
    cluster, secretary = demo
    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    leader = User.objects.get(username="lanhdao.nghean")
    sign_path = f"/cum/{SLUG}/{{year}}/giao-uoc/ky/"
    lock_path = f"/cum/{SLUG}/{{year}}/giao-uoc/trang-thai/khoa/"
    outcomes = set()
    for round_year in range(year, year + 3):
        pledge = _open_pledge(cluster, round_year, secretary)
        for unit in pledge.cluster.memberships.active_in(round_year).exclude(unit=nghean):
            _paper(pledge, unit.unit, secretary)
        sign = sign_path.format(year=round_year)
        lock = lock_path.format(year=round_year)
        secretary_session, leader_session = session_for(secretary), session_for(leader)
        responses = post_in_parallel(live_server.url, [
            (secretary_session, lock, {}),
            (leader_session, sign, {"confirm": "on"}),
            (secretary_session, lock, {}),
        ])
        assert all(r.status in (200, 302) for r in responses), [r.status for r in responses]
        pledge.refresh_from_db()
        signature = Signature.objects.get(pledge=pledge, unit=nghean)  # the signature exists
        lock_events = PledgeEvent.objects.filter(pledge=pledge, to_status=S.LOCKED)
        assert lock_events.count() <= 1
        if pledge.status == S.LOCKED:
            lock_event = lock_events.get()
            assert all(s.recorded_at <= lock_event.created_at for s in pledge.signatures.all())
            signed_event = PledgeEvent.objects.get(pledge=pledge, to_status=S.SIGNED)
            assert signed_event.created_at <= lock_event.created_at
            assert sum(r.status == 302 for r in (responses[0], responses[2])) == 1
        else:
            # The lock came first and was refused with a message; the signature went through.
            assert pledge.status == S.SIGNED
            for response in (responses[0], responses[2]):
                assert response.status == 200
                assert "Chỉ khóa được giao ước khi tất cả các đơn vị thành viên đã ký." \
                    in response.body
        assert responses[1].status == 302 and signature.signer == leader
        outcomes.add(pledge.status)
    assert outcomes <= {S.LOCKED, S.SIGNED}


def test_online_and_paper_signature_of_the_same_unit_at_once_leave_one(live_server, demo):
    cluster, secretary = demo
    pledge = _open_pledge(cluster, 2024, secretary)
    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An")
    leader = User.objects.get(username="lanhdao.nghean")
    paper = {"unit": nghean.pk, "signer_name": "Người ký giấy",
             "signed_on": timezone.localdate().isoformat()}
    responses = post_in_parallel(live_server.url, [
        (session_for(leader), f"/cum/{SLUG}/2024/giao-uoc/ky/", {"confirm": "on"}),
        (session_for(secretary), f"/cum/{SLUG}/2024/giao-uoc/ghi-nhan-ky-giay/", paper),
        (session_for(secretary), f"/cum/{SLUG}/2024/giao-uoc/ghi-nhan-ky-giay/", paper),
    ])
    assert Signature.objects.filter(pledge=pledge, unit=nghean).count() == 1
    accepted = [r for r in responses if r.status == 302]
    refused = [r for r in responses if r.status == 200]
    assert len(accepted) == 1 and len(refused) == 2, [r.status for r in responses]
    for response in refused:
        assert ("mỗi đơn vị chỉ ký một lần" in response.body
                or "không phải là thành viên chưa ký" in response.body)
