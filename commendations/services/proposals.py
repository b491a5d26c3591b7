"""The member units' proposals (đề nghị khen thưởng, issue #16): drafted by a unit's officers,
sent by its leader before the secretariat's deadline, returned with a reason or accepted into a
voting session of the year, where each becomes a nomination.

State machine (``PROPOSAL_TRANSITIONS``): đang soạn → đã gửi → (bị trả lại → đã gửi) → đã tiếp
nhận; a draft or returned proposal may be withdrawn. ``proposal_transition`` is the one function
that changes it: it locks the row (two leaders sending, or the secretariat accepting twice,
give one outcome), checks the permission the table names on the proposing unit
(``cluster.rules.UnitScope``), logs the move in ``ProposalEvent`` and tells whom it concerns
(``notifications.services.notify``, inside the transaction).

The deadline (``ProposalCall``) binds the first sending: a proposal sent at the deadline's very
minute is on time, one sent after it is refused. A returned proposal may be sent again after
the deadline: the secretariat asked for the correction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cluster import uploads
from cluster.models import Cluster, Unit, User
from cluster.permissions import allowed, refusal_text
from cluster.rules import UnitScope, YearScope
from cluster.selectors import cluster_member_unit_ids, secretariat_accounts
from commendations import selectors
from commendations.models import (
    PROPOSAL_TRANSITIONS,
    AwardForm,
    Gender,
    Proposal,
    ProposalCall,
    ProposalEvent,
    ProposalEvidence,
    ProposalKind,
    ProposalStatus,
    VotingSession,
    report_form_for,
)
from commendations.models.proposals import PROPOSE, RECEIVE
from commendations.services._common import CommendationError, require, save
from commendations.services.people import person_find_or_create
from commendations.services.voting import nomination_add
from notifications.kinds import Kind
from notifications.services import notify

PERSON_FIELDS = ("person_name", "person_gender", "person_date_of_birth", "person_position",
                 "person_workplace")
TEXT_FIELDS = ("summary", "section_1", "section_2", "section_3")
PROPOSAL_FIELDS = (*PERSON_FIELDS, *TEXT_FIELDS)


def _scope(proposal: Proposal) -> UnitScope:
    return UnitScope(proposal.cluster, proposal.year, proposal.unit_id)


def _check_upload(uploaded_file, field: str):
    if uploaded_file is None:
        return None
    try:
        return uploads.validate_upload(uploaded_file)
    except ValidationError as error:
        raise CommendationError({field: error.messages}) from None


def _store(field_file, uploaded_file, detected) -> str:
    uploaded_file.seek(0)
    field_file.save(uploads.safe_upload_name(prefix="proposals", detected=detected),
                    uploaded_file, save=False)
    return uploads.display_name(uploaded_file.name or "", detected)


def _event(proposal: Proposal, *, source: str, action: str, acting_user: User | None,
           note: str = "") -> ProposalEvent:
    return ProposalEvent.objects.create(proposal=proposal, from_status=source,
                                        to_status=proposal.status, action=action,
                                        actor=acting_user, note=(note or "").strip()[:2000])


def _url(proposal: Proposal) -> str:
    return reverse("commendations:proposal-detail", kwargs={
        "slug": proposal.cluster.slug, "year": proposal.year, "pk": proposal.pk})


def _clean(fields: dict) -> dict:
    for name in PROPOSAL_FIELDS:
        if name in fields and name != "person_date_of_birth":
            fields[name] = (fields[name] or "").strip()
    return fields


def _validate(proposal: Proposal) -> None:
    """What one proposal must be, drafted or edited; sending asks more
    (``proposal_transition_refusal``)."""
    errors: dict[str, str] = {}
    award: AwardForm = proposal.award
    if not award.is_active:
        errors["award"] = f"{award.name} không còn trong danh mục đang dùng."
    if proposal.unit_id not in cluster_member_unit_ids(cluster_id=proposal.cluster_id,
                                                       year=proposal.year):
        errors["unit"] = (f"{proposal.unit.name} không phải là thành viên của cụm trong năm "
                          f"{proposal.year}.")
    if proposal.kind == ProposalKind.COLLECTIVE:
        for name in PERSON_FIELDS:
            if getattr(proposal, name):
                errors[name] = (f"{award.name} là danh hiệu, hình thức cho tập thể: không nhập "
                                f"thông tin cá nhân.")
    else:
        if not proposal.person_name:
            errors["person_name"] = f"{award.name} dành cho cá nhân: vui lòng nhập họ và tên."
        if proposal.person_gender not in Gender.values:
            errors["person_gender"] = "Vui lòng chọn giới tính."
        born = proposal.person_date_of_birth
        if born is None:
            errors["person_date_of_birth"] = "Vui lòng nhập ngày sinh."
        elif born > timezone.localdate() or born < datetime.date(1900, 1, 1):
            errors["person_date_of_birth"] = "Ngày sinh không hợp lệ."
    if errors:
        raise CommendationError(errors)
    twins = Proposal.objects.filter(cluster_id=proposal.cluster_id, year=proposal.year,
                                    unit_id=proposal.unit_id, award_id=proposal.award_id
                                    ).exclude(status=ProposalStatus.WITHDRAWN)
    if proposal.pk:
        twins = twins.exclude(pk=proposal.pk)
    if proposal.is_individual:
        twins = twins.filter(person_name__iexact=proposal.person_name,
                             person_date_of_birth=proposal.person_date_of_birth)
    if twins.exists():
        raise CommendationError(f"Đơn vị đã có đề nghị {award.name} cho "
                                f"{proposal.candidate_name} trong năm {proposal.year}.")


def _link_person(proposal: Proposal, *, acting_user: User | None) -> None:
    """The registry's person of an individual proposal (the registry's one matching rule,
    ``person_find_or_create``): the person they are now, so one found working elsewhere gets
    a posting at the proposing unit; a collective's proposal points at nobody."""
    if not proposal.is_individual:
        proposal.person = None
        return
    proposal.person = person_find_or_create(
        full_name=proposal.person_name, unit=proposal.unit, acting_user=acting_user,
        date_of_birth=proposal.person_date_of_birth, gender=proposal.person_gender,
        position=proposal.person_position, workplace=proposal.person_workplace,
        is_illustrative=proposal.is_illustrative, is_current=True)


