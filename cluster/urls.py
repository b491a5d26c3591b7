from django.urls import path

from cluster import import_views, views

app_name = "cluster"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cum/<slug:slug>/", views.ClusterDetailView.as_view(), name="cluster-detail"),
    path("don-vi/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
]

# Mounted under /cum/<slug>/<year>/ by config/urls.py.
year_patterns = [
    path("", views.ClusterYearHomeView.as_view(), name="year-home"),
    path("cum-truong/", views.ClusterYearRolesView.as_view(), name="roles-confirm"),
    path("thanh-vien/nhap/", import_views.MembersImportView.as_view(), name="members-import"),
    path("thanh-vien/mau.xlsx", import_views.MembersTemplateView.as_view(),
         name="members-template"),
]
