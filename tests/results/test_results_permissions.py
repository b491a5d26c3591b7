"""Every URL of unit results × every role, with the expected answer per cell and what a 200
must show (in the manner of pretix's test_permissions). A unit's staff see and edit their own
report; only its leader submits; the secretariat (canbo.quangtri: Quảng Trị chaired 2022 and
acts for 2023 until that year's chair is confirmed) and the observer read a report once
submitted; nobody else sees it (404). Superusers read a report, like the secretariat, only
once it is submitted, and write none (issue #10: a superuser read units' drafts).

The demo cluster's 2023 periods: mid-year open for submissions (Nghệ An's draft, Thanh Hóa's
submitted report with a file), year-end in the explanation phase (Nghệ An's report reviewed
with an adjusted criterion). Each request runs in a savepoint that is rolled back."""

from dataclasses import dataclass

import pytest
import rules
from django.db import transaction
from django.test import Client

from results.models import EvidenceFile, ReportingPeriod, UnitReport
from results.rules import ReportScope, is_report_successor_staff
from results.services import results as services
from tests.results.factories_results import YEAR, ReportingPeriodFactory, pdf
from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import BASE, SLUG, save

pytestmark = pytest.mark.django_db
State = UnitReport.State
Phase = ReportingPeriod.Phase

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "admin",
         "canbo.gialai"]
LOGIN = "login"
NONE = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}
UNROUTED = dict.fromkeys(ROLES, 404)  # a period the URL converter refuses: no page, no login
READ = NONE | {"canbo.nghean": 200, "lanhdao.nghean": 200, "canbo.quangtri": 200,
               "bonoivu": 200, "admin": 200}
MANAGE = NONE | {"canbo.quangtri": 200, "admin": 200}
MANAGE_ACTION = NONE | {"canbo.quangtri": 302, "admin": 302}
# A draft is the unit's own until it is submitted: not the superuser's either (issue #10).
OWN_DRAFT = NONE | {"canbo.nghean": 200, "lanhdao.nghean": 200}
OWN_EDIT = NONE | {"canbo.nghean": 200, "lanhdao.nghean": 200}
OWN_EDIT_POST = NONE | {"canbo.nghean": 302, "lanhdao.nghean": 302}
LEADER = NONE | {"lanhdao.nghean": 200}
LEADER_POST = NONE | {"lanhdao.nghean": 302}
SUBMITTED_OWN = READ
SUBMITTED_OTHER = NONE | {"canbo.quangtri": 200, "bonoivu": 200, "admin": 200}
BOARD = READ
RANKING = NONE | {"canbo.quangtri": 200, "bonoivu": 200, "admin": 200}
DOWNLOAD_OTHER = SUBMITTED_OTHER
DOWNLOAD_DRAFT = OWN_DRAFT


@dataclass
class Case:
    name: str
    path: str  # formatted with the ``objects`` fixture
    expected: dict
    text: str = ""
    method: str = "get"
    data: dict | None = None


