"""The vote (bình xét, bỏ phiếu kín): sessions, nominations, ballots and the tally at closing.

State machine: đang chuẩn bị → đang bỏ phiếu → đã kết thúc (``SESSION_TRANSITIONS``);
``session_transition`` is the one function that changes it, and closing computes and fixes the
tally with the year's rules (``commendations.tally``). Nothing about a closed session changes.

Concurrency: casting a ballot and every transition first lock the session row
(``select_for_update``), so parallel ballots, a double vote and a ballot racing the close run
one after the other; the database's one-ballot-per-unit constraint backs the check.

Secrecy (docs/architecture.md, "Secret ballot: threat model"): a ballot is a ``Ballot`` row
(who voted, how, when) and a ``SealedBallot`` blob (what it chose), sealed under a key derived
from the session's random ``SessionSeal`` and the deployment's ``SECRET_KEY``
(``commendations.sealing``). Online, paper and written ballots are stored alike. Closing, in
one transaction with the tally, opens the blobs, stores only the totals (or, below the minimum
number of ballots, none: "không đủ số phiếu") and deletes the blobs and the seal; after commit
``sealed_storage_scrub`` rewrites both tables (TRUNCATE, the other sessions' rows put
back) so that no dead row version keeps them. A session
stops taking ballots (đang kiểm phiếu) before the secretariat may preview the result, and never
reopens, so two previews cannot differ by one ballot.
"""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from campaigns.models import Conference
from cluster.history import delete_with_history
from cluster.models import Cluster, Unit, User
from cluster.permissions import allowed, refusal_text
from cluster.rules import YearScope
from cluster.selectors import cluster_member_units
from commendations import sealing, selectors, tally
from commendations.models import (
    SESSION_TRANSITIONS,
    AwardForm,
    AwardRule,
    AwardTally,
    Ballot,
    BallotKind,
    Dossier,
    Gender,
    Nomination,
    SealedBallot,
    SessionEvent,
    SessionSeal,
    SessionStatus,
    TallyResult,
    VotingSession,
)
from commendations.services._common import (
    CommendationError,
    CommendationNotAllowed,
    require,
    require_manage,
    save,
)
from commendations.services.people import folded_name, person_find_or_create
from commendations.voting_notices import session_opened_notify

CLOSED_MESSAGE = "Phiên bình xét đã kết thúc, không thể thay đổi."
logger = logging.getLogger(__name__)
_shuffle = random.SystemRandom().shuffle


def _lock(session: VotingSession) -> VotingSession:
    return VotingSession.objects.select_for_update().get(pk=session.pk)


def session_draft_refusal(session: VotingSession) -> str | None:
    """Why the session's nominations cannot be edited now (its state), or None."""
    if session.is_closed:
        return CLOSED_MESSAGE
    if not session.is_draft:
        return ("Chỉ sửa được danh sách đề nghị khi phiên bình xét đang chuẩn bị (chưa mở bỏ "
                "phiếu).")
    return None


def _require_draft(session: VotingSession) -> None:
    refusal = session_draft_refusal(session)
    if refusal:
        raise CommendationError(refusal)


def _member_ids(cluster: Cluster, year: int) -> set[int]:
    return {u.pk for u in cluster_member_units(cluster=cluster, year=year)}


# --- sessions and nominations ------------------------------------------------------------------


def session_create(*, cluster: Cluster, year: int, conference: Conference, title: str,
                   acting_user: User | None, is_illustrative: bool = False,
                   secretary_name: str = "") -> VotingSession:
    """A session in preparation at one of the cluster-year's conferences."""
    require_manage(acting_user, cluster=cluster, year=year)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Vui lòng nhập tên phiên bình xét."
    if conference is None or conference.cluster_id != cluster.pk or conference.year != year:
        errors["conference"] = f"Hội nghị đã chọn không thuộc cụm này trong năm {year}."
    if not _member_ids(cluster, year):
        errors["__all__"] = f"Cụm không có thành viên trong năm {year}."
    if errors:
        raise CommendationError(errors)
    with transaction.atomic():
        session = VotingSession(cluster=cluster, year=year, conference=conference, title=title,
                                secretary_name=(secretary_name or "").strip(),
                                created_by=acting_user, is_illustrative=is_illustrative)
        save(session, acting_user=acting_user, reason="Tạo phiên bình xét")
    return session


