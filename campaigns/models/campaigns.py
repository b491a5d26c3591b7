"""Emulation campaigns (phong trào thi đua) of a cluster-year and their milestones."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.documents import LegalDocument
from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster
from cluster.text import SECTION_MAX


class Campaign(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "thuong_xuyen", _("Thường xuyên")
        THEMATIC = "chuyen_de", _("Theo chuyên đề")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="campaigns"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=Kind.choices,
                            default=Kind.REGULAR)
    name = UserCharField(_("tên phong trào"), max_length=300)
    motto = UserCharField(
        _("khẩu hiệu, chủ đề"), max_length=300, blank=True,
        help_text=_("Ví dụ: Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu quả"),
    )
    goals = UserTextField(_("mục đích, yêu cầu"), max_length=SECTION_MAX, blank=True)
    content = UserTextField(_("nội dung thi đua"), max_length=SECTION_MAX, blank=True)
    legal_bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ"), blank=True, related_name="cited_by_campaigns"
    )
    plan_document = models.ForeignKey(
        LegalDocument, verbose_name=_("kế hoạch phát động"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="plan_of_campaigns",
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["cluster", "-year", "kind", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(kind="thuong_xuyen"),
                name="campaign_one_regular_per_year",
                violation_error_message=_("Cụm đã có phong trào thi đua thường xuyên cho năm "
                                          "này."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_dates_in_order",
                violation_error_message=_("Ngày kết thúc phải không trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Milestone(models.Model):
    class Kind(models.TextChoices):
        PLEDGE_SIGNING = "ky_ket", _("Ký kết giao ước thi đua")
        MIDYEAR_DEADLINE = "han_so_ket", _("Hạn gửi báo cáo sơ kết 6 tháng")
        MIDYEAR_CONFERENCE = "hn_so_ket", _("Hội nghị sơ kết 6 tháng")
        YEAREND_DEADLINE = "han_tong_ket", _("Hạn gửi báo cáo tổng kết năm")
        YEAREND_CONFERENCE = "hn_tong_ket", _("Hội nghị tổng kết năm")
        VOTING = "binh_xet", _("Bình xét, bỏ phiếu")
        DOSSIER_DEADLINE = "han_ho_so", _("Hạn gửi hồ sơ đề nghị khen thưởng")
        OTHER = "khac", _("Mốc khác")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE,
        related_name="milestones",
    )
    kind = models.CharField(_("loại mốc"), max_length=20, choices=Kind.choices)
    title = UserCharField(_("tên mốc"), max_length=200, blank=True,
                          help_text=_("Bắt buộc với “Mốc khác”."))
    due_on = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = UserCharField(_("ghi chú"), max_length=500, blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind"], condition=~Q(kind="khac"),
                name="milestone_one_per_kind",
                violation_error_message=_("Phong trào đã có mốc thời gian loại này."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="khac") | ~Q(title=""), name="milestone_other_has_title",
                violation_error_message=_("Mốc khác cần có tên mốc."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or self.get_kind_display()

    def is_late(self, today: datetime.date) -> bool:
        return self.done_on is None and self.due_on < today
