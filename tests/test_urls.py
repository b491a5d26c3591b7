"""The URL tree (issue #12): every page of a cluster-year under /cum/<slug>/<year>/, the shared
converters, and a permanent redirect from every address of before (e-mails already sent link
to them)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from campaigns.views import campaigns, conferences, criteria, documents, public
from cluster import views as cluster_views
from cluster.converters import PERIOD_KIND_OF_SLUG, period_slug
from commendations.views import dossiers, sessions, year
from pledges import views as pledge_views
from reports import views as report_views
from reports import views_official, views_summary, views_verify
from results.models import ReportingPeriod
from results.views import practices, results

NC = "snv-bac-trung-bo"

# old address -> where it now lives (the rest of the path kept).
LEGACY = {
    "/phong-trao/ban-tin/hoi-nghi-so-ket/": "/cong-khai/ban-tin/hoi-nghi-so-ket/",
    f"/phong-trao/{NC}/2022/": f"/cum/{NC}/2022/phong-trao/",
    f"/phong-trao/{NC}/2022/phong-trao/7/sua/": f"/cum/{NC}/2022/phong-trao/7/sua/",
    f"/phong-trao/{NC}/2022/moc/3/hoan-thanh/": f"/cum/{NC}/2022/moc/3/hoan-thanh/",
    f"/phong-trao/{NC}/2022/van-ban/": f"/cum/{NC}/2022/so-van-ban/",
    f"/phong-trao/{NC}/2022/van-ban/5/tep/": f"/cum/{NC}/2022/so-van-ban/5/tep/",
    f"/phong-trao/{NC}/2022/tieu-chi/": f"/cum/{NC}/2022/tieu-chi/",
    f"/phong-trao/{NC}/2022/hoi-nghi/4/": f"/cum/{NC}/2022/hoi-nghi/4/",
    f"/phong-trao/{NC}/2022/dien-hinh/?q=so+hoa": f"/cum/{NC}/2022/dien-hinh/?q=so+hoa",
    f"/phong-trao/{NC}/2023/bao-cao/": f"/cum/{NC}/2023/ket-qua/",
    f"/phong-trao/{NC}/2023/bao-cao/6-thang/don-vi/9/sua/":
        f"/cum/{NC}/2023/ket-qua/6-thang/don-vi/9/sua/",
    f"/giao-uoc/cum/{NC}/": f"/cum/{NC}/giao-uoc/",
    f"/giao-uoc/cum/{NC}/2022/": f"/cum/{NC}/2022/giao-uoc/",
    f"/giao-uoc/cum/{NC}/2022/ky/": f"/cum/{NC}/2022/giao-uoc/ky/",
    f"/khen-thuong/cum/{NC}/2022/": f"/cum/{NC}/2022/khen-thuong/",
    f"/khen-thuong/cum/{NC}/2022/phien/2/ket-qua.csv":
        f"/cum/{NC}/2022/khen-thuong/phien/2/ket-qua.csv",
    "/khen-thuong/don-vi/12/": "/don-vi/12/khen-thuong/",
    f"/van-ban/{NC}/2022/": f"/cum/{NC}/2022/van-ban/",
    f"/van-ban/{NC}/2022/bao-cao/ca-nam/pdf/?x=1&y=2":
        f"/cum/{NC}/2022/van-ban/bao-cao/ca-nam/pdf/?x=1&y=2",
    f"/cum/{NC}/nam/2023/cum-truong/": f"/cum/{NC}/2023/cum-truong/",
}


@pytest.mark.parametrize(("old", "new"), LEGACY.items(), ids=list(LEGACY))
def test_an_old_address_redirects_permanently_to_its_new_place(db, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize("old", [f"/phong-trao/{NC}/1900/", f"/van-ban/{NC}/2201/",
                                 f"/giao-uoc/cum/{NC}/0000/ky/"])
def test_an_old_address_with_an_impossible_year_is_not_found(db, client, old):
    assert client.get(old).status_code == 404


def test_the_old_home_address_redirects_permanently_to_the_cluster_year_home(client, users):
    client.force_login(users["canbo.quangtri"])
    response = client.get(f"/?cum={NC}&nam=2022")
    assert response.status_code == 301
    assert response["Location"] == f"/cum/{NC}/2022/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["cluster"].slug == NC and page.context["year"] == 2022


def test_the_old_home_address_keeps_the_rest_of_its_query_string(client, users):
    client.force_login(users["canbo.quangtri"])
    response = client.get(f"/?cum={NC}&nam=2022&utm=thu")
    assert response.status_code == 301
    assert response["Location"] == f"/cum/{NC}/2022/?utm=thu"


def test_a_cluster_alone_in_the_old_home_address_redirects_temporarily(client, users):
    """Without a year the target depends on the date (the working year): not permanent."""
    client.force_login(users["canbo.quangtri"])
    response = client.get(f"/?cum={NC}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/cum/{NC}/")


def test_the_cluster_year_home_of_a_cluster_not_ones_own_is_not_found(client, users):
    client.force_login(users["canbo.gialai"])
    assert client.get(f"/cum/{NC}/2022/").status_code == 404


# A new address of each section -> (URL name, the view that answered the old address).
NEW = {
    f"/cum/{NC}/2022/": ("cluster:year-home", cluster_views.ClusterYearHomeView),
    f"/cum/{NC}/": ("cluster:cluster-detail", cluster_views.ClusterDetailView),
    f"/cum/{NC}/2022/cum-truong/": ("cluster:roles-confirm", cluster_views.ClusterYearRolesView),
    f"/cum/{NC}/2022/phong-trao/": ("campaigns:overview", campaigns.OverviewView),
    f"/cum/{NC}/2022/phong-trao/moi/": ("campaigns:campaign-create",
                                       campaigns.CampaignCreateView),
    f"/cum/{NC}/2022/moc/1/hoan-thanh/": ("campaigns:milestone-toggle",
                                         campaigns.MilestoneToggleView),
    f"/cum/{NC}/2022/so-van-ban/": ("campaigns:document-list", documents.DocumentListView),
    f"/cum/{NC}/2022/so-van-ban/5/hieu-luc/": ("campaigns:document-validity",
                                              documents.DocumentValidityView),
    f"/cum/{NC}/2022/tieu-chi/": ("campaigns:criteria", criteria.CriteriaTreeView),
    f"/cum/{NC}/2022/hoi-nghi/": ("campaigns:conference-list", conferences.ConferenceListView),
    f"/cum/{NC}/2022/dien-hinh/": ("results:practice-list", practices.PracticeListView),
    f"/cum/{NC}/2022/ket-qua/": ("results:periods", results.PeriodListView),
    f"/cum/{NC}/2022/ket-qua/ca-nam/": ("results:board", results.BoardView),
    f"/cum/{NC}/2022/ket-qua/6-thang/don-vi/3/": ("results:report",
                                                  results.ReportDetailView),
    "/cong-khai/ban-tin/hoi-nghi-so-ket/": ("campaigns:bulletin", public.BulletinView),
    f"/cum/{NC}/giao-uoc/": ("pledges:list", pledge_views.PledgeListView),
    f"/cum/{NC}/2022/giao-uoc/": ("pledges:detail", pledge_views.PledgeDetailView),
    f"/cum/{NC}/2022/khen-thuong/": ("commendations:overview", year.OverviewView),
    f"/cum/{NC}/2022/khen-thuong/phien/2/": ("commendations:session-detail",
                                             sessions.SessionDetailView),
    "/don-vi/12/khen-thuong/": ("commendations:unit-honours", dossiers.UnitHonoursView),
    f"/cum/{NC}/2022/van-ban/": ("reports:list", report_views.DocumentListView),
    f"/cum/{NC}/2022/van-ban/bao-cao/6-thang/pdf/": ("reports:summary",
                                                    report_views.SummaryDownloadView),
    f"/cum/{NC}/2022/van-ban/bao-cao/6-thang/soan/": ("reports:summary-draft",
                                                     views_summary.SummaryDraftView),
    f"/cum/{NC}/2022/van-ban/bao-cao/ca-nam/soan/han-che/": (
        "reports:summary-section", views_summary.SummarySectionView),
    f"/cum/{NC}/2022/van-ban/bao-cao/6-thang/soan/phuong-huong/dat-lai/": (
        "reports:summary-section-reset", views_summary.SummarySectionResetView),
    f"/cum/{NC}/2022/van-ban/bao-cao/6-thang/soan/han-che/lich-su/": (
        "reports:summary-section-history", views_summary.SummarySectionHistoryView),
    "/xac-minh/ABCD-1234/": ("verify:page", views_verify.VerifyView),
    f"/cum/{NC}/2022/van-ban/ban-hanh/ABCD-1234/ban-chinh-thuc/": (
        "reports:official", views_official.OfficialFileView),
    f"/cum/{NC}/2022/van-ban/ban-hanh/ABCD-1234/ban-chinh-thuc/7/pdf/": (
        "reports:official-file", views_official.OfficialFileDownloadView),
}


@pytest.mark.parametrize(("path", "expected"), NEW.items(), ids=list(NEW))
def test_a_new_address_resolves_to_the_view_and_name_of_before(path, expected):
    name, view = expected
    match = resolve(path)
    assert match.view_name == name
    assert match.func.view_class is view


def test_the_cluster_year_is_parsed_once_by_the_converters():
    match = resolve(f"/cum/{NC}/2023/ket-qua/ca-nam/")
    assert match.kwargs == {"slug": NC, "year": 2023, "kind": ReportingPeriod.Kind.YEAR_END}
    report = resolve(f"/cum/{NC}/2023/van-ban/bao-cao/6-thang/docx/")
    assert report.kwargs["period"] == ReportingPeriod.Kind.MID_YEAR


@pytest.mark.parametrize("path", [f"/cum/{NC}/1944/phong-trao/", f"/cum/{NC}/2201/van-ban/",
                                  f"/cum/{NC}/20222/giao-uoc/", f"/cum/{NC}/2022/ket-qua/quy-1/"])
def test_a_year_or_period_outside_the_converters_is_no_address(path):
    with pytest.raises(Resolver404):
        resolve(path)


def test_the_period_converter_has_one_slug_per_stored_kind():
    assert sorted(PERIOD_KIND_OF_SLUG.values()) == sorted(ReportingPeriod.Kind.values)
    assert period_slug(ReportingPeriod.Kind.MID_YEAR) == "6-thang"
    assert period_slug("ca-nam") == "ca-nam"
    for kind in ReportingPeriod.Kind:  # reverse takes the stored kind or its slug alike
        by_kind = reverse("results:board", args=[NC, 2023, kind])
        assert by_kind == reverse("results:board", args=[NC, 2023, period_slug(kind)])


def test_reverse_refuses_a_year_outside_the_range():
    with pytest.raises(NoReverseMatch):
        reverse("campaigns:overview", args=[NC, 1900])
