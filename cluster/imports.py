"""A cluster's members and their people's accounts from Excel (issue #13, points 4 and 5).

One row per person (or per unit, with the person's columns empty): the unit, found by its
name in the registry (``Unit``, with or without diacritics, or by its short name when only
one unit has it), becomes a member of the cluster from the year on unless a membership
already covers the year; the person's account, found by e-mail (or a username equal to it),
is created or brought up to date. ``members_preview`` checks everything in memory (a fixed
number of queries, whatever the number of rows) and saves nothing; ``members_import`` saves a
valid file in one transaction through ``membership_create`` and ``member_user_save``. Rows
that change nothing are not saved, so the same file imported twice changes nothing.

Past honours (thành tích đã được khen) are imported by ``commendations.imports``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower

from cluster.models import Cluster, Membership, Unit, User
from cluster.permissions import require
from cluster.rules import YearScope
from cluster.services import (
    account_email_send_later,
    leader_grant_refusal,
    member_user_save,
    membership_create,
)
from cluster.spreadsheets import (
    CellError,
    Column,
    Preview,
    RowError,
    RowReader,
    normalize_header,
    read_table,
    to_text,
    write_table,
)

ROLE_NAMES = {User.Role.OFFICER: "Cán bộ", User.Role.LEADER: "Lãnh đạo"}
_ROLE_WORDS = {
    User.Role.OFFICER: ("can bo", "cong chuc", "chuyen vien", "nhan vien", "officer",
                        "cong chuc don vi"),
    User.Role.LEADER: ("lanh dao", "lanh dao don vi", "leader", "giam doc", "pho giam doc"),
}

COLUMNS = (
    Column("unit", "Đơn vị", "Tên chính thức của đơn vị như trong danh mục (ví dụ: Sở Nội vụ "
           "tỉnh Nghệ An), có dấu hoặc không dấu; hoặc tên ngắn nếu không trùng.", required=True,
           aliases=("Tên đơn vị", "Cơ quan", "Đơn vị thành viên"), width=40),
    Column("full_name", "Họ và tên", "Họ và tên người dùng; để trống nếu dòng chỉ thêm đơn "
           "vị vào cụm.", aliases=("Họ tên", "Tên người dùng"), width=28),
    Column("email", "Thư điện tử", "Địa chỉ thư điện tử, cũng là tên đăng nhập; dùng để "
           "nhận ra tài khoản đã có.",
           aliases=("Email", "E-mail", "Địa chỉ thư điện tử", "Hộp thư"), width=32),
    Column("role", "Vai trò", "“Cán bộ” (công chức đơn vị) hoặc “Lãnh đạo” (lãnh đạo đơn vị); "
           "để trống là cán bộ.", aliases=("Vai trò trong hệ thống", "Quyền"), width=12),
    Column("job_title", "Chức vụ", "Ví dụ: Chuyên viên, Phó Giám đốc.",
           aliases=("Chức danh",), width=22),
)
_HEADERS = {c.key: c.header for c in COLUMNS}


def _role(value: Any) -> str:
    text = normalize_header(to_text(value))
    if not text:
        return User.Role.OFFICER
    for role, words in _ROLE_WORDS.items():
        if text in words:
            return role
    raise CellError(f"“{value}” không phải vai trò đã biết; hãy ghi “Cán bộ” hoặc “Lãnh đạo”.")


@dataclass
class MemberRow:
    number: int
    unit: Unit | None = None
    membership: str = "same"  # "new" or "same"
    email: str = ""
    full_name: str = ""
    role: str = ""
    job_title: str = ""
    user: User | None = None
    account: str = ""  # "", "new", "changed", "same"
    errors: list[RowError] = field(default_factory=list)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, "")


@dataclass
class MembersPreview(Preview):
    rows: list[MemberRow] = field(default_factory=list)

    def count(self, what: str, status: str) -> int:
        """A row has two statuses, its membership's and its account's: ``what`` says which."""
        return super().count(status, what=what)


class _Registry:
    """The registry's units by normalised name and short name, read in one query."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Unit]] = {}
        self.by_short: dict[str, list[Unit]] = {}
        for unit in Unit.objects.select_related("successor"):
            self.by_name.setdefault(normalize_header(unit.name), []).append(unit)
            self.by_short.setdefault(normalize_header(unit.short_name), []).append(unit)

    def find(self, text: str, year: int) -> Unit:
        key = normalize_header(text)
        found = self.by_name.get(key) or self.by_short.get(key) or []
        valid = [u for u in found if u.is_valid_in_year(year)] or found
        if not valid:
            raise CellError(f"Không có đơn vị “{text}” trong danh mục; hãy ghi đúng tên chính "
                            "thức (ví dụ: Sở Nội vụ tỉnh Nghệ An).")
        if len(valid) > 1:
            raise CellError(f"Có nhiều đơn vị tên “{text}”; hãy ghi tên chính thức đầy đủ.")
        unit = valid[0]
        if not unit.is_valid_in_year(year):
            after = f"; đơn vị kế thừa: {unit.successor}" if unit.successor_id else ""
            raise CellError(f"{unit} không còn hiệu lực trong năm {year}{after}.")
        return unit


