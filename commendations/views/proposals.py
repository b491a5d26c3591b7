"""The member units' proposals (issue #16): a unit drafts and sends its own, sees their state
at every step and never another unit's; the secretariat sets the deadline, returns a proposal
with a reason or accepts it into a voting session of the year."""

from __future__ import annotations

import rules
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from cluster.permissions import allowed
from cluster.rules import UnitScope
from cluster.uploads import content_disposition
from commendations import selectors, services
from commendations.forms_proposals import (
    EvidenceForm,
    ProposalCallForm,
    ProposalForm,
    ProposalTransitionForm,
)
from commendations.models import PROPOSAL_TRANSITIONS, ProposalStatus
from commendations.views.base import ServiceFormView, YearMixin, year_url

TRANSITION_SLUGS = {"gui": ProposalStatus.SENT, "tra-lai": ProposalStatus.RETURNED,
                    "tiep-nhan": ProposalStatus.ACCEPTED, "rut": ProposalStatus.WITHDRAWN}
PERMISSION_OF = {ProposalStatus.SENT: "commendations.send",
                 ProposalStatus.RETURNED: "commendations.receive",
                 ProposalStatus.ACCEPTED: "commendations.receive",
                 ProposalStatus.WITHDRAWN: "commendations.propose"}
CONFIRM = {
    ProposalStatus.SENT: gettext_lazy("Gửi đề nghị lên Cụm trưởng? Sau khi gửi, đơn vị không "
                                      "sửa được trừ khi bị trả lại."),
    ProposalStatus.RETURNED: gettext_lazy("Trả lại đề nghị cho đơn vị với lý do đã ghi?"),
    ProposalStatus.ACCEPTED: gettext_lazy("Tiếp nhận đề nghị vào phiên bình xét đã chọn? Đề "
                                          "nghị trở thành một đề nghị của bình xét."),
    ProposalStatus.WITHDRAWN: gettext_lazy("Rút đề nghị? Đề nghị đã rút không gửi lại được."),
}
HELP = {
    ProposalStatus.SENT: gettext_lazy("Lãnh đạo đơn vị gửi đề nghị (kèm báo cáo thành tích và "
                                      "minh chứng) lên Cụm trưởng trước hạn gửi."),
    ProposalStatus.RETURNED: gettext_lazy("Trả lại để đơn vị sửa, bổ sung; ghi rõ lý do."),
    ProposalStatus.ACCEPTED: gettext_lazy("Đề nghị được đưa vào phiên bình xét đang chuẩn bị "
                                          "của năm."),
    ProposalStatus.WITHDRAWN: gettext_lazy("Đơn vị rút đề nghị chưa gửi hoặc bị trả lại."),
}


def _url(view, name="proposal-detail", **kwargs) -> str:
    return year_url(view.cluster, view.year, name, **kwargs)


class RulesOnlyMixin:
    """The permission asked through ``rules.has_perm``, without Django's "superusers hold every
    permission" shortcut: a unit's unsent proposal is its own, for the administrator too."""

    def get_permission_object(self):
        obj = super().get_permission_object()
        if not rules.has_perm(self.permission_required, self.request.user, obj):
            raise Http404("Không tìm thấy trang.")
        return obj

    def has(self, permission: str, obj=None) -> bool:
        return rules.has_perm(permission, self.request.user, self.scope if obj is None else obj)


class ProposalListView(RulesOnlyMixin, YearMixin, TemplateView):
    template_name = "commendations/proposal_list.html"
    permission_required = "commendations.view_proposals"
    section = "proposals"

    def get_context_data(self, **kwargs):
        user = self.request.user
        receives = self.has("commendations.receive")
        sees_sent = receives or self.has("commendations.view_proposals") and (
            user.is_superuser or user.role == user.Role.OBSERVER)
        proposals = selectors.proposal_list(cluster=self.cluster, year=self.year, user=user,
                                            sees_sent=sees_sent)
        call = selectors.proposal_call_get(cluster=self.cluster, year=self.year)
        return super().get_context_data(
            proposals=proposals, call=call, can_propose=self.has("commendations.propose"),
            can_receive=receives, deadline=services.deadline_text(call.deadline)
            if call else None, **kwargs)


