"""Reviewer independence (issue #17, part 3): nobody reviews their own unit's report.

The secretariat (the chair unit's staff and the holders of a secretariat grant) reviews every
member's report except the chair unit's own; that one goes to the vice-chair unit, or to the
alternate unit the year's ``ReviewSetting`` names. Any reviewer may declare a conflict of
interest (``ReviewRecusal``) on one report: it passes to the next reviewer of the chain
(secretariat → vice-chair → alternate), skipping the reported unit itself.
``results.selectors.reviewers`` computes who reviews; ``results.services.reviewers`` writes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserTextField
from cluster.models import Cluster, Unit, User
from cluster.text import NOTE_MAX


class ReviewParty(models.TextChoices):
    """Who reviews a report, in the order of the chain."""

    SECRETARIAT = "thu_ky", _("Thư ký cụm (đơn vị Cụm trưởng)")
    VICE_CHAIR = "cum_pho", _("Đơn vị Cụm phó")
    ALTERNATE = "thay_the", _("Đơn vị thẩm định thay thế")


class ReviewSetting(models.Model):
    """A cluster-year's alternate reviewer: the member unit that reviews a report when
    neither the secretariat nor the vice-chair unit may (its own report, or both conflicted)."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="review_settings")
    year = models.PositiveSmallIntegerField(_("năm"))
    alternate_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thẩm định thay thế"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Đơn vị thành viên (không phải Cụm trưởng, Cụm phó) thẩm định báo cáo khi "
                    "cả thư ký cụm và Cụm phó đều không được thẩm định."))
    note = UserTextField(_("ghi chú"), max_length=NOTE_MAX, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị thẩm định thay thế của năm")
        verbose_name_plural = _("đơn vị thẩm định thay thế của năm")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="reviewsetting_one_per_year",
                                    violation_error_message=_("Năm này đã có cài đặt thẩm định.")),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class ReviewRecusal(models.Model):
    """A reviewer's declaration of a conflict of interest on one report (tự nguyện không
    thẩm định): the report passes to the next reviewer of the chain. Kept for the record."""

    report = models.ForeignKey("results.UnitReport", verbose_name=_("báo cáo"),
                               on_delete=models.CASCADE, related_name="recusals")
    party = models.CharField(_("bên thẩm định"), max_length=10, choices=ReviewParty.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị thẩm định"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    reason = UserTextField(_("lý do"), max_length=NOTE_MAX)
    declared_by = models.ForeignKey(User, verbose_name=_("người khai báo"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(_("thời điểm khai báo"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khai báo xung đột lợi ích khi thẩm định")
        verbose_name_plural = _("khai báo xung đột lợi ích khi thẩm định")
        ordering = ["report", "declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "party"], name="recusal_once_per_party",
                                    violation_error_message=_(
                                        "Bên thẩm định này đã khai báo xung đột lợi ích.")),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.get_party_display()}"
