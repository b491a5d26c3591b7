"""Standards and conditions of each award form (issue #16, part 3), as data with their legal
source and the years they apply, so a condition of 2024 can differ from one of 2026:

- ``AwardStandard``: a standard (tiêu chuẩn) the unit declares it meets, mandatory or not;
- ``AwardCondition``: a condition read from the honours history (a title in each of the N
  previous years, no award of the same form within M years, at least M years since a listed
  award); ``to_rule()`` gives the pure ``commendations.eligibility.Condition``;
- ``StandardDeclaration``: what a unit declares for one standard of one of its nominations.

A row with no ``valid_from_year`` applies from the beginning, with no ``valid_to_year`` with no
end; both bounds are included."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import NOTE_MAX, PARAGRAPH_MAX
from commendations import eligibility
from commendations.models.catalogue import AwardForm
from commendations.models.voting import Nomination

YEAR_CHECK = Q(valid_from_year__isnull=True) | Q(valid_to_year__isnull=True) | Q(
    valid_to_year__gte=models.F("valid_from_year"))


class ValidYearsQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """The rows that apply in ``year`` (bounds included)."""
        return self.filter(Q(valid_from_year__isnull=True) | Q(valid_from_year__lte=year),
                           Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year))


class ValidYears(models.Model):
    valid_from_year = models.PositiveSmallIntegerField(
        _("áp dụng từ năm"), null=True, blank=True,
        help_text=_("Năm thành tích đầu tiên áp dụng; để trống nếu áp dụng từ trước."))
    valid_to_year = models.PositiveSmallIntegerField(
        _("áp dụng đến năm"), null=True, blank=True,
        help_text=_("Năm thành tích cuối cùng áp dụng; để trống nếu còn áp dụng."))
    source = UserTextField(_("nguồn (văn bản, điều, khoản)"), max_length=NOTE_MAX)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người sửa cuối"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    objects = ValidYearsQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.valid_from_year and self.valid_to_year
                and self.valid_to_year < self.valid_from_year):
            raise ValidationError({"valid_to_year": _("Năm kết thúc phải từ năm bắt đầu trở "
                                                      "đi.")})

    def applies_in(self, year: int) -> bool:
        return eligibility.applies(self.valid_from_year, self.valid_to_year, year)

    @property
    def years_label(self) -> str:
        return eligibility.years_label(self.valid_from_year, self.valid_to_year)


class AwardStandard(ValidYears):
    """One standard of an award, declared by the unit for each nomination."""

    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.CASCADE, related_name="standards")
    text = UserTextField(_("tiêu chuẩn"), max_length=PARAGRAPH_MAX)
    mandatory = models.BooleanField(_("bắt buộc"), default=True,
                                    help_text=_("Bỏ chọn nếu chỉ cần đạt một trong các tiêu "
                                                "chuẩn không bắt buộc."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chuẩn khen thưởng")
        verbose_name_plural = _("tiêu chuẩn khen thưởng")
        ordering = ["award__order", "order", "pk"]
        constraints = [models.CheckConstraint(condition=YEAR_CHECK,
                                              name="awardstandard_years_in_order")]

    def __str__(self) -> str:
        return f"{self.award}: {self.text[:80]}"


class AwardCondition(ValidYears):
    """One condition of an award that the honours history proves (or not)."""

    Kind = eligibility.Kind

    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("loại điều kiện"), max_length=20,
                            choices=[(k.value, k.label) for k in eligibility.Kind])
    years = models.PositiveSmallIntegerField(
        _("số năm"), help_text=_("N năm liên tục, hoặc M năm (không được tặng trong M năm; ít "
                                 "nhất M năm kể từ khi được tặng)."))
    include_current = models.BooleanField(
        _("tính cả năm đề nghị"), default=False,
        help_text=_("Với “danh hiệu mỗi năm”: N năm liên tục kết thúc ở năm đề nghị (danh hiệu "
                    "của năm được xét cùng lúc), thay vì N năm trước đó."))
    required_awards = models.ManyToManyField(
        AwardForm, verbose_name=_("hình thức, danh hiệu trong lịch sử"), blank=True,
        related_name="+",
        help_text=_("Một trong các hình thức này là đủ. Để trống với “không được tặng trong M "
                    "năm”: chính hình thức đang xét."))
    mandatory = models.BooleanField(_("bắt buộc"), default=True,
                                    help_text=_("Bỏ chọn nếu đây là một trong các tiêu chuẩn "
                                                "thay thế nhau (chỉ cần đạt một)."))
    text = UserTextField(_("diễn giải"), max_length=PARAGRAPH_MAX, blank=True,
                         help_text=_("Lời văn của văn bản, ví dụ: “Đã được tặng Bằng khen cấp "
                                     "bộ, 05 năm tiếp theo…”"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điều kiện theo lịch sử khen thưởng")
        verbose_name_plural = _("điều kiện theo lịch sử khen thưởng")
        ordering = ["award__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=YEAR_CHECK, name="awardcondition_years_in_order"),
            models.CheckConstraint(condition=Q(years__gte=1) & Q(years__lte=50),
                                   name="awardcondition_years_sane"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in eligibility.Kind]),
                name="awardcondition_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.award}: {self.get_kind_display()} ({self.years})"

    def to_rule(self, required: list[AwardForm] | None = None) -> eligibility.Condition:
        """The pure condition; ``required`` the listed awards when already fetched."""
        if required is None:
            required = list(self.required_awards.all())
        if not required:
            required = [self.award]
        return eligibility.Condition(
            kind=eligibility.Kind(self.kind), years=self.years,
            award_names={a.code: a.name for a in required},
            include_current=self.include_current, text=self.text, source=self.source)


class StandardDeclaration(models.Model):
    """A unit's yes/no, with a note, for one standard of one of its nominations."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("đề nghị"),
                                   on_delete=models.CASCADE, related_name="declarations")
    standard = models.ForeignKey(AwardStandard, verbose_name=_("tiêu chuẩn"),
                                 on_delete=models.PROTECT, related_name="declarations")
    declared = models.BooleanField(_("đạt tiêu chuẩn"))
    note = UserCharField(_("ghi chú, minh chứng"), max_length=NOTE_MAX, blank=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người khai báo"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    declared_at = models.DateTimeField(_("thời điểm khai báo"), default=timezone.now)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khai báo tiêu chuẩn")
        verbose_name_plural = _("khai báo tiêu chuẩn")
        ordering = ["nomination", "standard__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "standard"],
                                    name="declaration_once_per_standard",
                                    violation_error_message=_("Tiêu chuẩn này đã được khai "
                                                              "báo cho đề nghị.")),
        ]

    def __str__(self) -> str:
        answer = "đạt" if self.declared else "chưa đạt"
        return f"{self.nomination}: {self.standard.text[:60]} — {answer}"
