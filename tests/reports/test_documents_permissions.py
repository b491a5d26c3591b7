"""Every URL of the reports app × every role (in the manner of pretix's test_permissions):
readers of the cluster list its documents and download what is issued (and the score table
once the period is final), the secretariat of the year and admins also download drafts and
issue; everyone else is told the page does not exist (404). The verification page is public.

The data is built once for the module, in a transaction rolled back at its end (each test
then runs in a savepoint of its own); an issue (POST) by one role is rolled back before the
next role asks, a download is not, so each document renders once per test, not once per role."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from cluster.models import Cluster, User
from commendations.models import SessionStatus, VotingSession
from commendations.services import session_create
from reports import services
from reports.kinds import SPECS
from reports.models import DocumentKind, IssuedDocument
from results.models import ReportingPeriod
from results.services import results
from tests.campaigns.factories import ConferenceFactory

from .data import build_mid_year

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "canbo.nghean", "lanhdao.nghean", "canbo.quangtri", "bonoivu", "admin",
         "canbo.gialai"]
LOGIN = "login"
READ = {"anonymous": LOGIN, "canbo.nghean": 200, "lanhdao.nghean": 200, "canbo.quangtri": 200,
        "bonoivu": 200, "admin": 200, "canbo.gialai": 404}
PREPARE = {"anonymous": LOGIN, "canbo.nghean": 404, "lanhdao.nghean": 404,
           "canbo.quangtri": 200, "bonoivu": 404, "admin": 200, "canbo.gialai": 404}
ISSUE = {**PREPARE, "canbo.quangtri": 302, "admin": 302}
RANKING_OPEN = {**PREPARE, "bonoivu": 200}
NOWHERE = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}
UNROUTED = dict.fromkeys(ROLES, 404)  # a year the URL converter refuses: no page, no login
PUBLIC = dict.fromkeys(ROLES, 200)
GONE = dict.fromkeys(ROLES, 404)


@dataclass
class Case:
    name: str
    path: str  # formatted with the ``objects`` fixture
    expected: dict
    text: str = ""  # what a 200 page must show
    method: str = "get"
    data: dict | None = None  # what a POST sends (the issue date unless given)


V = "/cum/snv-bac-trung-bo/{year}/van-ban/"
A = "/cum/snv-bac-trung-bo/2022/van-ban/binh-xet/{session}/"
ISSUED_ON = {"issued_on": "{today}"}
CASES = [
    Case("list", V, READ, "Văn bản in năm"),
    Case("list-2022", "/cum/snv-bac-trung-bo/2022/van-ban/", READ, "Giao ước thi đua năm 2022"),
    Case("summary-pdf", V + "bao-cao/6-thang/pdf/", PREPARE),
    Case("summary-docx", V + "bao-cao/6-thang/docx/", PREPARE),
    Case("year-end-pdf", V + "bao-cao/ca-nam/pdf/", PREPARE),
    Case("summary-issue", V + "bao-cao/6-thang/ban-hanh/", ISSUE, method="post"),
    # The secretariat's draft of the report, section by section (issue #15, §3).
    Case("summary-draft", V + "bao-cao/6-thang/soan/", PREPARE, "Hạn chế và nguyên nhân"),
    Case("summary-draft-year-end", V + "bao-cao/ca-nam/soan/", PREPARE,
         "Phương hướng, nhiệm vụ năm"),
    Case("summary-draft-start", V + "bao-cao/6-thang/soan/", ISSUE, method="post", data={}),
    Case("summary-section", V + "bao-cao/6-thang/soan/han-che/", PREPARE, "Lưu mục này"),
    Case("summary-section-save", V + "bao-cao/6-thang/soan/han-che/", ISSUE, method="post",
         data={"text": "Hạn chế đã sửa.", "version": "0"}),
    Case("summary-section-reset", V + "bao-cao/6-thang/soan/phuong-huong/dat-lai/", ISSUE,
         method="post", data={"version": "0"}),
    Case("summary-section-history", V + "bao-cao/6-thang/soan/han-che/lich-su/", PREPARE,
         "Lịch sử sửa"),
    Case("summary-section-unknown", V + "bao-cao/6-thang/soan/khong-co/", NOWHERE),
    Case("summary-draft-no-period", "/cum/snv-bac-trung-bo/2030/van-ban/bao-cao/6-thang/soan/",
         NOWHERE),
    Case("scores-final-pdf", V + "bang-diem/6-thang/pdf/", READ),
    Case("scores-final-docx", V + "bang-diem/6-thang/docx/", READ),
    Case("scores-final-xlsx", V + "bang-diem/6-thang/xlsx/", READ),
    Case("ranking-final-xlsx", V + "xep-hang/6-thang/xlsx/", READ),
    # Before the period is final, whoever sees the ranking page (the observer too) downloads
    # the score table and the ranking: one predicate (results.view_ranking) for both.
    Case("scores-open-pdf", V + "bang-diem/ca-nam/pdf/", RANKING_OPEN),
    Case("ranking-open-xlsx", V + "xep-hang/ca-nam/xlsx/", RANKING_OPEN),
    Case("pledge-pdf", "/cum/snv-bac-trung-bo/2022/van-ban/giao-uoc/pdf/", READ),
    Case("pledge-docx", "/cum/snv-bac-trung-bo/2022/van-ban/giao-uoc/docx/", READ),
    Case("pledge-none", V + "giao-uoc/pdf/", NOWHERE),
    Case("minutes-pdf", V + "hoi-nghi/{conference}/bien-ban/pdf/", PREPARE),
    Case("minutes-docx", V + "hoi-nghi/{conference}/bien-ban/docx/", PREPARE),
    Case("minutes-issue", V + "hoi-nghi/{conference}/bien-ban/ban-hanh/", ISSUE, method="post"),
    Case("issued-pdf", V + "ban-hanh/{issued}/pdf/", READ),
    Case("issued-docx", V + "ban-hanh/{issued}/docx/", READ),
    # Another cluster's documents under this cluster's address do not exist, even for admins.
    Case("foreign-issued", V + "ban-hanh/{foreign_issued}/pdf/", NOWHERE),
    Case("foreign-minutes", V + "hoi-nghi/{foreign_conference}/bien-ban/pdf/", NOWHERE),
    Case("unknown-cluster", "/cum/khong-co/{year}/van-ban/", NOWHERE),
    Case("bad-year", "/cum/snv-bac-trung-bo/1900/van-ban/", UNROUTED),
    Case("no-such-format", V + "bao-cao/6-thang/xlsx/", NOWHERE),
    Case("ranking-has-no-pdf", V + "xep-hang/6-thang/pdf/", NOWHERE),
    Case("vote-minutes-pdf", A + "bien-ban/pdf/", PREPARE),
    Case("vote-minutes-docx", A + "bien-ban/docx/", PREPARE),
    Case("vote-minutes-issue", A + "bien-ban/ban-hanh/", ISSUE, method="post"),
    Case("submission-pdf", A + "to-trinh/pdf/", PREPARE),
    Case("submission-issue", A + "to-trinh/ban-hanh/", ISSUE, method="post"),
    Case("list-sessions", "/cum/snv-bac-trung-bo/2022/van-ban/", READ, "Bình xét khen thưởng"),
    # A session still in preparation has no tally to print.
    Case("open-session-minutes", V + "binh-xet/{open_session}/bien-ban/pdf/", NOWHERE),
    Case("verify", "/xac-minh/{issued}/", PUBLIC, "Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ"),
    Case("verify-lookup", "/xac-minh/", PUBLIC, "Mã xác thực in trên văn bản"),
    Case("verify-unknown", "/xac-minh/ABCDEFGHJK/", GONE),
]


@pytest.fixture(scope="module")
def objects(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
            yield build_objects(build_mid_year(),
                                Cluster.objects.get(slug="snv-tay-nguyen-minh-hoa"))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_objects(mid_year, highlands) -> dict:
    """The mid-year period finalised and its report issued; an open year-end period; a
    document and a conference of another cluster."""
    year, secretary = mid_year.year, mid_year.secretary
    results.period_finalise(period=mid_year.period, acting_user=secretary)
    results.period_create(cluster=mid_year.cluster, year=year,
                          kind=ReportingPeriod.Kind.YEAR_END,
                          deadline=timezone.now() + datetime.timedelta(days=30),
                          acting_user=secretary)
    issued = services.document_issue(
        spec=SPECS[DocumentKind.MIDYEAR_REPORT], target=mid_year.period,
        cluster=mid_year.cluster, year=year, issued_on=timezone.localdate(),
        acting_user=secretary, verify_url=lambda code: code).document
    # Each test stores files in its own media folder: the issue's PDF, stored in another one,
    # is dropped here and rendered again from the snapshot when a test asks for it.
    for row in issued.files.all():
        row.file.delete(save=False)
        row.delete()
    foreign = IssuedDocument.objects.create(
        cluster=highlands, year=year, kind=DocumentKind.MINUTES,
        object_ref="conference:0", title="Biên bản", data_hash="0" * 64, snapshot={},
        verification_code=services.new_code(), number=1, number_symbol="01/BB-CTĐTN",
        issued_on=timezone.localdate(), issued_at=timezone.now())
    closed = VotingSession.objects.get(cluster=mid_year.cluster, year=2022,
                                       status=SessionStatus.CLOSED)
    open_session = session_create(cluster=mid_year.cluster, year=year,
                                  conference=mid_year.conference, title="Bình xét",
                                  acting_user=secretary)
    return {
        "session": closed.pk, "open_session": open_session.pk,
        "year": year, "today": timezone.localdate().isoformat(),
        "conference": mid_year.conference.pk, "issued": issued.verification_code,
        "foreign_issued": foreign.verification_code,
        "foreign_conference": ConferenceFactory(cluster=highlands, year=year).pk,
    }


def answer(response) -> object:
    if response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(case, objects, media):
    users = {u.username: u for u in User.objects.filter(username__in=ROLES)}
    path = case.path.format(**objects)
    data = {key: value.format(**objects)
            for key, value in (ISSUED_ON if case.data is None else case.data).items()}
    got, missing_text = {}, []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        if case.method == "post":
            with transaction.atomic():
                response = client.post(path, data)
                transaction.set_rollback(True)
        else:
            response = client.get(path)
        got[role] = answer(response)
        if response.streaming:  # a download: read it to the end, as a browser would
            content = b"".join(response.streaming_content)
            assert content[:4] in (b"%PDF", b"PK\x03\x04")
            assert response["Content-Disposition"].startswith("attachment;")
        elif response.status_code == 200 and case.text:
            if case.text not in response.content.decode():
                missing_text.append(role)
        if response.status_code == 404:
            assert "Không tìm thấy trang" in response.content.decode()
    assert got == case.expected
    assert missing_text == [], f"{case.text!r} missing for {missing_text}"
