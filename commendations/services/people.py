"""The person registry's writes (issue #16): find the person a name typed in a nomination or an
imported honour stands for, or record them; follow them to a new unit (a posting); merge two
records of one person.

A person is found again by the name folded (``cluster.text.fold``: case and diacritics
ignored, spaces collapsed) and the date of birth when it is known; without one, by the folded
name among the people who have worked in the unit. Two people of the same name in one unit
without a date of birth are one record until the secretariat tells them apart (a date of
birth) or merges the records made twice (``person_merge``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cluster import selectors as cluster_selectors
from cluster.history import delete_with_history
from cluster.models import Cluster, Unit, User
from cluster.text import fold
from commendations.models import Person, Posting
from commendations.selectors import person_in_cluster
from commendations.services._common import (
    CommendationError,
    CommendationNotAllowed,
    require_manage,
    save,
)


def folded_name(full_name: str) -> str:
    """The key a person is found by: lower case, no diacritics, one space between words."""
    return " ".join(fold(full_name).split())[:150]


def _current_posting(person: Person) -> Posting | None:
    """The person's latest posting: the one with the latest start (undated ones first), the
    last recorded among equals."""
    postings = list(person.postings.all())
    if not postings:
        return None
    return max(postings, key=lambda p: (p.since or datetime.date.min, p.pk))


def _posting_add(*, person: Person, unit: Unit, position: str, workplace: str,
                 since: datetime.date | None, until: datetime.date | None,
                 acting_user: User | None) -> Posting:
    """A new posting; the open posting before it in another unit ends the day it starts."""
    previous = _current_posting(person)
    posting = Posting(person=person, unit=unit, position=(position or "").strip(),
                      workplace=(workplace or "").strip(), since=since, until=until)
    save(posting, acting_user=acting_user, reason="Thêm quá trình công tác")
    if (previous is not None and previous.unit_id != unit.pk and previous.until is None
            and since is not None and (previous.since is None or previous.since <= since)):
        previous.until = since
        save(previous, acting_user=acting_user,
             reason=f"Chuyển công tác sang {unit.short_name or unit.name}")
    return posting


def _require_cluster_or_admin(acting_user: User | None, cluster: Cluster | None) -> None:
    """The secretariat of ``cluster`` in its working year, or an administrator (``None`` is
    the system)."""
    if acting_user is None:
        return
    if cluster is None:
        if not acting_user.is_superuser:
            raise CommendationNotAllowed("Chỉ quản trị viên hoặc thư ký cụm mới được sửa danh "
                                         "bạ cá nhân.")
        return
    year = cluster_selectors.cluster_working_year(cluster=cluster,
                                                  today_year=timezone.localdate().year)
    require_manage(acting_user, cluster=cluster, year=year)


@transaction.atomic
def person_find_or_create(*, full_name: str, unit: Unit, acting_user: User | None,
                          date_of_birth: datetime.date | None = None, gender: str = "",
                          position: str = "", workplace: str = "",
                          is_illustrative: bool = False, is_current: bool = True) -> Person:
    """The person ``full_name`` of ``unit`` stands for, recorded when not found. Callers
    (nominations, the honours import) have checked who may act; the history keeps
    ``acting_user``.

    Found by the folded name and ``date_of_birth`` when it is given (a record of the same name
    in the unit without a date of birth is taken and given it), otherwise by the folded name
    among the people posted to ``unit``. A missing gender or date of birth is filled in.

    ``is_current``: the name is typed for now (a nomination): a person found working in another
    unit gets a posting to ``unit``, they moved. Otherwise (an honour of a past year, imported)
    ``unit`` is only added to their postings when they have never had one there."""
    name = " ".join((full_name or "").split())
    if not name:
        raise CommendationError("Chưa nhập họ và tên của cá nhân.")
    key = folded_name(name)
    people = Person.objects.filter(search_name=key).prefetch_related("postings")
    person = None
    if date_of_birth is not None:
        person = people.filter(date_of_birth=date_of_birth).order_by("pk").first()
    if person is None:
        in_unit = people.filter(postings__unit=unit).distinct().order_by("pk")
        if date_of_birth is not None:
            in_unit = in_unit.filter(date_of_birth__isnull=True)
        person = in_unit.first()
    if person is None:
        person = Person(full_name=name, date_of_birth=date_of_birth, gender=gender or "",
                        created_by=acting_user, is_illustrative=is_illustrative)
        save(person, acting_user=acting_user, reason="Thêm vào danh bạ cá nhân")
        _posting_add(person=person, unit=unit, position=position, workplace=workplace,
                     since=None, until=None, acting_user=acting_user)
        return person
    changed = False
    if date_of_birth is not None and person.date_of_birth is None:
        person.date_of_birth, changed = date_of_birth, True
    if gender and not person.gender:
        person.gender, changed = gender, True
    if changed:
        save(person, acting_user=acting_user, reason="Bổ sung thông tin cá nhân")
    current = _current_posting(person)
    known_here = any(p.unit_id == unit.pk for p in person.postings.all())
    if current is None or (current.unit_id != unit.pk if is_current else not known_here):
        _posting_add(person=person, unit=unit, position=position, workplace=workplace,
                     since=timezone.localdate() if current is not None else None, until=None,
                     acting_user=acting_user)
    elif current.unit_id == unit.pk and ((position and not current.position)
                                         or (workplace and not current.workplace)):
        current.position = current.position or position.strip()
        current.workplace = current.workplace or workplace.strip()
        save(current, acting_user=acting_user, reason="Bổ sung chức vụ, nơi công tác")
    return person


@transaction.atomic
def person_posting_add(*, person: Person, unit: Unit, acting_user: User | None,
                       cluster: Cluster | None = None, position: str = "",
                       workplace: str = "", since: datetime.date | None = None,
                       until: datetime.date | None = None) -> Posting:
    """Record that ``person`` works (worked) in ``unit``: the secretariat of ``cluster``, or
    an administrator. The open posting in another unit before it ends when this one starts."""
    _require_cluster_or_admin(acting_user, cluster)
    return _posting_add(person=person, unit=unit, position=position, workplace=workplace,
                        since=since, until=until, acting_user=acting_user)


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, acting_user: User | None,
                 cluster: Cluster | None = None) -> Person:
    """One person recorded twice: every nomination, granted award, past honour and posting of
    ``duplicate`` moves to ``keep``, which takes the date of birth and gender it lacks; then
    ``duplicate`` is deleted. Each move is in the moved row's history, with both records. The
    secretariat of ``cluster`` (where one of them is known) or an administrator."""
    _require_cluster_or_admin(acting_user, cluster)
    if keep.pk == duplicate.pk:
        raise CommendationError("Hai bản ghi là một, không có gì để gộp.")
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
    if (keep.date_of_birth and duplicate.date_of_birth
            and keep.date_of_birth != duplicate.date_of_birth):
        raise CommendationError("Hai cá nhân có ngày sinh khác nhau, không thể gộp.")
    if keep.gender and duplicate.gender and keep.gender != duplicate.gender:
        raise CommendationError("Hai cá nhân có giới tính khác nhau, không thể gộp.")
    if cluster is not None and acting_user is not None and not acting_user.is_superuser:
        if not (person_in_cluster(person=keep, cluster=cluster)
                and person_in_cluster(person=duplicate, cluster=cluster)):
            raise CommendationNotAllowed("Chỉ gộp được cá nhân có trong cụm của mình.")
    reason = (f"Gộp cá nhân trùng: #{duplicate.pk} {duplicate.full_name} vào "
              f"#{keep.pk} {keep.full_name}")[:100]
    for related in ("nominations", "granted_awards", "past_honours", "postings"):
        for row in getattr(duplicate, related).all():
            row.person = keep
            save(row, acting_user=acting_user, reason=reason)
    if keep.date_of_birth is None and duplicate.date_of_birth is not None:
        keep.date_of_birth = duplicate.date_of_birth
    keep.gender = keep.gender or duplicate.gender
    keep.is_illustrative = keep.is_illustrative and duplicate.is_illustrative
    save(keep, acting_user=acting_user, reason=reason)
    duplicate._change_reason = reason
    delete_with_history(duplicate, acting_user=acting_user)
    return keep


__all__ = ["folded_name", "person_find_or_create", "person_merge", "person_posting_add"]
