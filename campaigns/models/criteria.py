"""The criteria tree (tiêu chí, thang điểm) of a cluster-year. A row converts to
``campaigns.scoring.CriterionNode`` for computation; parent points are the sum of children's.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns import scoring
from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster
from cluster.text import PARAGRAPH_MAX

POINTS = {"max_digits": 7, "decimal_places": 2}
SHARE = {"max_digits": 5, "decimal_places": 4}


class Criterion(models.Model):
    class Kind(models.TextChoices):
        GROUP = "", _("Nhóm tiêu chí (tổng điểm các tiêu chí con)")
        QUANTITATIVE = "dinh_luong", _("Định lượng (so với chỉ tiêu)")
        QUALITATIVE = "dinh_tinh", _("Định tính (đạt / không đạt)")
        PER_OCCURRENCE = "theo_lan", _("Tính theo số lần (có mức trần)")
        BONUS_PENALTY = "thuong_tru", _("Điểm thưởng / điểm trừ")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="criteria"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    parent = models.ForeignKey(
        "self", verbose_name=_("tiêu chí cha"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    code = UserCharField(_("mã"), max_length=20, help_text=_("Ví dụ: I, 1.1, 1.2.3"))
    name = UserCharField(_("tên tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), null=True, blank=True, **POINTS)
    guidance = UserTextField(_("hướng dẫn chấm"), max_length=PARAGRAPH_MAX, blank=True)
    evidence_required = models.BooleanField(_("bắt buộc có minh chứng"), default=False)
    kind = models.CharField(_("cách tính điểm"), max_length=20, choices=Kind.choices,
                            blank=True, default=Kind.GROUP)
    # Parameters of the leaf kinds (scoring.QuantitativeRule, PerOccurrenceRule, ...).
    target = models.DecimalField(_("chỉ tiêu"), null=True, blank=True, max_digits=14,
                                 decimal_places=2)
    leader_bonus_share = models.DecimalField(_("tỷ lệ thưởng dẫn đầu cụm"), null=True,
                                             blank=True, **SHARE)
    over_target_bonus_share = models.DecimalField(_("tỷ lệ thưởng vượt chỉ tiêu"), null=True,
                                                  blank=True, **SHARE)
    points_each = models.DecimalField(_("điểm mỗi lần"), null=True, blank=True, **POINTS)
    cap = models.DecimalField(_("mức điểm trần"), null=True, blank=True, **POINTS)
    lower_bound = models.DecimalField(_("cận dưới"), null=True, blank=True, **POINTS)
    upper_bound = models.DecimalField(_("cận trên"), null=True, blank=True, **POINTS)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "code"], name="criterion_unique_code",
                violation_error_message=_("Mã tiêu chí này đã có trong bảng tiêu chí của năm."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="criterion_not_own_parent",
                violation_error_message=_("Tiêu chí không thể là tiêu chí cha của chính nó."),
            ),
        ]
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def sort_key(self) -> tuple:
        try:
            return scoring.parse_code(self.code)
        except scoring.ScoringInputError:
            return (9, self.code)

    def to_rule(self) -> scoring.LeafRule | None:
        """The scoring rule of a leaf; None for a group. Raises scoring.ScoringRuleError (in
        Vietnamese) when the parameters do not fit the kind."""
        kind = self.Kind
        if self.kind == kind.GROUP:
            return None
        if self.kind in (kind.QUANTITATIVE, kind.QUALITATIVE, kind.PER_OCCURRENCE) and (
            self.max_points is None
        ):
            raise scoring.ScoringRuleError("Tiêu chí lá tính điểm cần có điểm tối đa.")
        if self.kind == kind.QUANTITATIVE:
            if self.target is None:
                raise scoring.ScoringRuleError("Tiêu chí định lượng cần có chỉ tiêu.")
            optional = {
                name: getattr(self, name)
                for name in ("leader_bonus_share", "over_target_bonus_share")
                if getattr(self, name) is not None
            }
            return scoring.QuantitativeRule(self.max_points, self.target, **optional)
        if self.kind == kind.QUALITATIVE:
            return scoring.QualitativeRule(self.max_points)
        if self.kind == kind.PER_OCCURRENCE:
            if self.points_each is None:
                raise scoring.ScoringRuleError("Tiêu chí tính theo lần cần có điểm mỗi lần.")
            return scoring.PerOccurrenceRule(self.max_points, self.points_each, self.cap)
        if None in (self.points_each, self.lower_bound, self.upper_bound):
            raise scoring.ScoringRuleError(
                "Điểm thưởng / điểm trừ cần có điểm mỗi lần, cận dưới và cận trên.")
        return scoring.BonusPenaltyRule(self.points_each, self.lower_bound, self.upper_bound)
