"""The guided set-up of a new cluster (issue #13, point 3), for an administrator, in the app
rather than in Django admin: four pages, each a plain form over one service of
``cluster.services``.

1. ``/thiet-lap/``: the cluster (Cụm or Khối, superior body, document symbol, slug) and its
   first year (``cluster_create``);
2. ``/cum/<slug>/<year>/thiet-lap/thanh-vien/``: its members, ticked in the registry's units
   in force that year, with the rotation order (``cluster_members_choose``);
3. ``…/thiet-lap/cum-truong/``: the first year's chair and vice-chair, proposed by the
   rotation and confirmed (``cluster_year_set_roles``, the page of ``cluster:roles-confirm``);
4. ``…/thiet-lap/tai-khoan/``: the people, from the members' spreadsheet
   (``cluster:members-import``) or one officer account per member unit here
   (``member_officers_create``); then the cluster-year's home page and its checklist.

Only administrators may run it (``cluster.run_setup``); everyone else is told the pages do
not exist (404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from cluster import selectors, services
from cluster.forms import ClusterCreateForm, MembersChooseForm, OfficerAccountsForm
from cluster.mixins import ClusterYearMixin, PermissionOr404Mixin, add_service_errors
from cluster.text import vi_sorted
from cluster.views import ClusterYearRolesView

STEPS = [
    ("start", gettext_lazy("Tạo cụm")),
    ("members", gettext_lazy("Chọn thành viên")),
    ("roles", gettext_lazy("Cụm trưởng, Cụm phó")),
    ("accounts", gettext_lazy("Tài khoản")),
]


def step_url(step: str, cluster=None, year: int | None = None) -> str:
    if step == "start":
        return reverse("cluster:setup-start")
    if step == "home":
        return reverse("cluster:year-home", kwargs={"slug": cluster.slug, "year": year})
    return reverse(f"cluster:setup-{step}", kwargs={"slug": cluster.slug, "year": year})


def steps_context(current: str, cluster=None, year: int | None = None) -> list[dict]:
    """The wizard's steps for its header: each with its number, label, state and (once the
    cluster exists) its link."""
    index = [key for key, _label in STEPS].index(current)
    return [{
        "number": number, "label": label, "current": key == current, "done": number - 1 < index,
        "url": step_url(key, cluster, year) if cluster is not None and key != "start" else "",
    } for number, (key, label) in enumerate(STEPS, start=1)]


class SetupStartView(PermissionOr404Mixin, FormView):
    """Step 1: create the cluster."""

    template_name = "cluster/setup/start.html"
    form_class = ClusterCreateForm
    permission_required = "cluster.run_setup"

    def get_permission_object(self):
        return None

    def get_initial(self):
        return {"first_year": timezone.localdate().year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(steps=steps_context("start"), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            cluster = services.cluster_create(
                name=data["name"], kind=data["kind"], superior_body=data["superior_body"],
                series_code=data["series_code"], slug=data["slug"],
                acting_user=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tạo %(name)s. Bước tiếp theo: chọn các đơn vị "
                                         "thành viên.") % {"name": cluster.name})
        return redirect(step_url("members", cluster, data["first_year"]))


class SetupYearMixin(ClusterYearMixin):
    """Steps 2–4: a cluster-year page that only administrators may open."""

    permission_required = "cluster.run_setup"
    step = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            steps=steps_context(self.step, self.cluster, self.year), **kwargs)


class SetupMembersView(SetupYearMixin, FormView):
    """Step 2: tick the members among the registry's units in force that year."""

    template_name = "cluster/setup/members.html"
    form_class = MembersChooseForm
    step = "members"

    def get_units(self):
        if not hasattr(self, "_units"):
            self._units = vi_sorted(selectors.units_in_force(year=self.year),
                                    key=lambda u: u.name)
        return self._units

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.get_units()}

    def get_initial(self):
        members = sorted(selectors.membership_active_list(cluster=self.cluster, year=self.year),
                         key=lambda m: m.rotation_order)
        initial = {"units": [m.unit_id for m in members]}
        initial.update({f"order_{m.unit_id}": position
                        for position, m in enumerate(members, start=1)})
        return initial

    def form_valid(self, form):
        try:
            chosen = services.cluster_members_choose(
                cluster=self.cluster, year=self.year, units=form.ordered_units(),
                acting_user=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Đã lưu %(count)s đơn vị thành viên năm %(year)s. Bước tiếp theo: xác nhận Cụm "
            "trưởng, Cụm phó.") % {"count": len(chosen), "year": self.year})
        return redirect(step_url("roles", self.cluster, self.year))


class SetupRolesView(ClusterYearRolesView):
    """Step 3: the first year's chair and vice-chair, as the secretariat's page confirms
    them (the rotation's proposal, the same form and service), inside the set-up."""

    template_name = "cluster/setup/roles.html"
    permission_required = "cluster.run_setup"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            steps=steps_context("roles", self.cluster, self.year),
            members_url=step_url("members", self.cluster, self.year), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code != 302:
            return response
        return redirect(step_url("accounts", self.cluster, self.year))


class SetupAccountsView(SetupYearMixin, FormView):
    """Step 4: the people of the member units, from the members' spreadsheet or one officer
    account per unit typed here."""

    template_name = "cluster/setup/accounts.html"
    form_class = OfficerAccountsForm
    step = "accounts"

    def get_members(self):
        if not hasattr(self, "_members"):
            self._members = selectors.cluster_member_units(cluster=self.cluster, year=self.year)
        return self._members

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": self.get_members()}

    def get_context_data(self, **kwargs):
        members = self.get_members()
        context = super().get_context_data(
            import_url=reverse("cluster:members-import",
                               kwargs={"slug": self.cluster.slug, "year": self.year}),
            people_url=reverse("cluster:people",
                               kwargs={"slug": self.cluster.slug, "year": self.year}),
            home_url=step_url("home", self.cluster, self.year),
            cluster_year=selectors.cluster_year_get(cluster=self.cluster, year=self.year),
            **kwargs)
        staff = selectors.staff_by_unit(unit_ids=[u.pk for u in members])
        context["rows"] = [(unit, staff[unit.pk], email, name, title)
                           for unit, name, email, title in context["form"].rows()]
        return context

    def form_valid(self, form):
        try:
            created = services.member_officers_create(
                cluster=self.cluster, year=self.year, accounts=form.accounts(),
                acting_user=self.request.user, base_url=self.request.build_absolute_uri("/"))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, texts in error.message_dict.items():
                    field = f"email_{key}"
                    for text in texts:
                        form.add_error(field if field in form.fields else None, text)
            else:
                add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Đã tạo %(count)s tài khoản công chức và gửi thư mời đặt mật khẩu. Thiết lập cụm đã "
            "xong: danh sách việc cần làm của năm ở trang chủ của cụm.") % {"count": len(created)})
        return redirect(step_url("home", self.cluster, self.year))