NOMINATION_FIELDS = ("award", "unit", "summary", "person_name", "person_title", "person_gender",
                     "women_share_percent", "is_illustrative")


def _validate_nomination(nomination: Nomination, members: set[int]) -> None:
    errors: dict[str, str] = {}
    award: AwardForm = nomination.award
    if not award.is_active:
        errors["award"] = f"{award.name} không còn trong danh mục đang dùng."
    if nomination.unit_id not in members:
        errors["unit"] = (f"{nomination.unit.name} không phải là thành viên của cụm trong năm "
                          f"{nomination.session.year}.")
    if not nomination.summary.strip():
        errors["summary"] = "Vui lòng nhập tóm tắt thành tích."
    if award.is_collective:
        for name in ("person_name", "person_title", "person_gender"):
            if getattr(nomination, name):
                errors[name] = (f"{award.name} là danh hiệu, hình thức cho tập thể: không nhập "
                                f"thông tin cá nhân.")
    else:
        if not nomination.person_name:
            errors["person_name"] = f"{award.name} dành cho cá nhân: vui lòng nhập họ và tên."
        if nomination.person_gender not in Gender.values:
            errors["person_gender"] = "Vui lòng chọn giới tính (dùng cho quy tắc khi bằng phiếu)."
        if nomination.women_share_percent is not None:
            errors["women_share_percent"] = "Tỷ lệ nữ chỉ nhập cho tập thể."
    if errors:
        raise CommendationError(errors)


def _link_person(nomination: Nomination, *, acting_user: User | None) -> None:
    """An individual's nomination points at the person registry (issue #16): the person of
    that name in the unit, recorded when new; a collective's at nobody."""
    if not nomination.person_name:
        nomination.person = None
    elif nomination.person_id is None:
        nomination.person = person_find_or_create(
            full_name=nomination.person_name, unit=nomination.unit, acting_user=acting_user,
            gender=nomination.person_gender, position=nomination.person_title,
            is_illustrative=nomination.is_illustrative)


def _clean_fields(fields: dict) -> dict:
    for name in ("summary", "person_name", "person_title", "person_gender"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    return fields


def nomination_add(*, session: VotingSession, award: AwardForm, unit: Unit, summary: str,
                   acting_user: User | None, **fields) -> Nomination:
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"nomination_add: unknown fields {sorted(unknown)}")
    require_manage(acting_user, cluster=session.cluster, year=session.year)
    fields = _clean_fields({"summary": summary, **fields})
    try:
        with transaction.atomic():
            session = _lock(session)
            _require_draft(session)
            last = session.nominations.count()
            nomination = Nomination(session=session, award=award, unit=unit, order=last + 1,
                                    created_by=acting_user, **fields)
            _validate_nomination(nomination, _member_ids(session.cluster, session.year))
            _link_person(nomination, acting_user=acting_user)
            save(nomination, acting_user=acting_user, reason="Thêm đề nghị khen thưởng")
            return nomination
    except IntegrityError as exc:
        raise CommendationError("Đề nghị này đã có trong phiên bình xét.") from exc


def nomination_update(*, nomination: Nomination, acting_user: User | None,
                      **fields) -> Nomination:
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"nomination_update: unknown fields {sorted(unknown)}")
    require_manage(acting_user, cluster=nomination.session.cluster, year=nomination.session.year)
    fields = _clean_fields(fields)
    with transaction.atomic():
        session = _lock(nomination.session)
        _require_draft(session)
        nomination = Nomination.objects.filter(pk=nomination.pk, session=session).first()
        if nomination is None:
            raise CommendationError("Đề nghị này không còn trong phiên bình xét.")
        who_before = (folded_name(nomination.person_name), nomination.unit_id)
        for name, value in fields.items():
            setattr(nomination, name, value)
        _validate_nomination(nomination, _member_ids(session.cluster, session.year))
        if who_before != (folded_name(nomination.person_name), nomination.unit_id):
            nomination.person = None
        _link_person(nomination, acting_user=acting_user)
        save(nomination, acting_user=acting_user, reason="Sửa đề nghị khen thưởng")
    return nomination


