"""Conferences, their delegates and the publication of their bulletin."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns.models import Conference, Delegate, LegalDocument
from cluster.history import delete_with_history, save_with_history
from cluster.models import Cluster, Province, Unit, User
from cluster.permissions import require
from cluster.rules import YearScope
from cluster.selectors import cluster_member_units, cluster_year_get
from cluster.text import short_date, vietnamese_slug

FIELDS = ("kind", "signs_pledge", "title", "starts_at", "locality", "province", "venue",
          "agenda", "opening_speaker", "opening_speaker_title", "opening_summary",
          "secretary_name", "achievements", "shortcomings", "solutions", "conclusions",
          "is_illustrative")


def _unique_slug(conference: Conference) -> str:
    day = timezone.localtime(conference.starts_at).date()
    title = vietnamese_slug(conference.title, max_length=90)
    base = "-".join(part for part in (title, f"{day:%d-%m-%Y}") if part)
    slug, n = base, 2
    while Conference.objects.filter(slug=slug).exclude(pk=conference.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _validate(conference: Conference, hosts: list[Unit] | None,
              documents: list[LegalDocument] | None) -> None:
    errors: dict[str, str] = {}
    if not conference.title.strip():
        errors["title"] = "Vui lòng nhập tên hội nghị."
    day: datetime.date | None = None
    if conference.starts_at:
        day = timezone.localtime(conference.starts_at).date()
        if day.year not in (conference.year, conference.year + 1):
            errors["starts_at"] = (
                f"Hội nghị của năm {conference.year} phải họp trong năm {conference.year} "
                f"(hội nghị tổng kết có thể họp đầu năm {conference.year + 1})."
            )
    province: Province | None = conference.province if conference.province_id else None
    if province is not None and day is not None:
        if not Province.objects.valid_on(day).filter(pk=province.pk).exists():
            message = (f"Ngày {short_date(day)}, {province.official_name} không còn (hoặc chưa) "
                       "là đơn vị hành chính có hiệu lực")
            if province.successor_id:
                message += f"; tên chính thức khi đó là {province.successor.official_name}"
            errors["province"] = message + "."
    if hosts is not None and hosts:
        members = {u.pk for u in cluster_member_units(cluster=conference.cluster,
                                                      year=conference.year)}
        outsiders = [u.name for u in hosts if u.pk not in members]
        if outsiders:
            errors["hosts"] = (f"Không phải thành viên của cụm năm {conference.year}: "
                               + ", ".join(outsiders) + ".")
    if documents and any(d.cluster_id != conference.cluster_id for d in documents):
        errors["documents"] = "Văn bản được chọn không thuộc sổ văn bản của cụm."
    if errors:
        raise ValidationError(errors)
    if conference.kind == Conference.Kind.PLEDGE_SIGNING:
        conference.signs_pledge = True


def _default_hosts(cluster: Cluster, year: int) -> list[Unit]:
    """The year's chair and vice-chair co-host (đồng chủ trì) unless told otherwise."""
    cluster_year = cluster_year_get(cluster=cluster, year=year)
    return [cluster_year.chair, cluster_year.vice_chair] if cluster_year else []


def _store(conference, *, hosts, documents, acting_user, reason) -> Conference:
    _validate(conference, hosts, documents)
    if not conference.slug:  # the bulletin's address stays stable once given
        conference.slug = _unique_slug(conference)
    save_with_history(conference, acting_user=acting_user, reason=reason)
    if hosts is not None:
        conference.hosts.set(hosts)
    if documents is not None:
        conference.documents.set(documents)
    return conference


@transaction.atomic
def conference_create(
    *,
    cluster: Cluster,
    year: int,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    province: Province,
    hosts: Iterable[Unit] | None = None,
    documents: Iterable[LegalDocument] = (),
    acting_user: User | None,
    **fields,
) -> Conference:
    """Create a conference. Without ``hosts`` the year's chair and vice-chair co-host it. The
    province must be in force on the day (the official place name of that date)."""
    require(acting_user, "campaigns.manage_year", YearScope(cluster, year))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"conference_create: unknown fields {sorted(unknown)}")
    conference = Conference(cluster=cluster, year=year, kind=kind, title=title.strip(),
                            starts_at=starts_at, province=province, **fields)
    host_list = list(hosts) if hosts else _default_hosts(cluster, year)
    return _store(conference, hosts=host_list, documents=list(documents),
                  acting_user=acting_user, reason="Tạo hội nghị")


