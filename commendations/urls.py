from django.urls import path

from commendations.views import (
    ballots,
    consultation,
    dossiers,
    eligibility,
    honours_import,
    lookup,
    proposals,
    sessions,
    year,
)

app_name = "commendations"

YEAR = "khen-thuong/"  # year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py
SESSION = YEAR + "phien/<int:pk>/"
DOSSIER = YEAR + "ho-so/<int:pk>/"
STANDARDS = YEAR + "tieu-chuan/"
CONSULT = YEAR + "lay-y-kien/"

urlpatterns = [
    path("don-vi/<int:pk>/khen-thuong/", dossiers.UnitHonoursView.as_view(), name="unit-honours"),
    # Public, no login (issue #16, part 5): the nominees shown for comment.
    path("lay-y-kien/<uuid:token>/", consultation.PublicConsultationView.as_view(),
         name="consultation-public"),
    # The look-up and the person registry, across the cluster's years (issue #16).
    path("cum/<slug:slug>/tra-cuu/", lookup.LookupView.as_view(), name="lookup"),
    path("cum/<slug:slug>/tra-cuu/in/", lookup.LookupPrintView.as_view(), name="lookup-print"),
    path("cum/<slug:slug>/ca-nhan/<int:pk>/", lookup.PersonView.as_view(), name="person"),
    path("cum/<slug:slug>/ca-nhan/<int:pk>/gop/", lookup.PersonMergeView.as_view(),
         name="person-merge"),
    path("cap-tren/ho-so/", dossiers.SuperiorInboxView.as_view(), name="superior-inbox"),
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
    # Standards and eligibility (issue #16, part 3)
    path(STANDARDS, eligibility.StandardsOverviewView.as_view(), name="standards"),
    path(STANDARDS + "<slug:code>/", eligibility.AwardStandardsView.as_view(),
         name="award-standards"),
    path(STANDARDS + "<slug:code>/them-tieu-chuan/", eligibility.StandardCreateView.as_view(),
         name="standard-create"),
    path(STANDARDS + "<slug:code>/tieu-chuan/<int:sid>/sua/",
         eligibility.StandardUpdateView.as_view(), name="standard-update"),
    path(STANDARDS + "<slug:code>/them-dieu-kien/", eligibility.ConditionCreateView.as_view(),
         name="condition-create"),
    path(STANDARDS + "<slug:code>/dieu-kien/<int:cid>/sua/",
         eligibility.ConditionUpdateView.as_view(), name="condition-update"),
    path(SESSION + "de-nghi/<int:nid>/tieu-chuan/", eligibility.NominationStandardsView.as_view(),
         name="nomination-standards"),
    path(SESSION + "de-nghi/<int:nid>/tieu-chuan/<int:sid>/khai-bao/",
         eligibility.DeclareView.as_view(), name="standard-declare"),
    # Public consultation (issue #16, part 5): the secretariat's pages.
    path(CONSULT, consultation.ConsultationListView.as_view(), name="consultation-list"),
    path(CONSULT + "tao/", consultation.ConsultationCreateView.as_view(),
         name="consultation-create"),
    path(CONSULT + "<int:pk>/", consultation.ConsultationDetailView.as_view(),
         name="consultation-detail"),
    path(CONSULT + "<int:pk>/y-kien/<int:cid>/xu-ly/",
         consultation.CommentModerateView.as_view(), name="comment-moderate"),
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
