"""Writes to the cluster registry. Each function is atomic, validates the whole change before
saving anything, and records the acting user in the history (django-simple-history)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cluster.history import delete_with_history, save_with_history
from cluster.models import (
    Cluster,
    ClusterYear,
    Membership,
    Province,
    Unit,
    User,
    cluster_unique_slug,
)
from cluster.permissions import require
from cluster.rules import UnitScope, YearScope
from cluster.selectors import cluster_year_get, forget_roles, units_in_force
from cluster.text import vietnamese_slug


@transaction.atomic
def membership_create(
    *,
    cluster: Cluster,
    unit: Unit,
    from_year: int,
    to_year: int | None = None,
    rotation_order: int = 0,
    is_illustrative: bool = False,
    acting_user: User | None = None,
) -> Membership:
    # Lock the cluster row so two overlapping memberships cannot both pass the overlap check.
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    membership = Membership(
        cluster=cluster,
        unit=unit,
        from_year=from_year,
        to_year=to_year,
        rotation_order=rotation_order,
        is_illustrative=is_illustrative,
    )
    save_with_history(membership, acting_user=acting_user)
    return membership


@transaction.atomic
def unit_set_successor(*, unit: Unit, successor: Unit | None, acting_user: User | None) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit.successor = successor
    save_with_history(unit, acting_user=acting_user)
    return unit


@transaction.atomic
def province_set_successor(
    *, province: Province, successor: Province | None, acting_user: User | None
) -> Province:
    province = Province.objects.select_for_update().get(pk=province.pk)
    province.successor = successor
    save_with_history(province, acting_user=acting_user)
    return province


def cluster_year_set_roles(
    *,
    cluster: Cluster,
    year: int,
    chair: Unit,
    vice_chair: Unit,
    acting_user: User | None,
    note: str = "",
    is_illustrative: bool = False,
) -> ClusterYear:
    """Set (or change) the chair and vice-chair of a cluster's year. Both must be members that
    year and must differ; anything else raises ValidationError and saves nothing."""
    require(acting_user, "cluster.confirm_roles", YearScope(cluster, year))
    try:
        with transaction.atomic():
            Cluster.objects.select_for_update().get(pk=cluster.pk)
            cluster_year = (
                ClusterYear.objects.select_for_update().filter(cluster=cluster, year=year).first()
                or ClusterYear(cluster=cluster, year=year)
            )
            cluster_year.chair = chair
            cluster_year.vice_chair = vice_chair
            cluster_year.note = note
            cluster_year.is_illustrative = is_illustrative
            cluster_year.confirmed_by = acting_user
            cluster_year.confirmed_at = timezone.now()
            save_with_history(cluster_year, acting_user=acting_user,
                              reason="Xác nhận Cụm trưởng, Cụm phó")
            forget_roles(acting_user)  # the permission was checked on the old chairs
            return cluster_year
    except IntegrityError as exc:  # a concurrent confirmation won the race
        raise ValidationError(
            "Cụm trưởng, Cụm phó năm %(year)s vừa được người khác xác nhận. Vui lòng tải lại "
            "trang và kiểm tra." % {"year": year}
        ) from exc


@dataclass(frozen=True)
class RotationProposal:
    year: int
    chair: Unit | None
    vice_chair: Unit | None
    reason: str


def _current_form(unit: Unit, member_ids: set[int]) -> Unit | None:
    """The unit itself if a member, else the first member in its successor chain."""
    seen = set()
    while unit is not None and unit.pk not in seen:
        if unit.pk in member_ids:
            return unit
        seen.add(unit.pk)
        unit = unit.successor
    return None


def rotation_propose(*, cluster: Cluster, year: int) -> RotationProposal:
    """Propose the chair and vice-chair of ``year`` by the rotation rule (docs/rotation.md):

    1. last year's vice-chair (or the unit that succeeded it) becomes chair;
    2. the vice-chair is the next member after the new chair in the cluster's rotation order,
       wrapping around, skipping last year's chair;
    3. with no previous year, the first two members in rotation order.

    The secretariat confirms or overrides the proposal."""
    memberships = sorted(
        Membership.objects.active_in(year).filter(cluster=cluster).select_related("unit"),
        key=lambda m: (m.rotation_order, m.unit.short_name),
    )
    order = [m.unit for m in memberships]
    member_ids = {u.pk for u in order}
    if len(order) < 2:
        return RotationProposal(
            year, None, None, "Cụm cần ít nhất hai thành viên trong năm để luân phiên."
        )
    previous = cluster_year_get(cluster=cluster, year=year - 1)
    if previous is None:
        return RotationProposal(
            year, order[0], order[1],
            "Chưa có Cụm trưởng, Cụm phó năm trước: đề xuất hai đơn vị đầu theo thứ tự luân phiên.",
        )
    chair = _current_form(previous.vice_chair, member_ids)
    reason = f"Cụm phó năm {year - 1} ({previous.vice_chair.short_name}) làm Cụm trưởng"
    if chair is None:
        old_chair = _current_form(previous.chair, member_ids)
        start = order.index(old_chair) + 1 if old_chair else 0
        chair = order[start % len(order)]
        reason = "Cụm phó năm trước không còn là thành viên: lấy đơn vị kế tiếp theo thứ tự"
    elif chair.pk != previous.vice_chair_id:
        reason += f" (nay là {chair.short_name})"
    index = order.index(chair)
    previous_chair = _current_form(previous.chair, member_ids)
    vice_chair = None
    for step in range(1, len(order)):
        candidate = order[(index + step) % len(order)]
        if candidate != previous_chair or len(order) == 2:
            vice_chair = candidate
            break
    reason += "; Cụm phó là đơn vị kế tiếp theo thứ tự luân phiên."
    return RotationProposal(year, chair, vice_chair, reason)


def _log_user(user: User, *, acting_user: User | None, created: bool, message: str) -> None:
    """The admin's log of changes to ``User`` (which keeps no history table): who did what."""
    if acting_user is None or not acting_user.pk:
        return
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=acting_user.pk, queryset=[user], action_flag=ADDITION if created else CHANGE,
        change_message=message, single_object=True,
    )


