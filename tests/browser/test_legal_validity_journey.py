"""The secretariat records that a text of the cluster's registry expired, and the rules page of
the year warns that a rule rests on it (issue #15)."""

import datetime

from playwright.sync_api import expect

from campaigns.models import LegalDocument
from cluster.models import Cluster
from commendations.models import AwardRule
from tests.browser.conftest import login

Y = "/cum/snv-bac-trung-bo/2022/"


def test_secretariat_records_an_expiry_and_the_rules_page_warns(page):
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    document = LegalDocument.objects.create(
        cluster=cluster, kind=LegalDocument.Kind.OTHER, number_symbol="01/2020/QC-CTĐ",
        number=1, number_year=2020, type_code="QC", issuer_code="CTĐ",
        issued_on=datetime.date(2020, 1, 10), issuing_body=cluster.name,
        subject="Quy chế hoạt động của Cụm")
    rule = AwardRule.objects.filter(cluster=cluster, year=2022).first()
    AwardRule.objects.filter(pk=rule.pk).update(
        quorum_source="Quy chế số 01/2020/QC-CTĐ của Cụm")

    login(page, "canbo.quangtri")
    page.goto(Y + "khen-thuong/quy-tac/")
    expect(page.get_by_test_id("rule").first).to_be_visible()
    expect(page.get_by_test_id("citation-warning")).to_have_count(0)

    page.goto(f"{Y}so-van-ban/{document.pk}/")
    expect(page.get_by_test_id("validity")).to_contain_text("Có hiệu lực từ")
    page.get_by_test_id("validity-edit").click()
    page.get_by_label("Hết hiệu lực từ ngày").fill("2020-01-01")
    page.get_by_role("button", name="Lưu hiệu lực").click()
    # Refused in Vietnamese, on the field.
    expect(page.get_by_text("Ngày hết hiệu lực phải sau ngày có hiệu lực")).to_be_visible()
    page.get_by_label("Hết hiệu lực từ ngày").fill("2022-06-01")
    page.get_by_role("button", name="Lưu hiệu lực").click()
    expect(page.get_by_text("Đã lưu hiệu lực của")).to_be_visible()
    expect(page.get_by_test_id("validity")).to_contain_text("hết hiệu lực từ")

    page.goto(Y + "khen-thuong/quy-tac/")
    warning = page.get_by_test_id("citation-warning")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("01/2020/QC-CTĐ, văn bản đã hết hiệu lực từ ngày 01/06/2022")
    expect(warning).to_contain_text(rule.award.name)
