"""Dossiers of the proposals a vote passed, and the decisions that grant the awards.

State machine: đang lập → đã gửi → đã tiếp nhận → (trả lại → đã gửi) → đã chuyển cấp quyết
định → đã có quyết định (``DOSSIER_TRANSITIONS``, with the permission of each move: the
secretariat sends, the superior's accounts receive, return, forward and decide; where the
superior answers on paper the secretariat records its return or decision).
``dossier_transition`` is the one function that changes it and logs every move. A dossier is
sent only with every required document (tờ trình, biên bản họp bình xét with the vote results,
báo cáo thành tích), is returned only with a reason per item (``DossierReturnItem``: one
document, or the dossier as a whole), and becomes "decided" only through ``decision_record``,
which records the decision and the award it grants. Whom each move concerns is told
(``notifications.services.notify``) inside the same transaction."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cluster import selectors as cluster_selectors
from cluster import uploads
from cluster.models import User
from cluster.permissions import allowed, refusal_text
from cluster.rules import YearScope
from cluster.text import short_date
from commendations import selectors
from commendations.issued import offers_for
from commendations.models import (
    DOSSIER_TRANSITIONS,
    AwardDecision,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierReturnItem,
    DossierStatus,
    GrantedAward,
)
from commendations.services._common import CommendationError, require, save
from notifications import selectors as notification_selectors
from notifications.kinds import Kind
from notifications.services import notify

REASON_MAX = 2000
#: The states from which a decision may be recorded (by whom: ``DOSSIER_TRANSITIONS``).
DECIDABLE = tuple(source for source, target in DOSSIER_TRANSITIONS
                  if target == DossierStatus.DECIDED)


def _scope(dossier: Dossier) -> YearScope:
    session = dossier.nomination.session
    return YearScope(session.cluster, session.year)


def _check_upload(uploaded_file):
    """The file's real type (``cluster.uploads``), or None without a file."""
    if uploaded_file is None:
        return None
    try:
        return uploads.validate_upload(uploaded_file)
    except ValidationError as error:
        raise CommendationError({"file": error.messages}) from None


def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related(
        "nomination__session__cluster", "nomination__session__conference",
        "nomination__award", "nomination__unit").get(
        pk=dossier.pk)


def dossier_editable_refusal(dossier: Dossier) -> str | None:
    """Why no document can be added to the dossier now (its state), or None."""
    if not dossier.is_editable:
        return (f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”: chỉ bổ sung tài "
                f"liệu khi hồ sơ đang lập hoặc bị trả lại.")
    return None


def decision_refusal(dossier: Dossier, user: User | None = None) -> str | None:
    """Why no decision can be recorded for the dossier now (its state; and, given ``user``,
    whether they may: the superior, or the secretariat where it records on paper), or None."""
    if dossier.status not in DECIDABLE:
        return ("Chỉ ghi nhận quyết định cho hồ sơ đã gửi cấp trên (hiện ở trạng thái "
                f"“{dossier.get_status_display()}”).")
    transition = DOSSIER_TRANSITIONS[(dossier.status, DossierStatus.DECIDED)]
    if user is not None and not allowed(user, transition.permission, _scope(dossier)):
        return refusal_text(transition.permission)
    return None


def _require_editable(dossier: Dossier) -> None:
    refusal = dossier_editable_refusal(dossier)
    if refusal:
        raise CommendationError(refusal)


def dossier_document_add(*, dossier: Dossier, kind: str, acting_user: User | None,
                         title: str = "", text: str = "", uploaded_file=None,
                         is_illustrative: bool = False) -> DossierDocument:
    """Add a document: an uploaded file (type checked from its content) or a drafted text."""
    require(acting_user, "commendations.manage_year", _scope(dossier))
    if kind not in DocumentKind.values:
        raise CommendationError({"kind": "Loại tài liệu không hợp lệ."})
    text = (text or "").strip()
    if not text and uploaded_file is None:
        raise CommendationError("Hãy tải tệp lên hoặc soạn nội dung tài liệu.")
    detected = _check_upload(uploaded_file)
    with transaction.atomic():
        dossier = _lock(dossier)
        _require_editable(dossier)
        document = DossierDocument(dossier=dossier, kind=kind, title=(title or "").strip(),
                                   text=text, added_by=acting_user, added_at=timezone.now(),
                                   is_illustrative=is_illustrative)
        if detected is not None:
            document.original_name = uploads.display_name(uploaded_file.name or "", detected)
            document.mime, document.size = detected.mime, uploaded_file.size
            uploaded_file.seek(0)
            document.file.save(uploads.safe_upload_name(prefix="dossiers", detected=detected),
                               uploaded_file, save=False)
        save(document, acting_user=acting_user, reason="Thêm tài liệu hồ sơ")
    return document


