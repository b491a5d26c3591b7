"""Award proposal dossiers (hồ sơ đề nghị khen thưởng) for the proposals a vote passed, the
superior's decisions (quyết định khen thưởng) and the awards they grant.

A dossier's state changes only through ``commendations.services.dossiers.dossier_transition``
(driven by ``DOSSIER_TRANSITIONS``); every move is logged in ``DossierEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import SECTION_MAX
from commendations.models.catalogue import AwardForm
from commendations.models.voting import Nomination, Transition


class DossierStatus(models.TextChoices):
    DRAFT = "du_thao", _("Đang lập")
    SENT = "da_gui", _("Đã gửi cấp trên")
    RECEIVED = "da_tiep_nhan", _("Cấp trên đã tiếp nhận")
    RETURNED = "tra_lai", _("Cấp trên trả lại")
    FORWARDED = "da_chuyen", _("Đã chuyển cấp quyết định")
    DECIDED = "da_quyet_dinh", _("Đã có quyết định")


#: The superior's accounts act on a dossier of a cluster their body oversees.
SUPERIOR = "commendations.act_as_superior"
#: The secretariat records what the superior answered on paper (no account in the app, or the
#: body records on paper).
ON_PAPER = "commendations.record_on_paper"

# đang lập → đã gửi → đã tiếp nhận → (trả lại → đã gửi) → đã chuyển cấp quyết định → đã có
# quyết định. The superior receives, returns, forwards and records the decision; a decision
# within its own power (Bằng khen của Bộ trưởng) is recorded once received, without
# forwarding. Where the superior answers on paper, the secretariat records a return or a
# decision of a dossier it sent.
DOSSIER_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(DossierStatus.DRAFT, DossierStatus.SENT, _("Gửi hồ sơ")),
        Transition(DossierStatus.RETURNED, DossierStatus.SENT, _("Gửi lại hồ sơ")),
        Transition(DossierStatus.SENT, DossierStatus.RECEIVED, _("Tiếp nhận hồ sơ"), SUPERIOR),
        Transition(DossierStatus.RECEIVED, DossierStatus.RETURNED, _("Trả lại hồ sơ"),
                   SUPERIOR),
        Transition(DossierStatus.RECEIVED, DossierStatus.FORWARDED,
                   _("Chuyển cấp có thẩm quyền quyết định"), SUPERIOR),
        Transition(DossierStatus.FORWARDED, DossierStatus.RETURNED,
                   _("Trả lại hồ sơ (theo ý kiến cấp quyết định)"), SUPERIOR),
        Transition(DossierStatus.RECEIVED, DossierStatus.DECIDED, _("Ghi nhận quyết định"),
                   SUPERIOR),
        Transition(DossierStatus.FORWARDED, DossierStatus.DECIDED, _("Ghi nhận quyết định"),
                   SUPERIOR),
        Transition(DossierStatus.SENT, DossierStatus.RETURNED,
                   _("Ghi nhận trả lại (văn bản giấy)"), ON_PAPER),
        Transition(DossierStatus.SENT, DossierStatus.DECIDED,
                   _("Ghi nhận quyết định (văn bản giấy)"), ON_PAPER),
    )
}


class DocumentKind(models.TextChoices):
    SUBMISSION = "to_trinh", _("Tờ trình đề nghị khen thưởng")
    MINUTES = "bien_ban", _("Biên bản họp bình xét và kết quả bỏ phiếu")
    ACHIEVEMENTS = "bao_cao_thanh_tich", _("Báo cáo thành tích")


REQUIRED_DOCUMENTS = [DocumentKind.SUBMISSION, DocumentKind.MINUTES, DocumentKind.ACHIEVEMENTS]


class Dossier(models.Model):
    """The dossier of one proposal the vote passed; created when the session closes."""

    nomination = models.OneToOneField(Nomination, verbose_name=_("đề nghị"),
                                      on_delete=models.PROTECT, related_name="dossier")
    status = models.CharField(_("trạng thái"), max_length=15, choices=DossierStatus.choices,
                              default=DossierStatus.DRAFT, editable=False)
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now, editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DossierStatus.values),
                                   name="dossier_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Hồ sơ: {self.nomination}"

    @property
    def is_editable(self) -> bool:
        return self.status in (DossierStatus.DRAFT, DossierStatus.RETURNED)


class DossierDocument(models.Model):
    """A document of a dossier: an uploaded file (checked by ``cluster.uploads``) or a text
    drafted in the app, or both."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE,
                                related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices)
    title = UserCharField(_("số, ký hiệu hoặc tiêu đề"), max_length=255, blank=True)
    text = UserTextField(_("nội dung soạn thảo"), max_length=SECTION_MAX, blank=True)
    file = models.FileField(_("tệp"), upload_to="dossiers/", max_length=200, blank=True)
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
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["dossier", "kind", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text="") | ~Q(file=""),
                                   name="dossierdocument_has_content",
                                   violation_error_message=_("Hãy tải tệp lên hoặc soạn nội "
                                                             "dung.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.original_name}"


class DossierEvent(models.Model):
    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE,
                                related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=15,
                                   choices=DossierStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=15,
                                 choices=DossierStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                              null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = UserCharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.from_status} → {self.to_status}"


