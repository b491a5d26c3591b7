"""Pages of unit results and good practices. Included under ``phong-trao/`` beside
``campaigns.urls`` (config/urls.py): the paths are the ones they had when they lived in
campaigns, only the names moved to the ``results`` namespace."""

from django.urls import path

from results.views import practices, results, results_edit, results_review

app_name = "results"

Y = "<slug:slug>/<int:year>/"
R = Y + "bao-cao/<slug:kind>/don-vi/<int:unit_pk>/"  # a unit's report

urlpatterns = [
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
    path(Y + "bao-cao/", results.PeriodListView.as_view(), name="periods"),
    path(Y + "bao-cao/tao-ky/", results.PeriodCreateView.as_view(),
         name="period-create"),
    path(Y + "bao-cao/<slug:kind>/", results.BoardView.as_view(), name="board"),
    path(Y + "bao-cao/<slug:kind>/xep-hang/", results_review.RankingView.as_view(),
         name="ranking"),
    path(Y + "bao-cao/<slug:kind>/giai-doan/", results_review.PhaseView.as_view(),
         name="phase"),
    path(Y + "bao-cao/<slug:kind>/cai-dat/", results_review.PeriodSettingsView.as_view(),
         name="settings"),
    path(Y + "bao-cao/<slug:kind>/chot/", results_review.FinaliseView.as_view(),
         name="finalise"),
    path(R, results.ReportDetailView.as_view(), name="report"),
    path(R + "sua/", results_edit.ReportEditView.as_view(), name="edit"),
    path(R + "nop/", results_edit.SubmitView.as_view(), name="submit"),
    path(R + "giai-trinh/", results_edit.ExplainView.as_view(), name="explain"),
    path(R + "tham-dinh/", results_review.ReviewView.as_view(), name="review"),
    path(R + "tra-lai/", results_review.ReturnView.as_view(), name="return"),
    path(R + "minh-chung/<int:pk>/", results.EvidenceDownloadView.as_view(),
         name="evidence"),
]
