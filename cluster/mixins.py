"""View helpers shared by every app: permission checks that answer 404 outside one's scope,
and form views that call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

MIN_YEAR, MAX_YEAR = 1945, 2200


def parse_year(value, *, default: int | None = None) -> int | None:
    """A year from a URL or query string, or ``default`` when it is missing or malformed."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return year if MIN_YEAR <= year <= MAX_YEAR else default


def year_or_404(value) -> int:
    year = parse_year(value)
    if year is None:
        raise Http404("Năm không hợp lệ.")
    return year


def cluster_or_404(request, slug: str):
    """The cluster of the URL, read once per request: the page and its navigation bar
    (``cluster.context_processors``) both need it. For a signed-in user it is taken from the
    clusters they may see, which every page reads anyway (the navigation bar); otherwise read
    by its slug. Scope is checked by the caller."""
    from cluster.models import Cluster
    from cluster.selectors import user_cluster_list

    cache = request.__dict__.setdefault("_cluster_by_slug", {})
    if slug not in cache:
        user = getattr(request, "user", None)
        visible = user_cluster_list(user=user) if user is not None and user.is_authenticated \
            else []
        cache[slug] = next((c for c in visible if c.slug == slug), None) or \
            Cluster.objects.filter(slug=slug).first()
    if cache[slug] is None:
        raise Http404
    return cache[slug]


def cluster_seen(request, cluster) -> None:
    """Record a cluster the view has already read, so ``cluster_or_404`` does not read it
    again for the same request."""
    request.__dict__.setdefault("_cluster_by_slug", {})[cluster.slug] = cluster


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form it came from, field by field where the
    field exists, so the user keeps what they typed and sees why it was refused."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormMixin:
    """For a FormView whose ``perform(form)`` calls one service: a ValidationError from it is
    shown on the form, field by field, and nothing typed is lost; otherwise the success
    message and the redirect to ``get_success_url()``."""

    title = ""
    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def get_title(self) -> str:
        return str(self.title)

    def get_success_message(self) -> str:
        return str(self.success_message)

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())


class ServiceActionMixin:
    """For a POST-only View whose ``action()`` calls one service and returns the success
    message; a ValidationError from it becomes an error message. Both redirect to
    ``get_success_url()``."""

    http_method_names = ["post"]  # noqa: RUF012 (Django's own attribute, never mutated)

    def action(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.action()
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(self.get_success_url())


class PermissionOr404Mixin(LoginRequiredMixin):
    """Checks ``permission_required`` against ``get_permission_object()``; a user without it is
    told the page does not exist (404), never that it is forbidden (403)."""

    permission_required: str = ""

    def get_permission_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.permission_object = self.get_permission_object()
        if not request.user.has_perm(self.permission_required, self.permission_object):
            raise Http404("Không tìm thấy trang.")
        return super().dispatch(request, *args, **kwargs)


class ClusterYearMixin(PermissionOr404Mixin):
    """Every page under ``/cum/<slug>/<year>/``: the cluster-year is resolved here, once per
    request (``cluster_or_404`` shares it with the navigation bar), then ``load_objects()``
    resolves what else the URL names, and ``permission_required`` is checked against the
    ``YearScope`` (404 outside the user's scope). Sets ``cluster``, ``year``, ``scope``.

    Each app's pages subclass it only to name their permission and what they add to it."""

    section = ""

    def get_permission_object(self):
        from cluster.rules import YearScope

        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        self.year = year_or_404(self.kwargs["year"])
        self.scope = YearScope(self.cluster, self.year)
        self.load_objects()
        return self.scope

    def load_objects(self) -> None:
        """Resolve the objects named in the URL besides the cluster-year (404 when missing)."""

    def has(self, permission: str, obj=None) -> bool:
        return self.request.user.has_perm(permission, self.scope if obj is None else obj)

    def get_context_data(self, **kwargs):
        # The views' URL kwargs hold the raw slug and year; the resolved objects replace them.
        kwargs.update(cluster=self.cluster, year=self.year, section=self.section)
        return super().get_context_data(**kwargs)
