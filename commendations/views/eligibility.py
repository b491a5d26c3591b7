"""Standards and eligibility pages (issue #16, part 3): the standards and history conditions of
each award for the year (read by everyone who sees the year, kept by the secretariat), a
nomination's checklist (what the history proves, what the unit declared, what is missing) and
the unit's declaration of one standard (its staff, or the secretariat)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cluster.rules import UnitScope
from commendations import selectors, services
from commendations.eligibility_forms import ConditionForm, DeclarationForm, StandardForm
from commendations.views.base import (
    ManageMixin,
    ServiceFormView,
    SessionMixin,
    YearMixin,
    year_url,
)

EDIT_STANDARDS = "commendations.edit_standards"


class AwardMixin:
    """The award named by ``code`` in the URL."""

    def load_objects(self):
        super().load_objects()
        self.award = selectors.award_by_code(self.kwargs["code"])
        if self.award is None:
            raise Http404("Không tìm thấy trang.")

    def back_url(self):
        return year_url(self.cluster, self.year, "award-standards", code=self.award.code)

    def get_context_data(self, **kwargs):
        return super().get_context_data(award=self.award, **kwargs)


class StandardsOverviewView(YearMixin, TemplateView):
    template_name = "commendations/standards_overview.html"
    section = "standards"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=selectors.standards_overview(year=self.year), **kwargs)


class AwardStandardsView(AwardMixin, YearMixin, TemplateView):
    template_name = "commendations/award_standards.html"
    section = "standards"

    def get_context_data(self, **kwargs):
        standards, conditions = selectors.standards_all_years(award=self.award)
        can_edit = self.request.user.has_perm(EDIT_STANDARDS, self.scope)
        return super().get_context_data(
            standards=[(s, s.applies_in(self.year)) for s in standards],
            conditions=[(c, c.applies_in(self.year)) for c in conditions],
            can_edit=can_edit, **kwargs)


class StandardEditMixin(AwardMixin, ManageMixin):
    section = "standards"
    permission_required = EDIT_STANDARDS

    def perform(self, form):
        return services.award_standard_save(
            cluster=self.cluster, year=self.year, award=self.award,
            standard=getattr(self, "standard", None), acting_user=self.request.user,
            **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu tiêu chuẩn của “%(award)s”.") % {"award": self.award}


class StandardCreateView(StandardEditMixin, ServiceFormView):
    form_class = StandardForm

    def get_title(self):
        return _("Thêm tiêu chuẩn: %(award)s") % {"award": self.award}

    def get_intro(self):
        return _("Tiêu chuẩn đơn vị tự khai báo cho từng đề nghị. Ghi rõ nguồn (văn bản, điều, "
                 "khoản) và các năm thành tích áp dụng.")

    def get_initial(self):
        return {"valid_from_year": self.year, "mandatory": True}


class StandardUpdateView(StandardEditMixin, ServiceFormView):
    form_class = StandardForm

    def load_objects(self):
        super().load_objects()
        self.standard = selectors.standard_get(award=self.award, pk=self.kwargs["sid"])
        if self.standard is None:
            raise Http404("Không tìm thấy trang.")

    def get_title(self):
        return _("Sửa tiêu chuẩn: %(award)s") % {"award": self.award}

    def get_intro(self):
        return _("Tiêu chuẩn dùng chung cho mọi cụm. Nếu văn bản thay đổi từ một năm, hãy ghi "
                 "năm kết thúc cho tiêu chuẩn cũ và thêm tiêu chuẩn mới, để các năm trước giữ "
                 "nguyên căn cứ.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.standard}


class ConditionEditMixin(AwardMixin, ManageMixin):
    permission_required = EDIT_STANDARDS
    section = "standards"

    def perform(self, form):
        return services.award_condition_save(
            cluster=self.cluster, year=self.year, award=self.award,
            condition=getattr(self, "condition", None), acting_user=self.request.user,
            **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu điều kiện của “%(award)s”.") % {"award": self.award}

    def get_intro(self):
        return _("Điều kiện hệ thống đối chiếu với lịch sử khen thưởng (khen thưởng đã được "
                 "tặng và khen thưởng đã có nhập từ Excel). Năm là năm thành tích.")


class ConditionCreateView(ConditionEditMixin, ServiceFormView):
    form_class = ConditionForm

    def get_title(self):
        return _("Thêm điều kiện: %(award)s") % {"award": self.award}

    def get_initial(self):
        return {"valid_from_year": self.year, "mandatory": True, "years": 1}


class ConditionUpdateView(ConditionEditMixin, ServiceFormView):
    form_class = ConditionForm

    def load_objects(self):
        super().load_objects()
        self.condition = selectors.condition_get(award=self.award, pk=self.kwargs["cid"])
        if self.condition is None:
            raise Http404("Không tìm thấy trang.")

    def get_title(self):
        return _("Sửa điều kiện: %(award)s") % {"award": self.award}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.condition}


class NominationMixin(SessionMixin):
    """The nomination named by ``nid`` in the session."""

    def load_objects(self):
        super().load_objects()
        self.nomination = selectors.nomination_for_checklist(session=self.session,
                                                             pk=self.kwargs["nid"])
        if self.nomination is None:
            raise Http404("Không tìm thấy trang.")

    def checklist_url(self):
        return year_url(self.cluster, self.year, "nomination-standards", pk=self.session.pk,
                        nid=self.nomination.pk)


class NominationStandardsView(NominationMixin, YearMixin, TemplateView):
    """Readable by whoever sees the year (as the session and the dossier are)."""

    template_name = "commendations/nomination_standards.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        nomination = self.nomination
        scope = UnitScope(self.cluster, self.year, nomination.unit_id)
        can_declare = (self.request.user.has_perm("commendations.declare_standards", scope)
                       and services.declaration_refusal(nomination) is None)
        return super().get_context_data(
            nomination=nomination, checklist=selectors.eligibility_checklist(
                nomination=nomination),
            can_declare=can_declare, declare_refusal=services.declaration_refusal(nomination),
            **kwargs)


class DeclareView(NominationMixin, YearMixin, ServiceFormView):
    """The unit's (or the secretariat's) yes/no and note for one standard."""

    permission_required = "commendations.declare_standards"
    form_class = DeclarationForm

    def get_permission_object(self):
        super().get_permission_object()
        return UnitScope(self.cluster, self.year, self.nomination.unit_id)

    def load_objects(self):
        super().load_objects()
        self.standard = selectors.standard_get(award=self.nomination.award,
                                               pk=self.kwargs["sid"])
        if self.standard is None or not self.standard.applies_in(self.year):
            raise Http404("Không tìm thấy trang.")

    def state_refusal(self):
        return services.declaration_refusal(self.nomination)

    def back_url(self):
        return self.checklist_url()

    def get_title(self):
        return _("Khai báo tiêu chuẩn: %(name)s") % {"name": self.nomination}

    def get_intro(self):
        return self.standard.text

    def get_initial(self):
        declaration = self.nomination.declarations.filter(standard=self.standard).first()
        if declaration is None:
            return {}
        return {"declared": "dat" if declaration.declared else "chua-dat",
                "note": declaration.note}

    def perform(self, form):
        return services.standard_declare(nomination=self.nomination, standard=self.standard,
                                         acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu khai báo tiêu chuẩn.")
