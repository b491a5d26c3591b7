"""The people of a cluster-year's member units, managed in the app (issue #13, point 4), under
``/cum/<slug>/<year>/nguoi-dung/``: the secretariat sees and manages every member unit's
officers and leaders, a member unit's leader their own unit's; everyone else gets 404, and so
does a person outside the user's units. Each write is one service of ``cluster.services``."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from cluster import selectors, services
from cluster.mixins import ClusterYearMixin, ServiceActionMixin, ServiceFormMixin
from cluster.models import User
from cluster.people_forms import PersonForm
from cluster.permissions import allowed
from cluster.rules import UnitScope


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


class PeopleMixin(ClusterYearMixin):
    permission_required = "cluster.manage_people"
    section = "people"

    def managed_units(self):
        """The member units whose people the user manages: every one for the secretariat,
        their own for a unit's leader."""
        if not hasattr(self, "_units"):
            self._units = [
                unit for unit in selectors.cluster_member_units(cluster=self.cluster,
                                                                year=self.year)
                if allowed(self.request.user, "cluster.manage_unit_people",
                           UnitScope(self.cluster, self.year, unit.pk))]
        return self._units

    def list_url(self) -> str:
        return reverse("cluster:people", kwargs={"slug": self.cluster.slug, "year": self.year})

    def get_success_url(self) -> str:
        return self.list_url()


class PersonMixin(PeopleMixin):
    """A page about one person, who must be an officer or leader of a unit the user manages."""

    def load_objects(self) -> None:
        self.person = (User.objects.select_related("unit")
                       .filter(pk=self.kwargs["pk"], role__in=services.PEOPLE_ROLES,
                               is_superuser=False, is_staff=False).first())
        if self.person is None:
            raise Http404

    def get_permission_object(self):
        scope = super().get_permission_object()
        if not allowed(self.request.user, "cluster.manage_unit_people",
                       UnitScope(self.cluster, self.year, self.person.unit_id)):
            raise Http404
        return scope


class PeopleListView(PeopleMixin, TemplateView):
    template_name = "cluster/people/list.html"

    def get_context_data(self, **kwargs):
        units = self.managed_units()
        people = selectors.people_list(unit_ids=[u.pk for u in units])
        return super().get_context_data(units=units, people=people, **kwargs)


class PersonFormView(ServiceFormMixin, FormView):
    template_name = "cluster/people/form.html"
    form_class = PersonForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.managed_units(),
                "submit": self.submit_label}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.get_title(), list_url=self.list_url(),
                                        **kwargs)


class PersonCreateView(PeopleMixin, PersonFormView):
    submit_label = gettext_lazy("Thêm và gửi lời mời")

    def get_title(self):
        return _("Thêm người dùng")

    def perform(self, form):
        data = form.cleaned_data
        return services.person_create(
            cluster=self.cluster, year=self.year, unit=data["unit"], full_name=data["full_name"],
            email=data["email"], role=data["role"], job_title=data["job_title"],
            acting_user=self.request.user, base_url=_base_url(self.request))

    def get_success_message(self):
        return _("Đã thêm %(name)s và gửi lời mời đặt mật khẩu tới %(email)s.") % {
            "name": self.result.display_name, "email": self.result.email}


class PersonUpdateView(PersonMixin, PersonFormView):
    submit_label = gettext_lazy("Lưu")

    def get_title(self):
        return _("Sửa thông tin của %(name)s") % {"name": self.person.display_name}

    def get_initial(self):
        person = self.person
        return {"full_name": person.full_name, "email": person.email, "unit": person.unit_id,
                "role": person.role, "job_title": person.job_title}

    def perform(self, form):
        data = form.cleaned_data
        return services.person_update(
            cluster=self.cluster, year=self.year, person=self.person, unit=data["unit"],
            full_name=data["full_name"], email=data["email"], role=data["role"],
            job_title=data["job_title"], acting_user=self.request.user)

    def get_success_message(self):
        return _("Đã lưu thông tin của %(name)s.") % {"name": self.result.display_name}


class PersonActiveView(PersonMixin, ServiceActionMixin, View):
    active = False

    def action(self):
        person = services.person_set_active(
            cluster=self.cluster, year=self.year, person=self.person, active=self.active,
            acting_user=self.request.user)
        if self.active:
            return _("Đã mở lại tài khoản của %(name)s.") % {"name": person.display_name}
        return _("Đã khóa tài khoản của %(name)s: người này không đăng nhập được nữa.") % {
            "name": person.display_name}


class PersonInviteView(PersonMixin, ServiceActionMixin, View):
    def action(self):
        person = services.person_invite(
            cluster=self.cluster, year=self.year, person=self.person,
            acting_user=self.request.user, base_url=_base_url(self.request))
        return _("Đã gửi lại lời mời tới %(email)s.") % {"email": person.email}
