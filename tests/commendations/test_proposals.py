"""Proposals from the member units (issue #16): every transition of PROPOSAL_TRANSITIONS, who
may make it, the deadline to the minute, the person registry, bad input that saves nothing,
the notices, and that a unit sees only its own proposals."""

import datetime

import pytest
from django.utils import timezone

from commendations import selectors, services
from commendations.models import (
    PROPOSAL_TRANSITIONS,
    Nomination,
    Person,
    Posting,
    Proposal,
    ProposalEvent,
    ProposalEvidence,
    ProposalStatus,
    VotingSession,
    report_form_for,
)
from notifications.models import Notification
from tests.commendations.proposal_helpers import PERSON, REPORT, draft, pdf

pytestmark = pytest.mark.django_db
S = ProposalStatus


@pytest.fixture
def ctx(north_central, users, units, years):
    return {"cluster": north_central, "users": users, "units": units,
            "s23": VotingSession.objects.get(pk=years["s23"]),
            "s22": VotingSession.objects.get(pk=years["s22"])}


def _officer(ctx):
    return ctx["users"]["canbo.nghean"]


def _leader(ctx):
    return ctx["users"]["lanhdao.nghean"]


def _secretary(ctx):
    return ctx["users"]["canbo.quangtri"]


def _new(ctx, **fields):
    return draft(ctx["cluster"], ctx["units"]["nghean"], _officer(ctx), **fields)


def _move(ctx, proposal, to, who, **kwargs):
    return services.proposal_transition(proposal=proposal, to_status=to, acting_user=who,
                                        **kwargs)


def test_the_report_form_follows_the_decree_in_force_on_the_years_rules_day():
    assert report_form_for(year=2023, kind="ca_nhan").decree == "91/2017/NĐ-CP"
    assert report_form_for(year=2024, kind="tap_the").decree == "98/2023/NĐ-CP"
    form = report_form_for(year=2025, kind="ca_nhan")
    assert (form.decree, form.number) == ("152/2025/NĐ-CP", "Mẫu số 02")
    assert form.sections[1] == "II. Thành tích đạt được"
    assert report_form_for(year=2025, kind="tap_the").sections[0] == \
        "I. Sơ lược đặc điểm, tình hình"
    assert "Phụ lục kèm theo Nghị định số 152/2025/NĐ-CP" in form.source


def test_a_draft_links_its_person_and_logs_who_drafted_it(ctx):
    proposal = _new(ctx)
    assert proposal.status == S.DRAFT and proposal.kind == "ca_nhan"
    assert proposal.report_form == "nd91-ca_nhan"
    person = proposal.person
    assert (person.full_name, person.gender, person.date_of_birth) == (
        "Lê Thị Thu Hà", "nu", datetime.date(1985, 3, 14))
    posting = Posting.objects.get(person=person)
    assert (posting.unit, posting.position) == (ctx["units"]["nghean"], "Phó Trưởng phòng")
    event = proposal.events.get()
    assert (event.actor, event.to_status, event.action) == (_officer(ctx), S.DRAFT,
                                                            "Soạn đề nghị")


def test_the_same_person_typed_otherwise_is_found_not_created_again(ctx):
    first = _new(ctx)
    other = draft(ctx["cluster"], ctx["units"]["nghean"], _officer(ctx),
                  code="chien_si_thi_dua_tinh", person_name="LÊ THỊ THU HÀ")
    assert other.person == first.person
    assert Person.objects.filter(search_name="le thi thu ha").count() == 1
    assert Posting.objects.filter(person=first.person).count() == 1
    born_later = _new(ctx, code="chien_si_thi_dua_co_so", person_date_of_birth=datetime.date(
        1990, 1, 1))
    assert born_later.person != first.person


