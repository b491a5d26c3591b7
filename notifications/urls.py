from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("da-doc-tat-ca/", views.MarkAllReadView.as_view(), name="mark-all-read"),
    path("nhan-thu/", views.EmailPreferencesView.as_view(), name="preferences"),
]
