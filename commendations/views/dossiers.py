"""Dossiers of the proposals that passed: the checklist (what is there, what is missing), the
documents (uploaded or drafted), sending, returns, the decision that grants the award; and a
unit's honours history, including the units that merged into it."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from cluster.mixins import PermissionOr404Mixin
from cluster.models import Unit
from cluster.permissions import allowed
from cluster.selectors import user_cluster_ids
from cluster.uploads import content_disposition
from commendations import selectors, services
from commendations.forms import DecisionForm, DocumentForm, NoteForm, ReturnForm
from commendations.models import DOSSIER_TRANSITIONS, DocumentKind, DossierStatus
from commendations.views.base import (
    DossierMixin,
    ManageMixin,
    ServiceActionView,
    ServiceFormView,
    YearMixin,
)

DOCUMENT_SLUGS = {
    "to-trinh": DocumentKind.SUBMISSION,
    "bien-ban": DocumentKind.MINUTES,
    "bao-cao-thanh-tich": DocumentKind.ACHIEVEMENTS,
}
DOCUMENT_SLUG_OF = {kind: slug for slug, kind in DOCUMENT_SLUGS.items()}
TRANSITION_SLUGS = {"gui": DossierStatus.SENT, "tiep-nhan": DossierStatus.RECEIVED,
                    "chuyen": DossierStatus.FORWARDED, "tra-lai": DossierStatus.RETURNED}
TRANSITION_HELP = {
    DossierStatus.SENT: gettext_lazy("Gửi hồ sơ (tờ trình, biên bản họp bình xét kèm kết quả "
                                     "bỏ phiếu, báo cáo thành tích) lên cấp trên."),
    DossierStatus.RECEIVED: gettext_lazy("Tiếp nhận hồ sơ cụm đã gửi để thẩm định; sau đó trả "
                                         "lại, chuyển cấp có thẩm quyền hoặc ghi nhận quyết "
                                         "định."),
    DossierStatus.FORWARDED: gettext_lazy("Chuyển hồ sơ đến cấp có thẩm quyền quyết định (ví "
                                          "dụ Thủ tướng Chính phủ); ghi số công văn, tờ trình ở "
                                          "phần ghi chú."),
    DossierStatus.RETURNED: gettext_lazy("Trả lại hồ sơ để cụm sửa, bổ sung: ghi lý do cho từng "
                                         "tài liệu cần sửa, hoặc cho cả hồ sơ."),
}
#: Who may open a transition's page (the transition itself names who may make it).
TRANSITION_PAGE_PERMISSION = {
    DossierStatus.SENT: "commendations.manage_year",
    DossierStatus.RECEIVED: "commendations.act_as_superior",
    DossierStatus.FORWARDED: "commendations.act_as_superior",
    DossierStatus.RETURNED: "commendations.answer_dossier",
}


class DossierDetailView(DossierMixin, YearMixin, TemplateView):
    template_name = "commendations/dossier_detail.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        documents = list(self.dossier.documents.select_related("added_by"))
        checklist = selectors.dossier_checklist(dossier=self.dossier, documents=documents)
        status = self.dossier.status
        transitions = [(t, slug) for slug, target in TRANSITION_SLUGS.items()
                       for t in [DOSSIER_TRANSITIONS.get((status, target))]
                       if t and allowed(self.request.user, t.permission, self.scope)]
        may_decide = services.decision_refusal(self.dossier, self.request.user) is None
        return super().get_context_data(
            may_decide=may_decide,
            return_rounds=selectors.dossier_return_rounds(dossier=self.dossier,
                                                          documents=documents),
            checklist=[(item, DOCUMENT_SLUG_OF[item.kind]) for item in checklist],
            missing=[item.label for item in checklist if not item.present],
            result=self.dossier.nomination.tally_result,
            granted=getattr(self.dossier.nomination, "granted", None),
            events=selectors.dossier_event_list(dossier=self.dossier),
            eligibility=selectors.eligibility_checklist(nomination=self.dossier.nomination),
            transitions=transitions,
            **kwargs,
        )


class EditableDossierMixin(DossierMixin, ManageMixin):
    def state_refusal(self):
        return services.dossier_editable_refusal(self.dossier)


class DocumentAddView(EditableDossierMixin, ServiceFormView):
    form_class = DocumentForm

    def load_objects(self):
        super().load_objects()
        kind = DOCUMENT_SLUGS.get(self.kwargs["kind"])
        if kind is None:
            raise Http404("Không tìm thấy trang.")
        self.kind = DocumentKind(kind)

    def get_title(self):
        return _("%(kind)s: %(name)s") % {"kind": self.kind.label,
                                          "name": self.dossier.nomination}

    def get_intro(self):
        return _("Tải lên tệp (PDF, Word, Excel hoặc ảnh; kiểm tra theo nội dung tệp) hoặc soạn "
                 "nội dung ngay tại đây.")

    def perform(self, form):
        data = form.cleaned_data
        return services.dossier_document_add(
            dossier=self.dossier, kind=self.kind, acting_user=self.request.user,
            title=data["title"], text=data["text"], uploaded_file=data["file"] or None)

    def get_success_message(self):
        return _("Đã thêm tài liệu: %(kind)s.") % {"kind": self.kind.label}


class MinutesDraftView(EditableDossierMixin, ServiceActionView):
    """Draft the minutes' vote results from the fixed tally (POST)."""

    def action(self):
        services.dossier_minutes_draft(dossier=self.dossier, acting_user=self.request.user)
        return _("Đã lập biên bản kết quả bỏ phiếu từ kết quả bình xét.")


