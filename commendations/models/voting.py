"""Bình xét: a voting session at a conference, its nominations, the secret ballot and the fixed
tally.

Secrecy by design. ``Ballot`` records WHO voted (one per member unit per session, enforced by
the database) and how (online, paper, written); ``SealedBallot`` holds WHAT was chosen, as
ciphertext under a per-session key that needs both ``SessionSeal`` (in the database until
closing) and the deployment's ``SECRET_KEY`` (never in it). Closing opens them, stores only the
totals and destroys blobs and seal; see docs/architecture.md, "Secret ballot: threat model".

The state changes only through ``commendations.services.voting.session_transition`` (one
function, driven by ``SESSION_TRANSITIONS``). A closed session is frozen: its tally
(``AwardTally``, ``TallyResult``) is written once, at closing.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import PARAGRAPH_MAX
from commendations.models.catalogue import PERCENT, AwardForm


class SessionStatus(models.TextChoices):
    DRAFT = "chuan_bi", _("Đang chuẩn bị")
    OPEN = "dang_bo_phieu", _("Đang bỏ phiếu")
    COUNTING = "kiem_phieu", _("Đã dừng nhận phiếu, đang kiểm phiếu")
    CLOSED = "da_ket_thuc", _("Đã kết thúc")


@dataclass(frozen=True)
class Transition:
    """One allowed move; ``permission`` is the ``rules`` permission (on the cluster-year's
    ``YearScope``) that whoever asks for it must hold."""

    source: str
    target: str
    label: str
    permission: str = "commendations.manage_year"


SESSION_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(SessionStatus.DRAFT, SessionStatus.OPEN, _("Mở bỏ phiếu")),
        Transition(SessionStatus.OPEN, SessionStatus.DRAFT, _("Trả về chuẩn bị")),
        Transition(SessionStatus.OPEN, SessionStatus.COUNTING,
                   _("Dừng nhận phiếu để kiểm phiếu")),
        Transition(SessionStatus.COUNTING, SessionStatus.CLOSED, _("Kết thúc bỏ phiếu")),
    )
}


class VotingSession(models.Model):
    """Phiên bình xét, bỏ phiếu kín at a conference of the cluster-year."""

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.PROTECT, related_name="voting_sessions")
    year = models.PositiveSmallIntegerField(_("năm"))
    conference = models.ForeignKey("campaigns.Conference", verbose_name=_("hội nghị"),
                                   on_delete=models.PROTECT, related_name="voting_sessions")
    title = UserCharField(_("tên phiên bình xét"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=15, choices=SessionStatus.choices,
                              default=SessionStatus.DRAFT, editable=False)
    present_count = models.PositiveSmallIntegerField(
        _("số thành viên có mặt"), null=True, blank=True,
        help_text=_("Thư ký cụm nhập khi mở và khi kết thúc bỏ phiếu; thành viên vắng mặt bỏ "
                    "phiếu bằng văn bản không tính vào đây."),
    )
    secretary_name = UserCharField(
        _("thư ký"), max_length=150, blank=True,
        help_text=_("Họ và tên người ghi biên bản bình xét. Để trống: biên bản để dòng chấm "
                    "cho thư ký ghi tên tay."))
    leaders_count = models.PositiveSmallIntegerField(
        _("số tập thể được suy tôn dẫn đầu"), null=True, blank=True,
        help_text=_("Cần khi chỉ tiêu tính theo số tập thể được suy tôn dẫn đầu."),
    )
    members_count = models.PositiveSmallIntegerField(_("số thành viên"), null=True, blank=True,
                                                     editable=False)
    ballots_count = models.PositiveSmallIntegerField(_("số phiếu thu về"), null=True,
                                                     blank=True, editable=False)
    written_count = models.PositiveSmallIntegerField(_("số phiếu bằng văn bản"), null=True,
                                                     blank=True, editable=False)
    required_ballots = models.PositiveSmallIntegerField(
        _("số phiếu tối thiểu để công bố kết quả"), null=True, blank=True, editable=False)
    totals_withheld = models.BooleanField(
        _("không đủ số phiếu"), default=False, editable=False,
        help_text=_("Kết thúc với ít phiếu hơn số tối thiểu: không công bố số phiếu của đề nghị "
                    "nào, không đề nghị nào đạt."))
    opened_at = models.DateTimeField(_("thời điểm mở"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True,
                                     editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kết thúc"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên bình xét")
        verbose_name_plural = _("phiên bình xét")
        ordering = ["cluster", "-year", "created_at", "pk"]
        indexes = [models.Index(fields=["cluster", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values),
                                   name="votingsession_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == SessionStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN

    @property
    def is_counting(self) -> bool:
        return self.status == SessionStatus.COUNTING

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED

    @property
    def vote_day(self) -> datetime.date | None:
        """The day the vote took place, in local time: the conference's day, or the day the
        session was closed if that came first (a conference entered with its planned date
        while the vote was held earlier). None while the session is not closed. The minutes
        of the vote are dated that day, and no decision may be dated before it."""
        if self.closed_at is None:
            return None
        closed = timezone.localdate(self.closed_at)
        return min(timezone.localdate(self.conference.starts_at), closed)


class SessionEvent(models.Model):
    """One transition of a session: who, when, from, to, why."""

    session = models.ForeignKey(VotingSession, verbose_name=_("phiên bình xét"),
                                on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=15,
                                   choices=SessionStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=15,
                                 choices=SessionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = UserCharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký phiên bình xét")
        verbose_name_plural = _("nhật ký phiên bình xét")
        ordering = ["session", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.session}: {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return SessionStatus(self.from_status).label

    @property
    def to_label(self) -> str:
        return SessionStatus(self.to_status).label


class Gender(models.TextChoices):
    FEMALE = "nu", _("Nữ")
    MALE = "nam", _("Nam")


class Nomination(models.Model):
    """Đề nghị khen thưởng put to the vote: a member unit (collective award) or a person of a
    member unit (individual award), with a summary of achievements."""

    session = models.ForeignKey(VotingSession, verbose_name=_("phiên bình xét"),
                                on_delete=models.CASCADE, related_name="nominations")
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu đề nghị"),
                              on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="nominations")
    person_name = UserCharField(_("họ và tên (cá nhân)"), max_length=150, blank=True)
    person = models.ForeignKey("commendations.Person", verbose_name=_("cá nhân (danh bạ)"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    person_title = UserCharField(_("chức vụ (cá nhân)"), max_length=200, blank=True)
    person_gender = models.CharField(_("giới tính (cá nhân)"), max_length=3, blank=True,
                                     choices=Gender.choices)
    women_share_percent = models.DecimalField(
        _("tỷ lệ nữ của tập thể (%)"), null=True, blank=True, **PERCENT,
        help_text=_("Dùng cho quy tắc ưu tiên khi bằng phiếu."),
    )
    summary = UserTextField(_("tóm tắt thành tích"), max_length=PARAGRAPH_MAX)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("ngày nhập"), default=timezone.now, editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["session", "award__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "award", "unit", "person_name"],
                name="nomination_once_per_session",
                violation_error_message=_("Đề nghị này đã có trong phiên bình xét."),
            ),
            models.CheckConstraint(condition=Q(person_gender__in=["", "nu", "nam"]),
                                   name="nomination_gender_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_name} — {self.award}"

    @property
    def is_individual(self) -> bool:
        return bool(self.person_name)

    @property
    def candidate_name(self) -> str:
        if self.person_name:
            return f"{self.person_name} ({self.unit.short_name})"
        return self.unit.name


class BallotKind(models.TextChoices):
    ONLINE = "truc_tuyen", _("Bỏ phiếu trên hệ thống")
    PAPER = "ban_giay", _("Phiếu giấy (thư ký cụm ghi nhận)")
    WRITTEN = "van_ban", _("Bỏ phiếu bằng văn bản (thành viên vắng mặt)")


class Ballot(models.Model):
    """That a member unit voted in a session, and how — never what it chose."""

    session = models.ForeignKey(VotingSession, verbose_name=_("phiên bình xét"),
                                on_delete=models.PROTECT, related_name="ballots")
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="ballots")
    kind = models.CharField(_("hình thức"), max_length=12, choices=BallotKind.choices)
    cast_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người bỏ phiếu hoặc "
                                "ghi nhận"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    note = UserCharField(_("ghi chú"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        verbose_name = _("lượt bỏ phiếu (đơn vị đã bỏ phiếu)")
        verbose_name_plural = _("lượt bỏ phiếu (đơn vị đã bỏ phiếu)")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "unit"], name="ballot_one_per_unit",
                violation_error_message=_("Đơn vị đã bỏ phiếu trong phiên này."),
            ),
            models.CheckConstraint(condition=Q(kind__in=BallotKind.values),
                                   name="ballot_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.session}"


class SessionSeal(models.Model):
    """The random half of a session's ballot key (``commendations.sealing``), from opening to
    closing. Alone it opens nothing: the key also needs the deployment's ``SECRET_KEY``, which
    is never in the database. Deleted at closing, then its table is rewritten (VACUUM FULL) so
    that no old row version keeps it. A table of its own, without history, so no copy of it
    lands in the session's history."""

    session = models.OneToOneField(VotingSession, primary_key=True, on_delete=models.CASCADE,
                                   related_name="+")
    salt = models.BinaryField()

    class Meta:
        verbose_name = _("khóa niêm phong phiên bình xét")
        verbose_name_plural = _("khóa niêm phong phiên bình xét")


