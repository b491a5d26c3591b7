"""Public consultation (lấy ý kiến nhân dân) on the nominees of a cluster-year (issue #16,
part 5): the rules that say which awards need it and for how long (data with sources,
``commendations/consultation_rules.py``), the consultation the secretariat publishes on a page
open to anyone, and the comments people send, which nobody sees publicly before the secretariat
has reviewed them."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import NAME_MAX, NOTE_MAX

COMMENT_MAX = 3_000  # one comment from the public
AUTHOR_MAX = 120
CONTACT_MAX = 200


class ConsultationRule(models.Model):
    """An award that must be shown to the public for comment before it is considered: how many
    working days, from which article, valid between two dates (decrees change mid-year)."""

    award_code = models.SlugField(_("mã hình thức, danh hiệu"), max_length=40,
                                  help_text=_("Mã trong danh mục, ví dụ: "
                                              "huan_chuong_lao_dong_hang_ba"))
    award_name = UserCharField(_("tên hình thức, danh hiệu"), max_length=200)
    days = models.PositiveSmallIntegerField(_("số ngày làm việc tối thiểu"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_until = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True,
                                   help_text=_("Để trống nếu còn hiệu lực."))
    source = UserTextField(_("căn cứ (điều, khoản)"), max_length=NOTE_MAX)
    source_url = models.URLField(_("trang đã đối chiếu"), max_length=500, blank=True)
    article_checked = models.BooleanField(_("đã đối chiếu với văn bản gốc"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy định lấy ý kiến nhân dân")
        verbose_name_plural = _("quy định lấy ý kiến nhân dân")
        ordering = ["award_code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_code", "valid_from"],
                                    name="consultationrule_one_per_award_start"),
            models.CheckConstraint(condition=Q(days__gte=1), name="consultationrule_days_min"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="consultationrule_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.award_name}: {self.days} ngày làm việc (từ {self.valid_from:%d/%m/%Y})"


class Consultation(models.Model):
    """The nominees of a cluster-year shown to the public for comment between two moments."""

    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.CASCADE, related_name="consultations")
    year = models.PositiveSmallIntegerField(_("năm"))
    token = models.UUIDField(_("mã trang công khai"), default=uuid.uuid4, unique=True,
                             editable=False)
    title = UserCharField(_("tiêu đề"), max_length=NAME_MAX)
    nominations = models.ManyToManyField("commendations.Nomination",
                                         verbose_name=_("đề nghị được công khai"),
                                         related_name="consultations")
    opens_at = models.DateTimeField(_("bắt đầu nhận ý kiến"))
    closes_at = models.DateTimeField(_("hết hạn nhận ý kiến"))
    required_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc theo quy định"), default=0, editable=False,
        help_text=_("0 nếu không hình thức nào trong danh sách bắt buộc lấy ý kiến."))
    legal_source = UserTextField(_("căn cứ"), max_length=NOTE_MAX * 2, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người công khai"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)
    published_at = models.DateTimeField(_("thời điểm công khai"), default=timezone.now,
                                        editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt lấy ý kiến nhân dân")
        verbose_name_plural = _("đợt lấy ý kiến nhân dân")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")),
                                   name="consultation_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def last_day(self):
        """The last day comments are taken (closing at 00:00 leaves the day before)."""
        return timezone.localtime(self.closes_at - datetime.timedelta(microseconds=1)).date()

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class CommentStatus(models.TextChoices):
    PENDING = "cho_xu_ly", _("Chờ xử lý")
    PUBLISHED = "cong_khai", _("Đã tiếp nhận, công khai")
    DISMISSED = "khong_cong_khai", _("Không tiếp nhận")


class PublicComment(models.Model):
    """A comment from anyone on the public page. Its contact is never shown publicly; its
    address is kept only as a keyed hash (for the rate limit and abuse review)."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"),
                                     on_delete=models.CASCADE, related_name="comments")
    nomination = models.ForeignKey("commendations.Nomination", verbose_name=_("về đề nghị"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="public_comments")
    author_name = UserCharField(_("họ và tên người góp ý"), max_length=AUTHOR_MAX, blank=True)
    contact = UserCharField(_("liên hệ (không công khai)"), max_length=CONTACT_MAX, blank=True)
    text = UserTextField(_("nội dung ý kiến"), max_length=COMMENT_MAX)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, editable=False)
    ip_hash = models.CharField(_("dấu vết địa chỉ (băm)"), max_length=64, blank=True,
                               editable=False)
    status = models.CharField(_("tình trạng"), max_length=16, choices=CommentStatus.choices,
                              default=CommentStatus.PENDING, editable=False)
    moderation_note = UserTextField(_("ghi chú xử lý"), max_length=NOTE_MAX, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)
    moderated_at = models.DateTimeField(_("thời điểm xử lý"), null=True, blank=True,
                                        editable=False)
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords(excluded_fields=["ip_hash"])

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CommentStatus.values),
                                   name="publiccomment_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Ý kiến #{self.pk} — {self.consultation}"
