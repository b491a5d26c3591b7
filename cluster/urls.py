from django.urls import path

from cluster import views

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
]