class SealedBallot(models.Model):
    """WHAT one ballot chose, as one AES-GCM blob of fixed length (``commendations.sealing``).
    No link to the ballot, the unit or the person, no timestamp, no history: a random UUID key.
    A database reader can still pair a blob with its ``Ballot`` row (same transaction, so same
    PostgreSQL ``xmin``, neighbouring ``ctid``); that is acceptable only because the blob is
    ciphertext that nothing in the database opens. Every blob of a session is deleted at
    closing and the table rewritten, leaving only the fixed totals."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(VotingSession, on_delete=models.PROTECT, related_name="+")
    blob = models.BinaryField()

    class Meta:
        verbose_name = _("phiếu bầu đã niêm phong")
        verbose_name_plural = _("phiếu bầu đã niêm phong")


class AwardTally(models.Model):
    """The fixed tally of one award in a closed session, with the rules it applied and their
    sources, and the electorate it was counted over."""

    session = models.ForeignKey(VotingSession, verbose_name=_("phiên bình xét"),
                                on_delete=models.PROTECT, related_name="award_tallies")
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    applied_rules = models.TextField(_("quy tắc đã áp dụng (kèm nguồn)"))
    members = models.PositiveSmallIntegerField(_("số thành viên"))
    present = models.PositiveSmallIntegerField(_("số thành viên có mặt"))
    written_votes = models.PositiveSmallIntegerField(_("số phiếu bằng văn bản"))
    ballots_cast = models.PositiveSmallIntegerField(_("số phiếu thu về"))
    leaders = models.PositiveSmallIntegerField(_("số tập thể dẫn đầu"), null=True, blank=True)
    base_count = models.PositiveSmallIntegerField(_("số tính tỷ lệ"))
    quorum_met = models.BooleanField(_("đủ số thành viên tham dự"))
    quorum_explanation = models.TextField(_("số thành viên tham dự"))
    quota_cap = models.PositiveSmallIntegerField(_("chỉ tiêu"), null=True, blank=True)
    ordering_explanation = models.TextField(_("cách xếp thứ tự"))
    ties_explanation = models.TextField(_("ngang phiếu chưa phân định"), blank=True)
    secretariat_notes = models.TextField(
        _("ghi chú cho thư ký cụm"), blank=True,
        help_text=_("Chỉ hiện trên trang, không in vào văn bản: quy tắc chưa ghi căn cứ, cách "
                    "làm tròn chỉ tiêu, thứ tự hiển thị."))

    class Meta:
        verbose_name = _("kết quả bình xét theo danh hiệu")
        verbose_name_plural = _("kết quả bình xét theo danh hiệu")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "award"], name="awardtally_one_per_award"),
        ]

    def __str__(self) -> str:
        return f"{self.award} — {self.session}"

    @property
    def applied_rule_lines(self) -> list[str]:
        return [line for line in self.applied_rules.splitlines() if line.strip()]

    @property
    def secretariat_note_lines(self) -> list[str]:
        return [line for line in self.secretariat_notes.splitlines() if line.strip()]


class TallyResult(models.Model):
    """One nomination's line of a fixed tally: its votes, whether it passed, and why."""

    award_tally = models.ForeignKey(AwardTally, verbose_name=_("kết quả theo danh hiệu"),
                                    on_delete=models.PROTECT, related_name="results")
    nomination = models.OneToOneField(Nomination, verbose_name=_("đề nghị"),
                                      on_delete=models.PROTECT, related_name="tally_result")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    agree = models.PositiveSmallIntegerField(_("đồng ý"))
    disagree = models.PositiveSmallIntegerField(_("không đồng ý"))
    percent = models.DecimalField(_("tỷ lệ đồng ý (%)"), max_digits=5, decimal_places=2)
    meets_threshold = models.BooleanField(_("đạt tỷ lệ"))
    passed = models.BooleanField(_("được đề nghị"))
    tied_at_cut = models.BooleanField(_("ngang phiếu tại vị trí cắt"))
    reason = models.TextField(_("lý do"))
    score = models.DecimalField(_("điểm thi đua của năm"), null=True, blank=True, max_digits=8,
                                decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả bình xét của đề nghị")
        verbose_name_plural = _("kết quả bình xét của đề nghị")
        ordering = ["award_tally", "position"]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.agree}/{self.award_tally.base_count}"
