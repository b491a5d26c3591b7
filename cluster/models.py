"""The cluster registry: provinces, member units, clusters, membership by year, yearly roles,
and the people who act for units.

``cluster`` is the bottom layer of the project and imports no other app of ours.
Validation that spans rows (overlaps, loops, "member that year") lives in ``services.py``;
what the database can enforce on its own is declared here as constraints.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cluster.fields import UserCharField, UserTextField
from cluster.text import NOTE_MAX, vietnamese_slug


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def valid_between(self, start: datetime.date, end: datetime.date):
        """In force on at least one day from ``start`` to ``end``."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        )


def _check_successor_chain(obj, label) -> None:
    """Refuse a successor link that leads back to ``obj`` (a loop of mergers). The chain is
    read from the database, not from objects in memory that may be stale."""
    if obj.successor_id is None:
        return
    seen = {obj.pk} if obj.pk else set()
    current_id = obj.successor_id
    manager = type(obj)._default_manager
    while current_id is not None:
        if current_id in seen:
            raise ValidationError(
                {"successor": _("Chuỗi kế thừa tạo thành vòng lặp: %(name)s không thể kế thừa "
                                "(trực tiếp hoặc gián tiếp) từ chính nó.") % {"name": obj}}
            )
        seen.add(current_id)
        current_id = manager.filter(pk=current_id).values_list("successor_id", flat=True).first()