def _field(name: str, value: str) -> str:
    return User._meta.get_field(name).clean(value, None)


def members_preview(*, cluster: Cluster, year: int, data: bytes,
                    acting_user: User | None = None) -> MembersPreview:
    """What importing ``data`` would do, with every error; saves nothing. Raises
    ValidationError when the file itself cannot be read. With ``acting_user``, also what
    ``member_user_save`` would refuse them: a leader for another unit that already has a
    leader signed up."""
    table = read_table(data, columns=COLUMNS)
    preview = MembersPreview(errors=list(table.errors))
    registry = _Registry()
    memberships = list(Membership.objects.filter(cluster=cluster))
    members = {m.unit_id for m in memberships if m.covers(year)}
    emails = set()
    rows = []
    for sheet_row in table.rows:
        values = sheet_row.values
        row = MemberRow(sheet_row.number)

        reader = RowReader(row, values, _HEADERS)
        fail, cell = reader.fail, reader.cell

        unit_text = cell("unit", to_text)
        if not unit_text:
            fail("unit", "Thiếu tên đơn vị.")
        else:
            row.unit = cell("unit", lambda v: registry.find(to_text(v), year))
        row.full_name = cell("full_name", lambda v: _field("full_name", to_text(v))) or ""
        row.job_title = cell("job_title", lambda v: _field("job_title", to_text(v))) or ""
        row.email = (cell("email", to_text) or "").lower()
        row.role = cell("role", _role) or User.Role.OFFICER
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                fail("email", f"“{row.email}” không phải địa chỉ thư điện tử hợp lệ.")
            emails.add(row.email)
        elif row.full_name or values.get("role") or row.job_title:
            fail("email", "Thiếu thư điện tử của người dùng.")
        if row.email and not row.full_name:
            fail("full_name", "Thiếu họ và tên.")
        rows.append(row)
    users: dict[str, list[User]] = {}
    if emails:
        found = User.objects.annotate(lower_email=Lower("email"), lower_name=Lower("username"))
        for user in found.filter(lower_email__in=emails) | found.filter(lower_name__in=emails):
            for key in {user.lower_email, user.lower_name} & emails:
                users.setdefault(key, []).append(user)
    first_row: dict[Any, int] = {}
    for row in rows:
        if row.unit is not None:
            if row.unit.pk in members:
                row.membership = "same"
            else:
                row.membership = "new"
                later = next((m for m in memberships if m.unit_id == row.unit.pk
                              and m.from_year > year), None)
                if later is not None:
                    row.errors.append(RowError(
                        row.number, _HEADERS["unit"],
                        f"{row.unit} đã là thành viên của cụm từ năm {later.from_year}; hãy "
                        "sửa giai đoạn thành viên trong trang quản trị."))
        if row.email:
            if row.email in first_row:
                row.errors.append(RowError(
                    row.number, _HEADERS["email"],
                    f"Thư điện tử {row.email} trùng với dòng {first_row[row.email]}."))
                preview.errors.extend(row.errors)
                continue
            first_row[row.email] = row.number
            matches = {u.pk: u for u in users.get(row.email, [])}
            if len(matches) > 1:
                row.errors.append(RowError(
                    row.number, _HEADERS["email"],
                    f"Có nhiều tài khoản ứng với {row.email}; hãy liên hệ quản trị viên."))
            elif matches:
                user = next(iter(matches.values()))
                if user.is_superuser or user.is_staff or user.unit_id not in members:
                    row.errors.append(RowError(
                        row.number, _HEADERS["email"],
                        f"Tài khoản {row.email} không thuộc một đơn vị thành viên của cụm năm "
                        f"{year}; hãy liên hệ quản trị viên."))
                row.user = user
                same = (user.email.lower(), user.full_name, user.job_title, user.unit_id,
                        user.role) == (row.email, row.full_name, row.job_title,
                                       row.unit.pk if row.unit else None, row.role)
                row.account = "same" if same else "changed"
            else:
                row.account = "new"
        preview.errors.extend(row.errors)
    _check_leaders(rows, preview, acting_user)
    preview.rows = rows
    preview.errors.sort(key=lambda e: e.row)
    return preview