def nomination_delete(*, nomination: Nomination, acting_user: User | None) -> None:
    require_manage(acting_user, cluster=nomination.session.cluster, year=nomination.session.year)
    with transaction.atomic():
        session = _lock(nomination.session)
        _require_draft(session)
        nomination = Nomination.objects.filter(pk=nomination.pk, session=session).first()
        if nomination is None:
            raise CommendationError("Đề nghị này không còn trong phiên bình xét.")
        delete_with_history(nomination, acting_user=acting_user)


# --- the state machine -------------------------------------------------------------------------


def _rules_for(session: VotingSession, nominations: list[Nomination]
               ) -> tuple[dict[int, AwardRule], list[str]]:
    """The year's rule of every award nominated, and what is missing or invalid."""
    award_ids = {n.award_id for n in nominations}
    rules = {r.award_id: r for r in AwardRule.objects.filter(
        cluster=session.cluster, year=session.year, award_id__in=award_ids
    ).select_related("award")}
    problems = []
    for nomination in nominations:
        rule = rules.get(nomination.award_id)
        if rule is None:
            problems.append(f"Chưa có quy tắc bình xét năm {session.year} cho "
                            f"“{nomination.award.name}”.")
            rules[nomination.award_id] = None  # type: ignore[assignment]
        elif rule is not None:
            try:
                rule.to_tally()
            except tally.TallyError as error:
                problems.append(f"Quy tắc của “{nomination.award.name}”: {error}")
    return {k: v for k, v in rules.items() if v is not None}, sorted(set(problems))


def session_transition_refusal(*, session: VotingSession, to_status: str,
                               user: User | None = None) -> str | None:
    """Why ``session`` may not move to ``to_status`` now, or None. Reads only. ``user``: who
    asks (the permission the transition names); None is the system."""
    if to_status not in SessionStatus.values:
        return f"Trạng thái “{to_status}” không hợp lệ."
    transition = SESSION_TRANSITIONS.get((session.status, to_status))
    if transition is not None and not allowed(
            user, transition.permission, YearScope(session.cluster, session.year)):
        return refusal_text(transition.permission)
    if (session.status, to_status) not in SESSION_TRANSITIONS:
        message = (f"Không thể chuyển phiên bình xét từ “{session.get_status_display()}” sang "
                   f"“{SessionStatus(to_status).label}”.")
        if session.is_closed:
            message += " " + CLOSED_MESSAGE
        return message
    if to_status == SessionStatus.OPEN:
        nominations = list(session.nominations.select_related("award"))
        if not nominations:
            return "Phiên bình xét chưa có đề nghị nào nên chưa thể mở bỏ phiếu."
        _rules, problems = _rules_for(session, nominations)
        if problems:
            return " ".join(problems)
    if to_status == SessionStatus.DRAFT and session.ballots.exists():
        return "Đã có đơn vị bỏ phiếu nên không thể trả phiên bình xét về chuẩn bị."
    return None


def _check_counts(session: VotingSession, present_count: int | None,
                  leaders_count: int | None) -> None:
    members = len(_member_ids(session.cluster, session.year))
    errors = {}
    if present_count is None:
        errors["present_count"] = "Vui lòng nhập số thành viên có mặt."
    elif present_count > members:
        errors["present_count"] = (f"Số thành viên có mặt ({present_count}) vượt quá số thành "
                                   f"viên của cụm ({members}).")
    if leaders_count is not None and leaders_count < 0:
        errors["leaders_count"] = "Số tập thể dẫn đầu không được âm."
    if errors:
        raise CommendationError(errors)


