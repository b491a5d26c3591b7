"""Scoring fair to every member (issue #17, parts 1, 2 and 4): a quantitative criterion's
target set per unit and period, criteria not applicable to a unit for a period (left out of
its maximum), the year's ranking rule and its classification bands (xếp loại).

Written only through ``results.services.scoring``; read through ``results.selectors.scoring``.
A finalised period never moves: its targets and applicability are refused edits, and the
band and applicable maximum of each report are stored on it when the period is finalised
(``UnitReport.band``, ``UnitReport.applicable_max``, ``ReportingPeriod.ranking_basis``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.criteria import Criterion
from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster, Unit, User
from cluster.text import NOTE_MAX
from results.models.results import ReportingPeriod


class Basis(models.TextChoices):
    POINTS = "diem", _("Tổng điểm sau thẩm định")
    PERCENT = "ty_le", _("Tỷ lệ phần trăm trên tổng điểm tối đa của các tiêu chí áp dụng")


class YearScoring(models.Model):
    """The year's scoring rules of a cluster: what the ranking compares and what the bands'
    lower bounds are measured in. A year without a row ranks by points."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    ranking_basis = models.CharField(_("xếp hạng theo"), max_length=8, choices=Basis.choices,
                                     default=Basis.POINTS)
    band_basis = models.CharField(_("xếp loại theo"), max_length=8, choices=Basis.choices,
                                  default=Basis.POINTS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc chấm điểm của năm")
        verbose_name_plural = _("quy tắc chấm điểm của năm")
        constraints = [models.UniqueConstraint(fields=["cluster", "year"],
                                               name="year_scoring_once")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class ScoreBand(models.Model):
    """One classification band of a cluster-year: a report whose points (or percentage, per
    ``YearScoring.band_basis``) reach ``lower_bound`` (inclusive) and not the next band's
    is classified ``name``."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    name = UserCharField(_("tên xếp loại"), max_length=60)
    lower_bound = models.DecimalField(_("từ (bao gồm)"), max_digits=8, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["cluster", "year", "-lower_bound"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "name"], name="band_unique_name",
                                    violation_error_message=_("Năm đã có mức xếp loại này.")),
            models.UniqueConstraint(fields=["cluster", "year", "lower_bound"],
                                    name="band_unique_bound"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitTarget(models.Model):
    """A unit's own target for a quantitative criterion in a period (default: the
    criterion's target)."""

    period = models.ForeignKey(ReportingPeriod, verbose_name=_("kỳ báo cáo"),
                               on_delete=models.CASCADE, related_name="unit_targets")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"),
                                  on_delete=models.CASCADE, related_name="+")
    target = models.DecimalField(_("chỉ tiêu của đơn vị"), max_digits=14, decimal_places=2)
    note = UserTextField(_("căn cứ, ghi chú"), max_length=NOTE_MAX, blank=True)
    set_by = models.ForeignKey(User, verbose_name=_("người giao"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu riêng của đơn vị")
        verbose_name_plural = _("chỉ tiêu riêng của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion"],
                                    name="unit_target_once"),
            models.CheckConstraint(condition=models.Q(target__gt=0),
                                   name="unit_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}: {self.target}"


class NotApplicable(models.Model):
    """A criterion (a leaf, or a group and every criterion under it) not applicable to a unit
    for a period: its points count neither in the unit's points nor in its maximum."""

    period = models.ForeignKey(ReportingPeriod, verbose_name=_("kỳ báo cáo"),
                               on_delete=models.CASCADE, related_name="not_applicable")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"),
                                  on_delete=models.CASCADE, related_name="+")
    reason = UserTextField(_("lý do"), max_length=NOTE_MAX)
    set_by = models.ForeignKey(User, verbose_name=_("người xác định"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí không áp dụng")
        verbose_name_plural = _("tiêu chí không áp dụng")
        constraints = [models.UniqueConstraint(fields=["period", "unit", "criterion"],
                                               name="not_applicable_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}"