def proposal_create(*, cluster: Cluster, year: int, unit: Unit, award: AwardForm,
                    acting_user: User | None, uploaded_report=None,
                    is_illustrative: bool = False, **fields) -> Proposal:
    """A unit's draft proposal for ``award``: collective or individual as the award is."""
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"proposal_create: unknown fields {sorted(unknown)}")
    require(acting_user, PROPOSE, UnitScope(cluster, year, unit.pk))
    if award is None:
        raise CommendationError({"award": "Vui lòng chọn hình thức, danh hiệu đề nghị."})
    kind = ProposalKind.COLLECTIVE if award.is_collective else ProposalKind.INDIVIDUAL
    fields = _clean(fields)
    detected = _check_upload(uploaded_report, "report_file")
    with transaction.atomic():
        proposal = Proposal(cluster=cluster, year=year, unit=unit, award=award, kind=kind,
                            report_form=report_form_for(year=year, kind=kind).code,
                            created_by=acting_user, is_illustrative=is_illustrative, **fields)
        _validate(proposal)
        _link_person(proposal, acting_user=acting_user)
        if detected is not None:
            proposal.report_original_name = _store(proposal.report_file, uploaded_report,
                                                   detected)
            proposal.report_mime = detected.mime
        save(proposal, acting_user=acting_user, reason="Soạn đề nghị khen thưởng")
        _event(proposal, source="", action="Soạn đề nghị", acting_user=acting_user)
    return proposal


def _lock(proposal: Proposal) -> Proposal:
    # Only the proposal's row: PostgreSQL refuses FOR UPDATE on the nullable side of an outer
    # join (its person).
    return Proposal.objects.select_for_update(of=("self",)).select_related(
        "cluster", "unit", "award", "person").get(pk=proposal.pk)


def proposal_editable_refusal(proposal: Proposal) -> str | None:
    """Why the proposal cannot be edited now (its state), or None."""
    if not proposal.is_editable:
        return (f"Đề nghị đang ở trạng thái “{proposal.get_status_display()}”: chỉ sửa, bổ "
                f"sung khi đề nghị đang soạn hoặc bị trả lại.")
    return None