class IssuedAttachView(EditableDossierMixin, ServiceActionView):
    """Attach a tờ trình or minutes the cluster issued for the session (POST)."""

    def action(self):
        document = services.dossier_document_attach_issued(
            dossier=self.dossier, code=self.kwargs["code"], acting_user=self.request.user)
        return _("Đã đính kèm %(title)s.") % {"title": document.title}


class DocumentDownloadView(DossierMixin, YearMixin, View):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(self.dossier.documents, pk=self.kwargs["doc"])
        if not document.file:
            raise Http404("Không tìm thấy trang.")
        return _attachment(document.file, document.original_name or "tai-lieu")


def _attachment(fieldfile, name: str):
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404("Không tìm thấy trang.") from None
    response = FileResponse(handle, as_attachment=True)
    response["Content-Disposition"] = content_disposition(name)
    return response


class DossierTransitionView(DossierMixin, YearMixin, ServiceFormView):
    template_name = "commendations/dossier_transition.html"
    form_class = NoteForm

    @property
    def permission_required(self) -> str:
        """The page's permission follows the target (404 to whoever may never make it)."""
        target = TRANSITION_SLUGS.get(self.kwargs.get("target"))
        return TRANSITION_PAGE_PERMISSION.get(target, "commendations.manage_year")

    def get_form_class(self):
        return ReturnForm if self.target == DossierStatus.RETURNED else NoteForm

    def load_objects(self):
        super().load_objects()
        target = TRANSITION_SLUGS.get(self.kwargs["target"])
        if target is None:
            raise Http404("Không tìm thấy trang.")
        self.target = DossierStatus(target)
        # "Gửi lại hồ sơ" from a returned dossier, "Gửi hồ sơ" otherwise.
        self.transition = DOSSIER_TRANSITIONS.get((self.dossier.status, target)) or next(
            t for t in DOSSIER_TRANSITIONS.values() if t.target == target)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "submit_label": self.transition.label}
        if self.target == DossierStatus.RETURNED:
            kwargs["documents"] = list(self.dossier.documents.all())
        return kwargs

    def get_title(self):
        return f"{self.transition.label}: {self.dossier.nomination}"

    def get_context_data(self, **kwargs):
        refusal = services.dossier_transition_refusal(dossier=self.dossier,
                                                      to_status=self.target,
                                                      user=self.request.user)
        rounds = selectors.dossier_return_rounds(dossier=self.dossier) \
            if self.dossier.status == DossierStatus.RETURNED else []
        return super().get_context_data(allowed=refusal is None, refusal=refusal,
                                        return_rounds=rounds[:1],
                                        help_text=TRANSITION_HELP[self.target], **kwargs)

    def perform(self, form):
        if self.target == DossierStatus.RETURNED:
            return services.dossier_return(dossier=self.dossier, items=form.items(),
                                           acting_user=self.request.user)
        return services.dossier_transition(dossier=self.dossier, to_status=self.target,
                                           acting_user=self.request.user,
                                           note=form.cleaned_data["note"])

    def get_success_message(self):
        return _("Hồ sơ đã chuyển sang trạng thái “%(status)s”.") % {"status": self.target.label}


class DecisionRecordView(DossierMixin, YearMixin, ServiceFormView):
    """The superior records its decision; the secretariat records one received on paper where
    the superior does not act in the app (the page says why not otherwise)."""

    form_class = DecisionForm
    permission_required = "commendations.answer_dossier"
    template_name = "commendations/form.html"

    def state_refusal(self):
        return services.decision_refusal(self.dossier, self.request.user)

    def get_title(self):
        return _("Ghi nhận quyết định khen thưởng: %(name)s") % {"name": self.dossier.nomination}

    def get_initial(self):
        return {"issuing_body": self.dossier.nomination.award.conferred_by}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "vote_day": self.dossier.nomination.session.vote_day}

    def perform(self, form):
        data = dict(form.cleaned_data)
        uploaded = data.pop("file") or None
        return services.decision_record(dossier=self.dossier, acting_user=self.request.user,
                                        uploaded_file=uploaded, **data)

    def get_success_message(self):
        return _("Đã ghi nhận quyết định; khen thưởng được ghi vào lịch sử của %(unit)s.") % {
            "unit": self.result.unit.name}


class DecisionDownloadView(DossierMixin, YearMixin, View):
    def get(self, request, *args, **kwargs):
        granted = getattr(self.dossier.nomination, "granted", None)
        if granted is None or not granted.decision.file:
            raise Http404("Không tìm thấy trang.")
        decision = granted.decision
        return _attachment(decision.file, decision.original_name or decision.number)


class SuperiorInboxView(PermissionOr404Mixin, TemplateView):
    """The superior's inbox: the dossiers of the clusters its body oversees, by state."""

    template_name = "commendations/superior_inbox.html"
    permission_required = "commendations.view_superior_inbox"

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(body=user.superior_body,
                                        groups=selectors.superior_inbox(user=user), **kwargs)


class UnitHonoursView(PermissionOr404Mixin, TemplateView):
    """The awards of a unit by year, including those of the units that merged into it."""

    template_name = "commendations/unit_honours.html"
    permission_required = "cluster.view_unit_page"

    def get_permission_object(self):
        self.unit = get_object_or_404(Unit.objects.select_related("province", "successor"),
                                      pk=self.kwargs["pk"])
        return self.unit

    def get_context_data(self, **kwargs):
        honours = selectors.unit_honours(unit=self.unit,
                                         cluster_ids=user_cluster_ids(self.request.user))
        return super().get_context_data(unit=self.unit, honours=honours, **kwargs)