def _step(session: VotingSession, to_status: str, acting_user: User | None,
          present_count: int | None, leaders_count: int | None, note: str,
          secretary_name: str | None = None) -> None:
    """One transition of the locked ``session``."""
    refusal = session_transition_refusal(session=session, to_status=to_status)
    if refusal:
        raise CommendationError(refusal)
    source = session.status
    if to_status in (SessionStatus.OPEN, SessionStatus.CLOSED):
        _check_counts(session, present_count, leaders_count)
        session.present_count = present_count
        session.leaders_count = leaders_count
        if secretary_name is not None:
            session.secretary_name = secretary_name.strip()
    now = timezone.now()
    if to_status == SessionStatus.OPEN:
        session.opened_at = now
        if not SessionSeal.objects.filter(session=session).exists():
            SessionSeal.objects.create(session=session, salt=sealing.new_salt())
    session.status = to_status
    if to_status == SessionStatus.CLOSED:
        session.closed_at, session.closed_by = now, acting_user
        _fix_tally(session)
    transition = SESSION_TRANSITIONS[(source, to_status)]
    save(session, acting_user=acting_user, reason=str(transition.label))
    event = SessionEvent.objects.create(session=session, from_status=source,
                                        to_status=to_status, actor=acting_user, created_at=now,
                                        note=(note or "").strip()[:500])
    if to_status == SessionStatus.OPEN:
        session_opened_notify(session=session, event=event)


def session_transition(*, session: VotingSession, to_status: str, acting_user: User | None,
                       present_count: int | None = None, leaders_count: int | None = None,
                       note: str = "", secretary_name: str | None = None) -> VotingSession:
    """The one way to change a session's state. Opening and closing take the number of members
    present (entered by the secretariat) and, if a quota counts them, the number of units voted
    as leaders; closing computes and fixes the tally, opens a dossier for every proposal that
    passed and destroys the sealed ballots. The pages stop the vote (đang kiểm phiếu) and show
    a preview before closing; a caller of this function may close an open session in one step,
    which stops it first (both transitions are recorded)."""
    with transaction.atomic():
        session = _lock(session)
        transition = SESSION_TRANSITIONS.get((session.status, to_status))
        if transition is not None:
            require(acting_user, transition.permission,
                    YearScope(session.cluster, session.year))
        if (session.status, to_status) == (SessionStatus.OPEN, SessionStatus.CLOSED):
            _step(session, SessionStatus.COUNTING, acting_user, None, None, "")
        _step(session, to_status, acting_user, present_count, leaders_count, note,
              secretary_name)
    return session


# --- counting ----------------------------------------------------------------------------------

MIN_BALLOTS = 2  # the totals of a single ballot are that ballot


@dataclass(frozen=True)
class AwardCount:
    award: AwardForm
    nominations: dict[str, Nomination]  # by tally key
    result: tally.AwardTally

    def lines(self) -> list[tuple[Nomination, tally.CandidateResult]]:
        return [(self.nominations[line.key], line) for line in self.result.results]

    def verdicts(self) -> list[tuple[Nomination, tally.CandidateResult, str]]:
        """Each line with what it decides: passes, cut by the quota, tied at the cut, or not."""
        def verdict(line: tally.CandidateResult) -> str:
            if line.passed:
                return "Đạt"
            if line.tied_at_cut:
                return "Ngang phiếu tại vị trí cắt chỉ tiêu"
            if line.meets_threshold and self.result.quorum_met:
                return "Đạt tỷ lệ nhưng bị cắt theo chỉ tiêu"
            return "Không đạt"
        return [(nomination, line, verdict(line)) for nomination, line in self.lines()]


@dataclass(frozen=True)
class SessionCount:
    """What closing decides (or would decide): the electorate, the minimum number of ballots
    for any total to be disclosed and, when reached, each award's tally."""

    members: int
    ballots: int
    written: int
    required: int
    required_explanation: str
    awards: tuple[AwardCount, ...]

    @property
    def withheld(self) -> bool:
        return self.ballots < self.required

    @property
    def withheld_explanation(self) -> str:
        return (f"Không đủ số phiếu: thu về {self.ballots} phiếu, ít hơn số phiếu tối thiểu "
                f"{self.required} ({self.required_explanation}). Để giữ bí mật lá phiếu, kết "
                f"quả không công bố số phiếu của đề nghị nào và không đề nghị nào đạt; cụm tổ "
                f"chức bình xét lại ở một phiên khác.")


