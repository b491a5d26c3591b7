"""Writes to pledges. Every function is atomic, validates before saving anything, raises
``PledgeError`` (a ``ValidationError`` with a Vietnamese message) on bad input, and records the
acting user (django-simple-history, plus ``PledgeEvent`` for state transitions).

The state machine: draft → open for signing → fully signed → locked (``models.TRANSITIONS``).
``pledge_transition`` is the one function that changes the state. "Fully signed" is reached
automatically when the last member unit of the year signs. Locking is allowed from "fully
signed" only, so no member is ever shut out of a pledge it has not signed yet.

Concurrency: signing and every transition first lock the pledge row (``select_for_update``),
so two leaders signing at once, or a leader signing while the secretariat locks, run one after
the other and see each other's result. Permission to act (secretariat, unit leader) is checked
here too, against ``pledges.rules`` (``cluster.permissions.require``, the permission each
transition names in ``models.TRANSITIONS``); what makes a signature valid (the unit is a
member that year, the signer is that unit's leader, the pledge is open) is checked here.
``acting_user=None`` is the system (the demo loader): it is not checked.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.models import Campaign, Conference
from campaigns.selectors import campaign_for
from cluster.history import delete_with_history, save_with_history
from cluster.models import Cluster, Unit, User
from cluster.permissions import NotAllowed, allowed, refusal_text, require
from cluster.rules import YearScope
from cluster.selectors import cluster_member_units
from cluster.text import short_date
from pledges.models import (
    TRANSITIONS,
    Commitment,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    Signature,
    SignatureMethod,
)
from pledges.notices import pledge_opened_notify

LOCKED_MESSAGE = "Giao ước đã khóa, không thể thay đổi."
MANAGE = "pledges.manage_pledge"


def _scope(pledge: Pledge) -> YearScope:
    return YearScope(pledge.cluster, pledge.year)


class PledgeError(ValidationError):
    """A refused change to a pledge; the message is meant for the user."""


def _lock(pledge: Pledge) -> Pledge:
    """The pledge row, re-read and locked until the end of the transaction."""
    return Pledge.objects.select_for_update().get(pk=pledge.pk)


def pledge_draft_refusal(pledge: Pledge) -> str | None:
    """Why the pledge's text cannot be edited now (its state), or None. The editing pages ask
    it before showing a form, the services again under the row lock."""
    if pledge.is_locked:
        return LOCKED_MESSAGE
    if not pledge.is_draft:
        return (
            "Chỉ sửa được nội dung giao ước khi còn là dự thảo (hiện đang ở trạng thái "
            "“%(status)s”)." % {"status": pledge.get_status_display()}
        )
    return None


def _require_draft(pledge: Pledge) -> None:
    refusal = pledge_draft_refusal(pledge)
    if refusal:
        raise PledgeError(refusal)


# --- the pledge and its text -----------------------------------------------------------------


def pledge_create(
    *,
    cluster: Cluster,
    year: int,
    title: str,
    preamble: str = "",
    campaign: Campaign | None = None,
    conference: Conference | None = None,
    acting_user: User | None,
    is_illustrative: bool = False,
) -> Pledge:
    """A draft pledge for the cluster-year, tied to the year's regular campaign unless
    another campaign of that year is given."""
    require(acting_user, MANAGE, YearScope(cluster, year))
    title = title.strip()
    if not title:
        raise PledgeError({"title": "Vui lòng nhập tiêu đề giao ước."})
    if not cluster_member_units(cluster=cluster, year=year):
        raise PledgeError(
            "Cụm không có thành viên trong năm %(year)s nên chưa thể lập giao ước." % {"year": year}
        )
    duplicate = PledgeError("Cụm đã có giao ước thi đua năm %(year)s." % {"year": year})
    try:
        with transaction.atomic():
            Cluster.objects.select_for_update().get(pk=cluster.pk)
            if Pledge.objects.filter(cluster=cluster, year=year).exists():
                raise duplicate
            pledge = Pledge(
                cluster=cluster, year=year, title=title, preamble=preamble.strip(),
                campaign=campaign or campaign_for(cluster=cluster, year=year),
                conference=conference, is_illustrative=is_illustrative, created_by=acting_user,
            )
            save_with_history(pledge, acting_user=acting_user, reason="Lập dự thảo giao ước")
            return pledge
    except IntegrityError as exc:  # a concurrent creation won the race
        raise duplicate from exc


def pledge_update(
    *,
    pledge: Pledge,
    title: str,
    preamble: str,
    campaign: Campaign | None = None,
    conference: Conference | None = None,
    acting_user: User | None,
) -> Pledge:
    require(acting_user, MANAGE, _scope(pledge))
    title = title.strip()
    if not title:
        raise PledgeError({"title": "Vui lòng nhập tiêu đề giao ước."})
    with transaction.atomic():
        pledge = _lock(pledge)
        _require_draft(pledge)
        pledge.title = title
        pledge.preamble = preamble.strip()
        pledge.campaign = campaign
        pledge.conference = conference
        save_with_history(pledge, acting_user=acting_user, reason="Sửa dự thảo giao ước")
    return pledge


def _current(commitment: Commitment) -> Commitment:
    """The commitment as stored now (after the pledge row is locked)."""
    current = Commitment.objects.filter(pk=commitment.pk).first()
    if current is None:
        raise PledgeError("Nội dung cam kết này không còn trong giao ước (có thể vừa bị xóa).")
    return current


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise PledgeError({"text": "Vui lòng nhập nội dung cam kết."})
    return text


def commitment_add(
    *, pledge: Pledge, text: str, acting_user: User | None, is_illustrative: bool = False
) -> Commitment:
    require(acting_user, MANAGE, _scope(pledge))
    text = _clean_text(text)
    with transaction.atomic():
        pledge = _lock(pledge)
        _require_draft(pledge)
        last = pledge.commitments.aggregate(last=Max("position"))["last"] or 0
        commitment = Commitment(
            pledge=pledge, position=last + 1, text=text, is_illustrative=is_illustrative
        )
        save_with_history(commitment, acting_user=acting_user, reason="Thêm nội dung cam kết")
    return commitment


def commitment_update(*, commitment: Commitment, text: str, acting_user: User | None) -> Commitment:
    require(acting_user, MANAGE, _scope(commitment.pledge))
    text = _clean_text(text)
    with transaction.atomic():
        _require_draft(_lock(commitment.pledge))
        commitment = _current(commitment)
        commitment.text = text
        save_with_history(commitment, acting_user=acting_user, reason="Sửa nội dung cam kết")
    return commitment


def _renumber(pledge: Pledge, ordered: list[Commitment], acting_user: User | None) -> None:
    for position, commitment in enumerate(ordered, start=1):
        if commitment.position != position:
            commitment.position = position
            save_with_history(commitment, acting_user=acting_user,
                              reason="Sắp xếp lại thứ tự cam kết")


def commitment_delete(*, commitment: Commitment, acting_user: User | None) -> None:
    require(acting_user, MANAGE, _scope(commitment.pledge))
    with transaction.atomic():
        pledge = _lock(commitment.pledge)
        _require_draft(pledge)
        commitment = _current(commitment)
        delete_with_history(commitment, acting_user=acting_user)
        _renumber(pledge, list(pledge.commitments.order_by("position", "pk")), acting_user)


def commitment_move(*, commitment: Commitment, offset: int, acting_user: User | None) -> None:
    """Move a commitment ``offset`` places (-1 up, +1 down); at either end nothing moves."""
    require(acting_user, MANAGE, _scope(commitment.pledge))
    with transaction.atomic():
        pledge = _lock(commitment.pledge)
        _require_draft(pledge)
        commitment = _current(commitment)
        ordered = list(pledge.commitments.order_by("position", "pk"))
        index = next(i for i, c in enumerate(ordered) if c.pk == commitment.pk)
        target = index + offset
        if 0 <= target < len(ordered):
            ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(pledge, ordered, acting_user)


# --- the state machine ------------------------------------------------------------------------


def _missing_units(pledge: Pledge) -> list[Unit]:
    signed = set(Signature.objects.filter(pledge=pledge).values_list("unit_id", flat=True))
    return [u for u in cluster_member_units(cluster=pledge.cluster, year=pledge.year)
            if u.pk not in signed]


def _guard(pledge: Pledge, target: str) -> str | None:
    """Why ``pledge`` may not move to ``target`` now (a message), or None."""
    if target == PledgeStatus.OPEN and pledge.status == PledgeStatus.SIGNED:
        if not _missing_units(pledge):
            return "Mọi đơn vị thành viên đã ký; không cần mở lại giao ước."
        return None
    if target == PledgeStatus.OPEN:
        if not pledge.commitments.exists():
            return "Giao ước chưa có nội dung cam kết nào nên chưa thể mở ký kết."
        if not cluster_member_units(cluster=pledge.cluster, year=pledge.year):
            return "Cụm không có thành viên trong năm %(year)s." % {"year": pledge.year}
    if target == PledgeStatus.DRAFT and pledge.signatures.exists():
        return "Giao ước đã có đơn vị ký nên không thể trả về dự thảo."
    if target in (PledgeStatus.SIGNED, PledgeStatus.LOCKED):
        missing = _missing_units(pledge)
        if missing:
            return "Chưa đủ chữ ký của các đơn vị thành viên; còn thiếu: %(units)s." % {
                "units": ", ".join(u.short_name for u in missing)
            }
    return None


def pledge_transition_refusal(*, pledge: Pledge, to_status: str, user: User | None = None
                              ) -> str | None:
    """Why ``pledge`` may not move to ``to_status`` now (a message for the user), or None when
    the move is allowed. Reads only; ``pledge_transition`` asks it again under the row lock.
    ``user``: who asks (the permission the transition names); None is the system."""
    if to_status not in PledgeStatus.values:
        return "Trạng thái “%(target)s” không hợp lệ." % {"target": to_status}
    transition = TRANSITIONS.get((pledge.status, to_status))
    if transition is not None and not allowed(user, transition.permission, _scope(pledge)):
        return refusal_text(transition.permission)
    if (pledge.status, to_status) not in TRANSITIONS:
        message = "Không thể chuyển giao ước từ trạng thái “%(source)s” sang “%(target)s”." % {
            "source": pledge.get_status_display(), "target": PledgeStatus(to_status).label,
        }
        if pledge.is_locked:
            message += " " + LOCKED_MESSAGE
        elif to_status == PledgeStatus.LOCKED:
            message += " Chỉ khóa được giao ước khi tất cả các đơn vị thành viên đã ký."
        return message
    return _guard(pledge, to_status)


def _apply_transition(
    pledge: Pledge, target: str, *, acting_user: User | None, note: str = ""
) -> PledgeEvent:
    """Move a pledge that the caller has locked. Raises PledgeError on a forbidden move."""
    refusal = pledge_transition_refusal(pledge=pledge, to_status=target)
    if refusal:
        raise PledgeError(refusal)
    transition = TRANSITIONS[(pledge.status, target)]
    source = pledge.status
    pledge.status = target
    save_with_history(pledge, acting_user=acting_user, reason=str(transition.label))
    event = PledgeEvent.objects.create(
        pledge=pledge, from_status=source, to_status=target, actor=acting_user,
        note=note.strip()[:500],
    )
    if target == PledgeStatus.OPEN:
        pledge_opened_notify(pledge=pledge, event=event)
    return event


def pledge_transition(
    *, pledge: Pledge, to_status: str, acting_user: User | None, note: str = ""
) -> Pledge:
    """The one way to change a pledge's state, following ``TRANSITIONS``; records who moved it,
    when, from and to (``PledgeEvent``), and returns the pledge as saved."""
    with transaction.atomic():
        pledge = _lock(pledge)
        transition = TRANSITIONS.get((pledge.status, to_status))
        if transition is not None:
            require(acting_user, transition.permission, _scope(pledge))
        _apply_transition(pledge, to_status, acting_user=acting_user, note=note)
    return pledge


# --- signatures -------------------------------------------------------------------------------


def not_open_message(pledge: Pledge) -> str:
    if pledge.is_locked:
        return "Giao ước đã khóa, không thể ký thêm."
    if pledge.status == PledgeStatus.SIGNED:
        return "Giao ước đã được tất cả các đơn vị thành viên ký."
    return "Giao ước chưa được mở để ký kết."


def _signature_add(*, pledge: Pledge, unit: Unit, acting_user: User | None,
                   require_perm: tuple[str, str] | None = None, **fields) -> Signature:
    """``require_perm``: (permission, refusal) checked once the unit is known to be a member."""
    already = PledgeError(
        "%(unit)s đã ký giao ước này; mỗi đơn vị chỉ ký một lần." % {"unit": unit.name}
    )
    try:
        with transaction.atomic():
            pledge = _lock(pledge)
            if not pledge.is_open:
                raise PledgeError(not_open_message(pledge))
            members = cluster_member_units(cluster=pledge.cluster, year=pledge.year)
            if unit.pk not in {m.pk for m in members}:
                raise PledgeError(
                    "%(unit)s không phải là thành viên của cụm trong năm %(year)s nên không "
                    "thể ký giao ước." % {"unit": unit.name, "year": pledge.year}
                )
            if require_perm is not None:
                require(acting_user, require_perm[0], _scope(pledge), message=require_perm[1])
            if Signature.objects.filter(pledge=pledge, unit=unit).exists():
                raise already
            signature = Signature(pledge=pledge, unit=unit, recorded_by=acting_user, **fields)
            signature.recorded_at = timezone.now()
            save_with_history(signature, acting_user=acting_user, reason="Ký giao ước")
            if not _missing_units(pledge):
                _apply_transition(
                    pledge, PledgeStatus.SIGNED, acting_user=acting_user,
                    note="Tự động khi đơn vị cuối cùng ký: %s." % unit.name,
                )
            return signature
    except IntegrityError as exc:  # the database's one-signature-per-unit constraint
        raise already from exc


def pledge_sign(*, pledge: Pledge, unit: Unit, acting_user: User) -> Signature:
    """The unit's leader signs in the browser; name and title come from the leader's account."""
    message = "Chỉ lãnh đạo của %(unit)s mới được ký giao ước thay mặt đơn vị." % {
        "unit": unit.name}
    if acting_user is None or acting_user.unit_id != unit.pk or not acting_user.is_active:
        raise NotAllowed(message, permission="pledges.sign_pledge")
    if not acting_user.full_name.strip():
        raise PledgeError(
            "Tài khoản của bạn chưa có họ và tên nên chưa thể ký; vui lòng liên hệ quản trị viên."
        )
    return _signature_add(
        pledge=pledge, unit=unit, acting_user=acting_user,
        require_perm=("pledges.sign_pledge", message),
        method=SignatureMethod.ONLINE, signer=acting_user,
        signer_name=acting_user.full_name.strip(), signer_title=acting_user.job_title.strip(),
        signed_on=timezone.localdate(),
    )


def pledge_record_paper_signature(
    *,
    pledge: Pledge,
    unit: Unit,
    signer_name: str,
    signer_title: str,
    signed_on: datetime.date,
    acting_user: User | None,
    signer: User | None = None,
    note: str = "",
    is_illustrative: bool = False,
) -> Signature:
    """The secretariat records a signature made on paper (at a conference, or sent in later),
    with the signer's name and title as typed."""
    require(acting_user, MANAGE, _scope(pledge))
    signer_name = (signer_name or "").strip()
    errors = {}
    if not signer_name:
        errors["signer_name"] = "Vui lòng nhập họ và tên người ký."
    if signed_on is None:
        errors["signed_on"] = "Vui lòng nhập ngày ký."
    elif signed_on > timezone.localdate():
        errors["signed_on"] = "Ngày ký không được sau ngày hôm nay (%s)." % short_date(
            timezone.localdate()
        )
    if signer is not None and signer.unit_id != unit.pk:
        errors["signer"] = "Người ký phải thuộc %(unit)s." % {"unit": unit.name}
    if errors:
        raise PledgeError(errors)
    return _signature_add(
        pledge=pledge, unit=unit, acting_user=acting_user,
        method=SignatureMethod.PAPER, signer=signer, signer_name=signer_name,
        signer_title=(signer_title or "").strip(), signed_on=signed_on,
        note=(note or "").strip()[:500], is_illustrative=is_illustrative,
    )


__all__ = [
    "LOCKED_MESSAGE", "MANAGE", "PledgeError", "commitment_add", "commitment_delete",
    "commitment_move", "commitment_update", "not_open_message", "pledge_create",
    "pledge_draft_refusal", "pledge_record_paper_signature", "pledge_sign", "pledge_transition",
    "pledge_transition_refusal", "pledge_update",
]
