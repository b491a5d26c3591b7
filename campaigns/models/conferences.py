"""Conferences (hội nghị) of a cluster-year, their delegates and their record, and the public
bulletin the secretariat may publish about one."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models.documents import LegalDocument
from cluster.fields import UserCharField, UserTextField
from cluster.models import Cluster, Province, Unit
from cluster.text import SECTION_MAX


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Conference(models.Model):
    class Kind(models.TextChoices):
        PLEDGE_SIGNING = "ky_ket", _("Ký kết giao ước thi đua")
        MIDYEAR = "so_ket", _("Sơ kết 6 tháng")
        YEAREND = "tong_ket", _("Tổng kết năm")
        THEMATIC = "chuyen_de", _("Chuyên đề")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="conferences"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại hội nghị"), max_length=20, choices=Kind.choices)
    signs_pledge = models.BooleanField(
        _("có ký kết giao ước thi đua"), default=False,
        help_text=_("Hội nghị sơ kết có thể kết hợp ký kết giao ước thi đua."),
    )
    title = UserCharField(_("tên hội nghị"), max_length=400)
    starts_at = models.DateTimeField(_("thời gian"))
    locality = UserCharField(
        _("địa danh"), max_length=200, blank=True,
        help_text=_("Tên chính thức tại thời điểm họp, ví dụ: thành phố Huế"),
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT,
        related_name="+",
    )
    venue = UserCharField(_("địa điểm cụ thể"), max_length=300, blank=True)
    hosts = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị đồng chủ trì"), blank=True, related_name="+",
    )
    agenda = UserTextField(_("chương trình hội nghị"), max_length=SECTION_MAX, blank=True,
                           help_text=_("Mỗi nội dung một dòng."))
    opening_speaker = UserCharField(_("người phát biểu khai mạc"), max_length=200,
                                    blank=True, help_text=_("Ví dụ: đồng chí Ngô Quang Chiến"))
    opening_speaker_title = UserCharField(
        _("chức vụ người phát biểu khai mạc"), max_length=300, blank=True,
    )
    opening_summary = UserTextField(_("tóm tắt phát biểu khai mạc"), max_length=SECTION_MAX,
                                    blank=True)
    secretary_name = UserCharField(
        _("thư ký hội nghị"), max_length=150, blank=True,
        help_text=_("Họ và tên người ghi biên bản. Để trống: biên bản để dòng chấm cho thư ký "
                    "ký và ghi tên tay."))
    achievements = UserTextField(_("kết quả đạt được"), max_length=SECTION_MAX, blank=True,
                                 help_text=_("Mỗi ý một dòng."))
    shortcomings = UserTextField(_("tồn tại, hạn chế"), max_length=SECTION_MAX, blank=True,
                                 help_text=_("Mỗi ý một dòng."))
    solutions = UserTextField(_("giải pháp"), max_length=SECTION_MAX, blank=True,
                              help_text=_("Mỗi ý một dòng."))
    conclusions = UserTextField(_("kết luận"), max_length=SECTION_MAX, blank=True,
                                help_text=_("Mỗi ý một dòng."))
    documents = models.ManyToManyField(
        LegalDocument, verbose_name=_("văn bản liên quan"), blank=True,
        related_name="conferences",
    )
    slug = models.SlugField(_("mã đường dẫn bản tin"), max_length=120, unique=True)
    published_at = models.DateTimeField(_("thời điểm công bố bản tin"), null=True, blank=True)
    published_by = models.ForeignKey(
        "cluster.User", verbose_name=_("người công bố"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["cluster", "year", "starts_at", "pk"]
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_taken_place(self) -> bool:
        """Whether the conference has begun: its bulletin, written in the past tense, may be
        published only then."""
        return self.starts_at is not None and self.starts_at <= timezone.now()

    @property
    def is_public(self) -> bool:
        """Readable without login: published, and the conference has taken place (one moved
        to a later day after publication is not public until then)."""
        return self.is_published and self.has_taken_place

    @property
    def place_name(self) -> str:
        """The place as written at the time: "thành phố Huế, tỉnh Thừa Thiên Huế" (2022)."""
        province = self.province.official_name
        if not self.locality or self.locality.casefold() == province.casefold():
            return province
        return f"{self.locality}, {province}"

    @property
    def agenda_items(self) -> list[str]:
        return _lines(self.agenda)

    @property
    def achievement_items(self) -> list[str]:
        return _lines(self.achievements)

    @property
    def shortcoming_items(self) -> list[str]:
        return _lines(self.shortcomings)

    @property
    def solution_items(self) -> list[str]:
        return _lines(self.solutions)

    @property
    def conclusion_items(self) -> list[str]:
        return _lines(self.conclusions)


class Delegate(models.Model):
    """A person attending a conference. The name may be unknown (the record only says
    "đại diện Lãnh đạo Sở"), the title and unit are what matters."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE,
        related_name="delegates",
    )
    full_name = UserCharField(_("họ và tên"), max_length=150, blank=True)
    job_title = UserCharField(_("chức vụ"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    unit_name = UserCharField(
        _("cơ quan khác"), max_length=255, blank=True,
        help_text=_("Khi đại biểu không thuộc đơn vị thành viên, ví dụ: Bộ Nội vụ"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["conference", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name or self.job_title} — {self.organisation}"

    @property
    def organisation(self) -> str:
        return self.unit.name if self.unit_id else self.unit_name
