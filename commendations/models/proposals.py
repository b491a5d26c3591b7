"""Proposals from the member units (đề nghị khen thưởng, issue #16): a unit's officers draft
what they propose for the year — the unit itself (collective) or one of its people
(individual) — with the achievement report (báo cáo thành tích) in the form the decree in force
prescribes, written in the app or uploaded, and evidence files. The unit's leader sends them to
the chair before the secretariat's deadline (``ProposalCall``); the secretariat returns one
with a reason, or accepts it into a voting session of that year, where it becomes a
``Nomination`` (linked both ways: ``Proposal.nomination``, ``Nomination.proposal``).

The state changes only through ``commendations.services.proposals.proposal_transition``
(driven by ``PROPOSAL_TRANSITIONS``); every move is logged in ``ProposalEvent``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import NOTE_MAX, PARAGRAPH_MAX, SECTION_MAX
from commendations.models.catalogue import AwardForm
from commendations.models.voting import Gender, Nomination, Transition

D = datetime.date

# --- the achievement report's form, by the decree in force ------------------------------------


@dataclass(frozen=True)
class ReportForm:
    """One form of báo cáo thành tích of a decree's appendix, for a collective or a person."""

    code: str
    decree: str  # as cited: "98/2023/NĐ-CP"
    number: str  # "Mẫu số 01"
    kind: str  # ProposalKind value
    in_force_from: datetime.date
    in_force_until: datetime.date | None
    sections: tuple[str, str, str]
    source: str

    @property
    def title(self) -> str:
        who = "tập thể" if self.kind == "tap_the" else "cá nhân"
        return (f"{self.number} — Báo cáo thành tích đề nghị khen thưởng cho {who} "
                f"(Phụ lục kèm theo Nghị định {self.decree})")


COLLECTIVE_SECTIONS = ("I. Sơ lược đặc điểm, tình hình", "II. Thành tích đạt được",
                       "III. Các hình thức khen thưởng đã được ghi nhận")
INDIVIDUAL_SECTIONS = ("I. Sơ lược lý lịch", "II. Thành tích đạt được",
                       "III. Các hình thức khen thưởng đã được ghi nhận")
# The form numbers and headings as the appendices of the three decrees give them; the
# headings of Nghị định 152/2025/NĐ-CP were not checked against the Official Gazette's text
# when this table was written (the search corpus held no copy): the secretariat checks them
# (docs/proposals.md). Each decree's forms apply to the proposals of a year whose rules day
# (1 December, ``legal_texts.rules_day``) falls while it is in force.
_UNCHECKED = " Số mẫu và đề mục chưa được đối chiếu với bản Công báo."
REPORT_FORMS: tuple[ReportForm, ...] = tuple(
    ReportForm(f"{code}-{kind}", decree, number, kind, start, until,
               COLLECTIVE_SECTIONS if kind == "tap_the" else INDIVIDUAL_SECTIONS,
               f"Phụ lục kèm theo Nghị định số {decree}, {number}.{_UNCHECKED}")
    for code, decree, start, until in (
        ("nd91", "91/2017/NĐ-CP", D(2017, 7, 31), D(2023, 12, 30)),
        ("nd98", "98/2023/NĐ-CP", D(2023, 12, 31), D(2025, 6, 30)),
        ("nd152", "152/2025/NĐ-CP", D(2025, 7, 1), None),
    )
    for kind, number in (("tap_the", "Mẫu số 01"), ("ca_nhan", "Mẫu số 02"))
)
REPORT_FORMS_BY_CODE = {form.code: form for form in REPORT_FORMS}


def report_form_for(*, year: int, kind: str) -> ReportForm:
    """The form of the decree in force on the year's rules day (1 December of ``year``), the
    earliest one for a year before them all."""
    day = D(year, 12, 1)
    forms = [f for f in REPORT_FORMS if f.kind == kind]
    for form in forms:
        if form.in_force_from <= day and (form.in_force_until is None
                                          or day <= form.in_force_until):
            return form
    return forms[0]


# --- proposals --------------------------------------------------------------------------------


class ProposalKind(models.TextChoices):
    COLLECTIVE = "tap_the", _("Tập thể (đơn vị)")
    INDIVIDUAL = "ca_nhan", _("Cá nhân")


class ProposalStatus(models.TextChoices):
    DRAFT = "du_thao", _("Đang soạn")
    SENT = "da_gui", _("Đã gửi Cụm trưởng")
    RETURNED = "tra_lai", _("Bị trả lại")
    ACCEPTED = "da_tiep_nhan", _("Đã tiếp nhận vào bình xét")
    WITHDRAWN = "da_rut", _("Đơn vị đã rút")


SEND = "commendations.send"
RECEIVE = "commendations.receive"
PROPOSE = "commendations.propose"
PROPOSAL_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(ProposalStatus.DRAFT, ProposalStatus.SENT, _("Gửi đề nghị"), SEND),
        Transition(ProposalStatus.RETURNED, ProposalStatus.SENT, _("Gửi lại đề nghị"), SEND),
        Transition(ProposalStatus.SENT, ProposalStatus.RETURNED, _("Trả lại đề nghị"), RECEIVE),
        Transition(ProposalStatus.SENT, ProposalStatus.ACCEPTED, _("Tiếp nhận đề nghị"),
                   RECEIVE),
        Transition(ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN, _("Rút đề nghị"), PROPOSE),
        Transition(ProposalStatus.RETURNED, ProposalStatus.WITHDRAWN, _("Rút đề nghị"),
                   PROPOSE),
    )
}