@transaction.atomic
def member_user_save(
    *,
    cluster: Cluster,
    year: int,
    user: User | None,
    email: str,
    full_name: str,
    unit: Unit,
    role: str,
    job_title: str = "",
    acting_user: User | None,
) -> User:
    """Create (``user=None``) or change the account of a person of a member unit, by the
    secretariat of the year. A new account's username is its e-mail and it has no usable
    password (the person sets one through the password reset or an invitation). Refused:
    a unit that is not a member that year, a role other than officer or leader, an account of
    an administrator or of a unit outside the cluster, an e-mail another account has."""
    require(acting_user, "cluster.manage_members", YearScope(cluster, year))
    # Read now, not from the request's cache: this transaction may just have added members.
    members = set(Membership.objects.active_in(year).filter(cluster=cluster)
                  .values_list("unit_id", flat=True))
    if unit.pk not in members:
        raise ValidationError({"unit": f"{unit} không phải thành viên của cụm năm {year}."})
    if role not in (User.Role.OFFICER, User.Role.LEADER):
        raise ValidationError({"role": "Vai trò phải là công chức hoặc lãnh đạo đơn vị."})
    email = email.strip().lower()
    others = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    created = user is None
    if created:
        if others.exists():
            raise ValidationError({"email": f"Đã có tài khoản dùng thư điện tử {email}."})
        user = User(username=email)
        user.set_unusable_password()
    else:
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_superuser or user.is_staff or user.unit_id not in members:
            raise ValidationError(
                {"email": f"Tài khoản {email} không thuộc một đơn vị thành viên của cụm; hãy "
                          "liên hệ quản trị viên."})
        if others.exclude(pk=user.pk).exists():
            raise ValidationError({"email": f"Đã có tài khoản khác dùng thư điện tử {email}."})
    _check_leader_grant(unit=unit, person=None if created else user, role=role,
                        acting_user=acting_user)
    before = (user.email, user.full_name, user.job_title, user.unit_id, user.role)
    user.email, user.full_name, user.job_title = email, full_name, job_title
    user.unit, user.role = unit, role
    user.full_clean(exclude=["password"])
    user.save()
    changed = [label for label, old, new in zip(
        ("thư điện tử", "họ và tên", "chức vụ", "đơn vị", "vai trò"), before,
        (user.email, user.full_name, user.job_title, user.unit_id, user.role), strict=True)
        if old != new]
    _log_user(user, acting_user=acting_user, created=created,
              message="Tạo tài khoản (nhập từ Excel)" if created
              else "Sửa " + ", ".join(changed) + " (nhập từ Excel)")
    return user


