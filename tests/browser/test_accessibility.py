"""Accessibility of the most-used pages (issue #14), checked in the browser.

axe-core (bundled by axe-playwright-python, no CDN) runs on the key pages of every demo role —
the secretariat (Quảng Trị's officer, 2022's chair), a leader and an officer of a member unit
(Nghệ An), the ministry's observer, and an anonymous visitor — at an office laptop's 1366×768
and a phone's 390×844; any serious or critical violation fails, named by rule, element and page.
At 390 px no page is wider than the screen. With the keyboard alone, the first Tab on the report
form reaches the skip link, and Enter then Tab lands on the form's first field.

The suite's time matters (issue #11): one browser, one live server, one demo load per test,
many pages per test, every failure of a test collected into one message. The 2023 mid-year
period (for an editable report form) and an open 2023 vote (for the ballot) are made here."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import services as campaign_services
from campaigns.models import Conference
from cluster.models import Cluster, Province, Unit, User
from commendations import services as commendation_services
from commendations.models import AwardForm, SessionStatus, VotingSession
from results.models import ReportingPeriod
from results.services import results as result_services
from tests.browser.conftest import login
from tests.results.factories_results import ReportingPeriodFactory, build_tree

NC = "snv-bac-trung-bo"
Y22 = f"/cum/{NC}/2022/"
Y23 = f"/cum/{NC}/2023/"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def pages_by_role(live_demo):
    """Each role's key pages: home, the cluster, the results board, a unit's report and its
    form, the pledge, the commendations session and the ballot, the documents, the login (and
    the secretariat's criteria, the widest table of the audit)."""
    cluster = Cluster.objects.get(slug=NC)
    build_tree(cluster)
    result_services.areas_ensure(cluster=cluster, year=2023)
    ReportingPeriodFactory(cluster=cluster, year=2023, kind=ReportingPeriod.Kind.MID_YEAR)
    nghean = Unit.objects.get(name="Sở Nội vụ tỉnh Nghệ An").pk
    quangtri = Unit.objects.get(name="Sở Nội vụ tỉnh Quảng Trị").pk
    session_2022 = VotingSession.objects.get(cluster=cluster, year=2022)
    decided_2022 = session_2022.nominations.filter(dossier__status="da_quyet_dinh").first().dossier
    session_2023 = _open_vote_2023(cluster)
    bulletin = Conference.objects.exclude(published_at=None).first()

    common = ["/", f"/cum/{NC}/", Y22, f"{Y22}ket-qua/6-thang/",
              f"{Y22}ket-qua/6-thang/don-vi/{nghean}/", f"{Y22}giao-uoc/",
              f"{Y22}khen-thuong/phien/{session_2022.pk}/", f"{Y22}so-van-ban/", f"{Y22}van-ban/",
              "/thong-bao/", "/thong-bao/nhan-thu/"]
    return {
        "canbo.quangtri": [*common, f"{Y23}ket-qua/6-thang/don-vi/{quangtri}/sua/",
                           f"{Y23}khen-thuong/phien/{session_2023.pk}/", f"{Y22}tieu-chi/",
                           f"{Y22}van-ban/bao-cao/6-thang/soan/",
                           f"{Y22}van-ban/bao-cao/6-thang/soan/han-che/",
                           f"{Y22}van-ban/bao-cao/6-thang/soan/han-che/lich-su/"],
        "lanhdao.nghean": [*common, f"{Y23}khen-thuong/phien/{session_2023.pk}/bo-phieu/"],
        "canbo.nghean": [*common, f"{Y23}ket-qua/6-thang/don-vi/{nghean}/sua/"],
        "bonoivu": common,
        "captren": [*common, "/cap-tren/ho-so/",
                    f"{Y22}khen-thuong/ho-so/{decided_2022.pk}/",
                    f"{Y22}khen-thuong/ho-so/{decided_2022.pk}/trang-thai/tra-lai/"],
        None: ["/tai-khoan/dang-nhap/", f"/cong-khai/ban-tin/{bulletin.slug}/"],
    }


def _open_vote_2023(cluster):
    secretary = User.objects.get(username="canbo.quangtri")
    commendation_services.award_rules_create_for_year(cluster=cluster, year=2023,
                                                      acting_user=secretary)
    conference = campaign_services.conference_create(
        cluster=cluster, year=2023, kind=Conference.Kind.YEAREND,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023",
        starts_at=timezone.make_aware(datetime.datetime(2023, 12, 22, 8, 0)),
        province=Province.objects.get(name="Quảng Trị"), acting_user=secretary)
    session = commendation_services.session_create(
        cluster=cluster, year=2023, conference=conference,
        title="Bình xét khen thưởng năm 2023", acting_user=secretary)
    commendation_services.nomination_add(
        session=session, award=AwardForm.objects.get(code="co_bo_noi_vu"),
        unit=Unit.objects.get(name="Sở Nội vụ tỉnh Hà Tĩnh"),
        summary="Thành tích năm 2023 của Sở Nội vụ Hà Tĩnh.", acting_user=secretary)
    return commendation_services.session_transition(
        session=session, to_status=SessionStatus.OPEN, present_count=6, acting_user=secretary)


@pytest.fixture
def visit(new_page):
    """Opens a page as a user (None: anonymous) at a viewport, as ``(context, page)``; the
    contexts are closed by ``new_page`` before the demo data is flushed."""
    def open_page(username, viewport):
        page = new_page(viewport=viewport)
        if username:
            login(page, username)
        return page.context, page

    return open_page


def _serious_violations(axe, page, where):
    found = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = "; ".join(",".join(node["target"]) for node in violation["nodes"][:5])
            found.append(f"{where}: {violation['impact']} {violation['id']} "
                         f"({len(violation['nodes'])}×) at {targets}")
    return found


def test_key_pages_of_every_role_have_no_serious_axe_violation_at_both_sizes(
        visit, pages_by_role):
    axe = Axe()
    problems = []
    for viewport in (DESKTOP, PHONE):
        for username, urls in pages_by_role.items():
            context, page = visit(username, viewport)
            for url in urls:
                where = f"{username or 'anonymous'} {viewport['width']}px {url}"
                response = page.goto(url)
                assert response.ok, f"{where}: HTTP {response.status}"
                problems += _serious_violations(axe, page, where)
            if username is None:  # the login error too, announced as an alert
                page.goto("/tai-khoan/dang-nhap/")
                page.get_by_label("Tên đăng nhập").fill("canbo.nghean")
                page.get_by_label("Mật khẩu").fill("sai-mat-khau")
                page.get_by_role("button", name="Đăng nhập").click()
                # Waits for the answer to the post: read at once, the old page has no alert.
                expect(page.get_by_role("alert"), "login error not announced").to_have_count(1)
                expect(page.get_by_role("alert")).to_be_visible()
                problems += _serious_violations(axe, page, f"anonymous {viewport['width']}px "
                                                            "login error")
            context.close()
    assert not problems, "\n".join(problems)


def test_no_key_page_is_wider_than_a_phone(visit, pages_by_role):
    too_wide = []
    for username, urls in pages_by_role.items():
        context, page = visit(username, PHONE)
        for url in urls:
            page.goto(url)
            width, screen = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            if width > screen:
                too_wide.append(f"{username or 'anonymous'} {url}: {width}px > {screen}px")
        context.close()
    assert not too_wide, "\n".join(too_wide)


def test_the_skip_link_takes_the_keyboard_to_the_report_forms_first_field(
        visit, pages_by_role):
    edit = next(url for url in pages_by_role["canbo.nghean"] if url.endswith("/sua/"))
    for viewport in (DESKTOP, PHONE):
        context, page = visit("canbo.nghean", viewport)
        page.goto(edit)
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, "
                                "document.activeElement.textContent.trim(), "
                                "document.activeElement.getAttribute('href')]")
        assert focused == ["skip-link visually-hidden-focusable",
                           "Bỏ qua đến nội dung chính", "#noi-dung"], focused
        assert page.locator(".skip-link").is_visible()  # shown while focused
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        first_field = page.locator(
            "main form input:not([type=hidden]), main form select, main form textarea").first
        assert first_field.evaluate("el => el === document.activeElement"), page.evaluate(
            "document.activeElement.outerHTML.slice(0, 200)")
        ring = first_field.evaluate("el => getComputedStyle(el).outlineStyle")
        assert ring == "solid"  # a visible focus ring
        context.close()


def test_the_top_bar_marks_the_current_section_and_badges_are_readable(visit):
    context, page = visit("canbo.quangtri", DESKTOP)
    page.goto(f"{Y22}ket-qua/6-thang/")
    current = page.locator("header nav [aria-current=page]")
    assert current.count() == 1 and current.inner_text() == "Báo cáo"
    assert current.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    # Status badges are at least 12 px, inside small text too.
    sizes = page.eval_on_selector_all(
        "main .badge", "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert sizes and min(sizes) >= 12, sizes
    page.goto(f"{Y22}dien-hinh/")
    assert page.locator("header nav [aria-current=page]").inner_text() == "Cách làm hay"
    page.goto("/")
    assert page.locator("header nav [aria-current=page]").count() == 0
    # The user's whole name is shown at 1366 px, not cut.
    name = page.locator(".user-name")
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert name.inner_text() == "Công chức TĐKT Sở Nội vụ Quảng Trị"
    context.close()