class DossierReturnItem(models.Model):
    """One reason of a return, about one document of the dossier, or about the dossier as a
    whole (no document): what the secretariat must fix before sending it again."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE,
                                related_name="return_items")
    event = models.ForeignKey(DossierEvent, verbose_name=_("lần trả lại"),
                              on_delete=models.CASCADE, related_name="return_items")
    document = models.ForeignKey(DossierDocument, verbose_name=_("tài liệu"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = UserTextField(_("lý do"), max_length=2000)

    class Meta:
        verbose_name = _("lý do trả lại hồ sơ")
        verbose_name_plural = _("lý do trả lại hồ sơ")
        ordering = ["dossier", "event", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.reason[:60]}"

    @property
    def from_label(self) -> str:
        return DossierStatus(self.from_status).label

    @property
    def to_label(self) -> str:
        return DossierStatus(self.to_status).label


class AwardDecision(models.Model):
    """Quyết định khen thưởng of the superior: number, date, issuing body, file."""

    number = UserCharField(_("số, ký hiệu"), max_length=60,
                           help_text=_("Ví dụ: 123/QĐ-TTg"))
    issued_on = models.DateField(_("ngày ban hành"))
    issuing_body = UserCharField(_("cơ quan ban hành"), max_length=200)
    signer = UserCharField(_("người ký"), max_length=200, blank=True,
                           help_text=_("Chức vụ và họ tên người ký quyết định."))
    subject = UserCharField(_("trích yếu"), max_length=500, blank=True)
    file = models.FileField(_("tệp quyết định"), upload_to="decisions/", max_length=200,
                            blank=True)
    original_name = UserCharField(_("tên tệp"), max_length=200, blank=True)
    mime = models.CharField(_("loại tệp"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "issued_on", "issuing_body"],
                                    name="decision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.issued_on:%d/%m/%Y} của {self.issuing_body}"


class GrantedAward(models.Model):
    """An award granted by a decision to a unit or a person of a unit: the honours history."""

    decision = models.ForeignKey(AwardDecision, verbose_name=_("quyết định"),
                                 on_delete=models.PROTECT, related_name="granted")
    nomination = models.OneToOneField(Nomination, verbose_name=_("đề nghị"),
                                      on_delete=models.PROTECT, related_name="granted")
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.PROTECT, related_name="granted")
    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="granted_awards")
    person_name = UserCharField(_("cá nhân"), max_length=150, blank=True)
    person = models.ForeignKey("commendations.Person", verbose_name=_("cá nhân (danh bạ)"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="granted_awards")
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng đã được tặng")
        verbose_name_plural = _("khen thưởng đã được tặng")
        ordering = ["-year", "award__order", "pk"]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        who = self.person_name or self.unit.name
        return f"{self.award} {self.year}: {who}"