# --- People's accounts in the app (issue #13, point 4) ---------------------------------------
# The secretariat of a year manages the people of every member unit, a unit's leader those of
# their own unit (``cluster.manage_unit_people``). Only officers and leaders are made or
# changed here: never an administrator, an observer or a staff account, and nobody can give
# more than the leader's role. ``User`` keeps no history table: each change is a row of the
# admin's log (``_log_user``), which the user's "History" page in admin shows.

PEOPLE_ROLES = (User.Role.OFFICER, User.Role.LEADER)


def account_email_send_later(*, user: User, kind: str, base_url: str, inviter: str = "") -> None:
    """Have ``cluster.tasks.send_account_email`` e-mail ``user`` the link of ``kind`` once the
    current transaction commits (nothing is sent if it rolls back; never in the request)."""
    from cluster.tasks import send_account_email

    user_id = user.pk
    transaction.on_commit(lambda: send_account_email.enqueue(
        user_id=user_id, kind=kind, base_url=base_url, inviter=inviter))


def _check_people_scope(*, cluster: Cluster, year: int, unit_ids, acting_user) -> None:
    for unit_id in unit_ids:
        require(acting_user, "cluster.manage_unit_people", UnitScope(cluster, year, unit_id))


def _clean_email(email: str, *, exclude_pk: int | None = None) -> str:
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Vui lòng nhập thư điện tử."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": f"“{email}” không phải địa chỉ thư điện tử hợp lệ."}) from None
    others = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    if others.exclude(pk=exclude_pk).exists():
        raise ValidationError({"email": f"Đã có tài khoản dùng thư điện tử {email}."})
    return email


def _check_role(role: str) -> None:
    if role not in PEOPLE_ROLES:
        raise ValidationError(
            {"role": "Vai trò chỉ có thể là công chức đơn vị hoặc lãnh đạo đơn vị."})


def _managed_person(person: User) -> User:
    """The person, locked; refused when not an officer or leader of a unit."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_superuser or person.is_staff or person.role not in PEOPLE_ROLES \
            or person.unit_id is None:
        raise ValidationError("Tài khoản này không phải của cán bộ, lãnh đạo một đơn vị; hãy "
                              "liên hệ quản trị viên.")
    return person


def _save_person(person: User, *, acting_user, created: bool, message: str) -> None:
    try:
        with transaction.atomic():
            save_with_history(person, acting_user=acting_user, exclude=["password"])
    except IntegrityError:  # a concurrent request took the same username
        raise ValidationError(
            {"email": f"Đã có tài khoản dùng thư điện tử {person.email}."}) from None
    _log_user(person, acting_user=acting_user, created=created, message=message)


def _check_leader_grant(*, unit: Unit, person: User | None, role: str, acting_user) -> None:
    """A leader signs the unit's pledge and casts its ballot: outside the unit, only the first
    leader of a unit that has none signed up yet may be given by the secretariat; after that
    the unit's own leader does it (the administrator always may)."""
    if role != User.Role.LEADER or (person is not None and person.role == User.Role.LEADER
                                    and person.unit_id == unit.pk):
        return
    if acting_user is None or acting_user.is_superuser or acting_user.unit_id == unit.pk:
        return
    leaders = User.objects.filter(unit=unit, role=User.Role.LEADER, is_active=True)
    if person is not None:
        leaders = leaders.exclude(pk=person.pk)
    if any(leader.has_usable_password() for leader in leaders):
        raise ValidationError({"role": leader_grant_refusal(unit)})


def leader_grant_refusal(unit: Unit) -> str:
    return (f"{unit} đã có lãnh đạo sử dụng phần mềm: chỉ lãnh đạo của đơn vị mới giao thêm "
            "vai trò lãnh đạo.")


