from django.db import transaction
from django.urls import path, register_converter

from reports import (
    views,
    views_official,
    views_signing,
    views_signing_external,
    views_summary,
)

app_name = "reports"


class FormatConverter:
    regex = "pdf|docx|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

Y = "van-ban/"  # year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py

urlpatterns = []

year_patterns = [
    path(Y, views.DocumentListView.as_view(), name="list"),
    path(Y + "bao-cao/<period:period>/ban-hanh/",
         transaction.non_atomic_requests(views.SummaryIssueView.as_view()),
         name="summary-issue"),
    path(Y + "bao-cao/<period:period>/<fmt:fmt>/", views.SummaryDownloadView.as_view(),
         name="summary"),
    path(Y + "bao-cao/<period:period>/soan/", views_summary.SummaryDraftView.as_view(),
         name="summary-draft"),
    path(Y + "bao-cao/<period:period>/soan/<str:section>/",
         views_summary.SummarySectionView.as_view(), name="summary-section"),
    path(Y + "bao-cao/<period:period>/soan/<str:section>/dat-lai/",
         views_summary.SummarySectionResetView.as_view(), name="summary-section-reset"),
    path(Y + "bao-cao/<period:period>/soan/<str:section>/lich-su/",
         views_summary.SummarySectionHistoryView.as_view(), name="summary-section-history"),
    path(Y + "bang-diem/<period:period>/<fmt:fmt>/", views.ScoresDownloadView.as_view(),
         name="scores"),
    path(Y + "xep-hang/<period:period>/<fmt:fmt>/", views.RankingDownloadView.as_view(),
         name="ranking"),
    path(Y + "giao-uoc/<fmt:fmt>/", views.PledgeDownloadView.as_view(), name="pledge"),
    path(Y + "hoi-nghi/<int:pk>/bien-ban/ban-hanh/",
         transaction.non_atomic_requests(views.MinutesIssueView.as_view()),
         name="minutes-issue"),
    path(Y + "hoi-nghi/<int:pk>/bien-ban/<fmt:fmt>/", views.MinutesDownloadView.as_view(),
         name="minutes"),
    path(Y + "binh-xet/<int:pk>/bien-ban/ban-hanh/",
         transaction.non_atomic_requests(views.VoteMinutesIssueView.as_view()),
         name="vote-minutes-issue"),
    path(Y + "binh-xet/<int:pk>/bien-ban/<fmt:fmt>/", views.VoteMinutesDownloadView.as_view(),
         name="vote-minutes"),
    path(Y + "binh-xet/<int:pk>/to-trinh/ban-hanh/",
         transaction.non_atomic_requests(views.SubmissionIssueView.as_view()),
         name="submission-issue"),
    path(Y + "binh-xet/<int:pk>/to-trinh/<fmt:fmt>/", views.SubmissionDownloadView.as_view(),
         name="submission"),
    path(Y + "ban-hanh/<str:code>/<fmt:fmt>/", views.IssuedFileView.as_view(),
         name="issued-file"),
    path(Y + "ban-hanh/<str:code>/ban-chinh-thuc/", views_official.OfficialFileView.as_view(),
         name="official"),
    path(Y + "ban-hanh/<str:code>/ban-chinh-thuc/<int:pk>/pdf/",
         views_official.OfficialFileDownloadView.as_view(), name="official-file"),
    path(Y + "ban-hanh/<str:code>/ky-so/",
         transaction.non_atomic_requests(views_signing.SigningView.as_view()), name="signing"),
    path(Y + "ban-hanh/<str:code>/ky-so/token-rieng/",
         transaction.non_atomic_requests(views_signing_external.ExternalSigningView.as_view()),
         name="signing-external"),
    path(Y + "ban-hanh/<str:code>/ky-so/token-co-quan/",
         transaction.non_atomic_requests(views_signing_external.BodyTokenSigningView.as_view()),
         name="signing-body-token"),
]