def required_ballots(*, rules: list[AwardRule], members: int) -> tuple[int, str]:
    """How many ballots closing needs before any total is disclosed, and why: the strictest
    quorum of the year's rules for the awards nominated, or, if none sets one, more than half
    of the members; never fewer than two."""
    quorums = [r.quorum_percent for r in rules if r.quorum_percent is not None]
    if quorums:
        percent = max(quorums)
        needed = math.ceil(percent * members / 100)
        shown = f"{percent.normalize():f}".replace(".", ",")
        why = (f"từ {shown}% của {members} thành viên theo quy tắc số thành viên "
               "tham dự của năm")
    else:
        needed = members // 2 + 1
        why = (f"quá nửa {members} thành viên, vì quy tắc của năm không yêu cầu số thành viên "
               f"tham dự tối thiểu")
    if needed < MIN_BALLOTS:
        needed, why = MIN_BALLOTS, "kết quả của một phiếu duy nhất chính là lá phiếu đó"
    return needed, why


def _open_ballots(session: VotingSession, nomination_ids: set[int]) -> list[dict[int, bool]]:
    seal = SessionSeal.objects.filter(session=session).first()
    blobs = list(SealedBallot.objects.filter(session=session).values_list("blob", flat=True))
    if seal is None:
        raise CommendationError("Phiên bình xét không còn khóa niêm phong phiếu bầu.")
    ballots = []
    for blob in blobs:
        try:
            choices = sealing.unseal(blob, salt=bytes(seal.salt), session_id=session.pk)
        except sealing.SealError as error:
            raise CommendationError(str(error)) from None
        if set(choices) != nomination_ids:
            raise CommendationError("Một phiếu bầu đã niêm phong không khớp danh sách đề nghị "
                                    "của phiên.")
        ballots.append(choices)
    return ballots


def _count(session: VotingSession) -> SessionCount:
    """Open the sealed ballots in memory and count them with the year's rules (nothing is
    stored); below the minimum number of ballots, nothing is opened."""
    nominations = list(session.nominations.select_related("award", "unit")
                       .order_by("award__order", "award__name", "order", "pk"))
    rules, problems = _rules_for(session, nominations)
    if problems:
        raise CommendationError(" ".join(problems))
    kinds = list(Ballot.objects.filter(session=session).values_list("kind", flat=True))
    members = len(_member_ids(session.cluster, session.year))
    written = sum(kind == BallotKind.WRITTEN for kind in kinds)
    try:
        electorate = tally.Electorate(members=members, present=session.present_count or 0,
                                      written_votes=written, ballots_cast=len(kinds))
    except tally.TallyError as error:
        raise CommendationError({"present_count": str(error)}) from None
    required, why = required_ballots(rules=list(rules.values()), members=members)
    count = SessionCount(members, len(kinds), written, required, why, ())
    if count.withheld:
        return count
    ballots = _open_ballots(session, {n.pk for n in nominations})
    if len(ballots) != len(kinds):
        raise CommendationError(f"Số phiếu đã niêm phong ({len(ballots)}) khác số lượt bỏ phiếu "
                                f"({len(kinds)}).")
    yes = {n.pk: sum(b[n.pk] for b in ballots) for n in nominations}
    del ballots
    standing = selectors.unit_standings(cluster=session.cluster, year=session.year)
    by_award: dict[int, list[Nomination]] = {}
    for nomination in nominations:
        by_award.setdefault(nomination.award_id, []).append(nomination)
    awards = []
    for award_id, group in by_award.items():
        candidates = []
        for n in group:
            unit_standing = None if n.is_individual else standing.by_unit.get(n.unit_id)
            candidates.append(tally.Candidate(
                key=str(n.pk), name=n.candidate_name, agree=yes[n.pk],
                disagree=len(kinds) - yes[n.pk],
                is_woman=(n.person_gender == Gender.FEMALE) if n.is_individual else None,
                women_share=n.women_share_percent,
                score=unit_standing.score if unit_standing else None,
            ))
        try:
            result = tally.tally(rules[award_id].to_tally(), electorate, candidates,
                                 leaders=session.leaders_count)
        except tally.TallyError as error:
            field = "leaders_count" if "dẫn đầu" in str(error) else None
            raise CommendationError({field: str(error)} if field else str(error)) from None
        awards.append(AwardCount(group[0].award, {str(n.pk): n for n in group}, result))
    return SessionCount(members, len(kinds), written, required, why, tuple(awards))


