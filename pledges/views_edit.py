"""The secretariat's pages: create and edit the draft and its commitments, record a signature
made on paper. Every write goes through ``pledges.services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, Conference
from cluster.mixins import add_service_errors
from pledges import selectors, services
from pledges.forms import CommitmentForm, PaperSignatureForm, PledgeForm
from pledges.models import Commitment
from pledges.views import PledgeMixin, StateGuardMixin, pledge_url


class ManageMixin(PledgeMixin, StateGuardMixin):
    permission_required = "pledges.manage_pledge"


class DraftOnlyMixin(ManageMixin):
    def state_refusal(self):
        return services.pledge_draft_refusal(self.pledge)


class PledgeFormMixin:
    """Offers the year's campaigns and pledge-signing conferences (from ``campaigns``)."""

    def choices(self) -> tuple[list[Campaign], list[Conference]]:
        if not hasattr(self, "_choices"):
            self._choices = (
                campaign_selectors.campaign_list(cluster=self.cluster, year=self.year),
                campaign_selectors.conference_list(
                    cluster=self.cluster, year=self.year, kind=Conference.Kind.PLEDGE_SIGNING
                ),
            )
        return self._choices

    def get_form_kwargs(self):
        campaigns, conferences = self.choices()
        return {**super().get_form_kwargs(), "campaigns": campaigns, "conferences": conferences}


class PledgeCreateView(ManageMixin, PledgeFormMixin, FormView):
    template_name = "pledges/pledge_form.html"
    form_class = PledgeForm
    pledge_required = False

    def state_refusal(self):
        if self.pledge is not None:
            return _("Cụm đã có giao ước thi đua năm %(year)s.") % {"year": self.year}
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Lập dự thảo")}

    def get_initial(self):
        campaigns, conferences = self.choices()
        return {
            "title": _("Giao ước thi đua năm %(year)s") % {"year": self.year},
            "campaign": next((c for c in campaigns if c.kind == Campaign.Kind.REGULAR), None),
            # Propose the conference when the year has exactly one pledge-signing conference.
            "conference": conferences[0] if len(conferences) == 1 else None,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Lập giao ước thi đua năm %(year)s") % {"year": self.year}, **kwargs
        )

    def form_valid(self, form):
        try:
            services.pledge_create(
                cluster=self.cluster, year=self.year, acting_user=self.request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã lập dự thảo giao ước năm %(year)s; hãy thêm các nội dung cam kết.")
            % {"year": self.year},
        )
        return redirect(self.detail_url())


class PledgeUpdateView(DraftOnlyMixin, PledgeFormMixin, FormView):
    template_name = "pledges/pledge_form.html"
    form_class = PledgeForm

    def get_initial(self):
        return {"title": self.pledge.title, "preamble": self.pledge.preamble,
                "campaign": self.pledge.campaign_id, "conference": self.pledge.conference_id}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Sửa dự thảo giao ước"), **kwargs)

    def form_valid(self, form):
        try:
            services.pledge_update(
                pledge=self.pledge, acting_user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu dự thảo giao ước."))
        return redirect(self.detail_url())


class CommitmentMixin(DraftOnlyMixin):
    def get_permission_object(self):
        scope = super().get_permission_object()
        self.commitment = get_object_or_404(Commitment, pk=self.kwargs["pk"], pledge=self.pledge)
        return scope


class CommitmentCreateView(DraftOnlyMixin, FormView):
    template_name = "pledges/pledge_form.html"
    form_class = CommitmentForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Thêm nội dung cam kết"), **kwargs)

    def form_valid(self, form):
        try:
            services.commitment_add(
                pledge=self.pledge, text=form.cleaned_data["text"], acting_user=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm nội dung cam kết."))
        return redirect(self.detail_url())


class CommitmentUpdateView(CommitmentMixin, FormView):
    template_name = "pledges/pledge_form.html"
    form_class = CommitmentForm

    def get_initial(self):
        return {"text": self.commitment.text}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Sửa nội dung cam kết số %(number)s") % {"number": self.commitment.position},
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.commitment_update(
                commitment=self.commitment, text=form.cleaned_data["text"],
                acting_user=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu nội dung cam kết."))
        return redirect(self.detail_url())


class CommitmentDeleteView(CommitmentMixin, TemplateView):
    template_name = "pledges/commitment_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(commitment=self.commitment, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.commitment_delete(commitment=self.commitment, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã xóa nội dung cam kết."))
        return redirect(self.detail_url())


class CommitmentMoveView(CommitmentMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        offset = {"len": -1, "xuong": 1}.get(request.POST.get("huong"), 0)
        try:
            services.commitment_move(
                commitment=self.commitment, offset=offset, acting_user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.detail_url() + "#cam-ket")


class PaperSignatureView(ManageMixin, FormView):
    """The secretariat records a signature made on paper, with the signer's name and title."""

    template_name = "pledges/paper_signature.html"
    form_class = PaperSignatureForm

    def state_refusal(self):
        if not self.pledge.is_open:
            return services.not_open_message(self.pledge)
        return None

    def get_board(self):
        if not hasattr(self, "_board"):
            self._board = selectors.pledge_signature_board(pledge=self.pledge)
        return self._board

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.get_board().missing}

    def get_context_data(self, **kwargs):
        return super().get_context_data(board=self.get_board(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.pledge_record_paper_signature(
                pledge=self.pledge, unit=data["unit"], signer_name=data["signer_name"],
                signer_title=data["signer_title"], signed_on=data["signed_on"],
                note=data["note"], acting_user=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã ghi nhận chữ ký trên giấy của %(unit)s.")
            % {"unit": data["unit"].name},
        )
        return redirect(pledge_url(self.cluster, self.year, "signatures"))