M = BASE + "6-thang/"
E = BASE + "ca-nam/"
NA = "don-vi/{nghean}/"
TH = "don-vi/{thanhhoa}/"
CASES = [
    Case("periods", BASE, READ, "Báo cáo kết quả thi đua năm 2023"),
    Case("period-create", f"/cum/{SLUG}/2024/ket-qua/tao-ky/", MANAGE,
         "Tạo kỳ báo cáo"),
    Case("period-create-post", f"/cum/{SLUG}/2024/ket-qua/tao-ky/", MANAGE_ACTION,
         method="post", data={"kind": "6_thang", "deadline": "2024-06-15T17:00",
                              "tie_break": "tu_cham"}),
    Case("board", M, BOARD, "Tiến độ nộp báo cáo"),
    Case("ranking", E + "xep-hang/", RANKING, "Xếp hạng"),
    Case("phase", M + "giai-doan/", MANAGE, "Giai đoạn của kỳ báo cáo"),
    Case("phase-post", M + "giai-doan/", MANAGE_ACTION, method="post",
         data={"phase": "tham_dinh"}),
    Case("settings", M + "cai-dat/", MANAGE, "Hạn nộp và cách xếp hạng"),
    Case("settings-post", M + "cai-dat/", MANAGE_ACTION, method="post",
         data={"deadline": "2023-07-01T17:00", "tie_break": "dong_hang"}),
    Case("finalise", M + "chot/", MANAGE, "Chốt kết quả kỳ báo cáo"),
    Case("finalise-post", M + "chot/", MANAGE_ACTION, method="post", data={"confirm": "on"}),
    # Nghệ An's own draft: its staff only, not even admins.
    Case("own-draft", M + NA, OWN_DRAFT, "Bản nháp của Nghệ An"),
    Case("edit", M + NA + "sua/", OWN_EDIT, "Tự chấm điểm"),
    Case("edit-post", M + NA + "sua/", OWN_EDIT_POST, method="post",
         data={"version": "{draft_version}", "highlights": "Sửa"}),
    Case("submit", M + NA + "nop/", LEADER, "Tôi đã xem toàn bộ nội dung báo cáo"),
    Case("submit-post", M + NA + "nop/", LEADER_POST, method="post",
         data={"version": "{draft_version}", "confirm": "on"}),
    Case("draft-file", M + NA + "minh-chung/{draft_file}/", DOWNLOAD_DRAFT),
    Case("review-draft", M + NA + "tham-dinh/", NONE),
    # Thanh Hóa's submitted report: never to Nghệ An's people.
    Case("other-report", M + TH, SUBMITTED_OTHER, "Sở Nội vụ tỉnh Thanh Hóa"),
    Case("other-file", M + TH + "minh-chung/{other_file}/", DOWNLOAD_OTHER),
    Case("other-edit", M + TH + "sua/", NONE),
    Case("other-submit", M + TH + "nop/", NONE),
    Case("review", M + TH + "tham-dinh/", MANAGE, "Thẩm định báo cáo"),
    Case("review-post", M + TH + "tham-dinh/", MANAGE_ACTION, method="post",
         data={"note": "Đạt"}),
    Case("return", M + TH + "tra-lai/", MANAGE, "Trả lại báo cáo để bổ sung"),
    Case("return-post", M + TH + "tra-lai/", MANAGE_ACTION, method="post",
         data={"note": "Bổ sung số liệu"}),
    # Nghệ An's reviewed report in the explanation phase.
    Case("own-reviewed", E + NA, SUBMITTED_OWN, "Thiếu quyết định khen thưởng"),
    Case("explain", E + NA + "giai-trinh/", OWN_EDIT, "Giải trình kết quả thẩm định"),
    Case("explain-post", E + NA + "giai-trinh/", OWN_EDIT_POST, method="post",
         data={"explain_{adjusted}": "Đã có quyết định"}),
    Case("review-file", E + NA + "minh-chung/{review_file}/", SUBMITTED_OWN),
    # Things that do not exist, for everyone.
    Case("unknown-kind", BASE + "nam-khac/", UNROUTED),
    Case("foreign-unit", M + "don-vi/{gialai}/", NONE),
    Case("foreign-file", M + NA + "minh-chung/{other_file}/", NONE),
    Case("no-period-2024", f"/cum/{SLUG}/2024/ket-qua/6-thang/", NONE),
    Case("other-cluster", "/cum/snv-tay-nguyen-minh-hoa/2023/ket-qua/", READ | {
        "canbo.nghean": 404, "lanhdao.nghean": 404, "canbo.quangtri": 404,
        "canbo.gialai": 200}, "Chưa có kỳ báo cáo nào trong năm 2023."),
]