def session_close_preview(*, session: VotingSession, present_count: int | None,
                          leaders_count: int | None, acting_user: User | None) -> SessionCount:
    """What closing ``session`` with these counts would decide, stored nowhere. Only once the
    session has stopped taking ballots, so that two previews never differ by one ballot."""
    require_manage(acting_user, cluster=session.cluster, year=session.year)
    with transaction.atomic():
        session = _lock(session)
        if not session.is_counting:
            raise CommendationError("Chỉ xem trước kết quả khi phiên đã dừng nhận phiếu "
                                    "(đang kiểm phiếu).")
        _check_counts(session, present_count, leaders_count)
        session.present_count, session.leaders_count = present_count, leaders_count
        return _count(session)


def _fix_tally(session: VotingSession) -> None:
    """Count the ballots with the year's rules and store the result (once, at closing), then
    destroy the sealed ballots and the session's seal."""
    count = _count(session)
    session.members_count, session.ballots_count, session.written_count = (
        count.members, count.ballots, count.written)
    session.required_ballots, session.totals_withheld = count.required, count.withheld
    standing = selectors.unit_standings(cluster=session.cluster, year=session.year)
    e = tally.Electorate(members=count.members, present=session.present_count or 0,
                         written_votes=count.written, ballots_cast=count.ballots)
    for order, award_count in enumerate(count.awards, start=1):
        result = award_count.result
        award_tally = AwardTally.objects.create(
            session=session, award=award_count.award, order=order,
            applied_rules="\n".join(result.applied_rules), members=e.members,
            present=e.present, written_votes=e.written_votes, ballots_cast=e.ballots_cast,
            leaders=session.leaders_count, base_count=result.base_count,
            quorum_met=result.quorum_met, quorum_explanation=result.quorum_explanation,
            quota_cap=result.quota_cap, ordering_explanation=result.ordering_explanation,
            ties_explanation=result.ties_explanation or "",
            secretariat_notes="\n".join(result.secretariat_notes),
        )
        for position, (nomination, line) in enumerate(award_count.lines(), start=1):
            unit_standing = None if nomination.is_individual else standing.by_unit.get(
                nomination.unit_id)
            TallyResult.objects.create(
                award_tally=award_tally, nomination=nomination, position=position,
                agree=line.agree, disagree=line.disagree, percent=line.percent,
                meets_threshold=line.meets_threshold, passed=line.passed,
                tied_at_cut=line.tied_at_cut, reason=line.reason,
                score=unit_standing.score if unit_standing else None,
                rank=unit_standing.rank if unit_standing else None,
            )
            if line.passed:
                Dossier.objects.create(nomination=nomination, created_at=session.closed_at,
                                       is_illustrative=session.is_illustrative)
    _destroy_sealed(session)