def dossier_document_attach_issued(*, dossier: Dossier, code: str,
                                   acting_user: User | None) -> DossierDocument:
    """Attach a tờ trình or minutes the cluster issued for the dossier's session (its PDF,
    as issued), found by its verification code among ``selectors.dossier_issued_offers``."""
    require(acting_user, "commendations.manage_year", _scope(dossier))
    offer = next((o for o in offers_for(dossier.nomination.session) if o.code == code), None)
    if offer is None:
        raise CommendationError("Không tìm thấy văn bản đã ban hành này của phiên bình xét.")
    content = offer.read()
    with transaction.atomic():
        dossier = _lock(dossier)
        _require_editable(dossier)
        if dossier.documents.filter(kind=offer.kind, title=offer.title).exists():
            raise CommendationError(f"Hồ sơ đã có {offer.title}.")
        document = DossierDocument(dossier=dossier, kind=offer.kind, title=offer.title,
                                   original_name=offer.file_name, mime="application/pdf",
                                   size=len(content), added_by=acting_user,
                                   added_at=timezone.now())
        document.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
        save(document, acting_user=acting_user, reason="Đính kèm văn bản đã ban hành")
    return document


def minutes_text(*, dossier: Dossier) -> str:
    """The draft minutes' vote results for the dossier's award, from the fixed tally."""
    nomination = dossier.nomination
    session = nomination.session
    award_tally = nomination.tally_result.award_tally
    conference = session.conference
    lines = [
        f"Kết quả bỏ phiếu kín tại {conference.title}, ngày "
        f"{short_date(timezone.localtime(conference.starts_at).date())}, phiên “{session.title}”.",
        f"Số thành viên: {award_tally.members}; có mặt: {award_tally.present}; bỏ phiếu bằng "
        f"văn bản: {award_tally.written_votes}; số phiếu thu về: {award_tally.ballots_cast}.",
        f"Hình thức, danh hiệu: {nomination.award.name}.",
        "Quy tắc áp dụng:",
        *(f"- {line}" for line in award_tally.applied_rule_lines),
        "Kết quả:",
    ]
    for result in award_tally.results.select_related("nomination__unit").order_by("position"):
        lines.append(f"- {result.nomination.candidate_name}: {result.agree}/"
                     f"{award_tally.base_count} phiếu đồng ý. {result.reason}")
    return "\n".join(lines)


def dossier_minutes_draft(*, dossier: Dossier, acting_user: User | None,
                          is_illustrative: bool = False) -> DossierDocument:
    """Draft the minutes' vote results from the session's fixed tally."""
    return dossier_document_add(
        dossier=dossier, kind=DocumentKind.MINUTES, acting_user=acting_user,
        title="Biên bản họp bình xét (kết quả bỏ phiếu do hệ thống lập)",
        text=minutes_text(dossier=dossier), is_illustrative=is_illustrative)


def dossier_transition_refusal(*, dossier: Dossier, to_status: str,
                               user: User | None = None) -> str | None:
    """Why ``dossier`` may not move to ``to_status`` now, or None. Reads only. ``user``: who
    asks (the permission the transition names); None is the system."""
    if to_status not in DossierStatus.values:
        return f"Trạng thái “{to_status}” không hợp lệ."
    transition = DOSSIER_TRANSITIONS.get((dossier.status, to_status))
    if transition is not None and not allowed(user, transition.permission, _scope(dossier)):
        return refusal_text(transition.permission)
    if (dossier.status, to_status) not in DOSSIER_TRANSITIONS:
        return (f"Không thể chuyển hồ sơ từ “{dossier.get_status_display()}” sang "
                f"“{DossierStatus(to_status).label}”.")
    if to_status == DossierStatus.SENT:
        missing = selectors.dossier_missing(dossier=dossier)
        if missing:
            return _("Hồ sơ còn thiếu: %(items)s.") % {"items": "; ".join(missing)}
    if to_status == DossierStatus.DECIDED and not GrantedAward.objects.filter(
            nomination_id=dossier.nomination_id).exists():
        return "Chỉ ghi nhận “Đã có quyết định” khi nhập quyết định khen thưởng."
    return None


