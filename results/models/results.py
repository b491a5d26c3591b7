"""Unit results (issue #4): reporting periods with phases, each member unit's report with its
narratives per state-management area and self-scores per criterion, the chair's review, the
unit's explanation, evidence files, the transition log, good practices and reminders.

Workflow rules live in ``results.services.results`` (one transition function over the
``REPORT_TRANSITIONS`` table); this module holds fields and constraints only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.criteria import Criterion
from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster, Unit, User
from cluster.text import NOTE_MAX, PARAGRAPH_MAX, SECTION_MAX

POINTS = {"max_digits": 8, "decimal_places": 2}


class StateArea(models.Model):
    """A state-management area a department reports on (lĩnh vực quản lý nhà nước). Data per
    cluster and year, since the list changes (labour and social insurance since 2025)."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="state_areas")
    year = models.PositiveSmallIntegerField(_("năm"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = UserCharField(_("lĩnh vực"), max_length=200)

    class Meta:
        db_table = "campaigns_statearea"
        verbose_name = _("lĩnh vực quản lý nhà nước")
        verbose_name_plural = _("lĩnh vực quản lý nhà nước")
        ordering = ["cluster", "year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "name"],
                                    name="statearea_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ReportingPeriod(models.Model):
    class Kind(models.TextChoices):
        MID_YEAR = "6_thang", _("6 tháng đầu năm")
        YEAR_END = "ca_nam", _("Cả năm")

    class Phase(models.TextChoices):
        NOT_OPEN = "chua_mo", _("Chưa mở")
        SUBMITTING = "nop", _("Đơn vị nộp báo cáo")
        VERIFYING = "tham_dinh", _("Cụm trưởng thẩm định")
        EXPLAINING = "giai_trinh", _("Đơn vị giải trình, thẩm định lại")
        FINAL = "chot", _("Đã chốt kết quả")

    class TieBreak(models.TextChoices):
        SELF_TOTAL = "tu_cham", _("Điểm tự chấm cao hơn xếp trên")
        EARLIER = "nop_som", _("Nộp sớm hơn xếp trên")
        NONE = "dong_hang", _("Đồng hạng")

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="reporting_periods")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("kỳ báo cáo"), max_length=10, choices=Kind.choices)
    deadline = models.DateTimeField(_("hạn nộp"))
    phase = models.CharField(_("giai đoạn"), max_length=12, choices=Phase.choices,
                             default=Phase.NOT_OPEN)
    tie_break = models.CharField(_("cách xếp khi bằng điểm"), max_length=10,
                                 choices=TieBreak.choices, default=TieBreak.SELF_TOTAL)
    finalised_at = models.DateTimeField(_("thời điểm chốt"), null=True, blank=True)
    finalised_by = models.ForeignKey(User, verbose_name=_("người chốt"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # The year's ranking rule when the period was finalised (results.models.scoring.Basis);
    # blank while open: the period follows its year's rule (YearScoring).
    ranking_basis = models.CharField(_("xếp hạng theo (khi chốt)"), max_length=8, blank=True)
    band_basis = models.CharField(_("xếp loại theo (khi chốt)"), max_length=8, blank=True)

    history = HistoricalRecords(table_name="campaigns_historicalreportingperiod")

    class Meta:
        db_table = "campaigns_reportingperiod"
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["cluster", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "kind"],
                                    name="period_one_per_kind",
                                    violation_error_message=_("Cụm đã có kỳ báo cáo này.")),
        ]

    def __str__(self) -> str:
        """"Báo cáo 6 tháng đầu năm 2022", one phrase per kind in the active language (it was
        "Báo cáo " + the kind's label, which read "Báo cáo full year 2026" in English)."""
        title = PERIOD_TITLES.get(self.kind)
        return str(title) % {"year": self.year} if title else f"{self.kind} {self.year}"


PERIOD_TITLES = {
    ReportingPeriod.Kind.MID_YEAR: _("Báo cáo 6 tháng đầu năm %(year)s"),
    ReportingPeriod.Kind.YEAR_END: _("Báo cáo cả năm %(year)s"),
}


class UnitReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "du_thao", _("Dự thảo")
        SUBMITTED = "da_nop", _("Đã nộp")
        RETURNED = "tra_lai", _("Trả lại để bổ sung")
        REVIEWED = "da_tham_dinh", _("Đã thẩm định")
        EXPLAINED = "da_giai_trinh", _("Đơn vị đã giải trình")
        SECOND_REVIEWED = "tham_dinh_lai", _("Đã thẩm định lại")
        FINAL = "chot", _("Đã chốt")

    period = models.ForeignKey(ReportingPeriod, verbose_name=_("kỳ báo cáo"),
                               on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reports")
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices,
                             default=State.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=0,
                                          help_text=_("Tăng mỗi lần lưu; chống ghi đè."))
    key_figures = UserTextField(_("số liệu chủ yếu"), max_length=SECTION_MAX, blank=True)
    highlights = UserTextField(_("kết quả nổi bật, cách làm hay"), max_length=SECTION_MAX,
                               blank=True)
    shortcomings = UserTextField(_("tồn tại, hạn chế"), max_length=SECTION_MAX, blank=True)
    proposals = UserTextField(_("đề xuất, kiến nghị"), max_length=SECTION_MAX, blank=True)
    self_total = models.DecimalField(_("tổng điểm tự chấm"), default=0, **POINTS)
    final_total = models.DecimalField(_("tổng điểm sau thẩm định"), null=True, blank=True,
                                      **POINTS)
    submitted_at = models.DateTimeField(_("thời điểm nộp"), null=True, blank=True)
    submitted_by = models.ForeignKey(User, verbose_name=_("người nộp"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    last_saved_at = models.DateTimeField(_("lưu lần cuối"), null=True, blank=True)
    last_saved_by = models.ForeignKey(User, verbose_name=_("người lưu lần cuối"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)
    # Issue #17: the maximum of the criteria applicable to the unit (written with the points)
    # and the band (xếp loại) it was classified in when the period was finalised.
    applicable_max = models.DecimalField(_("tổng điểm tối đa áp dụng"), null=True, blank=True,
                                         **POINTS)
    band = models.CharField(_("xếp loại (khi chốt)"), max_length=60, blank=True)

    history = HistoricalRecords(table_name="campaigns_historicalunitreport")

    class Meta:
        db_table = "campaigns_unitreport"
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["period", "unit__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_one_per_unit",
                                    violation_error_message=_("Đơn vị đã có báo cáo kỳ này.")),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} — {self.period}"


class AreaNarrative(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="narratives")
    area = models.ForeignKey(StateArea, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
                             related_name="+")
    text = UserTextField(_("kết quả"), max_length=SECTION_MAX, blank=True)

    history = HistoricalRecords(table_name="campaigns_historicalareanarrative")

    class Meta:
        db_table = "campaigns_areanarrative"
        verbose_name = _("kết quả theo lĩnh vực")
        verbose_name_plural = _("kết quả theo lĩnh vực")
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="narrative_one_per_area"),
        ]


class CriterionScore(models.Model):
    """What a unit entered for one leaf criterion, the points it gives (written only by
    ``services.results.period_recompute``), the chair's adjustment and the unit's answer."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"),
                                  on_delete=models.PROTECT, related_name="scores")
    actual = models.DecimalField(_("kết quả thực hiện"), null=True, blank=True, max_digits=14,
                                 decimal_places=2)
    achieved = models.BooleanField(_("đạt"), null=True, blank=True)
    count = models.PositiveIntegerField(_("số lần"), null=True, blank=True)
    note = UserTextField(_("thuyết minh"), max_length=PARAGRAPH_MAX, blank=True)
    self_points = models.DecimalField(_("điểm tự chấm"), default=0, **POINTS)
    adjusted_points = models.DecimalField(_("điểm thẩm định"), null=True, blank=True, **POINTS)
    review_comment = UserTextField(_("ý kiến thẩm định"), max_length=PARAGRAPH_MAX, blank=True)
    explanation = UserTextField(_("giải trình của đơn vị"), max_length=PARAGRAPH_MAX, blank=True)

    history = HistoricalRecords(table_name="campaigns_historicalcriterionscore")

    class Meta:
        db_table = "campaigns_criterionscore"
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"],
                                    name="score_one_per_criterion"),
        ]

    @property
    def points(self):
        """The points that count: the chair's adjustment if any, else the self-score."""
        return self.self_points if self.adjusted_points is None else self.adjusted_points


class EvidenceFile(models.Model):
    class Stage(models.TextChoices):
        SELF = "tu_cham", _("Minh chứng tự chấm")
        REVIEW = "tham_dinh", _("Tệp thẩm định")
        EXPLANATION = "giai_trinh", _("Tệp giải trình")

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("bước"), max_length=12, choices=Stage.choices,
                             default=Stage.SELF)
    file = models.FileField(_("tệp"), upload_to="evidence/", max_length=200)
    original_name = UserCharField(_("tên tệp"), max_length=200)
    mime = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(User, verbose_name=_("người tải lên"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        db_table = "campaigns_evidencefile"
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["report", "criterion", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ReportEvent(models.Model):
    """The transition log of a report: who moved it from which state to which, when, why."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("từ trạng thái"), max_length=16,
                                  choices=UnitReport.State.choices)
    to_state = models.CharField(_("sang trạng thái"), max_length=16,
                                choices=UnitReport.State.choices)
    actor = models.ForeignKey(User, verbose_name=_("người thực hiện"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = UserTextField(_("ghi chú"), max_length=NOTE_MAX, blank=True)

    class Meta:
        db_table = "campaigns_reportevent"
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        ordering = ["report", "at", "pk"]


class GoodPractice(models.Model):
    """A good practice or advanced example (điển hình tiên tiến, cách làm hay)."""

    class Source(models.TextChoices):
        REPORT = "bao_cao", _("Báo cáo của đơn vị")
        CONFERENCE = "hoi_nghi", _("Hội nghị")
        OTHER = "khac", _("Khác")

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE,
                                related_name="good_practices")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="good_practices")
    area = models.ForeignKey(StateArea, verbose_name=_("lĩnh vực"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="good_practices")
    title = UserCharField(_("tên điển hình, cách làm hay"), max_length=300)
    description = UserTextField(_("mô tả"), max_length=SECTION_MAX)
    results = UserTextField(_("kết quả, hiệu quả"), max_length=SECTION_MAX, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices,
                              default=Source.REPORT)
    report = models.ForeignKey(UnitReport, verbose_name=_("báo cáo"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="good_practices")
    evidence = models.FileField(_("minh chứng"), upload_to="good-practices/", blank=True,
                                max_length=200)
    evidence_name = UserCharField(_("tên tệp minh chứng"), max_length=200, blank=True)
    created_by = models.ForeignKey(User, verbose_name=_("người nhập"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords(table_name="campaigns_historicalgoodpractice")

    class Meta:
        db_table = "campaigns_goodpractice"
        verbose_name = _("điển hình tiên tiến, cách làm hay")
        verbose_name_plural = _("điển hình tiên tiến, cách làm hay")
        ordering = ["-year", "-created_at", "pk"]
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self) -> str:
        return self.title


class ReminderLog(models.Model):
    """One row per reminder sent, so the cron command never sends the same one twice."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE,
                               related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("loại nhắc"), max_length=40,
                           help_text=_("Ví dụ: truoc-3-ngay, qua-han"))
    recipients = models.TextField(_("người nhận"), blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        db_table = "campaigns_reminderlog"
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "key"], name="reminder_once"),
        ]