@transaction.atomic
def person_create(*, cluster: Cluster, year: int, unit: Unit, full_name: str, email: str,
                  role: str, job_title: str = "", acting_user: User | None,
                  base_url: str) -> User:
    """A new officer or leader of ``unit`` (a member that year), signing in with ``email``,
    with no usable password: an invitation to set one is e-mailed after the commit."""
    _check_people_scope(cluster=cluster, year=year, unit_ids=[unit.pk], acting_user=acting_user)
    _check_role(role)
    _check_leader_grant(unit=unit, person=None, role=role, acting_user=acting_user)
    if not (full_name or "").strip():
        raise ValidationError({"full_name": "Vui lòng nhập họ và tên."})
    email = _clean_email(email)
    person = User(username=email, email=email, full_name=full_name, job_title=job_title,
                  unit=unit, role=role)
    person.set_unusable_password()
    _save_person(person, acting_user=acting_user, created=True,
                 message="Tạo tài khoản, gửi lời mời")
    account_email_send_later(user=person, kind="invitation", base_url=base_url,
                             inviter=acting_user.display_name if acting_user else "")
    return person


@transaction.atomic
def person_update(*, cluster: Cluster, year: int, person: User, full_name: str, email: str,
                  role: str, job_title: str = "", unit: Unit | None = None,
                  acting_user: User | None) -> User:
    """Change a person's name, e-mail (and their username, when it was the e-mail), role,
    title or unit (``unit``: another member unit, for the secretariat). Nobody changes their
    own role or unit here."""
    _check_people_scope(cluster=cluster, year=year, unit_ids=[person.unit_id],
                        acting_user=acting_user)
    person = _managed_person(person)
    unit = unit or person.unit
    if unit.pk != person.unit_id:
        _check_people_scope(cluster=cluster, year=year, unit_ids=[unit.pk],
                            acting_user=acting_user)
    _check_role(role)
    _check_leader_grant(unit=unit, person=person, role=role, acting_user=acting_user)
    if acting_user is not None and person.pk == acting_user.pk and (
            role != person.role or unit.pk != person.unit_id):
        raise ValidationError({"role": "Đồng chí không thể tự đổi vai trò hoặc đơn vị của mình."})
    if not (full_name or "").strip():
        raise ValidationError({"full_name": "Vui lòng nhập họ và tên."})
    email = _clean_email(email, exclude_pk=person.pk)
    if email != (person.email or "").lower() and person.has_usable_password() and not (
            acting_user is None or acting_user.is_superuser
            or acting_user.unit_id == person.unit_id):
        # Whoever sets the e-mail can have the reset link sent there: the account of another
        # unit's person (a leader who votes) is not the secretariat's to take over.
        raise ValidationError({"email": "Tài khoản đã đặt mật khẩu: chỉ người dùng đó hoặc "
                                        "lãnh đạo đơn vị của họ mới được đổi thư điện tử."})
    before = (person.email, person.full_name, person.job_title, person.unit_id, person.role)
    if person.username.lower() == (person.email or "").lower() and email != person.email:
        person.username = email
    person.email, person.full_name, person.job_title = email, full_name, job_title
    person.unit, person.role = unit, role
    after = (person.email, person.full_name, person.job_title, person.unit_id, person.role)
    changed = [label for label, old, new in zip(
        ("thư điện tử", "họ và tên", "chức vụ", "đơn vị", "vai trò"), before, after, strict=True)
        if old != new]
    if changed:
        _save_person(person, acting_user=acting_user, created=False,
                     message="Sửa " + ", ".join(changed))
    return person


@transaction.atomic
def person_set_active(*, cluster: Cluster, year: int, person: User, active: bool,
                      acting_user: User | None) -> User:
    """Deactivate (the person can no longer sign in; links sent to them stop working) or
    reactivate an account. Nobody deactivates their own."""
    _check_people_scope(cluster=cluster, year=year, unit_ids=[person.unit_id],
                        acting_user=acting_user)
    person = _managed_person(person)
    if not active and acting_user is not None and person.pk == acting_user.pk:
        raise ValidationError("Đồng chí không thể tự khóa tài khoản của mình.")
    if person.is_active != active:
        person.is_active = active
        _save_person(person, acting_user=acting_user, created=False,
                     message="Mở lại tài khoản" if active else "Khóa tài khoản")
    return person


