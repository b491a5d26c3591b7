from django.urls import path

from campaigns.views import (
    campaigns,
    conferences,
    criteria,
    documents,
    practices,
    public,
    results,
    results_edit,
    results_review,
)

app_name = "campaigns"

Y = "<slug:slug>/<int:year>/"
R = Y + "bao-cao/<slug:kind>/don-vi/<int:unit_pk>/"  # a unit's report

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
    # Good practices and advanced examples (điển hình tiên tiến, cách làm hay).
    path(Y + "dien-hinh/", practices.PracticeListView.as_view(), name="practice-list"),
    path(Y + "dien-hinh/moi/", practices.PracticeCreateView.as_view(), name="practice-create"),
    path(Y + "dien-hinh/<int:pk>/", practices.PracticeDetailView.as_view(),
         name="practice-detail"),
    path(Y + "dien-hinh/<int:pk>/sua/", practices.PracticeUpdateView.as_view(),
         name="practice-update"),
    path(Y + "dien-hinh/<int:pk>/minh-chung/", practices.PracticeEvidenceView.as_view(),
         name="practice-evidence"),
    # Unit results (issue #4): periods, the board, each unit's report and its workflow.
    path(Y + "bao-cao/", results.PeriodListView.as_view(), name="results-periods"),
    path(Y + "bao-cao/tao-ky/", results.PeriodCreateView.as_view(),
         name="results-period-create"),
    path(Y + "bao-cao/<slug:kind>/", results.BoardView.as_view(), name="results-board"),
    path(Y + "bao-cao/<slug:kind>/xep-hang/", results_review.RankingView.as_view(),
         name="results-ranking"),
    path(Y + "bao-cao/<slug:kind>/giai-doan/", results_review.PhaseView.as_view(),
         name="results-phase"),
    path(Y + "bao-cao/<slug:kind>/cai-dat/", results_review.PeriodSettingsView.as_view(),
         name="results-settings"),
    path(Y + "bao-cao/<slug:kind>/chot/", results_review.FinaliseView.as_view(),
         name="results-finalise"),
    path(R, results.ReportDetailView.as_view(), name="results-report"),
    path(R + "sua/", results_edit.ReportEditView.as_view(), name="results-edit"),
    path(R + "nop/", results_edit.SubmitView.as_view(), name="results-submit"),
    path(R + "giai-trinh/", results_edit.ExplainView.as_view(), name="results-explain"),
    path(R + "tham-dinh/", results_review.ReviewView.as_view(), name="results-review"),
    path(R + "tra-lai/", results_review.ReturnView.as_view(), name="results-return"),
    path(R + "minh-chung/<int:pk>/", results.EvidenceDownloadView.as_view(),
         name="results-evidence"),
]
