"""Keys, images and trust roots for digital signatures (issue #18, docs/signatures.md).

* :class:`SigningKey`: a PKCS#12 key of a person (``user``) or of an issuing body (``unit``),
  uploaded by an administrator. The PKCS#12 bytes and its password are stored ENCRYPTED with
  the Fernet key of ``SIGNING_KEY_ENCRYPTION_KEY`` (the environment, never the database); the
  certificate's subject, issuer, validity and fingerprint are cached in clear for the pages.
* :class:`SignatureImage` (per person, blue ink) and :class:`SealImage` (per body, red, with its
  real width in mm): transparent PNGs, checked with Pillow.
* :class:`TrustRoot`: a CA certificate the administrator trusts (Vietnam's state CA roots; the
  demo's test CA).

Rows are written only by ``signatures.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SigningKey(models.Model):
    class Holder(models.TextChoices):
        PERSON = "person", _("Cá nhân (người có thẩm quyền)")
        BODY = "body", _("Cơ quan, tổ chức")

    holder = models.CharField(_("chủ thể"), max_length=8, choices=Holder.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="signing_keys",
    )
    unit = models.ForeignKey(
        "cluster.Unit", verbose_name=_("cơ quan"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="signing_keys",
    )
    encrypted_pkcs12 = models.BinaryField(_("tệp PKCS#12 (đã mã hóa)"), editable=False)
    encrypted_password = models.BinaryField(_("mật khẩu (đã mã hóa)"), editable=False)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=500)
    issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=500)
    serial = models.CharField(_("số hiệu chứng thư"), max_length=80)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    fingerprint = models.CharField(_("dấu vân tay chứng thư (SHA-256)"), max_length=64)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cài đặt"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm cài đặt"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["encrypted_pkcs12", "encrypted_password"])

    class Meta:
        verbose_name = _("khóa ký số (PKCS#12)")
        verbose_name_plural = _("khóa ký số (PKCS#12)")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder="person") & Q(user__isnull=False) & Q(unit__isnull=True))
                | (Q(holder="body") & Q(unit__isnull=False) & Q(user__isnull=True)),
                name="signingkey_one_holder",
                violation_error_message=_("Khóa của cá nhân gắn với một người; khóa của cơ "
                                          "quan gắn với một đơn vị."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class SignatureImage(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người ký"), on_delete=models.CASCADE,
        related_name="signature_image",
    )
    png = models.BinaryField(_("ảnh chữ ký (PNG nền trong suốt)"))
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["png"])

    class Meta:
        verbose_name = _("ảnh chữ ký")
        verbose_name_plural = _("ảnh chữ ký")

    def __str__(self) -> str:
        return str(self.user)


class SealImage(models.Model):
    unit = models.OneToOneField(
        "cluster.Unit", verbose_name=_("cơ quan"), on_delete=models.CASCADE,
        related_name="seal_image",
    )
    png = models.BinaryField(_("ảnh con dấu (PNG nền trong suốt)"))
    width_mm = models.DecimalField(
        _("đường kính (chiều rộng) thật của dấu, mm"), max_digits=4, decimal_places=1,
        default=36,
    )
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["png"])

    class Meta:
        verbose_name = _("ảnh con dấu")
        verbose_name_plural = _("ảnh con dấu")

    def __str__(self) -> str:
        return str(self.unit)


class TrustRoot(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    certificate = models.BinaryField(_("chứng thư (DER)"))
    subject = models.CharField(_("chủ thể"), max_length=500)
    fingerprint = models.CharField(_("dấu vân tay (SHA-256)"), max_length=64, unique=True)
    not_after = models.DateTimeField(_("hiệu lực đến"))
    is_active = models.BooleanField(_("đang tin cậy"), default=True)
    is_test = models.BooleanField(_("chứng thư thử nghiệm"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thêm"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm thêm"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["certificate"])

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
