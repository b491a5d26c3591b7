from django.urls import path

from reports import views_verify

app_name = "verify"

urlpatterns = [
    path("", views_verify.VerifyLookupView.as_view(), name="lookup"),
    path("<str:code>/", views_verify.VerifyView.as_view(), name="page"),
]