def proposal_update(*, proposal: Proposal, acting_user: User | None, uploaded_report=None,
                    **fields) -> Proposal:
    """Edit a draft or returned proposal (its award stays)."""
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"proposal_update: unknown fields {sorted(unknown)}")
    require(acting_user, PROPOSE, _scope(proposal))
    fields = _clean(fields)
    detected = _check_upload(uploaded_report, "report_file")
    with transaction.atomic():
        proposal = _lock(proposal)
        refusal = proposal_editable_refusal(proposal)
        if refusal:
            raise CommendationError(refusal)
        for name, value in fields.items():
            setattr(proposal, name, value)
        _validate(proposal)
        _link_person(proposal, acting_user=acting_user)
        if detected is not None:
            proposal.report_original_name = _store(proposal.report_file, uploaded_report,
                                                   detected)
            proposal.report_mime = detected.mime
        save(proposal, acting_user=acting_user, reason="Sửa đề nghị khen thưởng")
        _event(proposal, source=proposal.status, action="Sửa đề nghị", acting_user=acting_user)
    return proposal


def proposal_evidence_add(*, proposal: Proposal, uploaded_file, acting_user: User | None,
                          title: str = "", is_illustrative: bool = False) -> ProposalEvidence:
    """Add an evidence file (type checked from its content) to a draft or returned proposal."""
    require(acting_user, PROPOSE, _scope(proposal))
    if uploaded_file is None:
        raise CommendationError({"file": "Vui lòng chọn tệp minh chứng."})
    detected = _check_upload(uploaded_file, "file")
    with transaction.atomic():
        proposal = _lock(proposal)
        refusal = proposal_editable_refusal(proposal)
        if refusal:
            raise CommendationError(refusal)
        evidence = ProposalEvidence(proposal=proposal, title=(title or "").strip(),
                                    mime=detected.mime, size=uploaded_file.size,
                                    added_by=acting_user, is_illustrative=is_illustrative)
        evidence.original_name = _store(evidence.file, uploaded_file, detected)
        save(evidence, acting_user=acting_user, reason="Thêm minh chứng")
        _event(proposal, source=proposal.status, action="Thêm minh chứng",
               acting_user=acting_user, note=evidence.original_name)
    return evidence


def proposal_call_set(*, cluster: Cluster, year: int, deadline: datetime.datetime,
                      acting_user: User | None, note: str = "",
                      is_illustrative: bool = False) -> ProposalCall:
    """Set (or move) the cluster-year's deadline for sending proposals."""
    require(acting_user, RECEIVE, YearScope(cluster, year))
    if deadline is None:
        raise CommendationError({"deadline": "Vui lòng nhập hạn gửi đề nghị."})
    with transaction.atomic():
        call = (ProposalCall.objects.select_for_update().filter(cluster=cluster, year=year)
                .first() or ProposalCall(cluster=cluster, year=year))
        call.deadline, call.note = deadline, (note or "").strip()
        call.set_by, call.is_illustrative = acting_user, is_illustrative
        save(call, acting_user=acting_user, reason="Đặt hạn gửi đề nghị khen thưởng")
    return call


def deadline_text(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}"


def proposal_transition_refusal(*, proposal: Proposal, to_status: str,
                                user: User | None = None, session: VotingSession | None = None,
                                note: str = "", now: datetime.datetime | None = None,
                                check_input: bool = False) -> str | None:
    """Why ``proposal`` may not move to ``to_status`` now, or None. Reads only. ``user``: who
    asks (the permission the transition names); None is the system. ``check_input``: also the
    reason of a return and the session of an acceptance (a page asks before they are typed)."""
    if to_status not in ProposalStatus.values:
        return f"Trạng thái “{to_status}” không hợp lệ."
    transition = PROPOSAL_TRANSITIONS.get((proposal.status, to_status))
    if transition is not None and not allowed(user, transition.permission, _scope(proposal)):
        return refusal_text(transition.permission)
    if transition is None:
        return (f"Không thể chuyển đề nghị từ “{proposal.get_status_display()}” sang "
                f"“{ProposalStatus(to_status).label}”.")
    if to_status == ProposalStatus.SENT:
        missing = []
        if not proposal.summary.strip():
            missing.append("tóm tắt thành tích")
        if not proposal.section_2.strip() and not proposal.report_file:
            missing.append("báo cáo thành tích (phần II. Thành tích đạt được hoặc tệp báo cáo)")
        if missing:
            return "Đề nghị còn thiếu: " + "; ".join(missing) + "."
        if proposal.status == ProposalStatus.DRAFT:
            call = selectors.proposal_call_get(cluster=proposal.cluster, year=proposal.year)
            now = now or timezone.now()
            if call is not None and now > call.deadline:
                return (f"Đã quá hạn gửi đề nghị khen thưởng năm {proposal.year} (hạn: "
                        f"{deadline_text(call.deadline)}). Đề nghị không được gửi; vui lòng "
                        f"liên hệ Cụm trưởng.")
    if check_input and to_status == ProposalStatus.RETURNED and not (note or "").strip():
        return "Vui lòng ghi lý do trả lại để đơn vị sửa, bổ sung."
    if check_input and to_status == ProposalStatus.ACCEPTED:
        if session is None:
            return "Vui lòng chọn phiên bình xét nhận đề nghị."
        if session.cluster_id != proposal.cluster_id or session.year != proposal.year \
                or not session.is_draft:
            return (f"Phiên bình xét đã chọn không phải phiên đang chuẩn bị của cụm trong năm "
                    f"{proposal.year}.")
    return None