def test_a_person_who_moved_is_the_same_person_with_a_new_posting(ctx):
    """A unit proposes someone the registry knows in another unit (same name and date of
    birth): the registry's one matching rule finds them and records the move."""
    before = draft(ctx["cluster"], ctx["units"]["hatinh"], ctx["users"]["canbo.hatinh"])
    moved = _new(ctx)
    assert moved.person == before.person
    postings = Posting.objects.filter(person=moved.person).order_by("pk")
    assert [p.unit for p in postings] == [ctx["units"]["hatinh"], ctx["units"]["nghean"]]
    assert postings[0].until == timezone.localdate()
    assert postings[1].since == timezone.localdate()


def test_the_whole_road_sent_returned_corrected_resent_accepted(ctx):
    proposal = _new(ctx)
    _move(ctx, proposal, S.SENT, _leader(ctx))
    proposal.refresh_from_db()
    assert proposal.status == S.SENT and proposal.sent_at is not None
    mine = Notification.objects.filter(key__startswith=f"proposal:{proposal.pk}:")
    told = mine.filter(kind="de_nghi_da_gui")
    assert _secretary(ctx) in {n.recipient for n in told}
    assert _officer(ctx) not in {n.recipient for n in told}

    _move(ctx, proposal, S.RETURNED, _secretary(ctx), note="Thiếu minh chứng sáng kiến.")
    returned = mine.filter(kind="de_nghi_tra_lai")
    assert {n.recipient.username for n in returned} >= {"canbo.nghean", "lanhdao.nghean"}
    assert all("Thiếu minh chứng sáng kiến." in n.body for n in returned)

    services.proposal_update(proposal=proposal, acting_user=_officer(ctx),
                             section_2="Chủ trì số hóa; sáng kiến được công nhận.")
    services.proposal_evidence_add(proposal=proposal, uploaded_file=pdf("sang-kien.pdf"),
                                   title="Quyết định công nhận sáng kiến",
                                   acting_user=_officer(ctx))
    _move(ctx, proposal, S.SENT, _leader(ctx))
    _move(ctx, proposal, S.ACCEPTED, _secretary(ctx), session=ctx["s23"])
    proposal.refresh_from_db()
    nomination = proposal.nomination
    assert proposal.status == S.ACCEPTED and nomination.session == ctx["s23"]
    assert nomination.proposal == proposal  # linked both ways
    assert (nomination.person, nomination.person_name, nomination.person_gender,
            nomination.person_title, nomination.summary) == (
        proposal.person, "Lê Thị Thu Hà", "nu", "Phó Trưởng phòng", REPORT["summary"])
    accepted = mine.get(kind="de_nghi_duoc_tiep_nhan", recipient=_leader(ctx))
    assert ctx["s23"].title in accepted.body
    assert [(e.action, e.actor.username) for e in selectors.proposal_event_list(
        proposal=proposal)] == [
        ("Soạn đề nghị", "canbo.nghean"), ("Gửi đề nghị", "lanhdao.nghean"),
        ("Trả lại đề nghị", "canbo.quangtri"), ("Sửa đề nghị", "canbo.nghean"),
        ("Thêm minh chứng", "canbo.nghean"), ("Gửi lại đề nghị", "lanhdao.nghean"),
        ("Tiếp nhận đề nghị", "canbo.quangtri")]
    returned_event = proposal.events.get(action="Trả lại đề nghị")
    assert returned_event.note == "Thiếu minh chứng sáng kiến."


@pytest.mark.parametrize("source", [S.DRAFT, S.RETURNED])
def test_a_unit_may_withdraw_a_draft_or_returned_proposal(ctx, source):
    proposal = _new(ctx)
    if source == S.RETURNED:
        _move(ctx, proposal, S.SENT, _leader(ctx))
        _move(ctx, proposal, S.RETURNED, _secretary(ctx), note="Sai mẫu")
    _move(ctx, proposal, S.WITHDRAWN, _officer(ctx))
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN
    # withdrawn, it no longer blocks a new proposal for the same person and award
    assert _new(ctx).status == S.DRAFT


