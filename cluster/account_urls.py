"""The account pages beside sign-in and the password change, under ``/tai-khoan/``: the
password reset ("Quên mật khẩu?") and the invitation of a new account. Django's own URL
names (``password_reset`` ...), which its views reverse."""

from django.contrib.auth import views as auth_views
from django.urls import path

from cluster import account_views

urlpatterns = [
    path("quen-mat-khau/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", account_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("loi-moi/<uidb64>/<token>/", account_views.InvitationConfirmView.as_view(),
         name="invitation_confirm"),
    path("loi-moi/xong/", account_views.InvitationCompleteView.as_view(),
         name="invitation_complete"),
]