@transaction.atomic
def conference_update(
    *,
    conference: Conference,
    hosts: Iterable[Unit] | None = None,
    documents: Iterable[LegalDocument] | None = None,
    acting_user: User | None,
    **fields,
) -> Conference:
    """Change the named fields (see ``FIELDS``); ``hosts=[]`` restores the default hosts."""
    require(acting_user, "campaigns.manage_year", YearScope(conference.cluster, conference.year))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"conference_update: unknown fields {sorted(unknown)}")
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    for name, value in fields.items():
        setattr(conference, name, value.strip() if isinstance(value, str) else value)
    if hosts is not None:
        hosts = list(hosts) or _default_hosts(conference.cluster, conference.year)
    return _store(conference, hosts=hosts,
                  documents=None if documents is None else list(documents),
                  acting_user=acting_user, reason="Sửa hội nghị")


@transaction.atomic
def conference_set_published(
    *, conference: Conference, published: bool, acting_user: User | None
) -> Conference:
    """Publish the conference's bulletin (readable without login) or withdraw it. A bulletin
    tells what took place: it is published only once the conference has begun."""
    require(acting_user, "campaigns.manage_year", YearScope(conference.cluster, conference.year))
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if published and not conference.has_taken_place:
        start = timezone.localtime(conference.starts_at)
        raise ValidationError(
            f"Hội nghị chưa diễn ra (họp lúc {start:%H:%M} ngày {short_date(start.date())}): "
            "bản tin chỉ được công bố sau khi hội nghị đã họp.")
    if published and not conference.published_at:
        conference.published_at = timezone.now()
        conference.published_by = acting_user
    elif not published:
        conference.published_at = None
        conference.published_by = None
    save_with_history(conference, acting_user=acting_user,
         reason="Công bố bản tin" if published else "Thu hồi bản tin")
    return conference


@transaction.atomic
def delegate_add(
    *,
    conference: Conference,
    job_title: str,
    full_name: str = "",
    unit: Unit | None = None,
    unit_name: str = "",
    order: int | None = None,
    acting_user: User | None,
) -> Delegate:
    """Add a delegate: a member unit's person, or a guest of another body (``unit_name``)."""
    require(acting_user, "campaigns.manage_year", YearScope(conference.cluster, conference.year))
    errors = {}
    if not job_title.strip():
        errors["job_title"] = "Vui lòng nhập chức vụ của đại biểu."
    if unit is None and not unit_name.strip():
        errors["unit"] = "Vui lòng chọn đơn vị hoặc nhập tên cơ quan của đại biểu."
    if unit is not None and unit_name.strip():
        errors["unit_name"] = "Chỉ chọn đơn vị thành viên hoặc nhập cơ quan khác, không cả hai."
    if unit is not None and unit not in cluster_member_units(cluster=conference.cluster,
                                                             year=conference.year):
        errors["unit"] = f"{unit.name} không phải là thành viên của cụm năm {conference.year}."
    if errors:
        raise ValidationError(errors)
    if order is None:
        order = conference.delegates.count() + 1
    delegate = Delegate(conference=conference, full_name=full_name.strip(),
                        job_title=job_title.strip(), unit=unit, unit_name=unit_name.strip(),
                        order=order)
    save_with_history(delegate, acting_user=acting_user, reason="Thêm đại biểu")
    return delegate


@transaction.atomic
def delegate_remove(*, delegate: Delegate, acting_user: User | None) -> None:
    conference = delegate.conference
    require(acting_user, "campaigns.manage_year", YearScope(conference.cluster, conference.year))
    delete_with_history(delegate, acting_user=acting_user)
