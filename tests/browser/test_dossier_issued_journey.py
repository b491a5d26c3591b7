"""The secretariat issues the tờ trình of a vote and attaches it to a dossier in one click,
without downloading and uploading it again (issue #13, point 6)."""

from playwright.sync_api import expect

from commendations.models import Dossier, DossierStatus, VotingSession
from tests.browser.conftest import login

Y = "/cum/snv-bac-trung-bo/2022/"


def test_secretariat_attaches_the_to_trinh_it_just_issued(page):
    session = VotingSession.objects.get(cluster__slug="snv-bac-trung-bo", year=2022)
    dossier = Dossier.objects.filter(nomination__session=session,
                                     status=DossierStatus.DRAFT).first()
    login(page, "canbo.quangtri")
    page.goto(Y + "van-ban/")
    form = page.locator(f'form:has(#issued-to-trinh{session.pk})')
    form.get_by_role("button", name="Ban hành, cấp số").click()
    expect(page.get_by_text("Đã ban hành tờ trình")).to_be_visible()
    page.goto(Y + f"khen-thuong/ho-so/{dossier.pk}/")
    row = page.locator('[data-testid="checklist-item"][data-kind="to_trinh"]')
    expect(row).to_have_attribute("data-present", "0")
    row.get_by_test_id("issued-offer").get_by_role("button").click()
    expect(page.get_by_text("Đã đính kèm Tờ trình đề nghị khen thưởng số")).to_be_visible()
    expect(row).to_have_attribute("data-present", "1")
    expect(row).to_contain_text("Tờ trình đề nghị khen thưởng")
    expect(row.get_by_test_id("issued-offer")).to_have_count(0)