class Province(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh_pho", _("Thành phố trực thuộc trung ương")

    name = UserCharField(_("tên"), max_length=100, help_text=_("Ví dụ: Nghệ An, Huế"))
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PROVINCE)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = ValidityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="province_unique_name_kind"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="province_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="province_not_own_successor",
                violation_error_message=_("Một tỉnh không thể là đơn vị kế thừa của chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.official_name

    @property
    def official_name(self) -> str:
        """The name as documents write it: "tỉnh Nghệ An", "thành phố Huế"."""
        prefix = "tỉnh" if self.kind == self.Kind.PROVINCE else "thành phố"
        return f"{prefix} {self.name}"

    def clean(self):
        super().clean()
        _check_successor_chain(self, _("tỉnh, thành phố"))

    @property
    def place_name(self) -> str:
        """The place in a document's date line: "Huế", "Quảng Trị"."""
        return self.name


class Unit(models.Model):
    name = UserCharField(
        _("tên chính thức"), max_length=255, unique=True,
        help_text=_("Ví dụ: Sở Nội vụ tỉnh Nghệ An"),
    )
    short_name = UserCharField(_("tên ngắn"), max_length=100, help_text=_("Ví dụ: Nghệ An"))
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT,
        related_name="units",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = ValidityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="unit_not_own_successor",
                violation_error_message=_("Một đơn vị không thể là đơn vị kế thừa của chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        _check_successor_chain(self, _("đơn vị"))

    def is_valid_in_year(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CLUSTER = "cum", _("Cụm thi đua")
        BLOCK = "khoi", _("Khối thi đua")

    name = UserCharField(_("tên"), max_length=255, unique=True)
    slug = models.SlugField(_("mã đường dẫn"), max_length=80, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CLUSTER)
    series_code = UserCharField(
        _("mã ký hiệu văn bản"), max_length=20, default="CTĐ",
        help_text=_(
            "Phần ký hiệu của cơ quan ban hành trong số văn bản, ví dụ CTĐ trong 612/KH-CTĐ"),
    )
    superior_body = UserCharField(_("cơ quan cấp trên"), max_length=255, default="Bộ Nội vụ")
    is_illustrative = models.BooleanField(
        _("dữ liệu minh họa"), default=False,
        help_text=_("Đánh dấu dữ liệu mẫu không lấy từ văn bản thật."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """A slug left blank is made from the name by ``vietnamese_slug`` ("Cụm thi đua …
        Đồng bằng sông Cửu Long" -> "cum-thi-dua-…-dong-bang-song-cuu-long"), numbered when
        another cluster has it."""
        super().clean()
        if not self.slug and self.name:
            self.slug = cluster_unique_slug(self.name, exclude_pk=self.pk)


def cluster_unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    max_length = Cluster._meta.get_field("slug").max_length
    base = vietnamese_slug(name, max_length=max_length - 4) or "cum"
    taken = Cluster.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    taken = set(taken.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class MembershipQuerySet(models.QuerySet):
    def active_in(self, year: int):
        return self.filter(Q(to_year__isnull=True) | Q(to_year__gte=year), from_year__lte=year)


class Membership(models.Model):
    """A unit's membership in a cluster from ``from_year`` to ``to_year`` (inclusive; open-ended
    when empty). The members in year Y are computed from these rows, never copied per year."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    from_year = models.PositiveSmallIntegerField(_("từ năm"))
    to_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    rotation_order = models.PositiveSmallIntegerField(
        _("thứ tự luân phiên"), default=0,
        help_text=_("Thứ tự đảm nhận Cụm trưởng, Cụm phó theo luân phiên (nhỏ trước)."),
    )
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên cụm")
        verbose_name_plural = _("thành viên cụm")
        ordering = ["cluster", "rotation_order", "from_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_year__isnull=True) | Q(to_year__gte=F("from_year")),
                name="membership_year_range",
                violation_error_message=_("Năm kết thúc phải không trước năm bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(from_year__gte=1945) & Q(from_year__lte=2200),
                name="membership_from_year_sane",
                violation_error_message=_("Năm bắt đầu không hợp lệ."),
            ),
        ]
        indexes = [models.Index(fields=["cluster", "from_year", "to_year"])]

    def __str__(self) -> str:
        end = self.to_year or "…"
        return f"{self.unit} — {self.cluster} ({self.from_year}–{end})"

    def clean(self):
        super().clean()
        if self.to_year is not None and self.from_year and self.to_year < self.from_year:
            raise ValidationError({"to_year": _("Năm kết thúc phải không trước năm bắt đầu.")})
        if not (self.cluster_id and self.unit_id and self.from_year):
            return
        overlapping = Membership.objects.filter(cluster_id=self.cluster_id, unit_id=self.unit_id)
        overlapping = overlapping.exclude(pk=self.pk).filter(
            Q(to_year__isnull=True) | Q(to_year__gte=self.from_year)
        )
        if self.to_year is not None:
            overlapping = overlapping.filter(from_year__lte=self.to_year)
        other = overlapping.first()
        if other is not None:
            raise ValidationError(
                _("%(unit)s đã là thành viên của cụm trong giai đoạn %(start)s–%(end)s, trùng với "
                  "giai đoạn đang nhập.")
                % {"unit": self.unit, "start": other.from_year, "end": other.to_year or "nay"}
            )

    def covers(self, year: int) -> bool:
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)


class ClusterYear(models.Model):
    """A cluster's year: exactly one chair (Cụm trưởng) and one vice-chair (Cụm phó)."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    chair = models.ForeignKey(
        Unit, verbose_name=_("Cụm trưởng"), on_delete=models.PROTECT, related_name="chaired_years"
    )
    vice_chair = models.ForeignKey(
        Unit, verbose_name=_("Cụm phó"), on_delete=models.PROTECT, related_name="vice_chaired_years"
    )
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)
    note = UserTextField(_("ghi chú"), max_length=NOTE_MAX, blank=True)
    confirmed_by = models.ForeignKey(
        "cluster.User", verbose_name=_("người xác nhận"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("năm của cụm (Cụm trưởng, Cụm phó)")
        verbose_name_plural = _("năm của cụm (Cụm trưởng, Cụm phó)")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"], name="clusteryear_one_per_year",
                violation_error_message=_("Cụm đã có Cụm trưởng, Cụm phó cho năm này."),
            ),
            models.CheckConstraint(
                condition=~Q(chair=F("vice_chair")),
                name="clusteryear_chair_not_vice",
                violation_error_message=_("Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"

    def clean(self):
        super().clean()
        if not (self.cluster_id and self.year and self.chair_id and self.vice_chair_id):
            return
        if self.chair_id == self.vice_chair_id:
            raise ValidationError(
                {"vice_chair": _("Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau.")}
            )
        member_ids = set(
            Membership.objects.filter(cluster_id=self.cluster_id)
            .active_in(self.year)
            .values_list("unit_id", flat=True)
        )
        errors = {}
        for field, label in (("chair", _("Cụm trưởng")), ("vice_chair", _("Cụm phó"))):
            unit = getattr(self, field)
            if unit.pk not in member_ids:
                errors[field] = _(
                    "%(unit)s không phải là thành viên của cụm trong năm %(year)s nên không thể "
                    "làm %(role)s."
                ) % {"unit": unit, "year": self.year, "role": label}
        if errors:
            raise ValidationError(errors)


class SuperiorBody(models.Model):
    """The body above clusters that receives their award dossiers (issue #16): it receives a
    dossier, returns it with reasons per item, forwards it to the level that decides, and
    records the decision. Its accounts (``User.Role.SUPERIOR``) see only the clusters it
    oversees. ``records_on_paper``: the body answers on paper, and the cluster's secretariat
    records its returns and decisions in the app (as when it has no active account)."""

    name = UserCharField(_("tên cơ quan"), max_length=255, unique=True,
                         help_text=_("Ví dụ: Ban Thi đua – Khen thưởng Trung ương, Bộ Nội vụ"))
    short_name = UserCharField(_("tên ngắn"), max_length=100)
    clusters = models.ManyToManyField(Cluster, verbose_name=_("các cụm, khối theo dõi"),
                                      related_name="superior_bodies", blank=True)
    records_on_paper = models.BooleanField(
        _("trả lời bằng văn bản giấy"), default=False,
        help_text=_("Cơ quan không xử lý hồ sơ trên phần mềm: thư ký cụm ghi nhận việc trả lại "
                    "và quyết định khen thưởng nhận được bằng văn bản."))
    is_illustrative = models.BooleanField(_("dữ liệu minh họa"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan cấp trên của cụm")
        verbose_name_plural = _("cơ quan cấp trên của cụm")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person. Unit staff belong to a unit; ministry observers and admins to none; the
    accounts of a superior body to that body."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Công chức đơn vị")
        LEADER = "leader", _("Lãnh đạo đơn vị")
        OBSERVER = "observer", _("Theo dõi (Bộ Nội vụ)")
        SUPERIOR = "superior", _("Cấp trên của cụm")
        NONE = "", _("Không có vai trò nghiệp vụ")

    full_name = UserCharField(_("họ và tên"), max_length=150, blank=True)
    job_title = UserCharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    superior_body = models.ForeignKey(
        SuperiorBody, verbose_name=_("cơ quan cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="accounts",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["officer", "leader"]) | Q(unit__isnull=False),
                name="user_unit_role_needs_unit",
                violation_error_message=_("Công chức, lãnh đạo đơn vị phải thuộc một đơn vị."),
            ),
            models.CheckConstraint(
                condition=(Q(role="superior") & Q(superior_body__isnull=False)
                           & Q(unit__isnull=True))
                | (~Q(role="superior") & Q(superior_body__isnull=True)),
                name="user_superior_role_needs_body",
                violation_error_message=_("Tài khoản cấp trên của cụm phải thuộc một cơ quan cấp "
                                          "trên (và không thuộc đơn vị nào); chỉ tài khoản cấp "
                                          "trên mới gắn với cơ quan cấp trên."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_username()


class SecretariatGrant(models.Model):
    """An explicit grant of the secretariat role for a cluster, beyond the chair unit's staff.
    With no year the grant holds for every year."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE,
        related_name="secretariat_grants",
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.CASCADE, related_name="secretariat_grants"
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, verbose_name=_("người cấp"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày cấp"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyền thư ký cụm")
        verbose_name_plural = _("quyền thư ký cụm")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cluster", "year"], name="secretariatgrant_unique_year",
            ),
            models.UniqueConstraint(
                fields=["user", "cluster"], condition=Q(year__isnull=True),
                name="secretariatgrant_unique_all_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.cluster} ({self.year or 'mọi năm'})"
