from django.urls import path

from pledges import views, views_edit

app_name = "pledges"

YEAR = "giao-uoc/"  # year_patterns are mounted under /cum/<slug>/<year>/ by config/urls.py

urlpatterns = [
    path("cum/<slug:slug>/giao-uoc/", views.PledgeListView.as_view(), name="list"),
]

year_patterns = [
    path(YEAR, views.PledgeDetailView.as_view(), name="detail"),
    path(YEAR + "chu-ky/", views.PledgeSignaturesView.as_view(), name="signatures"),
    path(YEAR + "ky/", views.PledgeSignView.as_view(), name="sign"),
    path(YEAR + "trang-thai/<slug:target>/", views.PledgeTransitionView.as_view(),
         name="transition"),
    path(YEAR + "lap/", views_edit.PledgeCreateView.as_view(), name="create"),
    path(YEAR + "sua/", views_edit.PledgeUpdateView.as_view(), name="update"),
    path(YEAR + "cam-ket/them/", views_edit.CommitmentCreateView.as_view(),
         name="commitment-create"),
    path(YEAR + "cam-ket/<int:pk>/sua/", views_edit.CommitmentUpdateView.as_view(),
         name="commitment-update"),
    path(YEAR + "cam-ket/<int:pk>/xoa/", views_edit.CommitmentDeleteView.as_view(),
         name="commitment-delete"),
    path(YEAR + "cam-ket/<int:pk>/di-chuyen/", views_edit.CommitmentMoveView.as_view(),
         name="commitment-move"),
    path(YEAR + "ghi-nhan-ky-giay/", views_edit.PaperSignatureView.as_view(),
         name="paper-signature"),
]
