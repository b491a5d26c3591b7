"""A legal text's validity (issue #15): issued on, in force from, replaced by, expired on; a
plan cites no text issued after it; the secretariat's "Sửa hiệu lực" page."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import LegalDocument
from cluster.permissions import NotAllowed
from tests.campaigns.factories import LegalDocumentFactory

pytestmark = pytest.mark.django_db
D = datetime.date
Y = "/cum/snv-bac-trung-bo/2022/"


def test_a_text_is_citable_from_its_issue_and_in_force_from_its_effect():
    law = LegalDocument(issued_on=D(2022, 6, 15), in_force_from=D(2024, 1, 1))
    assert not law.citable_on(D(2022, 6, 14)) and law.citable_on(D(2022, 6, 15))
    assert not law.in_force_on(D(2023, 12, 31)) and law.in_force_on(D(2024, 1, 1))
    decree = LegalDocument(issued_on=D(2023, 12, 31), expired_on=D(2025, 7, 1))
    assert decree.in_force_on(D(2023, 12, 31)) and decree.in_force_on(D(2025, 6, 30))
    assert not decree.in_force_on(D(2025, 7, 1)) and decree.citable_on(D(2025, 7, 1))


def test_the_secretariat_records_a_replacement_and_the_expiry_follows(north_central, users):
    old = LegalDocumentFactory(cluster=north_central, number_symbol="91/2017/NĐ-CP",
                               issued_on=D(2017, 7, 31))
    new = LegalDocumentFactory(cluster=north_central, number_symbol="98/2023/NĐ-CP",
                               issued_on=D(2023, 12, 31))
    services.document_validity_set(document=old, year=2022, in_force_from=None,
                                   expired_on=None, replaced_by=new,
                                   acting_user=users["canbo.quangtri"])
    old.refresh_from_db()
    assert old.replaced_by == new and old.expired_on == D(2023, 12, 31)
    assert old.in_force_on(D(2022, 12, 31)) and not old.in_force_on(D(2024, 1, 1))
    assert old.history.first().history_change_reason == "Sửa hiệu lực văn bản"


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"in_force_from": D(2022, 3, 1)}, "in_force_from",
     "Ngày có hiệu lực không được trước ngày ban hành"),
    ({"expired_on": D(2022, 3, 31)}, "expired_on", "Ngày hết hiệu lực phải sau ngày có hiệu lực"),
    ({"in_force_from": D(2022, 5, 1), "expired_on": D(2022, 4, 1)}, "expired_on",
     "Ngày hết hiệu lực phải sau ngày có hiệu lực"),
    ({"replaced_by": "self"}, "replaced_by", "không thể được thay thế bởi chính nó"),
    ({"replaced_by": "earlier"}, "replaced_by", "trước văn bản bị thay thế"),
    ({"replaced_by": "foreign"}, "replaced_by", "không thuộc sổ văn bản của cụm"),
])
def test_bad_validity_is_refused_with_a_message(north_central, highlands, users, fields, field,
                                                message):
    document = LegalDocumentFactory(cluster=north_central, issued_on=D(2022, 3, 31))
    others = {"self": document,
              "earlier": LegalDocumentFactory(cluster=north_central, issued_on=D(2021, 1, 1)),
              "foreign": LegalDocumentFactory(cluster=highlands, issued_on=D(2023, 1, 1))}
    values = {"in_force_from": None, "expired_on": None, "replaced_by": None, **fields}
    if isinstance(values["replaced_by"], str):
        values["replaced_by"] = others[values["replaced_by"]]
    with pytest.raises(ValidationError) as error:
        services.document_validity_set(document=document, year=2022,
                                       acting_user=users["canbo.quangtri"], **values)
    assert message in " ".join(error.value.message_dict[field])
    document.refresh_from_db()
    assert document.in_force_from is None and document.replaced_by is None


@pytest.mark.parametrize("role", ["canbo.nghean", "lanhdao.nghean", "bonoivu", "canbo.gialai"])
def test_only_the_secretariat_records_validity(north_central, users, role):
    document = LegalDocumentFactory(cluster=north_central)
    with pytest.raises(NotAllowed):
        services.document_validity_set(document=document, year=2022, in_force_from=None,
                                       expired_on=D(2023, 1, 1), replaced_by=None,
                                       acting_user=users[role])


def test_registering_takes_the_dates_and_refuses_them_in_the_wrong_order(north_central, users):
    document = services.document_register(
        cluster=north_central, kind=LegalDocument.Kind.LAW, number_symbol="06/2022/QH15",
        issued_on=D(2022, 6, 15), issuing_body="Quốc hội", in_force_from=D(2024, 1, 1),
        acting_user=users["canbo.quangtri"])
    assert document.in_force_from == D(2024, 1, 1) and not document.in_force_on(D(2023, 6, 1))
    with pytest.raises(ValidationError, match="không được trước ngày ban hành"):
        services.document_register(
            cluster=north_central, kind=LegalDocument.Kind.LAW, number_symbol="07/2022/QH15",
            issued_on=D(2022, 6, 15), issuing_body="Quốc hội", in_force_from=D(2022, 1, 1),
            acting_user=users["canbo.quangtri"])


def test_a_plan_cannot_rest_on_a_text_issued_after_it(north_central, users):
    plan = LegalDocumentFactory(cluster=north_central, number_symbol="700/KH-CTĐ",
                                issued_on=D(2022, 6, 16), kind=LegalDocument.Kind.PLAN)
    later = LegalDocumentFactory(cluster=north_central, number_symbol="98/2023/NĐ-CP",
                                 issued_on=D(2023, 12, 31))
    earlier = LegalDocumentFactory(cluster=north_central, issued_on=D(2022, 3, 31))
    with pytest.raises(ValidationError) as error:
        services.campaign_create(
            cluster=north_central, year=2022, kind="chuyen_de", name="Chuyên đề",
            starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31), plan_document=plan,
            legal_bases=[earlier, later], acting_user=users["canbo.quangtri"])
    text = " ".join(error.value.message_dict["legal_bases"])
    assert "700/KH-CTĐ" in text and "98/2023/NĐ-CP (31/12/2023)" in text
    campaign = services.campaign_create(
        cluster=north_central, year=2022, kind="chuyen_de", name="Chuyên đề",
        starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31), plan_document=plan,
        legal_bases=[earlier], acting_user=users["canbo.quangtri"])
    assert list(campaign.legal_bases.all()) == [earlier]


def test_the_validity_page_saves_and_the_detail_shows_it(client, north_central, users):
    document = LegalDocument.objects.get(cluster=north_central, number_symbol="1237/BNV-VP")
    client.force_login(users["canbo.quangtri"])
    detail = client.get(f"{Y}so-van-ban/{document.pk}/").content.decode()
    assert "Sửa hiệu lực" in detail
    response = client.post(f"{Y}so-van-ban/{document.pk}/hieu-luc/",
                           {"in_force_from": "2022-03-31", "expired_on": "2023-01-01"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.expired_on == D(2023, 1, 1)
    detail = client.get(f"{Y}so-van-ban/{document.pk}/").content.decode()
    assert "hết hiệu lực từ" in detail
    bad = client.post(f"{Y}so-van-ban/{document.pk}/hieu-luc/", {"expired_on": "2022-01-01"})
    assert bad.status_code == 200
    assert "Ngày hết hiệu lực phải sau ngày có hiệu lực" in bad.content.decode()


def test_a_reader_sees_the_validity_but_no_edit_link(client, north_central, users):
    document = LegalDocument.objects.get(cluster=north_central, number_symbol="1237/BNV-VP")
    client.force_login(users["canbo.nghean"])
    detail = client.get(f"{Y}so-van-ban/{document.pk}/").content.decode()
    assert "Có hiệu lực từ" in detail and "Sửa hiệu lực" not in detail


def test_the_admin_edits_the_validity(client, north_central, users):
    document = LegalDocument.objects.get(cluster=north_central, number_symbol="1237/BNV-VP")
    client.force_login(users["admin"])
    html = client.get(f"/quan-tri/campaigns/legaldocument/{document.pk}/change/")
    assert html.status_code == 200
    text = html.content.decode()
    for name in ("in_force_from", "expired_on", "replaced_by"):
        assert f'name="{name}"' in text
