"""The notification centre (issue #16): one's notices, newest first with the unread ones on
top, each opened through a page that marks it read and goes on to its address (a local one
only); "mark all read"; the e-mail preferences per kind. Everyone signed in has a centre and
sees only their own notices: another person's is not found (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from notifications import selectors, services
from notifications.forms import EmailPreferencesForm
from notifications.kinds import Kind

PER_PAGE = 20


def safe_local_url(url: str) -> str | None:
    """``url`` when it is a path of this site (``/…``), else None: a notice never sends its
    reader elsewhere, whatever its stored address says."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        return None
    return url


class NotificationListView(LoginRequiredMixin, TemplateView):
    template_name = "notifications/list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.notifications_of(user=self.request.user), PER_PAGE
                         ).get_page(self.request.GET.get("trang") or 1)
        return super().get_context_data(page=page, notices=page.object_list, **kwargs)


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notice: mark it read, then go to its page (or back to the list)."""

    def get(self, request, pk: int):
        notice = selectors.notification_get(user=request.user, pk=pk)
        if notice is None:
            raise Http404
        services.notification_mark_read(user=request.user, notification_id=notice.pk)
        return redirect(safe_local_url(notice.url) or reverse("notifications:list"))


class MarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notification_mark_read(user=request.user)
        if count:
            messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
        return redirect("notifications:list")


class EmailPreferencesView(LoginRequiredMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = EmailPreferencesForm

    def get_initial(self):
        off = selectors.email_opt_outs(user=self.request.user)
        return {"receive": [kind for kind in Kind.values if kind not in off]}

    def form_valid(self, form):
        services.email_preferences_set(user=self.request.user,
                                       receive=form.cleaned_data["receive"])
        messages.success(self.request, _("Đã lưu lựa chọn nhận thư điện tử."))
        return redirect("notifications:preferences")

    def get_context_data(self, **kwargs):
        return super().get_context_data(has_email=bool(self.request.user.email), **kwargs)
