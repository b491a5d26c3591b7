"""The URL tree. Every page of a cluster-year lives under one prefix, ``/cum/<slug>/<year>/``,
each app contributing its ``year_patterns`` there (as pretix's ``event_patterns`` do) beside its
other pages (``urlpatterns``), under the app's one namespace. The addresses of before the tree
answer a permanent redirect (``config/legacy_urls.py``), listed last so they shadow nothing."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import campaigns.urls
import cluster.urls
import commendations.urls
import pledges.urls
import reports.urls
import results.urls
from config import legacy_urls

CLUSTER_YEAR = "cum/<slug:slug>/<year:year>/"


def app_urls(module):
    """One app's pages under its namespace: its own addresses, and its cluster-year pages under
    the one prefix. (One ``include`` per namespace: Django reverses only one of two includes
    sharing a namespace.)"""
    patterns = [*module.urlpatterns, path(CLUSTER_YEAR, include(module.year_patterns))]
    return include((patterns, module.app_name))


urlpatterns = [
    path(
        "tai-khoan/dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "tai-khoan/doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "tai-khoan/doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("tai-khoan/", include("cluster.account_urls")),  # password reset, invitations
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("xac-minh/", include("reports.verify_urls")),  # printed on paper: never moves
    path("thong-bao/", include("notifications.urls")),
    path("", app_urls(cluster.urls)),
    path("", app_urls(campaigns.urls)),
    path("", app_urls(results.urls)),
    path("", app_urls(pledges.urls)),
    path("", app_urls(commendations.urls)),
    path("", app_urls(reports.urls)),
    path("", include(legacy_urls)),
]

admin.site.site_header = "Quản trị hệ thống thi đua, khen thưởng"
admin.site.site_title = "Thi đua, khen thưởng"
admin.site.index_title = "Quản trị"
