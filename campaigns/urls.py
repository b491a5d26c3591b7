from django.urls import path

from campaigns.views import (
    campaigns,
    conferences,
    criteria,
    criteria_import,
    documents,
    public,
)

app_name = "campaigns"

# year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py.

# Public pages, outside any cluster-year.
urlpatterns = [
    path("cong-khai/ban-tin/<slug:conference_slug>/", public.BulletinView.as_view(),
         name="bulletin"),
]

year_patterns = [
    # Campaigns and milestones.
    path("phong-trao/", campaigns.OverviewView.as_view(), name="overview"),
    path("phong-trao/moi/", campaigns.CampaignCreateView.as_view(), name="campaign-create"),
    path("phong-trao/<int:pk>/", campaigns.CampaignDetailView.as_view(),
         name="campaign-detail"),
    path("phong-trao/<int:pk>/sua/", campaigns.CampaignUpdateView.as_view(),
         name="campaign-update"),
    path("phong-trao/<int:pk>/moc/them/", campaigns.MilestoneAddView.as_view(),
         name="milestone-add"),
    path("moc/<int:pk>/hoan-thanh/", campaigns.MilestoneToggleView.as_view(),
         name="milestone-toggle"),
    # The register of legal documents (sổ văn bản) and the cluster's numbered series.
    path("so-van-ban/", documents.DocumentListView.as_view(), name="document-list"),
    path("so-van-ban/vao-so/", documents.DocumentRegisterView.as_view(),
         name="document-register"),
    path("so-van-ban/cap-so/", documents.DocumentIssueView.as_view(), name="document-issue"),
    path("so-van-ban/<int:pk>/", documents.DocumentDetailView.as_view(),
         name="document-detail"),
    path("so-van-ban/<int:pk>/tep/", documents.DocumentFileView.as_view(),
         name="document-file"),
    path("so-van-ban/<int:pk>/hieu-luc/", documents.DocumentValidityView.as_view(),
         name="document-validity"),
    # Criteria and score sheet.
    path("tieu-chi/", criteria.CriteriaTreeView.as_view(), name="criteria"),
    path("tieu-chi/them/", criteria.CriterionCreateView.as_view(), name="criterion-create"),
    path("tieu-chi/sao-chep/", criteria.CriteriaCopyView.as_view(), name="criteria-copy"),
    path("tieu-chi/nhap/", criteria_import.CriteriaImportView.as_view(), name="criteria-import"),
    path("tieu-chi/mau.xlsx", criteria_import.CriteriaTemplateView.as_view(),
         name="criteria-template"),
    path("tieu-chi/xuat.xlsx", criteria_import.CriteriaExportView.as_view(),
         name="criteria-export"),
    path("tieu-chi/<int:pk>/sua/", criteria.CriterionUpdateView.as_view(),
         name="criterion-update"),
    path("tieu-chi/<int:pk>/xoa/", criteria.CriterionDeleteView.as_view(),
         name="criterion-delete"),
    # Conferences.
    path("hoi-nghi/", conferences.ConferenceListView.as_view(), name="conference-list"),
    path("hoi-nghi/moi/", conferences.ConferenceCreateView.as_view(),
         name="conference-create"),
    path("hoi-nghi/<int:pk>/", conferences.ConferenceDetailView.as_view(),
         name="conference-detail"),
    path("hoi-nghi/<int:pk>/sua/", conferences.ConferenceUpdateView.as_view(),
         name="conference-update"),
    path("hoi-nghi/<int:pk>/dai-bieu/them/", conferences.DelegateAddView.as_view(),
         name="delegate-add"),
    path("hoi-nghi/<int:pk>/dai-bieu/<int:delegate_pk>/xoa/",
         conferences.DelegateRemoveView.as_view(), name="delegate-remove"),
    path("hoi-nghi/<int:pk>/cong-bo/", conferences.ConferencePublishView.as_view(),
         name="conference-publish"),
]