def test_every_transition_of_the_table_is_walked_by_these_tests():
    assert set(PROPOSAL_TRANSITIONS) == {
        (S.DRAFT, S.SENT), (S.RETURNED, S.SENT), (S.SENT, S.RETURNED), (S.SENT, S.ACCEPTED),
        (S.DRAFT, S.WITHDRAWN), (S.RETURNED, S.WITHDRAWN)}


@pytest.mark.parametrize(("who", "message"), [
    ("canbo.nghean", "Chỉ lãnh đạo đơn vị mới được gửi"),
    ("lanhdao.hatinh", "Chỉ lãnh đạo đơn vị mới được gửi"),
    ("canbo.quangtri", "Chỉ lãnh đạo đơn vị mới được gửi"),
    ("bonoivu", "Chỉ lãnh đạo đơn vị mới được gửi"),
    ("canbo.gialai", "Chỉ lãnh đạo đơn vị mới được gửi"),
])
def test_only_the_units_leader_sends(ctx, who, message):
    proposal = _new(ctx)
    with pytest.raises(services.CommendationNotAllowed, match=message):
        _move(ctx, proposal, S.SENT, ctx["users"][who])
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT and proposal.sent_at is None
    assert not Notification.objects.filter(key__startswith=f"proposal:{proposal.pk}:").exists()


@pytest.mark.parametrize("who", ["canbo.nghean", "lanhdao.nghean", "lanhdao.hatinh",
                                 "bonoivu", "canbo.gialai"])
def test_only_the_secretariat_returns_or_accepts(ctx, who):
    proposal = _new(ctx)
    _move(ctx, proposal, S.SENT, _leader(ctx))
    for target, extra in ((S.RETURNED, {"note": "Lý do"}), (S.ACCEPTED,
                                                            {"session": ctx["s23"]})):
        with pytest.raises(services.CommendationNotAllowed, match="Chỉ Cụm trưởng"):
            _move(ctx, proposal, target, ctx["users"][who], **extra)
    proposal.refresh_from_db()
    assert proposal.status == S.SENT and proposal.nomination is None


def test_another_unit_cannot_draft_edit_or_withdraw_a_units_proposal(ctx):
    proposal = _new(ctx)
    stranger = ctx["users"]["canbo.hatinh"]
    with pytest.raises(services.CommendationNotAllowed, match="đơn vị mình"):
        services.proposal_update(proposal=proposal, acting_user=stranger, summary="Chen")
    with pytest.raises(services.CommendationNotAllowed):
        _move(ctx, proposal, S.WITHDRAWN, stranger)
    with pytest.raises(services.CommendationNotAllowed):
        draft(ctx["cluster"], ctx["units"]["nghean"], stranger)
    proposal.refresh_from_db()
    assert proposal.summary == REPORT["summary"]


def test_refusals_say_why_and_change_nothing(ctx):
    proposal = _new(ctx, summary="", section_2="")
    with pytest.raises(services.CommendationError, match="Đề nghị còn thiếu: tóm tắt thành "
                                                         "tích; báo cáo thành tích"):
        _move(ctx, proposal, S.SENT, _leader(ctx))
    services.proposal_update(proposal=proposal, acting_user=_officer(ctx),
                             summary="Tóm tắt", section_2="Thành tích")
    with pytest.raises(services.CommendationError, match="Không thể chuyển đề nghị từ "
                                                         "“Đang soạn” sang"):
        _move(ctx, proposal, S.ACCEPTED, _secretary(ctx), session=ctx["s23"])
    _move(ctx, proposal, S.SENT, _leader(ctx))
    with pytest.raises(services.CommendationError, match="Vui lòng ghi lý do trả lại"):
        _move(ctx, proposal, S.RETURNED, _secretary(ctx), note="  ")
    with pytest.raises(services.CommendationError, match="Vui lòng chọn phiên bình xét"):
        _move(ctx, proposal, S.ACCEPTED, _secretary(ctx))
    with pytest.raises(services.CommendationError, match="không phải phiên đang chuẩn bị"):
        _move(ctx, proposal, S.ACCEPTED, _secretary(ctx), session=ctx["s22"])  # closed
    with pytest.raises(services.CommendationError, match="chỉ sửa, bổ sung khi đề nghị đang "
                                                         "soạn hoặc bị trả lại"):
        services.proposal_update(proposal=proposal, acting_user=_officer(ctx), summary="Sửa")
    with pytest.raises(services.CommendationError, match="chỉ sửa, bổ sung"):
        services.proposal_evidence_add(proposal=proposal, uploaded_file=pdf(),
                                       acting_user=_officer(ctx))
    with pytest.raises(services.CommendationError, match="Không thể chuyển"):
        _move(ctx, proposal, S.WITHDRAWN, _leader(ctx))
    proposal.refresh_from_db()
    assert proposal.status == S.SENT and proposal.summary == "Tóm tắt"
    assert not ProposalEvidence.objects.exists() and not Nomination.objects.filter(
        session=ctx["s23"], person_name=PERSON["person_name"]).exists()