class ProposalCallView(RulesOnlyMixin, YearMixin, ServiceFormView):
    template_name = "commendations/form.html"
    permission_required = "commendations.receive"
    form_class = ProposalCallForm
    section = "proposals"

    def get_title(self):
        return _("Hạn gửi đề nghị khen thưởng năm %(year)s") % {"year": self.year}

    def get_intro(self):
        return _("Các đơn vị thành viên gửi đề nghị khen thưởng của năm đến hạn này.")

    def get_initial(self):
        call = selectors.proposal_call_get(cluster=self.cluster, year=self.year)
        return {"deadline": call.deadline, "note": call.note} if call else {}

    def back_url(self):
        return _url(self, "proposal-list")

    def perform(self, form):
        return services.proposal_call_set(cluster=self.cluster, year=self.year,
                                          acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu hạn gửi đề nghị: %(day)s.") % {
            "day": services.deadline_text(self.result.deadline)}


class ProposalCreateView(RulesOnlyMixin, YearMixin, ServiceFormView):
    template_name = "commendations/form.html"
    permission_required = "commendations.propose"
    form_class = ProposalForm
    section = "proposals"

    def get_title(self):
        return _("Soạn đề nghị khen thưởng năm %(year)s") % {"year": self.year}

    def get_intro(self):
        return _("Đề nghị cho đơn vị (tập thể) hoặc một cá nhân của đơn vị. Báo cáo thành tích "
                 "soạn theo các phần của mẫu, hoặc tải lên tệp; minh chứng thêm sau khi lưu.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "awards": selectors.award_list()}

    def back_url(self):
        return _url(self, "proposal-list")

    def perform(self, form):
        data = dict(form.cleaned_data)
        uploaded = data.pop("report_file") or None
        return services.proposal_create(cluster=self.cluster, year=self.year,
                                        unit=self.request.user.unit,
                                        acting_user=self.request.user,
                                        uploaded_report=uploaded, **data)

    def get_success_url(self):
        return _url(self, pk=self.result.pk)

    def get_success_message(self):
        return _("Đã lưu đề nghị (đang soạn). Lãnh đạo đơn vị gửi đề nghị lên Cụm trưởng.")


class ProposalMixin:
    """The proposal named by ``pk`` in the cluster-year; the permission is asked on the
    proposal (``view_proposal``) or, with ``unit_permission``, on its unit's ``UnitScope`` —
    and only of someone who may read it, so nothing outside one's scope is known to exist."""

    permission_required = "commendations.view_proposal"
    unit_permission = ""
    section = "proposals"

    def get_permission_object(self):
        super().get_permission_object()
        if self.unit_permission and not rules.has_perm(
                self.unit_permission, self.request.user,
                UnitScope(self.cluster, self.year, self.proposal.unit_id)):
            raise Http404("Không tìm thấy trang.")
        return self.proposal

    def load_objects(self) -> None:
        super().load_objects()
        self.proposal = selectors.proposal_get(cluster=self.cluster, year=self.year,
                                               pk=self.kwargs["pk"])
        if self.proposal is None:
            raise Http404("Không tìm thấy trang.")

    def back_url(self):
        return _url(self, pk=self.proposal.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, **kwargs)


class ProposalDetailView(RulesOnlyMixin, ProposalMixin, YearMixin, TemplateView):
    template_name = "commendations/proposal_detail.html"

    def get_context_data(self, **kwargs):
        user, proposal = self.request.user, self.proposal
        scope = UnitScope(self.cluster, self.year, proposal.unit_id)
        transitions = [(t, slug) for slug, target in TRANSITION_SLUGS.items()
                       for t in [PROPOSAL_TRANSITIONS.get((proposal.status, target))]
                       if t and allowed(user, t.permission, scope)]
        return super().get_context_data(
            transitions=transitions,
            can_edit=proposal.is_editable and allowed(user, "commendations.propose", scope),
            events=selectors.proposal_event_list(proposal=proposal),
            evidence=selectors.proposal_evidence_list(proposal=proposal),
            notices=selectors.proposal_notices(user=user, proposal=proposal), **kwargs)


class EditableProposalMixin(ProposalMixin):
    unit_permission = "commendations.propose"

    def state_refusal(self):
        return services.proposal_editable_refusal(self.proposal)


class ProposalUpdateView(RulesOnlyMixin, EditableProposalMixin, YearMixin, ServiceFormView):
    template_name = "commendations/form.html"
    form_class = ProposalForm

    def get_title(self):
        return _("Sửa đề nghị: %(name)s") % {"name": self.proposal}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "report_form": self.proposal.form}

    def get_initial(self):
        p = self.proposal
        return {name: getattr(p, name) for name in services.proposals.PROPOSAL_FIELDS}

    def perform(self, form):
        data = dict(form.cleaned_data)
        uploaded = data.pop("report_file") or None
        return services.proposal_update(proposal=self.proposal, acting_user=self.request.user,
                                        uploaded_report=uploaded, **data)

    def get_success_message(self):
        return _("Đã lưu đề nghị.")


