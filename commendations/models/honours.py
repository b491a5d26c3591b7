"""Honours a unit or one of its people received before the cluster used this application (or
outside its bình xét), brought in from Excel by the secretariat: the history that later
eligibility checks read beside the awards granted through a dossier (``GrantedAward``).

A person is not a record of their own here, as in a nomination: a name within a unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField
from cluster.text import NOTE_MAX
from commendations.models.catalogue import AwardForm


class PastHonour(models.Model):
    """One award of one year to a unit, or to a person of a unit (``person_name``). One per
    cluster, unit, person, award and year: importing the same table again changes nothing."""

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm ghi nhận"),
                                on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("cluster.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="past_honours")
    person_name = UserCharField(_("cá nhân"), max_length=150, blank=True,
                                help_text=_("Để trống nếu khen thưởng tặng cho tập thể đơn vị."))
    person = models.ForeignKey("commendations.Person", verbose_name=_("cá nhân (danh bạ)"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="past_honours")
    award = models.ForeignKey(AwardForm, verbose_name=_("hình thức, danh hiệu"),
                              on_delete=models.PROTECT, related_name="past_honours")
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_number = UserCharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuing_body = UserCharField(_("cơ quan ban hành"), max_length=200, blank=True)
    note = UserCharField(_("ghi chú"), max_length=NOTE_MAX, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng đã có (nhập từ Excel)")
        verbose_name_plural = _("khen thưởng đã có (nhập từ Excel)")
        ordering = ["-year", "award__order", "unit", "person_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "unit", "person_name", "award", "year"],
                name="pasthonour_one_per_year",
                violation_error_message=_("Khen thưởng này của đơn vị, cá nhân trong năm đã "
                                          "được ghi nhận.")),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        who = self.person_name or self.unit.name
        return f"{self.award} {self.year}: {who}"
