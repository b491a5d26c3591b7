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

# year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py.
R = "ket-qua/<period:kind>/don-vi/<int:unit_pk>/"  # a unit's report

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
    # Criteria and score sheet.
    path("tieu-chi/", criteria.CriteriaTreeView.as_view(), name="criteria"),
    path("tieu-chi/them/", criteria.CriterionCreateView.as_view(), name="criterion-create"),
    path("tieu-chi/sao-chep/", criteria.CriteriaCopyView.as_view(), name="criteria-copy"),
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
    # Good practices and advanced examples (điển hình tiên tiến, cách làm hay).
    path("dien-hinh/", practices.PracticeListView.as_view(), name="practice-list"),
    path("dien-hinh/moi/", practices.PracticeCreateView.as_view(), name="practice-create"),
    path("dien-hinh/<int:pk>/", practices.PracticeDetailView.as_view(),
         name="practice-detail"),
    path("dien-hinh/<int:pk>/sua/", practices.PracticeUpdateView.as_view(),
         name="practice-update"),
    path("dien-hinh/<int:pk>/minh-chung/", practices.PracticeEvidenceView.as_view(),
         name="practice-evidence"),
    # Unit results (issue #4): periods, the board, each unit's report and its workflow.
    path("ket-qua/", results.PeriodListView.as_view(), name="results-periods"),
    path("ket-qua/tao-ky/", results.PeriodCreateView.as_view(),
         name="results-period-create"),
    path("ket-qua/<period:kind>/", results.BoardView.as_view(), name="results-board"),
    path("ket-qua/<period:kind>/xep-hang/", results_review.RankingView.as_view(),
         name="results-ranking"),
    path("ket-qua/<period:kind>/giai-doan/", results_review.PhaseView.as_view(),
         name="results-phase"),
    path("ket-qua/<period:kind>/cai-dat/", results_review.PeriodSettingsView.as_view(),
         name="results-settings"),
    path("ket-qua/<period:kind>/chot/", results_review.FinaliseView.as_view(),
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