@transaction.atomic
def person_invite(*, cluster: Cluster, year: int, person: User, acting_user: User | None,
                  base_url: str) -> User:
    """E-mail the invitation again (a new link; an earlier one stays valid until it expires
    or the password is set), to an active person who has not set a password yet."""
    _check_people_scope(cluster=cluster, year=year, unit_ids=[person.unit_id],
                        acting_user=acting_user)
    person = _managed_person(person)
    if not person.is_active:
        raise ValidationError("Tài khoản đang bị khóa; hãy mở lại trước khi gửi lời mời.")
    if person.has_usable_password():
        raise ValidationError(f"{person.display_name} đã đặt mật khẩu; nếu quên, họ dùng "
                              "“Quên mật khẩu?” trên trang đăng nhập.")
    if not person.email:
        raise ValidationError({"email": "Tài khoản chưa có thư điện tử."})
    _log_user(person, acting_user=acting_user, created=False, message="Gửi lại lời mời")
    account_email_send_later(user=person, kind="invitation", base_url=base_url,
                             inviter=acting_user.display_name if acting_user else "")
    return person


# --- The guided set-up of a new cluster (issue #13, point 3; cluster/setup_views.py) ----------


def cluster_create(
    *,
    name: str,
    kind: str = Cluster.Kind.CLUSTER,
    superior_body: str = "Bộ Nội vụ",
    series_code: str = "CTĐ",
    slug: str = "",
    acting_user: User | None,
) -> Cluster:
    """Create a cluster (Cụm) or block (Khối), by an administrator. A slug typed by hand goes
    through ``vietnamese_slug`` too ("Đồng Tháp" -> "dong-thap"); left empty it is made from
    the name (``cluster_unique_slug``, numbered when taken). A name or a typed slug another
    cluster has is refused."""
    require(acting_user, "cluster.run_setup")
    name = " ".join((name or "").split())
    slug = vietnamese_slug(slug or "", max_length=Cluster._meta.get_field("slug").max_length)
    errors = {}
    if name and Cluster.objects.filter(name__iexact=name).exists():
        errors["name"] = f"Đã có cụm, khối thi đua tên “{name}”."
    if slug and Cluster.objects.filter(slug=slug).exists():
        errors["slug"] = (f"Mã đường dẫn “{slug}” đã được cụm khác dùng. Hãy chọn mã khác, "
                          "hoặc để trống để phần mềm tự tạo từ tên cụm.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            cluster = Cluster(name=name, kind=kind, superior_body=superior_body,
                              series_code=series_code,
                              slug=slug or (cluster_unique_slug(name) if name else ""))
            save_with_history(cluster, acting_user=acting_user, reason="Thiết lập cụm mới")
    except IntegrityError as exc:  # another administrator created it a moment before
        raise ValidationError(f"Vừa có cụm khác được tạo với tên “{name}” hoặc cùng mã đường "
                              "dẫn. Vui lòng tải lại trang và kiểm tra.") from exc
    return cluster


