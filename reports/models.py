"""Generated official documents: each version of a document's data, frozen, with the files
rendered from it (as pretix keeps an invoice's snapshot and its PDF).

* :class:`IssuedDocument` is one version of one document (the mid-year report of a period, the
  minutes of a conference ...): the snapshot it was built from, its fingerprint
  (``data_hash``, the SHA-256 of the snapshot's canonical JSON), the verification code printed
  on it, and, once the secretariat issues it, its number in the cluster's series. A draft is
  the same thing without a number: one row per distinct data, so a repeat download of
  unchanged data finds its row and serves the stored file. Likewise one number per distinct
  data: a second issue of the same data (a double click) is answered with the first.
  An issued row is written in one transaction with its number and its PDF, so no number is
  publicly verifiable without the file it vouches for.
* :class:`DocumentFile` is one rendering of a version (PDF, DOCX, XLSX) with the SHA-256 of its
  bytes, which the public verification page compares an uploaded file against.
* :class:`OfficialFile` is the official copy of an issued version finished outside the app
  (scanned after it was signed and stamped), attached by the secretariat; replaced ones stay.

Rows are written only by ``reports.services``; nothing here is edited afterwards.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserTextField
from cluster.text import SECTION_MAX


class DocumentKind(models.TextChoices):
    MIDYEAR_REPORT = "bc_so_ket", _("Báo cáo sơ kết 6 tháng đầu năm")
    YEAREND_REPORT = "bc_tong_ket", _("Báo cáo tổng kết năm")
    PLEDGE = "giao_uoc", _("Giao ước thi đua")
    MINUTES = "bien_ban", _("Biên bản hội nghị")
    SCORES = "bang_diem", _("Bảng tổng hợp điểm")
    RANKING = "xep_hang", _("Bảng xếp hạng")
    VOTE_MINUTES = "bb_binh_xet", _("Biên bản họp bình xét và kết quả bỏ phiếu")
    SUBMISSION = "to_trinh", _("Tờ trình đề nghị khen thưởng")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"


class IssuedDocument(models.Model):
    cluster = models.ForeignKey("cluster.Cluster", verbose_name=_("cụm"),
                                on_delete=models.PROTECT, related_name="generated_documents")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    object_ref = models.CharField(
        _("đối tượng"), max_length=40,
        help_text=_("Bản ghi mà văn bản lập từ đó, ví dụ reportingperiod:12, conference:5, "
                    "pledge:3, votingsession:2"),
    )
    title = models.CharField(_("tên văn bản"), max_length=400)
    data_hash = models.CharField(_("dấu vân tay dữ liệu (SHA-256)"), max_length=64)
    snapshot = models.JSONField(_("dữ liệu đã chốt để in"))
    verification_code = models.CharField(_("mã xác thực"), max_length=10, unique=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    legal_document = models.OneToOneField(
        "campaigns.LegalDocument", verbose_name=_("vào sổ văn bản"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ban hành"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    # Only set by migration 0003 on numbers given twice to the same data before the
    # constraint below existed: the later number stays in the register, marked as a copy.
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("trùng dữ liệu với văn bản"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )

    class Meta:
        verbose_name = _("văn bản đã in")
        verbose_name_plural = _("văn bản đã in")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One draft per distinct data: the cache key of repeat downloads.
            models.UniqueConstraint(
                fields=["cluster", "kind", "object_ref", "data_hash"],
                condition=Q(number__isnull=True), name="issueddocument_one_draft_per_data",
            ),
            # One number per distinct data: two issues of the same data at one moment (a
            # double click) cannot both be numbered, whatever the application checks.
            models.UniqueConstraint(
                fields=["cluster", "kind", "object_ref", "data_hash"],
                condition=Q(number__isnull=False, duplicate_of__isnull=True),
                name="issueddocument_one_number_per_data",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(issued_at__isnull=False),
                name="issueddocument_number_means_issued",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "year", "kind"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.number_symbol or _('dự thảo')})"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


def _file_path(instance: DocumentFile, filename: str) -> str:
    document = instance.document
    return f"reports/{document.year}/{document.verification_code}.{instance.format}"


class DocumentFile(models.Model):
    document = models.ForeignKey(IssuedDocument, verbose_name=_("văn bản"),
                                 on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("định dạng"), max_length=4, choices=FileFormat.choices)
    file = models.FileField(_("tệp"), upload_to=_file_path, max_length=200)
    sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp văn bản đã in")
        verbose_name_plural = _("tệp văn bản đã in")
        ordering = ["document", "format"]
        constraints = [
            models.UniqueConstraint(fields=["document", "format"],
                                    name="documentfile_one_per_format"),
        ]

    def __str__(self) -> str:
        return f"{self.document.verification_code}.{self.format}"


def _official_path(instance: OfficialFile, filename: str) -> str:
    """Nothing of the uploader's name in the stored name (``cluster.uploads``)."""
    return f"reports/{instance.document.year}/official/{uuid.uuid4().hex}.pdf"