class ProposalCall(models.Model):
    """The secretariat's call for proposals of a cluster-year: the deadline for sending."""

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    deadline = models.DateTimeField(_("hạn gửi đề nghị"))
    note = UserTextField(_("ghi chú"), max_length=NOTE_MAX, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đặt hạn"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hạn gửi đề nghị khen thưởng")
        verbose_name_plural = _("hạn gửi đề nghị khen thưởng")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="proposalcall_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {timezone.localtime(self.deadline):%d/%m/%Y %H:%M}"


class Proposal(models.Model):
    """A member unit's proposal for one award of the year, for itself or one of its people."""

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị đề nghị"),
                             on_delete=models.PROTECT, related_name="proposals")
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu đề nghị"),
                              on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("đối tượng"), max_length=8, choices=ProposalKind.choices)
    person = models.ForeignKey("commendations.Person", verbose_name=_("cá nhân (danh bạ)"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="proposals", editable=False)
    person_name = UserCharField(_("họ và tên"), max_length=150, blank=True)
    person_gender = models.CharField(_("giới tính"), max_length=3, blank=True,
                                     choices=Gender.choices)
    person_date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    person_position = UserCharField(_("chức vụ"), max_length=200, blank=True)
    person_workplace = UserCharField(_("nơi công tác"), max_length=200, blank=True,
                                     help_text=_("Phòng, ban, đơn vị trực thuộc."))
    summary = UserTextField(_("tóm tắt thành tích"), max_length=PARAGRAPH_MAX, blank=True,
                            help_text=_("Đưa vào danh sách bình xét khi đề nghị được tiếp "
                                        "nhận."))
    # The code of a ``REPORT_FORMS`` row (data, not choices: correcting the table needs no
    # migration).
    report_form = models.CharField(_("mẫu báo cáo thành tích"), max_length=20, editable=False)
    section_1 = UserTextField(_("phần I"), max_length=SECTION_MAX, blank=True)
    section_2 = UserTextField(_("phần II"), max_length=SECTION_MAX, blank=True)
    section_3 = UserTextField(_("phần III"), max_length=SECTION_MAX, blank=True)
    report_file = models.FileField(_("tệp báo cáo thành tích"), upload_to="proposals/",
                                   max_length=200, blank=True)
    report_original_name = UserCharField(_("tên tệp báo cáo"), max_length=200, blank=True)
    report_mime = models.CharField(_("loại tệp báo cáo"), max_length=100, blank=True)
    status = models.CharField(_("trạng thái"), max_length=15, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT, editable=False)
    sent_at = models.DateTimeField(_("gửi lần đầu"), null=True, blank=True, editable=False,
                                   help_text=_("Từ lúc này Cụm trưởng thấy đề nghị."))
    nomination = models.OneToOneField(Nomination, verbose_name=_("đề nghị trong bình xét"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="proposal", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người soạn"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("ngày soạn"), default=timezone.now, editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng của đơn vị")
        verbose_name_plural = _("đề nghị khen thưởng của đơn vị")
        ordering = ["cluster", "-year", "unit", "award__order", "pk"]
        indexes = [models.Index(fields=["cluster", "year", "unit"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values),
                                   name="proposal_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=ProposalKind.values),
                                   name="proposal_kind_valid"),
            models.CheckConstraint(condition=Q(person_gender__in=["", "nu", "nam"]),
                                   name="proposal_gender_valid"),
            models.CheckConstraint(
                condition=~Q(status="da_tiep_nhan") | Q(nomination__isnull=False),
                name="proposal_accepted_has_nomination"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_name} — {self.award}"

    @property
    def is_individual(self) -> bool:
        return self.kind == ProposalKind.INDIVIDUAL

    @property
    def candidate_name(self) -> str:
        return self.person_name if self.is_individual and self.person_name else self.unit.name

    @property
    def is_editable(self) -> bool:
        return self.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)

    @property
    def form(self) -> ReportForm:
        return REPORT_FORMS_BY_CODE.get(self.report_form) or report_form_for(year=self.year,
                                                                              kind=self.kind)

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the report's three parts, as the form names them."""
        return list(zip(self.form.sections, (self.section_1, self.section_2, self.section_3),
                        strict=True))


class ProposalEvidence(models.Model):
    """An evidence file of a proposal (checked by ``cluster.uploads``)."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("đề nghị"), on_delete=models.CASCADE,
                                 related_name="evidence")
    title = UserCharField(_("mô tả"), max_length=255, blank=True)
    file = models.FileField(_("tệp"), upload_to="proposals/", max_length=200)
    original_name = UserCharField(_("tên tệp"), max_length=200, blank=True)
    mime = models.CharField(_("loại tệp"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thêm"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    added_at = models.DateTimeField(_("thời điểm thêm"), default=timezone.now)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minh chứng của đề nghị")
        verbose_name_plural = _("minh chứng của đề nghị")
        ordering = ["proposal", "added_at", "pk"]

    def __str__(self) -> str:
        return self.title or self.original_name


class ProposalEvent(models.Model):
    """Who did what to a proposal, when; ``from_status`` is empty for its creation."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("đề nghị"), on_delete=models.CASCADE,
                                 related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=15, blank=True,
                                   choices=ProposalStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=15,
                                 choices=ProposalStatus.choices)
    action = models.CharField(_("việc"), max_length=100)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = UserCharField(_("ghi chú"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("nhật ký đề nghị")
        verbose_name_plural = _("nhật ký đề nghị")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.action}"

    @property
    def to_label(self) -> str:
        return ProposalStatus(self.to_status).label
