"""Pages of unit results and good practices, under the ``results`` namespace. Their
``year_patterns`` are mounted under ``/cum/<slug>/<year>/`` by config/urls.py."""

from django.urls import path

from results.views import (
    practices,
    results,
    results_edit,
    results_review,
    results_review_criterion,
    scoring,
)

app_name = "results"

R = "ket-qua/<period:kind>/don-vi/<int:unit_pk>/"  # a unit's report

urlpatterns = []

year_patterns = [
    # Good practices and advanced examples (điển hình tiên tiến, cách làm hay).
    path("dien-hinh/", practices.PracticeListView.as_view(), name="practice-list"),
    path("dien-hinh/moi/", practices.PracticeCreateView.as_view(), name="practice-create"),
    path("dien-hinh/<int:pk>/", practices.PracticeDetailView.as_view(),
         name="practice-detail"),
    path("dien-hinh/<int:pk>/sua/", practices.PracticeUpdateView.as_view(),
         name="practice-update"),
    path("dien-hinh/<int:pk>/minh-chung/", practices.PracticeEvidenceView.as_view(),
         name="practice-evidence"),
    # Unit results: periods, the board, each unit's report and its workflow.
    path("ket-qua/", results.PeriodListView.as_view(), name="periods"),
    path("ket-qua/tao-ky/", results.PeriodCreateView.as_view(), name="period-create"),
    path("ket-qua/<period:kind>/", results.BoardView.as_view(), name="board"),
    path("ket-qua/<period:kind>/xep-hang/", results_review.RankingView.as_view(),
         name="ranking"),
    path("ket-qua/<period:kind>/giai-doan/", results_review.PhaseView.as_view(),
         name="phase"),
    path("ket-qua/<period:kind>/cai-dat/", results_review.PeriodSettingsView.as_view(),
         name="settings"),
    path("ket-qua/<period:kind>/chot/", results_review.FinaliseView.as_view(),
         name="finalise"),
    # Issue #17: units' own targets, criteria not applicable, the year's ranking rule, bands.
    path("ket-qua/xep-loai/", scoring.YearRulesView.as_view(), name="year-rules"),
    path("ket-qua/<period:kind>/chi-tieu/", scoring.TargetGridView.as_view(), name="targets"),
    path("ket-qua/<period:kind>/khong-ap-dung/<int:pk>/xoa/",
         scoring.NotApplicableRemoveView.as_view(), name="not-applicable-remove"),
    path(R, results.ReportDetailView.as_view(), name="report"),
    path(R + "sua/", results_edit.ReportEditView.as_view(), name="edit"),
    path(R + "nop/", results_edit.SubmitView.as_view(), name="submit"),
    path(R + "giai-trinh/", results_edit.ExplainView.as_view(), name="explain"),
    path(R + "tham-dinh/", results_review.ReviewView.as_view(), name="review"),
    path(R + "tra-lai/", results_review.ReturnView.as_view(), name="return"),
    path(R + "minh-chung/<int:pk>/", results.EvidenceDownloadView.as_view(),
         name="evidence"),
    # Reviewer independence and the review by criterion (issue #17).
    path("ket-qua/don-vi-tham-dinh-thay-the/",
         results_review_criterion.ReviewSettingView.as_view(), name="review-setting"),
    path("ket-qua/<period:kind>/tham-dinh-theo-tieu-chi/",
         results_review_criterion.CriterionReviewView.as_view(), name="criterion-review"),
    path("ket-qua/<period:kind>/tham-dinh-theo-tieu-chi/<int:criterion_pk>/",
         results_review_criterion.CriterionReviewView.as_view(), name="criterion-review-one"),
    path(R + "xung-dot-loi-ich/", results_review_criterion.RecusalView.as_view(),
         name="recuse"),
]