class OfficialFile(models.Model):
    """The official copy (bản chính thức) of an issued document, finished outside the app: a
    PDF the chair unit's secretariat attaches to the number, typically the scanned copy that
    was signed by hand and stamped. Its SHA-256 is what the verification page recognises as
    the official copy, beside the PDF rendered when the number was given.

    Written only by ``reports.services.official_file_attach``. A replacement does not delete
    the previous row: it is marked ``replaced_at`` and stays, with its file, in the history,
    so a copy checked against the old file is still recognised as a replaced one."""

    document = models.ForeignKey(IssuedDocument, verbose_name=_("văn bản"),
                                 on_delete=models.PROTECT, related_name="official_files")
    file = models.FileField(_("tệp"), upload_to=_official_path, max_length=200)
    original_name = models.CharField(_("tên tệp khi tải lên"), max_length=120)
    sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đính kèm"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    attached_at = models.DateTimeField(_("thời điểm đính kèm"))
    replaced_at = models.DateTimeField(_("thời điểm bị thay"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản chính thức")
        verbose_name_plural = _("bản chính thức")
        ordering = ["document", "-attached_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(replaced_at__isnull=True),
                                    name="officialfile_one_current_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document.verification_code}: {self.original_name}"

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


class SummarySection(models.Model):
    """One section of the draft of a period's report (sơ kết, tổng kết) as the secretariat
    edited it: plain paragraphs separated by blank lines, lines starting "- " as list items,
    never HTML. Without a row, the section prints the text composed from the data
    (``reports.kinds.synthesis``); with one, this text, into the draft and, frozen in the
    snapshot, into the issued document. ``version`` grows with every save, so that two
    people editing one section never overwrite each other. Written only by
    ``reports.services_summary``."""

    class Key(models.TextChoices):
        DIRECTION = "chi-dao", _("Công tác chỉ đạo, tổ chức phong trào thi đua")
        AREAS = "linh-vuc", _("Kết quả thực hiện nhiệm vụ trên các lĩnh vực")
        COMMENDATION = "khen-thuong", _("Công tác khen thưởng")
        STRENGTHS = "uu-diem", _("Ưu điểm")
        SHORTCOMINGS = "han-che", _("Hạn chế và nguyên nhân")
        DIRECTIONS = "phuong-huong", _("Phương hướng, nhiệm vụ")
        PROPOSALS = "kien-nghi", _("Đề xuất, kiến nghị")

    period = models.ForeignKey("results.ReportingPeriod", verbose_name=_("kỳ báo cáo"),
                               on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("mục"), max_length=16, choices=Key.choices)
    text = UserTextField(_("nội dung"), max_length=SECTION_MAX, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=0,
                                          help_text=_("Tăng mỗi lần lưu; chống ghi đè."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người sửa"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("thời điểm sửa"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục của dự thảo báo cáo")
        verbose_name_plural = _("mục của dự thảo báo cáo")
        ordering = ["period", "key"]
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="summarysection_one_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_key_display()}"


def _signed_path(instance: DocumentSignature, filename: str) -> str:
    document = instance.document
    return f"reports/{document.year}/{document.verification_code}-ky-{instance.order}.pdf"


class DocumentSignature(models.Model):
    """One digital signature on an issued document's PDF (issue #18, docs/signatures.md): the
    person with authority signs first, then the văn thư applies the issuing body's signature.
    ``file`` is the PDF after this signature (an incremental update of the one before; the
    first is made on the unsigned PDF rendered at issue, which is kept); the newest is the file
    served for the document. Written only by ``reports.services``."""

    class Role(models.TextChoices):
        PERSON = "person", _("Người có thẩm quyền ký")
        BODY = "body", _("Cơ quan, tổ chức ký (văn thư)")

    document = models.ForeignKey(IssuedDocument, verbose_name=_("văn bản"),
                                 on_delete=models.PROTECT, related_name="signatures")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    role = models.CharField(_("chữ ký của"), max_length=8, choices=Role.choices)
    field_name = models.CharField(_("tên trường chữ ký"), max_length=40)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"),
                                  on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("thời điểm ký"))
    key_source = models.CharField(_("nguồn khóa"), max_length=16, default="pkcs12")
    certificate_subject = models.CharField(_("chủ thể chứng thư"), max_length=500)
    certificate_fingerprint = models.CharField(_("dấu vân tay chứng thư (SHA-256)"),
                                               max_length=64)
    signed_sha256 = models.CharField(_("SHA-256 của tệp được ký"), max_length=64)
    sha256 = models.CharField(_("SHA-256 của tệp sau khi ký"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    file = models.FileField(_("tệp đã ký"), upload_to=_signed_path, max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chữ ký số trên văn bản")
        verbose_name_plural = _("chữ ký số trên văn bản")
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"],
                                    name="documentsignature_one_per_order"),
            models.UniqueConstraint(fields=["document", "role"],
                                    name="documentsignature_one_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.document.verification_code} #{self.order} ({self.get_role_display()})"

    #: what ``reports.views.file_response`` reads of a stored file
    format = FileFormat.PDF
