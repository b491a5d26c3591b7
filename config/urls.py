from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

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
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("phong-trao/", include("campaigns.urls")),
    path("phong-trao/", include("results.urls")),
    path("giao-uoc/", include("pledges.urls")),
    path("van-ban/", include("reports.urls")),
    path("xac-minh/", include("reports.verify_urls")),
    path("khen-thuong/", include("commendations.urls")),
    path("", include("cluster.urls")),
]

admin.site.site_header = "Quản trị hệ thống thi đua, khen thưởng"
admin.site.site_title = "Thi đua, khen thưởng"
admin.site.index_title = "Quản trị"
