"""The person registry (issue #16): an individual proposed or honoured keeps one identity
across years and units. A person moves between departments; ``Posting`` rows follow them
(which unit, which position, from when), so their honours are found whatever unit proposed
them. Nominations, granted awards and imported past honours point at the person when one is
known (``person``), beside the name as typed then (``person_name``), which documents print.

``search_name`` is the name folded (lower case, no diacritics: ``cluster.text.fold``), so a
look-up typed without diacritics finds "Nguyễn Thị Hà" as "nguyen thi ha"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField
from cluster.text import fold
from commendations.models.voting import Gender


class Person(models.Model):
    full_name = UserCharField(_("họ và tên"), max_length=150)
    search_name = models.CharField(_("tên không dấu"), max_length=150, editable=False,
                                   db_index=True)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(_("ngày nhập"), default=timezone.now, editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["search_name", "date_of_birth", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(gender__in=["", "nu", "nam"]),
                                   name="person_gender_valid"),
        ]

    def __str__(self) -> str:
        if self.date_of_birth:
            return f"{self.full_name} ({self.date_of_birth:%d/%m/%Y})"
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)[:150]
        super().save(*args, **kwargs)


class Posting(models.Model):
    """Where a person works: one unit and position from a date (until the next posting)."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE,
                               related_name="postings")
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị"),
                             on_delete=models.PROTECT, related_name="postings")
    position = UserCharField(_("chức vụ"), max_length=200, blank=True)
    workplace = UserCharField(_("nơi công tác"), max_length=200, blank=True,
                              help_text=_("Phòng, ban, đơn vị trực thuộc."))
    since = models.DateField(_("từ ngày"), null=True, blank=True)
    until = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(since__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="posting_dates_in_order",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu.")),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.unit}"
