"""Members and their people's accounts from Excel: preview, confirm, twice = no change, the
accounts a secretariat may not touch."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError

from cluster import imports
from cluster.models import Membership, User
from tests.factories import ClusterFactory, MembershipFactory, UnitFactory, UserFactory
from tests.spreadsheet_files import xlsx

pytestmark = pytest.mark.django_db
HEADER = ["Đơn vị", "Họ và tên", "Thư điện tử", "Vai trò", "Chức vụ"]


@pytest.fixture
def setup():
    cluster = ClusterFactory()
    member = MembershipFactory(cluster=cluster, from_year=2020).unit
    joining = UnitFactory(name="Sở Nội vụ tỉnh Đồng Tháp", short_name="Đồng Tháp")
    other = UnitFactory(name="Sở Nội vụ tỉnh An Giang", short_name="An Giang")
    return cluster, member, joining, other


def rows_for(member, joining, other):
    return [
        [member.name, "Nguyễn Thị Hoa", "Hoa.NT@example.gov.vn", "Cán bộ", "Chuyên viên"],
        ["so noi vu tinh dong thap", "Trần Văn Bình", "binhtv@example.gov.vn", "lãnh đạo",
         "Phó Giám đốc"],
        [other.name, None, None, None, None],
        [None, None, None, None, None],
    ]


def run(cluster, data, year=2024):
    return imports.members_import(cluster=cluster, year=year, data=data, acting_user=None)


def test_preview_then_confirm_creates_memberships_and_accounts_and_twice_changes_nothing(
        setup):
    cluster, member, joining, other = setup
    data = xlsx(HEADER, rows_for(member, joining, other), title="DANH SÁCH THÀNH VIÊN")
    preview = imports.members_preview(cluster=cluster, year=2024, data=data)
    assert preview.is_valid, preview.errors
    assert [(r.number, r.unit, r.membership, r.account) for r in preview.rows] == [
        (3, member, "same", "new"), (4, joining, "new", "new"), (5, other, "new", "")]
    assert not User.objects.filter(email__icontains="example.gov.vn").exists()
    run(cluster, data)
    hoa = User.objects.get(username="hoa.nt@example.gov.vn")
    assert (hoa.email, hoa.full_name, hoa.unit, hoa.role, hoa.job_title) == (
        "hoa.nt@example.gov.vn", "Nguyễn Thị Hoa", member, User.Role.OFFICER, "Chuyên viên")
    assert not hoa.has_usable_password()
    binh = User.objects.get(email="binhtv@example.gov.vn")
    assert (binh.unit, binh.role) == (joining, User.Role.LEADER)
    joined = Membership.objects.get(cluster=cluster, unit=joining)
    assert (joined.from_year, joined.to_year) == (2024, None)
    assert Membership.objects.filter(cluster=cluster, unit=other).exists()
    counts = (Membership.objects.count(), User.objects.count(), LogEntry.objects.count(),
              Membership.history.count())
    again = run(cluster, data)
    assert {(r.membership, r.account) for r in again.rows} == {("same", "same"), ("same", "")}
    assert counts == (Membership.objects.count(), User.objects.count(),
                      LogEntry.objects.count(), Membership.history.count())


def test_a_changed_person_is_updated_and_logged_with_the_acting_user(setup):
    cluster, member, joining, other = setup
    secretary = UserFactory(unit=member, is_superuser=True)
    data = xlsx(HEADER, rows_for(member, joining, other))
    imports.members_import(cluster=cluster, year=2024, data=data, acting_user=secretary)
    rows = rows_for(member, joining, other)
    rows[0][3] = "Lãnh đạo"
    result = imports.members_import(cluster=cluster, year=2024, data=xlsx(HEADER, rows),
                                    acting_user=secretary)
    assert [r.account for r in result.rows[:2]] == ["changed", "same"]
    assert User.objects.get(email="hoa.nt@example.gov.vn").role == User.Role.LEADER
    entry = LogEntry.objects.filter(user=secretary).order_by("-pk").first()
    assert entry.change_message == "Sửa vai trò (nhập từ Excel)"


def test_errors_name_row_and_column_and_nothing_is_saved(setup):
    cluster, member, joining, other = setup
    outsider = UserFactory(email="ngoai@example.gov.vn", unit=UnitFactory())
    UserFactory(email="admin@example.gov.vn", unit=None, role="", is_superuser=True)
    rows = [
        ["Sở Nội vụ tỉnh Không Có", "A", "a@example.gov.vn", "", ""],
        [member.name, "B", "khong-phai-email", "", ""],
        [member.name, "C", "c@example.gov.vn", "Giám sát", ""],
        [member.name, "D", "C@example.gov.vn", "", ""],
        [member.name, "E", "ngoai@example.gov.vn", "", ""],
        [member.name, "F", "admin@example.gov.vn", "", ""],
        [member.name, "G", None, "", ""],
    ]
    data = xlsx(HEADER, rows)
    preview = imports.members_preview(cluster=cluster, year=2024, data=data)
    assert [(e.row, e.column) for e in preview.errors] == [
        (3, "Đơn vị"), (4, "Thư điện tử"), (5, "Vai trò"), (6, "Thư điện tử"),
        (7, "Thư điện tử"), (8, "Thư điện tử"), (9, "Thư điện tử")]
    text = " ".join(e.message for e in preview.errors)
    assert "Không có đơn vị “Sở Nội vụ tỉnh Không Có” trong danh mục" in text
    assert "trùng với dòng 5" in text
    assert "không thuộc một đơn vị thành viên của cụm" in text
    before = User.objects.count()
    with pytest.raises(ValidationError):
        run(cluster, data)
    assert User.objects.count() == before
    outsider.refresh_from_db()
    assert outsider.full_name != "E"


def test_the_template_lists_the_members_and_their_people_and_reads_back_unchanged(setup):
    cluster, member, joining, other = setup
    UserFactory(unit=member, email="x@example.gov.vn", full_name="Lê Văn X")
    data = imports.members_workbook(cluster=cluster, year=2024)
    preview = imports.members_preview(cluster=cluster, year=2024, data=data)
    # The factory's account has a username that is not its e-mail: matched by e-mail.
    assert [(r.unit, r.email, r.account) for r in preview.rows] == [
        (member, "x@example.gov.vn", "same")]
