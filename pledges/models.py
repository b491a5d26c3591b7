"""The emulation pledge (giao ước thi đua) of a cluster-year, its ordered commitments, the
member units' signatures, and the log of its state transitions.

The state changes only through ``pledges.services.pledge_transition`` (one function, driven by
``TRANSITIONS`` below); what the database can enforce on its own (one pledge per cluster and
year, one signature per unit, the shape of a signature) is declared here as constraints.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import PARAGRAPH_MAX


class PledgeStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    OPEN = "dang_ky", _("Đang ký kết")
    SIGNED = "da_ky_du", _("Đã ký đủ")
    LOCKED = "da_khoa", _("Đã khóa")


@dataclass(frozen=True)
class Transition:
    """One allowed move of the state machine. ``automatic`` moves are made by the system (the
    last member unit's signature), never offered as a button. ``permission`` is the ``rules``
    permission (on the pledge's ``YearScope``) that whoever asks for the move must hold."""

    source: str
    target: str
    label: str
    automatic: bool = False
    permission: str = "pledges.manage_pledge"


# The only moves a pledge can make. Lock is allowed from "fully signed" only: a pledge that
# some member has not signed is never frozen, so a late member can still sign on paper.
# "Back to draft" is allowed while nobody has signed, so the text can still be corrected.
# "Fully signed" opens again only when a unit has joined the cluster's members since.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(PledgeStatus.DRAFT, PledgeStatus.OPEN, _("Mở ký kết")),
        Transition(PledgeStatus.OPEN, PledgeStatus.DRAFT, _("Trả về dự thảo")),
        Transition(PledgeStatus.OPEN, PledgeStatus.SIGNED, _("Ghi nhận đã ký đủ"), automatic=True),
        Transition(PledgeStatus.SIGNED, PledgeStatus.LOCKED, _("Khóa giao ước")),
        # A unit that became a member after everyone had signed: open again so it signs.
        Transition(PledgeStatus.SIGNED, PledgeStatus.OPEN, _("Mở lại để thành viên mới ký")),
    )
}


class Pledge(models.Model):
    """The pledge of one cluster for one year. Its text is ``title``, ``preamble`` and the
    ordered commitments; it is edited only while a draft."""

    cluster = models.ForeignKey(
        "cluster.Cluster", verbose_name=_("cụm"), on_delete=models.PROTECT,
        related_name="pledges",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = UserCharField(
        _("tiêu đề"), max_length=255, help_text=_("Ví dụ: Giao ước thi đua năm 2022"),
    )
    preamble = UserTextField(
        _("phần mở đầu"), max_length=PARAGRAPH_MAX, blank=True,
        help_text=_("Căn cứ và lời dẫn trước các nội dung cam kết."),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào thi đua"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pledges",
        help_text=_("Phong trào thi đua thường xuyên của cụm trong năm."),
    )
    conference = models.ForeignKey(
        "campaigns.Conference", verbose_name=_("hội nghị ký kết"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pledges",
        help_text=_("Hội nghị tại đó lãnh đạo các đơn vị ký giao ước."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PledgeStatus.choices,
        default=PledgeStatus.DRAFT, editable=False,
    )
    is_illustrative = models.BooleanField(
        _("dữ liệu minh họa"), default=False,
        help_text=_("Đánh dấu nội dung mẫu không lấy từ văn bản thật."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"], name="pledge_one_per_cluster_year",
                violation_error_message=_("Cụm đã có giao ước thi đua cho năm này."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="pledge_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200), name="pledge_year_sane",
                violation_error_message=_("Năm không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.cluster}"

    def clean(self):
        super().clean()
        errors = {}
        for field, label in (("campaign", _("Phong trào")), ("conference", _("Hội nghị"))):
            other = getattr(self, field)
            if other is None or not (self.cluster_id and self.year):
                continue
            if other.cluster_id != self.cluster_id or other.year != self.year:
                errors[field] = _(
                    "%(label)s đã chọn không thuộc cụm này trong năm %(year)s."
                ) % {"label": label, "year": self.year}
        if self.conference is not None and "conference" not in errors and not (
            self.conference.kind == type(self.conference).Kind.PLEDGE_SIGNING
            or self.conference.signs_pledge
        ):
            errors["conference"] = _("Hội nghị đã chọn không có nội dung ký kết giao ước.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == PledgeStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == PledgeStatus.OPEN

    @property
    def is_locked(self) -> bool:
        return self.status == PledgeStatus.LOCKED


class Commitment(models.Model):
    """One numbered commitment of a pledge. ``position`` is kept 1..n by the services."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = UserTextField(_("nội dung cam kết"), max_length=PARAGRAPH_MAX)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung cam kết")
        verbose_name_plural = _("nội dung cam kết")
        ordering = ["pledge", "position", "pk"]
        indexes = [models.Index(fields=["pledge", "position"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class SignatureMethod(models.TextChoices):
    ONLINE = "truc_tuyen", _("Ký trên hệ thống")
    PAPER = "ban_giay", _("Ký trên giấy (thư ký cụm ghi nhận)")


class Signature(models.Model):
    """A member unit's signature of a pledge: exactly one per unit. The signer's name and title
    are copied when signing, so later changes to the user's account do not rewrite history."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="signatures"
    )
    unit = models.ForeignKey(
        "cluster.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
        related_name="pledge_signatures",
    )
    method = models.CharField(_("hình thức ký"), max_length=20, choices=SignatureMethod.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản người ký"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pledge_signatures",
    )
    signer_name = UserCharField(_("họ và tên người ký"), max_length=150)
    signer_title = UserCharField(_("chức vụ người ký"), max_length=150, blank=True)
    signed_on = models.DateField(_("ngày ký"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)
    note = UserCharField(_("ghi chú"), max_length=500, blank=True)
    is_illustrative = models.BooleanField(
        _("dữ liệu minh họa"), default=False,
        help_text=_("Tên người ký là dữ liệu mẫu, không lấy từ văn bản thật."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["pledge", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "unit"], name="signature_one_per_unit",
                violation_error_message=_("Đơn vị này đã ký giao ước."),
            ),
            models.CheckConstraint(
                condition=~Q(signer_name=""), name="signature_has_signer_name",
                violation_error_message=_("Vui lòng nhập họ và tên người ký."),
            ),
            models.CheckConstraint(
                condition=Q(method="ban_giay") | Q(signer__isnull=False),
                name="signature_online_has_signer",
                violation_error_message=_("Chữ ký trên hệ thống phải gắn với tài khoản người ký."),
            ),
            models.CheckConstraint(
                condition=Q(method__in=SignatureMethod.values), name="signature_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.signer_name}"

    @property
    def is_paper(self) -> bool:
        return self.method == SignatureMethod.PAPER


class PledgeEvent(models.Model):
    """One state transition: who moved the pledge from which state to which, when, and why."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=PledgeStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=PledgeStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = UserCharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký trạng thái giao ước")
        verbose_name_plural = _("nhật ký trạng thái giao ước")
        ordering = ["pledge", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pledge}: {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return PledgeStatus(self.from_status).label

    @property
    def to_label(self) -> str:
        return PledgeStatus(self.to_status).label