@pytest.fixture
def objects(north_central, tree, period, users, units):
    nghean, thanhhoa = units["nghean"], units["thanhhoa"]
    draft = save(period, nghean, users["canbo.nghean"], fields={
        "highlights": "Bản nháp của Nghệ An"})
    draft_file = services.evidence_add(report=draft, uploaded_file=pdf("nháp.pdf"),
                                       acting_user=users["canbo.nghean"])
    other = save(period, thanhhoa, users["canbo.thanhhoa"])
    other_file = services.evidence_add(report=other, uploaded_file=pdf("Thanh Hóa.pdf"),
                                       acting_user=users["canbo.thanhhoa"])
    services.report_transition(report=other, to_state=State.SUBMITTED,
                               acting_user=users["lanhdao.thanhhoa"])
    year_end = ReportingPeriodFactory(cluster=north_central, year=YEAR,
                                      kind=ReportingPeriod.Kind.YEAR_END)
    reviewed = save(year_end, nghean, users["canbo.nghean"],
                    scores={tree["2.2"].pk: {"count": 4}})
    services.report_transition(report=reviewed, to_state=State.SUBMITTED,
                               acting_user=users["lanhdao.nghean"])
    services.report_review(report=reviewed, acting_user=users["canbo.quangtri"],
                           adjustments={tree["2.2"].pk: ("5", "Thiếu quyết định khen thưởng")},
                           files={tree["2.2"].pk: pdf("Biên bản.pdf")})
    ReportingPeriod.objects.filter(pk=year_end.pk).update(phase=Phase.EXPLAINING)
    return {
        "nghean": nghean.pk, "thanhhoa": thanhhoa.pk, "gialai": units["gialai"].pk,
        "draft_version": draft.version, "draft_file": draft_file.pk,
        "other_file": other_file.pk, "adjusted": tree["2.2"].pk,
        "review_file": EvidenceFile.objects.get(stage=EvidenceFile.Stage.REVIEW).pk,
    }


def answer(response) -> object:
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(case, objects, users):
    path = case.path.format(**objects)
    data = {k.format(**objects): str(v).format(**objects) for k, v in (case.data or {}).items()}
    got, missing_text = {}, []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        with transaction.atomic():
            response = getattr(client, case.method)(path, data)
            transaction.set_rollback(True)
        got[role] = answer(response)
        if response.streaming:  # a download: read it to the end, check it is an attachment
            body = b"".join(response.streaming_content)
            assert body.startswith(b"%PDF") and response["Content-Disposition"].startswith(
                "attachment;")
        if response.status_code == 200 and case.text:
            if case.text not in response.content.decode():
                missing_text.append(role)
        if response.status_code == 404:
            assert "Không tìm thấy trang" in response.content.decode()
    assert got == case.expected
    assert missing_text == [], f"{case.text!r} missing for {missing_text}"


def test_a_member_sees_every_units_state_but_only_its_own_report_and_points(
        objects, users, client):
    """Nghệ An's officer sees that Thanh Hóa has submitted, without a link to its report or
    its points; the secretariat sees both."""
    client.force_login(users["canbo.nghean"])
    body = client.get(M).content.decode()
    rows = {row.split('data-status="')[1].split('"')[0]: row
            for row in body.split('data-testid="board-row" ')[1:]}
    assert set(rows) >= {"draft", "submitted"}
    assert f"don-vi/{objects['nghean']}/" in rows["draft"]
    assert f"don-vi/{objects['thanhhoa']}/" not in body
    assert 'data-testid="board-member-note"' in body
    submitted = rows["submitted"].split("</tr>")[0]
    assert submitted.count('<td class="text-end"></td>') == 2  # no points of another unit
    client.force_login(users["canbo.quangtri"])
    body = client.get(M).content.decode()
    assert f"don-vi/{objects['thanhhoa']}/" in body
    assert 'data-testid="board-member-note"' not in body


def test_a_successors_staff_read_the_submitted_reports_of_units_merged_into_theirs(
        period, users, units):
    """Quảng Bình's department merged into Quảng Trị's in 2025: Quảng Trị's staff keep
    reading Quảng Bình's reports once submitted; a peer unit never does."""
    quangbinh = units["quangbinh"]
    assert quangbinh.successor_id == units["quangtri"].pk
    report = save(period, quangbinh, users["canbo.quangbinh"])
    draft = ReportScope(period, quangbinh, report)
    assert is_report_successor_staff(users["lanhdao.quangtri"], draft)
    assert not rules.has_perm("results.view_report", users["lanhdao.hatinh"], draft)
    report = services.report_transition(report=report, to_state=State.SUBMITTED,
                                        acting_user=users["lanhdao.quangbinh"])
    done = ReportScope(period, quangbinh, report)
    assert rules.has_perm("results.view_report", users["canbo.quangtri"], done)
    assert not rules.has_perm("results.view_report", users["lanhdao.hatinh"], done)