def _notify(proposal: Proposal, event: ProposalEvent) -> None:
    url, who = _url(proposal), f"{proposal.candidate_name} — {proposal.award.name}"
    if proposal.status == ProposalStatus.SENT:
        notify(kind=Kind.PROPOSAL_RECEIVED, key=f"proposal:{proposal.pk}:sent:{event.pk}",
               recipients=secretariat_accounts(cluster=proposal.cluster, year=proposal.year),
               title=f"{proposal.unit.name} gửi đề nghị khen thưởng: {who}", url=url,
               cluster=proposal.cluster)
    elif proposal.status == ProposalStatus.RETURNED:
        notify(kind=Kind.PROPOSAL_RETURNED, key=f"proposal:{proposal.pk}:returned:{event.pk}",
               recipients=selectors.unit_proposal_people(unit=proposal.unit),
               title=f"Đề nghị khen thưởng bị trả lại: {who}", body=f"Lý do: {event.note}",
               url=url, cluster=proposal.cluster)
    elif proposal.status == ProposalStatus.ACCEPTED:
        notify(kind=Kind.PROPOSAL_ACCEPTED, key=f"proposal:{proposal.pk}:accepted",
               recipients=selectors.unit_proposal_people(unit=proposal.unit),
               title=f"Đề nghị khen thưởng đã được tiếp nhận: {who}",
               body=f"Đưa vào {proposal.nomination.session.title}.", url=url,
               cluster=proposal.cluster)


def proposal_transition(*, proposal: Proposal, to_status: str, acting_user: User | None,
                        note: str = "", session: VotingSession | None = None,
                        now: datetime.datetime | None = None) -> Proposal:
    """The one way to change a proposal's state, following ``PROPOSAL_TRANSITIONS``. Returning
    needs ``note`` (the reason); accepting needs ``session`` (a session in preparation of the
    year), where the proposal becomes a nomination, its person linked."""
    with transaction.atomic():
        proposal = _lock(proposal)
        transition = PROPOSAL_TRANSITIONS.get((proposal.status, to_status))
        if transition is not None:
            require(acting_user, transition.permission, _scope(proposal))
        refusal = proposal_transition_refusal(proposal=proposal, to_status=to_status,
                                              session=session, note=note, now=now,
                                              check_input=True)
        if refusal:
            raise CommendationError(refusal)
        source = proposal.status
        if to_status == ProposalStatus.ACCEPTED:
            nomination = nomination_add(
                session=session, award=proposal.award, unit=proposal.unit,
                summary=proposal.summary, acting_user=acting_user,
                person_name=proposal.person_name, person_title=proposal.person_position,
                person_gender=proposal.person_gender, is_illustrative=proposal.is_illustrative)
            nomination.person = proposal.person
            save(nomination, acting_user=acting_user, reason="Tiếp nhận đề nghị của đơn vị")
            proposal.nomination = nomination
            note = note or f"Đưa vào {session.title}"
        proposal.status = to_status
        if to_status == ProposalStatus.SENT and proposal.sent_at is None:
            proposal.sent_at = timezone.now()
        save(proposal, acting_user=acting_user, reason=str(transition.label))
        event = _event(proposal, source=source, action=str(transition.label),
                       acting_user=acting_user, note=note)
        _notify(proposal, event)
    return proposal


__all__ = [
    "deadline_text", "proposal_call_set", "proposal_create", "proposal_editable_refusal",
    "proposal_evidence_add", "proposal_transition", "proposal_transition_refusal",
    "proposal_update",
]