def test_accepting_twice_gives_one_nomination(ctx):
    proposal = _new(ctx)
    _move(ctx, proposal, S.SENT, _leader(ctx))
    _move(ctx, proposal, S.ACCEPTED, _secretary(ctx), session=ctx["s23"])
    with pytest.raises(services.CommendationError, match="Không thể chuyển đề nghị từ “Đã "
                                                         "tiếp nhận vào bình xét”"):
        _move(ctx, proposal, S.ACCEPTED, _secretary(ctx), session=ctx["s23"])
    assert Nomination.objects.filter(session=ctx["s23"],
                                     person_name=PERSON["person_name"]).count() == 1
    assert Notification.objects.filter(key=f"proposal:{proposal.pk}:accepted",
                                       recipient=_leader(ctx)).count() == 1


def _deadline(ctx, moment):
    services.proposal_call_set(cluster=ctx["cluster"], year=2023, deadline=moment,
                               acting_user=_secretary(ctx), note="Theo Kế hoạch số 01/KH")


def test_sending_at_the_deadline_minute_is_on_time_after_it_is_refused(ctx):
    deadline = timezone.make_aware(datetime.datetime(2023, 11, 30, 17, 0))
    _deadline(ctx, deadline)
    on_time, late = _new(ctx), _new(ctx, code="chien_si_thi_dua_tinh")
    _move(ctx, on_time, S.SENT, _leader(ctx), now=deadline)
    on_time.refresh_from_db()
    assert on_time.status == S.SENT
    after = deadline + datetime.timedelta(seconds=1)
    with pytest.raises(services.CommendationError) as error:
        _move(ctx, late, S.SENT, _leader(ctx), now=after)
    assert error.value.messages == [
        "Đã quá hạn gửi đề nghị khen thưởng năm 2023 (hạn: 17:00 ngày 30/11/2023). Đề nghị "
        "không được gửi; vui lòng liên hệ Cụm trưởng."]
    late.refresh_from_db()
    assert late.status == S.DRAFT and late.sent_at is None
    # a proposal the secretariat returned may be sent again after the deadline
    _move(ctx, on_time, S.RETURNED, _secretary(ctx), note="Bổ sung")
    _move(ctx, on_time, S.SENT, _leader(ctx), now=after)
    on_time.refresh_from_db()
    assert on_time.status == S.SENT


def test_only_the_secretariat_sets_the_deadline(ctx):
    moment = timezone.make_aware(datetime.datetime(2023, 11, 30, 17, 0))
    with pytest.raises(services.CommendationNotAllowed, match="Chỉ Cụm trưởng"):
        services.proposal_call_set(cluster=ctx["cluster"], year=2023, deadline=moment,
                                   acting_user=_leader(ctx))
    _deadline(ctx, moment)
    _deadline(ctx, moment + datetime.timedelta(days=1))  # moved, still one call
    call = selectors.proposal_call_get(cluster=ctx["cluster"], year=2023)
    assert call.deadline == moment + datetime.timedelta(days=1)
    assert call.set_by == _secretary(ctx)