def _clean_items(dossier: Dossier, items) -> list[tuple[DossierDocument | None, str]]:
    """``items``: (document id or None, reason) pairs; the empty reasons dropped, a document
    of another dossier refused."""
    documents = {d.pk: d for d in dossier.documents.all()}
    cleaned = []
    for document_id, reason in items or ():
        reason = (reason or "").strip()
        if not reason:
            continue
        if len(reason) > REASON_MAX:
            raise CommendationError(f"Lý do trả lại dài quá {REASON_MAX} ký tự.")
        if document_id is not None and document_id not in documents:
            raise CommendationError("Tài liệu không thuộc hồ sơ này.")
        cleaned.append((documents.get(document_id), reason))
    return cleaned


def _dossier_url(dossier: Dossier) -> str:
    session = dossier.nomination.session
    return reverse("commendations:dossier-detail", kwargs={
        "slug": session.cluster.slug, "year": session.year, "pk": dossier.pk})


def _unit_staff(dossier: Dossier) -> list[User]:
    return list(User.objects.filter(unit_id=dossier.nomination.unit_id, is_active=True,
                                    role__in=[User.Role.OFFICER, User.Role.LEADER]))


def _tell(dossier: Dossier, event: DossierEvent, *, acting_user: User | None,
          items: list[tuple[DossierDocument | None, str]]) -> None:
    """Notify whom the move concerns: the superior's accounts of a dossier sent, the
    secretariat and the nominated unit's staff of a return or a decision."""
    session = dossier.nomination.session
    cluster, name = session.cluster, str(dossier.nomination)
    common = {"url": _dossier_url(dossier), "cluster": cluster}
    if event.to_status == DossierStatus.SENT:
        again = event.from_status == DossierStatus.RETURNED
        notify(kind=Kind.DOSSIER_SENT,
               recipients=cluster_selectors.superior_accounts(cluster=cluster),
               key=f"dossier:{dossier.pk}:sent:{event.pk}",
               title=(f"{'Hồ sơ gửi lại' if again else 'Hồ sơ đề nghị khen thưởng'} của "
                      f"{cluster.name}: {name}"),
               body=event.note, **common)
        return
    if event.to_status not in (DossierStatus.RETURNED, DossierStatus.DECIDED):
        return
    recipients = [*cluster_selectors.secretariat_accounts(cluster=cluster, year=session.year),
                  *_unit_staff(dossier)]
    recipients = [user for user in recipients if acting_user is None or user.pk != acting_user.pk]
    if event.to_status == DossierStatus.RETURNED:
        lines = [f"- {document.get_kind_display() if document else 'Hồ sơ'}: {reason}"
                 for document, reason in items]
        notify(kind=Kind.DOSSIER_RETURNED, recipients=recipients,
               key=f"dossier:{dossier.pk}:returned:{event.pk}",
               title=f"Cấp trên trả lại hồ sơ: {name}", body="\n".join(lines), **common)
    else:
        recipients += [user for user in notification_selectors.observer_people()
                       if acting_user is None or user.pk != acting_user.pk]
        notify(kind=Kind.DECISION_RECORDED, recipients=recipients,
               key=f"dossier:{dossier.pk}:decided:{event.pk}",
               title=f"Đã có quyết định khen thưởng: {name}", body=event.note, **common)


def _apply(dossier: Dossier, to_status: str, *, acting_user: User | None, note: str,
           items=None) -> DossierEvent:
    refusal = dossier_transition_refusal(dossier=dossier, to_status=to_status)
    if refusal:
        raise CommendationError(refusal)
    source = dossier.status
    transition = DOSSIER_TRANSITIONS[(source, to_status)]
    note = (note or "").strip()
    items = _clean_items(dossier, items)
    if to_status == DossierStatus.RETURNED:
        if not items and note:  # the note is the reason about the dossier as a whole
            items = [(None, note)]
        if not items:
            raise CommendationError("Hãy ghi lý do trả lại cho ít nhất một tài liệu hoặc cho "
                                    "cả hồ sơ.")
    dossier.status = to_status
    save(dossier, acting_user=acting_user, reason=str(transition.label))
    event = DossierEvent.objects.create(dossier=dossier, from_status=source,
                                        to_status=to_status, actor=acting_user,
                                        note=note[:500])
    if to_status == DossierStatus.RETURNED:
        DossierReturnItem.objects.bulk_create([
            DossierReturnItem(dossier=dossier, event=event, document=document, reason=reason)
            for document, reason in items])
    _tell(dossier, event, acting_user=acting_user, items=items)
    return event


def dossier_transition(*, dossier: Dossier, to_status: str, acting_user: User | None,
                       note: str = "", items=None) -> Dossier:
    """The one way to change a dossier's state, following ``DOSSIER_TRANSITIONS``. A return
    needs a reason: ``items`` ((document id or None for the dossier as a whole, reason)
    pairs), or the note as the reason about the dossier as a whole."""
    with transaction.atomic():
        dossier = _lock(dossier)
        transition = DOSSIER_TRANSITIONS.get((dossier.status, to_status))
        if transition is not None:
            require(acting_user, transition.permission, _scope(dossier))
        _apply(dossier, to_status, acting_user=acting_user, note=note, items=items)
    return dossier


