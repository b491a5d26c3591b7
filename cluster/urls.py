from django.urls import path

from cluster import import_views, people_views, setup_views, views

app_name = "cluster"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cum/<slug:slug>/", views.ClusterDetailView.as_view(), name="cluster-detail"),
    path("don-vi/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("thiet-lap/", setup_views.SetupStartView.as_view(), name="setup-start"),
]

# Mounted under /cum/<slug>/<year>/ by config/urls.py.
year_patterns = [
    path("", views.ClusterYearHomeView.as_view(), name="year-home"),
    path("cum-truong/", views.ClusterYearRolesView.as_view(), name="roles-confirm"),
    path("thanh-vien/nhap/", import_views.MembersImportView.as_view(), name="members-import"),
    path("thanh-vien/mau.xlsx", import_views.MembersTemplateView.as_view(),
         name="members-template"),
    path("nguoi-dung/", people_views.PeopleListView.as_view(), name="people"),
    path("nguoi-dung/them/", people_views.PersonCreateView.as_view(), name="person-create"),
    path("nguoi-dung/<int:pk>/sua/", people_views.PersonUpdateView.as_view(),
         name="person-update"),
    path("nguoi-dung/<int:pk>/khoa/", people_views.PersonActiveView.as_view(active=False),
         name="person-deactivate"),
    path("nguoi-dung/<int:pk>/mo-lai/", people_views.PersonActiveView.as_view(active=True),
         name="person-reactivate"),
    path("nguoi-dung/<int:pk>/gui-loi-moi/", people_views.PersonInviteView.as_view(),
         name="person-invite"),
    # The guided set-up of a new cluster (administrators only).
    path("thiet-lap/thanh-vien/", setup_views.SetupMembersView.as_view(), name="setup-members"),
    path("thiet-lap/cum-truong/", setup_views.SetupRolesView.as_view(), name="setup-roles"),
    path("thiet-lap/tai-khoan/", setup_views.SetupAccountsView.as_view(),
         name="setup-accounts"),
]