class EvidenceAddView(RulesOnlyMixin, EditableProposalMixin, YearMixin, ServiceFormView):
    template_name = "commendations/form.html"
    form_class = EvidenceForm

    def get_title(self):
        return _("Thêm minh chứng: %(name)s") % {"name": self.proposal}

    def perform(self, form):
        return services.proposal_evidence_add(proposal=self.proposal,
                                              acting_user=self.request.user,
                                              uploaded_file=form.cleaned_data["file"],
                                              title=form.cleaned_data["title"])

    def get_success_message(self):
        return _("Đã thêm minh chứng.")


def _attachment(fieldfile, name: str):
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404("Không tìm thấy trang.") from None
    response = FileResponse(handle, as_attachment=True)
    response["Content-Disposition"] = content_disposition(name)
    return response


class EvidenceDownloadView(RulesOnlyMixin, ProposalMixin, YearMixin, View):
    def get(self, request, *args, **kwargs):
        evidence = get_object_or_404(self.proposal.evidence, pk=self.kwargs["eid"])
        return _attachment(evidence.file, evidence.original_name or "minh-chung")


class ReportDownloadView(RulesOnlyMixin, ProposalMixin, YearMixin, View):
    def get(self, request, *args, **kwargs):
        if not self.proposal.report_file:
            raise Http404("Không tìm thấy trang.")
        return _attachment(self.proposal.report_file,
                           self.proposal.report_original_name or "bao-cao-thanh-tich")


class ProposalTransitionView(RulesOnlyMixin, ProposalMixin, YearMixin, ServiceFormView):
    template_name = "commendations/proposal_transition.html"
    form_class = ProposalTransitionForm

    def load_objects(self):
        target = TRANSITION_SLUGS.get(self.kwargs["target"])
        if target is None:
            raise Http404("Không tìm thấy trang.")
        self.target = ProposalStatus(target)
        self.unit_permission = PERMISSION_OF[self.target]
        super().load_objects()
        self.transition = PROPOSAL_TRANSITIONS.get((self.proposal.status, target)) or next(
            t for t in PROPOSAL_TRANSITIONS.values() if t.target == target)

    def _sessions(self):
        if self.target != ProposalStatus.ACCEPTED:
            return None
        return selectors.proposal_sessions(cluster=self.cluster, year=self.year)

    def get_form_kwargs(self):
        note_label = _("Lý do trả lại") if self.target == ProposalStatus.RETURNED else None
        return {**super().get_form_kwargs(), "submit_label": self.transition.label,
                "confirm": CONFIRM[self.target], "sessions": self._sessions(),
                "note_label": note_label}

    def get_title(self):
        return f"{self.transition.label}: {self.proposal}"

    def get_context_data(self, **kwargs):
        refusal = services.proposal_transition_refusal(proposal=self.proposal,
                                                       to_status=self.target,
                                                       user=self.request.user)
        if refusal is None and self._sessions() == []:
            refusal = _("Năm %(year)s chưa có phiên bình xét đang chuẩn bị: hãy tạo phiên "
                        "trước khi tiếp nhận đề nghị.") % {"year": self.year}
        return super().get_context_data(allowed=refusal is None, refusal=refusal,
                                        help_text=HELP[self.target], **kwargs)

    def perform(self, form):
        return services.proposal_transition(
            proposal=self.proposal, to_status=self.target, acting_user=self.request.user,
            note=form.cleaned_data["note"], session=form.cleaned_data.get("session"))

    def get_success_message(self):
        return _("Đề nghị đã chuyển sang trạng thái “%(status)s”.") % {
            "status": self.target.label}