def _destroy_sealed(session: VotingSession) -> None:
    """Delete the session's blobs and seal, in the closing transaction (SQLite overwrites the
    deleted content); after commit, rewrite their tables so no old row version keeps them."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    SealedBallot.objects.filter(session=session).delete()
    SessionSeal.objects.filter(session=session).delete()
    transaction.on_commit(sealed_storage_scrub, robust=True)


def sealed_storage_scrub() -> None:
    """Rewrite the tables of sealed ballots and seals so that no old row version of a closed
    session's blob or seal stays in them. On PostgreSQL: ``TRUNCATE`` both tables and insert
    the rows of the sessions still voting again, in random order, in one transaction. TRUNCATE
    gives each table a new file and unlinks the old one at commit, whatever other transactions
    still see (a ``VACUUM (FULL)`` keeps the deleted rows that any open snapshot in the
    cluster might see, and a plain VACUUM leaves their bytes in the pages); the rows kept also
    lose the ``xmin`` and position they shared with their ``Ballot``. Lock order, as for a
    ballot: the sessions not closed (by pk), then the two tables. SQLite has overwritten the
    deleted content already (``secure_delete``); its write-ahead log is folded back into the
    database file. Harmless to run again."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table)
                       for model in (SealedBallot, SessionSeal))
    with transaction.atomic():
        list(VotingSession.objects.exclude(status=SessionStatus.CLOSED).select_for_update()
             .order_by("pk").values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")
            blobs = [SealedBallot(session_id=session_id, blob=bytes(blob)) for session_id, blob
                     in SealedBallot.objects.values_list("session_id", "blob")]
            seals = [SessionSeal(session_id=session_id, salt=bytes(salt)) for session_id, salt
                     in SessionSeal.objects.values_list("session_id", "salt")]
            cursor.execute(f"TRUNCATE {tables}")
        _shuffle(blobs)
        SealedBallot.objects.bulk_create(blobs)
        SessionSeal.objects.bulk_create(seals)
    logger.debug("Sealed ballot storage rewritten: %s (%d ballots kept)", tables, len(blobs))


# --- ballots -----------------------------------------------------------------------------------


def not_open_message(session: VotingSession) -> str:
    if session.is_closed:
        return "Phiên bình xét đã kết thúc, không nhận thêm phiếu."
    if session.is_counting:
        return "Phiên bình xét đã dừng nhận phiếu để kiểm phiếu, không nhận thêm phiếu."
    return "Phiên bình xét chưa mở bỏ phiếu."


def _ballot_add(*, session: VotingSession, unit: Unit, kind: str, choices: dict[int, bool],
                acting_user: User | None, note: str = "",
                is_illustrative: bool = False) -> Ballot:
    """Who voted goes into ``Ballot``; what it chose, sealed, into ``SealedBallot`` (the same
    for online, paper and written ballots)."""
    already = CommendationError(f"{unit.name} đã bỏ phiếu trong phiên này; mỗi đơn vị chỉ bỏ "
                                f"một phiếu.")
    try:
        with transaction.atomic():
            session = _lock(session)
            if not session.is_open:
                raise CommendationError(not_open_message(session))
            if unit.pk not in _member_ids(session.cluster, session.year):
                raise CommendationError(f"{unit.name} không phải là thành viên của cụm trong "
                                        f"năm {session.year} nên không bỏ phiếu.")
            if Ballot.objects.filter(session=session, unit=unit).exists():
                raise already
            nomination_ids = set(session.nominations.values_list("pk", flat=True))
            if set(choices) != nomination_ids or not all(
                    isinstance(v, bool) for v in choices.values()):
                raise CommendationError("Phiếu phải ghi “Đồng ý” hoặc “Không đồng ý” cho từng "
                                        "đề nghị trong phiên, không thiếu, không thừa.")
            seal = SessionSeal.objects.filter(session=session).first()
            if seal is None:
                raise CommendationError("Phiên bình xét chưa có khóa niêm phong phiếu bầu; hãy "
                                        "trả phiên về chuẩn bị rồi mở lại.")
            ballot = Ballot.objects.create(session=session, unit=unit, kind=kind,
                                           cast_at=timezone.now(), cast_by=acting_user,
                                           note=(note or "").strip()[:300],
                                           is_illustrative=is_illustrative)
            SealedBallot.objects.create(session=session, blob=sealing.seal(
                choices, salt=bytes(seal.salt), session_id=session.pk))
            return ballot
    except IntegrityError as exc:  # the database's one-ballot-per-unit constraint
        raise already from exc


def ballot_cast(*, session: VotingSession, unit: Unit, choices: dict[int, bool],
                acting_user: User) -> Ballot:
    """The unit's leader votes in the browser: ``choices`` maps every nomination id of the
    session to True (agree) or False (disagree)."""
    message = f"Chỉ lãnh đạo của {unit.name} mới bỏ phiếu thay mặt đơn vị."
    if acting_user is None or acting_user.unit_id != unit.pk:
        raise CommendationNotAllowed(message, permission="commendations.vote")
    require(acting_user, "commendations.vote", YearScope(session.cluster, session.year),
            message=message)
    return _ballot_add(session=session, unit=unit, kind=BallotKind.ONLINE, choices=choices,
                       acting_user=acting_user)


def ballot_record(*, session: VotingSession, unit: Unit, kind: str, choices: dict[int, bool],
                  acting_user: User | None, note: str = "",
                  is_illustrative: bool = False) -> Ballot:
    """The secretariat records a paper ballot, or the written vote of an absent member."""
    require_manage(acting_user, cluster=session.cluster, year=session.year)
    if kind not in (BallotKind.PAPER, BallotKind.WRITTEN):
        raise CommendationError({"kind": "Chọn phiếu giấy hoặc bỏ phiếu bằng văn bản."})
    return _ballot_add(session=session, unit=unit, kind=kind, choices=choices,
                       acting_user=acting_user, note=note, is_illustrative=is_illustrative)

