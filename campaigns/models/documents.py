"""Legal documents (văn bản) a cluster cites or issues, and the counter of its own series.

Every cluster keeps its own registry: a national text such as "Chỉ thị số 34-CT/TW" is
registered by each cluster that cites it, so the registry needs no cross-cluster scope rules.

Numbering of the cluster's own series (".../KH-CTĐ", ".../BC-CTĐ"): one counter per cluster
and calendar year, shared by every document type, as Nghị định 30/2020/NĐ-CP (Điều 15)
describes for a body that keeps one register: numbers start at 01 on 1 January, run on
across types and end on 31 December. ``campaigns.services.document_issue_in_series`` is the
only writer of the counter.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster
from cluster.text import NOTE_MAX, short_date


class LegalDocument(models.Model):
    class Kind(models.TextChoices):
        LAW = "luat", _("Luật")
        RESOLUTION = "nghi_quyet", _("Nghị quyết")
        DECREE = "nghi_dinh", _("Nghị định")
        CIRCULAR = "thong_tu", _("Thông tư")
        DIRECTIVE = "chi_thi", _("Chỉ thị")
        DECISION = "quyet_dinh", _("Quyết định")
        PLAN = "ke_hoach", _("Kế hoạch")
        OFFICIAL_LETTER = "cong_van", _("Công văn")
        GUIDANCE = "huong_dan", _("Hướng dẫn")
        REPORT = "bao_cao", _("Báo cáo")
        SUBMISSION = "to_trinh", _("Tờ trình")
        MINUTES = "bien_ban", _("Biên bản")
        NOTICE = "thong_bao", _("Thông báo")
        INVITATION = "giay_moi", _("Giấy mời")
        CONCLUSION = "ket_luan", _("Kết luận")
        OTHER = "khac", _("Văn bản khác")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    number_symbol = UserCharField(
        _("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 1237/BNV-VP, 34-CT/TW, 612/KH-CTĐ")
    )
    # The parts of ``number_symbol`` as campaigns.docnumbers parses them.
    number = models.PositiveIntegerField(_("số"))
    number_year = models.PositiveSmallIntegerField(_("năm trong số hiệu"), null=True, blank=True)
    type_code = UserCharField(_("ký hiệu loại văn bản"), max_length=10, blank=True)
    issuer_code = UserCharField(_("ký hiệu cơ quan ban hành"), max_length=30)
    issuer_subunit = UserCharField(_("ký hiệu đơn vị soạn thảo"), max_length=40, blank=True)
    is_party_style = models.BooleanField(_("văn bản của Đảng"), default=False)

    issued_on = models.DateField(_("ngày ban hành"))
    issuing_body = UserCharField(
        _("cơ quan ban hành"), max_length=255, help_text=_("Ví dụ: Bộ Nội vụ, Bộ Chính trị")
    )
    subject = UserTextField(
        _("trích yếu"), max_length=NOTE_MAX, blank=True,
        help_text=_(
            "Ví dụ: về việc phát động phong trào thi đua và hướng dẫn khen thưởng năm 2022"),
    )
    file = models.FileField(_("tệp văn bản"), upload_to="van-ban/%Y/", blank=True)
    file_name = UserCharField(
        _("tên tệp"), max_length=255, blank=True,
        help_text=_("Tên tệp khi tải về; tệp được lưu dưới một tên do hệ thống đặt."),
    )
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)

    # Validity (issue #15): a document cites a text only from its date of issue, and rests a
    # rule on it only while it is in force.
    in_force_from = models.DateField(
        _("có hiệu lực từ ngày"), null=True, blank=True,
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."))
    expired_on = models.DateField(
        _("hết hiệu lực từ ngày"), null=True, blank=True,
        help_text=_("Ngày đầu tiên văn bản không còn hiệu lực."))
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("được thay thế bởi"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="replaces")

    # Set only for documents of the cluster's own series (numbered by this application or
    # registered afterwards with their number).
    series_year = models.PositiveSmallIntegerField(_("năm của sổ văn bản"), null=True, blank=True)
    series_number = models.PositiveIntegerField(_("số trong sổ văn bản"), null=True, blank=True)

    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)
    created_by = models.ForeignKey(
        "cluster.User", verbose_name=_("người nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "number_symbol", "issued_on"],
                name="legaldocument_unique_number_date",
                violation_error_message=_("Văn bản có số, ký hiệu và ngày ban hành này đã có "
                                          "trong sổ văn bản của cụm."),
            ),
            models.UniqueConstraint(
                fields=["cluster", "series_year", "series_number"],
                name="legaldocument_unique_series_number",
                violation_error_message=_("Số này đã được cấp trong sổ văn bản của cụm."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True) | Q(in_force_from__gte=F("issued_on")),
                name="legaldocument_in_force_after_issue",
                violation_error_message=_("Ngày có hiệu lực không được trước ngày ban hành."),
            ),
            models.CheckConstraint(
                condition=Q(expired_on__isnull=True) | Q(expired_on__gt=F("issued_on")),
                name="legaldocument_expires_after_issue",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày ban hành."),
            ),
            models.CheckConstraint(
                condition=Q(series_year__isnull=True, series_number__isnull=True)
                | Q(series_year__isnull=False, series_number=F("number")),
                name="legaldocument_series_number_is_number",
                violation_error_message=_("Số trong sổ văn bản phải trùng với số của văn bản."),
            ),
        ]
        indexes = [models.Index(fields=["cluster", "issued_on"])]

    def __str__(self) -> str:
        return self.citation()

    @property
    def in_series(self) -> bool:
        return self.series_number is not None

    @property
    def effective_from(self) -> datetime.date:
        return self.in_force_from or self.issued_on

    def citable_on(self, day: datetime.date) -> bool:
        """Issued on or before ``day``: a document of that date may name it."""
        return self.issued_on <= day

    def in_force_on(self, day: datetime.date) -> bool:
        """In force on ``day``: a rule applied that day may rest on it."""
        return self.effective_from <= day and (self.expired_on is None or day < self.expired_on)

    def citation(self, *, with_subject: bool = False) -> str:
        """As plans cite their bases: "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ";
        ``with_subject`` adds the trích yếu ("... về việc phát động ..."). Always in
        Vietnamese, the English page included: it is the document's name ("Directive số
        34-CT/TW ngày …" mixed the two)."""
        with translation.override("vi"):  # a document's name, not a phrase of the page
            kind = str(self.get_kind_display())
        text = (f"{kind} số {self.number_symbol} "
                f"ngày {short_date(self.issued_on)} của {self.issuing_body}")
        if with_subject and self.subject:
            text += f" {self.subject}"
        return text


class SeriesCounter(models.Model):
    """The last number issued in a cluster's series in one year. Locked with
    ``select_for_update`` by the issuing service, so two issues at one moment never share or
    skip a number."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="series_counters"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ đăng ký văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="seriescounter_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}: {self.last_number}"
