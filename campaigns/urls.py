from django.urls import path

from campaigns.views import (
    campaigns,
    conferences,
    criteria,
    documents,
    public,
)

app_name = "campaigns"

Y = "<slug:slug>/<int:year>/"

urlpatterns = [
    path("ban-tin/<slug:slug>/", public.BulletinView.as_view(), name="bulletin"),
    # Campaigns and milestones.
    path(Y, campaigns.OverviewView.as_view(), name="overview"),
    path(Y + "phong-trao/moi/", campaigns.CampaignCreateView.as_view(), name="campaign-create"),
    path(Y + "phong-trao/<int:pk>/", campaigns.CampaignDetailView.as_view(),
         name="campaign-detail"),
    path(Y + "phong-trao/<int:pk>/sua/", campaigns.CampaignUpdateView.as_view(),
         name="campaign-update"),
    path(Y + "phong-trao/<int:pk>/moc/them/", campaigns.MilestoneAddView.as_view(),
         name="milestone-add"),
    path(Y + "moc/<int:pk>/hoan-thanh/", campaigns.MilestoneToggleView.as_view(),
         name="milestone-toggle"),
    # The register of documents and the cluster's numbered series.
    path(Y + "van-ban/", documents.DocumentListView.as_view(), name="document-list"),
    path(Y + "van-ban/vao-so/", documents.DocumentRegisterView.as_view(),
         name="document-register"),
    path(Y + "van-ban/cap-so/", documents.DocumentIssueView.as_view(), name="document-issue"),
    path(Y + "van-ban/<int:pk>/", documents.DocumentDetailView.as_view(),
         name="document-detail"),
    path(Y + "van-ban/<int:pk>/tep/", documents.DocumentFileView.as_view(),
         name="document-file"),
    # Criteria and score sheet.
    path(Y + "tieu-chi/", criteria.CriteriaTreeView.as_view(), name="criteria"),
    path(Y + "tieu-chi/them/", criteria.CriterionCreateView.as_view(), name="criterion-create"),
    path(Y + "tieu-chi/sao-chep/", criteria.CriteriaCopyView.as_view(), name="criteria-copy"),
    path(Y + "tieu-chi/<int:pk>/sua/", criteria.CriterionUpdateView.as_view(),
         name="criterion-update"),
    path(Y + "tieu-chi/<int:pk>/xoa/", criteria.CriterionDeleteView.as_view(),
         name="criterion-delete"),
    # Conferences.
    path(Y + "hoi-nghi/", conferences.ConferenceListView.as_view(), name="conference-list"),
    path(Y + "hoi-nghi/moi/", conferences.ConferenceCreateView.as_view(),
         name="conference-create"),
    path(Y + "hoi-nghi/<int:pk>/", conferences.ConferenceDetailView.as_view(),
         name="conference-detail"),
    path(Y + "hoi-nghi/<int:pk>/sua/", conferences.ConferenceUpdateView.as_view(),
         name="conference-update"),
    path(Y + "hoi-nghi/<int:pk>/dai-bieu/them/", conferences.DelegateAddView.as_view(),
         name="delegate-add"),
    path(Y + "hoi-nghi/<int:pk>/dai-bieu/<int:delegate_pk>/xoa/",
         conferences.DelegateRemoveView.as_view(), name="delegate-remove"),
    path(Y + "hoi-nghi/<int:pk>/cong-bo/", conferences.ConferencePublishView.as_view(),
         name="conference-publish"),
]