def _check_leaders(rows: list[MemberRow], preview: MembersPreview, acting_user) -> None:
    """The rule of ``services.person_create`` for leaders, on every row at once (one query)."""
    if acting_user is None or acting_user.is_superuser:
        return
    wanted = [row for row in rows if row.unit is not None and row.unit.pk != acting_user.unit_id
              and row.role == User.Role.LEADER and row.account in ("new", "changed")
              and not (row.user and row.user.role == User.Role.LEADER
                       and row.user.unit_id == row.unit.pk)]
    if not wanted:
        return
    signed_up: dict[int, set[int]] = {}
    for leader in User.objects.filter(unit__in=[row.unit.pk for row in wanted],
                                      role=User.Role.LEADER, is_active=True):
        if leader.has_usable_password():
            signed_up.setdefault(leader.unit_id, set()).add(leader.pk)
    for row in wanted:
        if signed_up.get(row.unit.pk, set()) - {row.user.pk if row.user else None}:
            error = RowError(row.number, _HEADERS["role"], leader_grant_refusal(row.unit))
            row.errors.append(error)
            preview.errors.append(error)


@transaction.atomic
def members_import(*, cluster: Cluster, year: int, data: bytes,
                   acting_user: User | None, base_url: str = "") -> MembersPreview:
    """Save a valid file in one transaction: the new memberships (from ``year``, open-ended,
    after the others in rotation order), then the new and changed accounts. Raises
    ValidationError (nothing saved) when the file has any error, checked again here. With
    ``base_url`` (the site's address), each new account is e-mailed an invitation to set its
    password, by a task once the import has committed."""
    require(acting_user, "cluster.manage_members", YearScope(cluster, year))
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    preview = members_preview(cluster=cluster, year=year, data=data, acting_user=acting_user)
    if not preview.is_valid:
        raise ValidationError([
            (f"Dòng {e.row}, cột “{e.column}”: " if e.row else "") + e.message
            for e in preview.errors])
    order = (Membership.objects.filter(cluster=cluster)
             .aggregate(last=Max("rotation_order"))["last"] or 0)
    added = set()
    for row in preview.rows:
        if row.membership == "new" and row.unit.pk not in added:
            order += 1
            membership_create(cluster=cluster, unit=row.unit, from_year=year,
                              rotation_order=order, acting_user=acting_user)
            added.add(row.unit.pk)
    for row in preview.rows:
        if row.account in ("new", "changed"):
            user = member_user_save(
                cluster=cluster, year=year, user=row.user, email=row.email,
                full_name=row.full_name, job_title=row.job_title, unit=row.unit, role=row.role,
                acting_user=acting_user)
            if row.account == "new" and base_url:
                account_email_send_later(
                    user=user, kind="invitation", base_url=base_url,
                    inviter=acting_user.display_name if acting_user else "")
    return preview


def members_workbook(*, cluster: Cluster, year: int) -> bytes:
    """The template, with the cluster's members of the year and their people as rows."""
    from cluster.selectors import membership_active_list

    rows = []
    memberships = membership_active_list(cluster=cluster, year=year)
    staff: dict[int, list[User]] = {}
    for user in (User.objects.filter(unit__in=[m.unit_id for m in memberships], is_active=True,
                                     role__in=list(ROLE_NAMES))
                 .order_by("full_name")):
        staff.setdefault(user.unit_id, []).append(user)
    for membership in memberships:
        people = staff.get(membership.unit_id) or [None]
        for user in people:
            rows.append([membership.unit.name, *(
                [user.full_name, user.email, ROLE_NAMES[user.role], user.job_title]
                if user else ["", "", "", ""])])
    if not rows:
        rows = [["Sở Nội vụ tỉnh Nghệ An", "Nguyễn Văn A", "nguyenvana@example.gov.vn",
                 "Cán bộ", "Chuyên viên"]]
    return write_table(
        title=f"THÀNH VIÊN VÀ TÀI KHOẢN NĂM {year} — {cluster.name}",
        note=("Mỗi người một dòng; dòng chỉ có tên đơn vị thì chỉ thêm đơn vị vào cụm. Tài "
              "khoản mới đăng nhập bằng thư điện tử và nhận thư mời để tự đặt mật khẩu."),
        columns=COLUMNS, rows=rows, sheet_title="Thành viên")
