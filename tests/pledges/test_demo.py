"""The demo pledge: the seed article's 2022 pledge, signed by the six departments at the
conference of 24/6/2022 in Huế, and locked."""

import datetime
import io

import pytest
from django.core.management import call_command

from pledges import selectors
from pledges.models import Commitment, Pledge, PledgeEvent, PledgeStatus, Signature

pytestmark = pytest.mark.django_db

S = PledgeStatus


@pytest.fixture
def pledge_2022(north_central):
    return selectors.pledge_get(cluster=north_central, year=2022)


def test_demo_pledge_2022_is_signed_by_all_six_and_locked(pledge_2022, units, users):
    assert pledge_2022.title == "Giao ước thi đua năm 2022"
    assert pledge_2022.status == S.LOCKED
    board = selectors.pledge_signature_board(pledge=pledge_2022)
    assert (board.signed_count, board.member_count) == (6, 6)
    signatures = {s.unit: s for s in Signature.objects.filter(pledge=pledge_2022)}
    assert set(signatures) == {units[k] for k in
                               ("thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue")}
    for key in ("thanhhoa", "nghean", "hatinh", "quangbinh", "quangtri", "hue"):
        signature = signatures[units[key]]
        leader = users[f"lanhdao.{key}"]
        assert signature.signer == leader
        assert signature.signer_name == leader.full_name
        assert signature.signed_on == datetime.date(2022, 6, 24)
        assert signature.is_paper
        assert signature.recorded_by == users["canbo.quangtri"]
    chien = signatures[units["quangtri"]]
    assert chien.signer_name == "Ngô Quang Chiến"
    assert "Giám đốc" in chien.signer_title
    assert chien.is_illustrative is False  # named in the seed
    assert signatures[units["nghean"]].is_illustrative is True


def test_demo_commitments_are_labelled_illustrative(pledge_2022):
    commitments = selectors.pledge_commitment_list(pledge=pledge_2022)
    assert len(commitments) >= 4
    assert [c.position for c in commitments] == list(range(1, len(commitments) + 1))
    assert all(c.is_illustrative for c in commitments)
    assert "1237/BNV-VP" in pledge_2022.preamble and "612/KH-CTĐ" in pledge_2022.preamble


def test_demo_pledge_went_through_the_state_machine(pledge_2022, users):
    events = selectors.pledge_event_list(pledge=pledge_2022)
    assert [(e.from_status, e.to_status) for e in events] == [
        (S.DRAFT, S.OPEN), (S.OPEN, S.SIGNED), (S.SIGNED, S.LOCKED),
    ]
    assert all(e.actor == users["canbo.quangtri"] for e in events)
    lock = events[-1]
    assert all(s.recorded_at <= lock.created_at for s in pledge_2022.signatures.all())


def test_demo_pledge_is_linked_to_the_campaign_and_the_conference_of_24_6_2022(pledge_2022):
    assert pledge_2022.campaign is not None and pledge_2022.campaign.year == 2022
    conference = pledge_2022.conference
    assert conference is not None
    assert conference.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date(
    ) == datetime.date(2022, 6, 24)
    assert "Huế" in conference.place_name


def test_load_demo_twice_changes_nothing(pledge_2022):
    counts = [m.objects.count() for m in (Pledge, Commitment, Signature, PledgeEvent)]
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    assert [m.objects.count() for m in (Pledge, Commitment, Signature, PledgeEvent)] == counts
    assert Pledge.objects.get(pk=pledge_2022.pk).status == S.LOCKED
