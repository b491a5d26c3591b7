from django.urls import path

from commendations.views import ballots, dossiers, honours_import, proposals, sessions, year

app_name = "commendations"

YEAR = "khen-thuong/"  # year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py
SESSION = YEAR + "phien/<int:pk>/"
DOSSIER = YEAR + "ho-so/<int:pk>/"

urlpatterns = [
    path("don-vi/<int:pk>/khen-thuong/", dossiers.UnitHonoursView.as_view(), name="unit-honours"),
]

year_patterns = [
    path(YEAR, year.OverviewView.as_view(), name="overview"),
    path(YEAR + "quy-tac/", year.RulesView.as_view(), name="rules"),
    path(YEAR + "khen-thuong-da-co/nhap/", honours_import.HonoursImportView.as_view(),
         name="honours-import"),
    path(YEAR + "khen-thuong-da-co/mau.xlsx", honours_import.HonoursTemplateView.as_view(),
         name="honours-template"),
    path(YEAR + "quy-tac/lap/", year.RulesCreateView.as_view(), name="rules-create"),
    path(YEAR + "quy-tac/them/", year.RuleCreateView.as_view(), name="rule-create"),
    path(YEAR + "quy-tac/<int:pk>/sua/", year.RuleUpdateView.as_view(), name="rule-update"),
    path(YEAR + "phien/tao/", sessions.SessionCreateView.as_view(), name="session-create"),
    path(SESSION, sessions.SessionDetailView.as_view(), name="session-detail"),
    path(SESSION + "de-nghi/them/", sessions.NominationCreateView.as_view(),
         name="nomination-create"),
    path(SESSION + "de-nghi/<int:nid>/sua/", sessions.NominationUpdateView.as_view(),
         name="nomination-update"),
    path(SESSION + "de-nghi/<int:nid>/xoa/", sessions.NominationDeleteView.as_view(),
         name="nomination-delete"),
    path(SESSION + "trang-thai/<slug:target>/", sessions.SessionTransitionView.as_view(),
         name="session-transition"),
    path(SESSION + "bo-phieu/", ballots.VoteView.as_view(), name="vote"),
    path(SESSION + "ghi-nhan-phieu/", ballots.BallotRecordView.as_view(), name="ballot-record"),
    path(SESSION + "ket-qua.csv", sessions.ResultsCsvView.as_view(), name="results-csv"),
    path(DOSSIER, dossiers.DossierDetailView.as_view(), name="dossier-detail"),
    path(DOSSIER + "tai-lieu/<slug:kind>/them/", dossiers.DocumentAddView.as_view(),
         name="document-add"),
    path(DOSSIER + "tai-lieu/<int:doc>/tai-ve/", dossiers.DocumentDownloadView.as_view(),
         name="document-download"),
    path(DOSSIER + "bien-ban/", dossiers.MinutesDraftView.as_view(), name="minutes-draft"),
    path(DOSSIER + "da-ban-hanh/<slug:code>/", dossiers.IssuedAttachView.as_view(),
         name="document-attach-issued"),
    path(DOSSIER + "trang-thai/<slug:target>/", dossiers.DossierTransitionView.as_view(),
         name="dossier-transition"),
    path(DOSSIER + "quyet-dinh/", dossiers.DecisionRecordView.as_view(), name="decision-record"),
    path(DOSSIER + "quyet-dinh/tai-ve/", dossiers.DecisionDownloadView.as_view(),
         name="decision-download"),
]

# Proposals from the member units (issue #16).
PROPOSALS = YEAR + "de-xuat/"
PROPOSAL = PROPOSALS + "<int:pk>/"
year_patterns += [
    path(PROPOSALS, proposals.ProposalListView.as_view(), name="proposal-list"),
    path(PROPOSALS + "them/", proposals.ProposalCreateView.as_view(), name="proposal-create"),
    path(PROPOSALS + "han-gui/", proposals.ProposalCallView.as_view(), name="proposal-call"),
    path(PROPOSAL, proposals.ProposalDetailView.as_view(), name="proposal-detail"),
    path(PROPOSAL + "sua/", proposals.ProposalUpdateView.as_view(), name="proposal-update"),
    path(PROPOSAL + "minh-chung/them/", proposals.EvidenceAddView.as_view(),
         name="proposal-evidence-add"),
    path(PROPOSAL + "minh-chung/<int:eid>/tai-ve/", proposals.EvidenceDownloadView.as_view(),
         name="proposal-evidence-download"),
    path(PROPOSAL + "bao-cao/tai-ve/", proposals.ReportDownloadView.as_view(),
         name="proposal-report-download"),
    path(PROPOSAL + "trang-thai/<slug:target>/", proposals.ProposalTransitionView.as_view(),
         name="proposal-transition"),
]
