"""Campaigns, their milestones, and what the dashboard shows as next or late."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import selectors, services
from campaigns.models import Campaign, Milestone
from cluster.models import SecretariatGrant
from tests.campaigns.factories import CampaignFactory, LegalDocumentFactory, MilestoneFactory
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db
D = datetime.date
K = Milestone.Kind


def create(cluster, **kwargs):
    defaults = dict(cluster=cluster, year=2023, name="Phong trào thi đua năm 2023",
                    starts_on=D(2023, 1, 1), ends_on=D(2023, 12, 31), acting_user=None)
    return services.campaign_create(**{**defaults, **kwargs})


def test_demo_campaign_2022(north_central):
    campaign = selectors.campaign_for(cluster=north_central, year=2022)
    assert campaign.motto == "Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu quả"
    assert campaign.plan_document.number_symbol == "612/KH-CTĐ"
    assert {d.number_symbol for d in campaign.legal_bases.all()} == {
        "34-CT/TW", "19/CT-TTg", "1237/BNV-VP"}
    signing = campaign.milestones.get(kind=K.PLEDGE_SIGNING)
    assert (signing.due_on, signing.done_on, signing.is_illustrative) == (
        D(2022, 6, 24), D(2022, 6, 24), False)
    assert selectors.campaign_for(cluster=north_central, year=2023) is None


def test_create_with_bases_and_milestones_records_the_user(users):
    cluster = ClusterFactory()
    # The service writes only for the secretariat (cluster.permissions.require).
    SecretariatGrant.objects.create(user=users["canbo.quangtri"], cluster=cluster, year=None)
    basis = LegalDocumentFactory(cluster=cluster)
    campaign = create(cluster, legal_bases=[basis], acting_user=users["canbo.quangtri"],
                      milestones={K.PLEDGE_SIGNING: D(2023, 3, 1), K.VOTING: None})
    assert list(campaign.legal_bases.all()) == [basis]
    assert [(m.kind, m.due_on) for m in campaign.milestones.all()] == [
        (K.PLEDGE_SIGNING, D(2023, 3, 1))]
    assert campaign.history.latest().history_user == users["canbo.quangtri"]


@pytest.mark.parametrize("kwargs, field, fragment", [
    ({"name": "  "}, "name", "tên phong trào"),
    ({"ends_on": D(2022, 12, 31)}, "ends_on", "không trước ngày bắt đầu"),
    ({"starts_on": D(2022, 12, 1)}, "starts_on", "phải bắt đầu trong năm 2023"),
    ({"milestones": {"khong_co": D(2023, 1, 1)}}, "__all__", "không hợp lệ"),
])
def test_bad_input_is_refused_and_nothing_saved(kwargs, field, fragment):
    with pytest.raises(ValidationError) as error:
        create(ClusterFactory(), **kwargs)
    assert fragment in " ".join(error.value.message_dict[field])
    assert not Campaign.objects.exists() and not Milestone.objects.exists()


def test_documents_of_another_cluster_are_refused():
    with pytest.raises(ValidationError, match="không thuộc sổ văn bản của cụm"):
        create(ClusterFactory(), legal_bases=[LegalDocumentFactory()])
    assert not Campaign.objects.exists()


def test_one_regular_campaign_per_year_but_thematic_ones_beside_it():
    cluster = ClusterFactory()
    create(cluster)
    with pytest.raises(ValidationError, match="đã có phong trào thi đua thường xuyên"):
        create(cluster, name="Phong trào thứ hai")
    create(cluster, name="Chuyên đề chuyển đổi số", kind=Campaign.Kind.THEMATIC,
           starts_on=D(2023, 5, 1), ends_on=D(2024, 5, 1))
    assert [c.kind for c in selectors.campaign_list(cluster=cluster, year=2023)] == [
        Campaign.Kind.REGULAR, Campaign.Kind.THEMATIC]


def test_update_moves_adds_and_removes_milestones():
    campaign = create(ClusterFactory(), milestones={K.PLEDGE_SIGNING: D(2023, 3, 1),
                                                   K.VOTING: D(2023, 12, 1)})
    services.campaign_update(
        campaign=campaign, name="Tên mới", acting_user=None,
        milestones={K.PLEDGE_SIGNING: D(2023, 3, 15), K.VOTING: None,
                    K.DOSSIER_DEADLINE: D(2024, 1, 10)},
    )
    campaign.refresh_from_db()
    assert campaign.name == "Tên mới"
    assert {m.kind: m.due_on for m in campaign.milestones.all()} == {
        K.PLEDGE_SIGNING: D(2023, 3, 15), K.DOSSIER_DEADLINE: D(2024, 1, 10)}


def test_other_milestone_needs_a_title():
    campaign = CampaignFactory()
    with pytest.raises(ValidationError, match="tên mốc"):
        services.milestone_add(campaign=campaign, title=" ", due_on=D(2022, 5, 1),
                               acting_user=None)
    milestone = services.milestone_add(campaign=campaign, title="Gửi báo cáo quý III",
                                       due_on=D(2022, 10, 5), acting_user=None)
    assert milestone.label == "Gửi báo cáo quý III"


def test_status_shows_next_and_late_milestones():
    campaign = CampaignFactory()
    late = MilestoneFactory(campaign=campaign, due_on=D(2022, 3, 1))
    MilestoneFactory(campaign=campaign, due_on=D(2022, 2, 1), done_on=D(2022, 2, 1))
    soon = MilestoneFactory(campaign=campaign, due_on=D(2022, 6, 1))
    later = MilestoneFactory(campaign=campaign, due_on=D(2022, 9, 1))
    status = selectors.milestone_status(cluster=campaign.cluster, year=2022,
                                        today=D(2022, 5, 1), upcoming_count=1)
    assert status.late == [late] and status.upcoming == [soon] and status.done == 1
    services.milestone_set_done(milestone=late, done_on=D(2022, 5, 1), acting_user=None)
    status = selectors.milestone_status(cluster=campaign.cluster, year=2022,
                                        today=D(2022, 7, 1))
    assert status.late == [soon] and status.upcoming == [later]


def test_dashboard_panel_on_the_home_page(client, users):
    client.force_login(users["lanhdao.nghean"])
    html = client.get("/?nam=2022", follow=True).content.decode()
    assert 'data-testid="campaigns-panel"' in html
    assert "Phong trào thi đua năm 2022 của Cụm Thi đua Sở Nội vụ các tỉnh Bắc Trung Bộ" in html
    assert "Không có mốc quá hạn." in html
    html = client.get("/?nam=2023", follow=True).content.decode()
    assert "Chưa có phong trào thi đua trong năm." in html
    assert "Tạo phong trào" not in html  # not the secretariat


def test_campaign_form_creates_with_milestones(client, users, north_central):
    client.force_login(users["canbo.quangtri"])
    response = client.post("/cum/snv-bac-trung-bo/2022/phong-trao/moi/", {
        "kind": "chuyen_de", "name": "Thi đua chuyển đổi số", "starts_on": "2022-07-01",
        "ends_on": "2022-12-31", "moc_ky_ket": "2022-07-15", "moc_han_ho_so": "2022-12-20",
    }, follow=True)
    html = response.content.decode()
    assert "Đã tạo phong trào “Thi đua chuyển đổi số”." in html
    campaign = Campaign.objects.get(name="Thi đua chuyển đổi số")
    assert campaign.milestones.count() == 2
    response = client.post(f"/cum/snv-bac-trung-bo/2022/phong-trao/{campaign.pk}/sua/", {
        "kind": "chuyen_de", "name": "Thi đua chuyển đổi số", "starts_on": "2022-07-01",
        "ends_on": "2022-06-30",
    })
    assert "Ngày kết thúc phải không trước ngày bắt đầu." in response.content.decode()
    assert campaign.milestones.count() == 2