@transaction.atomic
def cluster_members_choose(
    *, cluster: Cluster, year: int, units: list[Unit], acting_user: User | None,
) -> list[Membership]:
    """The members of a new cluster from ``year`` on, in rotation order (the order of
    ``units``). A unit already a member that year keeps its membership and takes its new place
    in the rotation; a member left out stops being one: its membership is removed when it
    began that year, or ends the year before. Refused, saving nothing: no unit or only one (a
    cluster needs a chair and a vice-chair), a unit not in force in ``year``, or leaving out
    the chair or vice-chair already confirmed for ``year``."""
    require(acting_user, "cluster.run_setup")
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    units = list(dict.fromkeys(units))  # the first place of a unit chosen twice
    if not units:
        raise ValidationError({"units": "Chưa chọn đơn vị thành viên nào. Hãy đánh dấu các đơn "
                                        "vị của cụm trong danh sách."})
    if len(units) < 2:
        raise ValidationError({"units": "Cụm cần ít nhất hai đơn vị thành viên để có Cụm "
                                        "trưởng và Cụm phó."})
    available = set(units_in_force(year=year).filter(pk__in=[u.pk for u in units])
                    .values_list("pk", flat=True))
    outdated = [u for u in units if u.pk not in available]
    if outdated:
        raise ValidationError({"units": "Không còn hiệu lực trong năm %(year)s: %(names)s." % {
            "year": year, "names": ", ".join(u.name for u in outdated)}})
    current = {m.unit_id: m for m in Membership.objects.active_in(year).filter(cluster=cluster)
               .select_for_update()}
    chosen = {u.pk for u in units}
    roles = ClusterYear.objects.filter(cluster=cluster, year=year).first()
    if roles is not None and not {roles.chair_id, roles.vice_chair_id} <= chosen:
        raise ValidationError({"units": "Không thể bỏ Cụm trưởng hoặc Cụm phó năm %(year)s đã "
                                        "được xác nhận (%(chair)s, %(vice)s)." % {
            "year": year, "chair": roles.chair, "vice": roles.vice_chair}})
    for unit_id, membership in current.items():
        if unit_id in chosen:
            continue
        if membership.from_year >= year:
            delete_with_history(membership, acting_user=acting_user)
        else:
            membership.to_year = year - 1
            save_with_history(membership, acting_user=acting_user,
                              reason="Thiết lập cụm: không còn là thành viên")
    result = []
    for position, unit in enumerate(units, start=1):
        membership = current.get(unit.pk)
        if membership is None:
            membership = membership_create(cluster=cluster, unit=unit, from_year=year,
                                           rotation_order=position, acting_user=acting_user)
        elif membership.rotation_order != position:
            membership.rotation_order = position
            save_with_history(membership, acting_user=acting_user,
                              reason="Thiết lập cụm: thứ tự luân phiên")
        result.append(membership)
    return result


@dataclass(frozen=True)
class OfficerAccount:
    """One row of the set-up's accounts step: the officer of a member unit."""

    unit: Unit
    email: str
    full_name: str = ""
    job_title: str = ""


def member_officers_create(
    *, cluster: Cluster, year: int, accounts: list[OfficerAccount], acting_user: User | None,
    base_url: str = "",
) -> list[User]:
    """One officer account per row, for member units of the cluster in ``year``, each through
    ``member_user_save`` (the username is the e-mail, no usable password). With ``base_url``,
    each person is e-mailed an invitation to set their password after the commit
    (``account_email_send_later``). All or nothing: a refusal of any row is raised with every
    row's refusal, keyed by the unit's id (``str(unit.pk)``), and nothing is saved or sent."""
    require(acting_user, "cluster.manage_members", YearScope(cluster, year))
    if not accounts:
        raise ValidationError("Chưa nhập tài khoản nào: nhập thư điện tử của ít nhất một đơn "
                              "vị, hoặc bỏ qua bước này.")
    errors: dict[str, list[str]] = {}
    created = []
    with transaction.atomic():
        for row in accounts:
            try:
                with transaction.atomic():
                    created.append(member_user_save(
                        cluster=cluster, year=year, user=None, email=row.email,
                        full_name=row.full_name, job_title=row.job_title, unit=row.unit,
                        role=User.Role.OFFICER, acting_user=acting_user))
            except ValidationError as refusal:
                errors[str(row.unit.pk)] = refusal.messages
        if errors:
            raise ValidationError(errors)
        if base_url:
            inviter = acting_user.display_name if acting_user else ""
            for user in created:
                account_email_send_later(user=user, kind="invitation", base_url=base_url,
                                         inviter=inviter)
    return created


__all__ = [
    "PEOPLE_ROLES", "OfficerAccount", "RotationProposal", "account_email_send_later",
    "cluster_create", "cluster_members_choose", "cluster_year_set_roles", "leader_grant_refusal",
    "member_officers_create", "member_user_save", "membership_create", "person_create",
    "person_invite", "person_set_active", "person_update", "province_set_successor",
    "rotation_propose", "unit_set_successor",
]
