"""The app's URLs plus the layout floor of the page benchmark (issue #11): ``/_bench/floor/``
renders ``base.html`` alone for the signed-in user, so a page's server time can be read as a
multiple of what every page pays for the layout (session, user, context processors, menus).
Used only with ``config.settings_bench``; never in production."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.views.generic import TemplateView

from config.urls import urlpatterns as app_urlpatterns


class LayoutFloorView(LoginRequiredMixin, TemplateView):
    template_name = "base.html"


urlpatterns = [path("_bench/floor/", LayoutFloorView.as_view(), name="bench-floor"),
               *app_urlpatterns]