@pytest.mark.parametrize(("fields", "errors"), [
    ({"person_name": ""}, {"person_name": ["Chiến sĩ thi đua cấp bộ dành cho cá nhân: vui lòng "
                                           "nhập họ và tên."]}),
    ({"person_gender": ""}, {"person_gender": ["Vui lòng chọn giới tính."]}),
    ({"person_date_of_birth": None}, {"person_date_of_birth": ["Vui lòng nhập ngày sinh."]}),
    ({"person_date_of_birth": datetime.date(2999, 1, 1)},
     {"person_date_of_birth": ["Ngày sinh không hợp lệ."]}),
])
def test_an_individual_proposal_needs_its_persons_details(ctx, fields, errors):
    before = (Proposal.objects.count(), Person.objects.count(), Posting.objects.count())
    with pytest.raises(services.CommendationError) as error:
        _new(ctx, **fields)
    assert error.value.message_dict == errors
    assert (Proposal.objects.count(), Person.objects.count(), Posting.objects.count()) == before


def test_a_collective_proposal_takes_no_person_and_no_twin(ctx):
    with pytest.raises(services.CommendationError) as error:
        draft(ctx["cluster"], ctx["units"]["nghean"], _officer(ctx), code="co_bo_noi_vu",
              person_name="Ai đó")
    assert error.value.message_dict["person_name"] == [
        "Cờ thi đua của Bộ Nội vụ là danh hiệu, hình thức cho tập thể: không nhập thông tin "
        "cá nhân."]
    first = draft(ctx["cluster"], ctx["units"]["nghean"], _officer(ctx), code="co_bo_noi_vu")
    assert first.kind == "tap_the" and first.person is None
    assert first.report_form == "nd91-tap_the"
    with pytest.raises(services.CommendationError, match="Đơn vị đã có đề nghị Cờ thi đua của "
                                                         "Bộ Nội vụ cho Sở Nội vụ tỉnh Nghệ An "
                                                         "trong năm 2023."):
        draft(ctx["cluster"], ctx["units"]["nghean"], _officer(ctx), code="co_bo_noi_vu")


def test_an_upload_that_is_not_what_it_claims_is_refused_and_saves_nothing(ctx):
    import io

    fake = io.BytesIO(b"MZ\x90\x00 not a pdf at all")
    fake.name, fake.size = "bao-cao.pdf", 20
    before = (Proposal.objects.count(), ProposalEvent.objects.count())
    with pytest.raises(services.CommendationError) as error:
        _new(ctx, uploaded_report=fake)
    assert "report_file" in error.value.message_dict
    assert (Proposal.objects.count(), ProposalEvent.objects.count()) == before
    proposal = _new(ctx, uploaded_report=pdf("Báo cáo thành tích.pdf"))
    assert proposal.report_original_name == "Báo cáo thành tích.pdf"
    assert proposal.report_mime == "application/pdf"


def test_a_unit_lists_only_its_own_and_the_secretariat_only_what_was_sent(ctx):
    mine = _new(ctx)
    theirs = draft(ctx["cluster"], ctx["units"]["hatinh"], ctx["users"]["canbo.hatinh"],
                   code="co_bo_noi_vu")
    services.proposal_transition(proposal=theirs, to_status=S.SENT,
                                 acting_user=ctx["users"]["lanhdao.hatinh"])

    def listed(username, sees_sent):
        return set(selectors.proposal_list(cluster=ctx["cluster"], year=2023,
                                           user=ctx["users"][username], sees_sent=sees_sent))

    assert mine in listed("canbo.nghean", False) and theirs not in listed("canbo.nghean", False)
    assert theirs in listed("canbo.hatinh", False) and mine not in listed("canbo.hatinh", False)
    assert theirs in listed("bonoivu", True) and mine not in listed("bonoivu", True)
