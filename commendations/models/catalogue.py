"""The award catalogue (hình thức khen thưởng, danh hiệu thi đua) and the rules of deliberation
(quy tắc bình xét) per cluster, year and award.

Every legal number is data: the rules are copied per cluster-year from ``tally.default_rules()``
or the previous year, edited by the secretariat before voting opens, and each carries the text
it comes from. ``AwardRule.to_tally()`` turns one row into the pure ``tally.AwardRule``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import NOTE_MAX
from commendations import tally

PERCENT = {"max_digits": 5, "decimal_places": 2,
           "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]}
DEFAULT_RULE_CHOICES = [(code, rule.award_name) for code, rule in tally.default_rules().items()]


class AwardForm(models.Model):
    """One entry of the catalogue: a title (danh hiệu thi đua, e.g. Cờ thi đua của Chính phủ,
    Chiến sĩ thi đua) or a form of award (hình thức khen thưởng, e.g. Bằng khen), for a
    collective or an individual, with its level, who confers it and its legal basis."""

    class Category(models.TextChoices):
        TITLE = "danh_hieu", _("Danh hiệu thi đua")
        FORM = "hinh_thuc", _("Hình thức khen thưởng")

    class Level(models.TextChoices):
        STATE = "nha_nuoc", _("Nhà nước")
        GOVERNMENT = "chinh_phu", _("Chính phủ, Thủ tướng Chính phủ")
        MINISTRY = "bo_tinh", _("Bộ, ban, ngành, tỉnh")
        BASE = "co_so", _("Cơ sở")

    class Recipient(models.TextChoices):
        COLLECTIVE = "tap_the", _("Tập thể")
        INDIVIDUAL = "ca_nhan", _("Cá nhân")

    code = models.SlugField(_("mã"), max_length=40, unique=True,
                            help_text=_("Mã ngắn, không dấu, ví dụ: co_chinh_phu"))
    name = UserCharField(_("tên"), max_length=200, unique=True)
    category = models.CharField(_("loại"), max_length=12, choices=Category.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    recipient = models.CharField(_("đối tượng"), max_length=10, choices=Recipient.choices)
    conferred_by = UserCharField(_("thẩm quyền tặng"), max_length=200,
                                 help_text=_("Ví dụ: Thủ tướng Chính phủ"))
    legal_basis = UserTextField(_("căn cứ pháp lý"), max_length=NOTE_MAX, blank=True)
    default_rule = models.CharField(
        _("quy tắc bình xét mặc định"), max_length=40, blank=True,
        choices=DEFAULT_RULE_CHOICES,
        help_text=_("Nhóm quy tắc mặc định của phần mềm dùng khi lập quy tắc cho một năm; để "
                    "trống nếu thư ký cụm tự nhập quy tắc."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hình thức khen thưởng, danh hiệu")
        verbose_name_plural = _("danh mục hình thức khen thưởng, danh hiệu")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_collective(self) -> bool:
        return self.recipient == self.Recipient.COLLECTIVE


class AwardRule(models.Model):
    """Quy tắc bình xét of one award for one cluster-year, with the source of each rule."""

    class Base(models.TextChoices):
        ALL_MEMBERS = "all_members", _("Tổng số thành viên của cụm")
        BALLOTS_CAST = "ballots_cast", _("Số phiếu thu về")
        PRESENT = "present", _("Số thành viên tham dự (kể cả bỏ phiếu bằng văn bản)")

    class QuotaOf(models.TextChoices):
        MEMBERS = "members", _("Số thành viên của cụm")
        LEADERS = "leaders", _("Số tập thể được suy tôn dẫn đầu")

    class Rounding(models.TextChoices):
        FLOOR = "floor", _("Làm tròn xuống")
        HALF_UP = "round_half_up", _("Làm tròn (từ 0,5 lên)")
        CEIL = "ceil", _("Làm tròn lên")

    class TieBreak(models.TextChoices):
        NONE = "none", _("Không ưu tiên")
        WOMEN_FIRST = "women_first", _("Ưu tiên nữ, tập thể có tỷ lệ nữ cao")

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.CASCADE, related_name="award_rules")
    year = models.PositiveSmallIntegerField(_("năm"))
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.PROTECT, related_name="rules")
    threshold_percent = models.DecimalField(_("tỷ lệ đồng ý tối thiểu (%)"), **PERCENT)
    base = models.CharField(_("tỷ lệ tính trên"), max_length=15, choices=Base.choices,
                            default=Base.ALL_MEMBERS)
    quorum_percent = models.DecimalField(
        _("tỷ lệ thành viên tham dự tối thiểu (%)"), null=True, blank=True, **PERCENT,
        help_text=_("Để trống nếu không đặt điều kiện."),
    )
    quota_percent = models.DecimalField(_("chỉ tiêu (%)"), null=True, blank=True, **PERCENT,
                                        help_text=_("Để trống nếu không giới hạn."))
    quota_of = models.CharField(_("chỉ tiêu tính trên"), max_length=10, choices=QuotaOf.choices,
                                default=QuotaOf.LEADERS)
    quota_rounding = models.CharField(_("làm tròn chỉ tiêu"), max_length=15,
                                      choices=Rounding.choices, default=Rounding.FLOOR)
    tie_break = models.CharField(_("khi bằng phiếu"), max_length=12, choices=TieBreak.choices,
                                 default=TieBreak.NONE)
    women_share_percent = models.DecimalField(_("tỷ lệ nữ của tập thể được ưu tiên (%)"),
                                              default=Decimal(70), **PERCENT)
    threshold_source = UserTextField(_("nguồn: tỷ lệ đồng ý"), max_length=NOTE_MAX, blank=True)
    quorum_source = UserTextField(_("nguồn: số thành viên tham dự"), max_length=NOTE_MAX,
                                  blank=True)
    quota_source = UserTextField(_("nguồn: chỉ tiêu"), max_length=NOTE_MAX, blank=True)
    tie_break_source = UserTextField(_("nguồn: khi bằng phiếu"), max_length=NOTE_MAX, blank=True)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người sửa cuối"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc bình xét")
        verbose_name_plural = _("quy tắc bình xét")
        ordering = ["cluster", "-year", "award__order", "award__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "award"], name="awardrule_one_per_award_year",
                violation_error_message=_("Cụm đã có quy tắc bình xét cho danh hiệu này "
                                          "trong năm."),
            ),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200),
                                   name="awardrule_year_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.award} — {self.year}"

    def to_tally(self) -> tally.AwardRule:
        """The pure rule ``tally.tally()`` applies (raises ``tally.TallyError`` if invalid)."""
        quota = None
        if self.quota_percent is not None:
            quota = tally.QuotaRule(self.quota_percent, self.quota_of, self.quota_rounding)
        sources = {key: value for key, value in (
            ("threshold", self.threshold_source), ("quorum", self.quorum_source),
            ("quota", self.quota_source), ("tie_break", self.tie_break_source)) if value}
        return tally.AwardRule(
            award_code=self.award.code, award_name=self.award.name,
            threshold_percent=self.threshold_percent, base=self.base,
            quorum_percent=self.quorum_percent, quota=quota, tie_break=self.tie_break,
            sources=sources, women_share_percent=self.women_share_percent,
        )