def dossier_return(*, dossier: Dossier, items, acting_user: User | None,
                   note: str = "") -> Dossier:
    """Return the dossier with a reason per item: ``items`` are (document id, or None for the
    dossier as a whole, reason) pairs; the empty ones are dropped, one at least is needed."""
    return dossier_transition(dossier=dossier, to_status=DossierStatus.RETURNED,
                              acting_user=acting_user, note=note, items=items)


def decision_record(*, dossier: Dossier, number: str, issued_on: datetime.date,
                    issuing_body: str, acting_user: User | None, subject: str = "",
                    signer: str = "", uploaded_file=None,
                    is_illustrative: bool = False) -> GrantedAward:
    """Record the decision for a dossier sent to the superior: the award is granted (honours
    history) and the dossier becomes "decided". The superior's accounts record it once they
    have received the dossier; the secretariat records a decision received on paper where the
    superior does not act in the app (``DOSSIER_TRANSITIONS``). A decision already recorded
    (same number, date and body) is reused: one decision often grants several awards."""
    status = Dossier.objects.filter(pk=dossier.pk).values_list("status", flat=True).first()
    transition = DOSSIER_TRANSITIONS.get((status, DossierStatus.DECIDED))
    if transition is not None:  # who may, in the state it is in now (checked again below)
        require(acting_user, transition.permission, _scope(dossier))
    number, issuing_body = (number or "").strip(), (issuing_body or "").strip()
    signer = (signer or "").strip()
    errors = {}
    if not number:
        errors["number"] = "Vui lòng nhập số, ký hiệu quyết định."
    if issued_on is None:
        errors["issued_on"] = "Vui lòng nhập ngày ban hành."
    elif issued_on > timezone.localdate():
        errors["issued_on"] = "Ngày ban hành không được sau ngày hôm nay."
    if not issuing_body:
        errors["issuing_body"] = "Vui lòng nhập cơ quan ban hành."
    if errors:
        raise CommendationError(errors)
    detected = _check_upload(uploaded_file)
    with transaction.atomic():
        dossier = _lock(dossier)
        refusal = decision_refusal(dossier)
        if refusal:
            raise CommendationError(refusal)
        # The state may have changed since the check above (a twin request): who may record
        # is asked again of the state now.
        require(acting_user, DOSSIER_TRANSITIONS[(dossier.status, DossierStatus.DECIDED)]
                .permission, _scope(dossier))
        nomination = dossier.nomination
        if nomination.session.year >= issued_on.year + 1:
            raise CommendationError({"issued_on": "Quyết định không thể ban hành trước năm "
                                                  "thành tích."})
        voted = nomination.session.vote_day
        if voted is not None and issued_on < voted:
            raise CommendationError({"issued_on": (
                f"Quyết định không thể ban hành trước ngày bỏ phiếu bình xét "
                f"({voted:%d/%m/%Y}): hãy kiểm tra lại ngày ban hành.")})
        decision = AwardDecision.objects.select_for_update().filter(
            number=number, issued_on=issued_on, issuing_body=issuing_body).first()
        if decision is None:
            decision = AwardDecision(number=number, issued_on=issued_on,
                                     issuing_body=issuing_body, subject=(subject or "").strip(),
                                     signer=signer, recorded_by=acting_user,
                                     is_illustrative=is_illustrative)
            if detected is not None:
                decision.original_name = uploads.display_name(uploaded_file.name or "",
                                                              detected)
                decision.mime = detected.mime
                uploaded_file.seek(0)
                decision.file.save(uploads.safe_upload_name(prefix="decisions",
                                                            detected=detected),
                                   uploaded_file, save=False)
            save(decision, acting_user=acting_user, reason="Ghi nhận quyết định khen thưởng")
        granted = GrantedAward(decision=decision, nomination=nomination, award=nomination.award,
                               cluster=nomination.session.cluster, year=nomination.session.year,
                               unit=nomination.unit, person_name=nomination.person_name,
                               person_id=nomination.person_id,
                               is_illustrative=is_illustrative)
        save(granted, acting_user=acting_user, reason="Tặng thưởng theo quyết định")
        signed = f", người ký: {signer}" if signer else ""
        _apply(dossier, DossierStatus.DECIDED, acting_user=acting_user,
               note=(f"Quyết định số {number} ngày {short_date(issued_on)} của {issuing_body}"
                     f"{signed}"))
    return granted
