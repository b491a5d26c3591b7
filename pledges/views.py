"""Pages of a pledge: the list per cluster, the text with its commitments, who has signed,
signing, and the state transitions. Editing the draft is in ``views_edit.py``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cluster import selectors as cluster_selectors
from cluster.mixins import (
    ClusterYearMixin,
    PermissionOr404Mixin,
    add_service_errors,
    cluster_or_404,
)
from cluster.models import Cluster
from cluster.permissions import allowed
from pledges import selectors, services
from pledges.forms import SignForm, TransitionForm
from pledges.models import TRANSITIONS, PledgeStatus
from pledges.rules import can_sign

# URL slug -> target state of the transitions a person may ask for.
TRANSITION_SLUGS = {
    "mo-ky-ket": PledgeStatus.OPEN,
    "tra-ve-du-thao": PledgeStatus.DRAFT,
    "khoa": PledgeStatus.LOCKED,
}
SLUG_OF = {target: slug for slug, target in TRANSITION_SLUGS.items()}
TRANSITION_HELP = {
    PledgeStatus.OPEN: gettext_lazy(
        "Sau khi mở ký kết, nội dung giao ước không sửa được nữa; lãnh đạo các đơn vị thành "
        "viên ký trên hệ thống, hoặc thư ký cụm ghi nhận chữ ký trên giấy."
    ),
    PledgeStatus.DRAFT: gettext_lazy(
        "Giao ước trở lại dự thảo để sửa nội dung; chỉ làm được khi chưa đơn vị nào ký."
    ),
    PledgeStatus.LOCKED: gettext_lazy(
        "Khóa giao ước đã được tất cả các đơn vị thành viên ký. Sau khi khóa, không thay đổi "
        "được nội dung, chữ ký hay tiêu đề."
    ),
    (PledgeStatus.SIGNED, PledgeStatus.OPEN): gettext_lazy(
        "Có đơn vị trở thành thành viên của cụm sau khi giao ước đã ký đủ. Mở lại để đơn vị "
        "đó ký; các chữ ký đã có được giữ nguyên, nội dung không đổi, và giao ước tự trở về "
        "“Đã ký đủ” khi đơn vị cuối cùng ký."
    ),
}


def pledge_url(cluster: Cluster, year: int, name: str = "detail", **kwargs) -> str:
    return reverse(f"pledges:{name}", kwargs={"slug": cluster.slug, "year": year, **kwargs})


class PledgeMixin(ClusterYearMixin):
    """The cluster-year (``ClusterYearMixin``) and its pledge; 404 for a missing pledge unless
    ``pledge_required`` is off."""

    permission_required = "pledges.view_pledge"
    pledge_required = True

    def load_objects(self) -> None:
        self.pledge = selectors.pledge_get(cluster=self.cluster, year=self.year)
        if self.pledge_required and self.pledge is None:
            raise Http404("Không tìm thấy trang.")

    def state_refusal(self) -> str | None:
        """A message when the pledge's state does not allow this page; the user is sent back
        to the pledge with it."""
        return None

    def get_context_data(self, **kwargs):
        kwargs.update(
            pledge=self.pledge,
            can_manage=self.request.user.has_perm("pledges.manage_pledge", self.scope),
        )
        return super().get_context_data(**kwargs)

    def detail_url(self) -> str:
        return pledge_url(self.cluster, self.year)


class StateGuardMixin:
    """Placed after ``PledgeMixin`` in the bases, so it runs once permission is granted."""

    def dispatch(self, request, *args, **kwargs):
        refusal = self.state_refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.detail_url())
        return super().dispatch(request, *args, **kwargs)


class PledgeListView(PermissionOr404Mixin, TemplateView):
    template_name = "pledges/pledge_list.html"
    permission_required = "cluster.view_cluster_page"

    def get_permission_object(self):
        self.cluster = cluster_or_404(self.request, self.kwargs["slug"])
        return self.cluster

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cluster=self.cluster, rows=selectors.pledge_list(cluster=self.cluster), **kwargs
        )


class PledgeDetailView(PledgeMixin, TemplateView):
    """The pledge's text with its commitments, its state and history, and the actions the
    user may take. Without a pledge for the year: an empty state (and "create" for the
    secretariat)."""

    template_name = "pledges/pledge_detail.html"
    pledge_required = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        span = cluster_selectors.cluster_year_span(cluster=self.cluster)
        context["years"] = list(range(span[0], max(span[1], self.year) + 1)) if span else [
            self.year
        ]
        if self.pledge is None:
            return context
        user = self.request.user
        board = selectors.pledge_signature_board(pledge=self.pledge)
        my_row = next((r for r in board.rows if r.is_member and r.unit.pk == user.unit_id), None)
        commitments = selectors.pledge_commitment_list(pledge=self.pledge)
        context.update(
            commitments=commitments,
            editable=context["can_manage"] and self.pledge.is_draft,
            has_illustrative=self.pledge.is_illustrative
            or any(c.is_illustrative for c in commitments)
            or any(r.signature.is_illustrative for r in board.signed),
            board=board,
            events=selectors.pledge_event_list(pledge=self.pledge),
            transitions=[
                (t, SLUG_OF[t.target])
                for t in selectors.pledge_manual_transitions(pledge=self.pledge)
                if allowed(user, t.permission, self.scope)
                # opening a fully signed pledge again is offered only when a member is missing
                if t.source != PledgeStatus.SIGNED or t.target != PledgeStatus.OPEN
                or board.missing
            ],
            my_row=my_row,
            can_sign=self.pledge.is_open
            and my_row is not None
            and my_row.signature is None
            and can_sign(user, self.scope),
        )
        return context


class PledgeSignaturesView(PledgeMixin, TemplateView):
    """Every member unit of the year, signed or not, with who signed, how and when."""

    template_name = "pledges/pledge_signatures.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            board=selectors.pledge_signature_board(pledge=self.pledge), **kwargs
        )


class PledgeSignView(PledgeMixin, FormView):
    """A unit leader reads the pledge and signs it for the unit."""

    template_name = "pledges/pledge_sign.html"
    form_class = SignForm
    permission_required = "pledges.sign_pledge"

    def get_permission_object(self):
        scope = super().get_permission_object()
        if not can_sign(self.request.user, scope):  # superusers too: only a leader signs
            raise Http404("Không tìm thấy trang.")
        return scope

    def get_context_data(self, **kwargs):
        user = self.request.user
        my_signature = selectors.signature_for_unit(pledge=self.pledge, unit_id=user.unit_id)
        return super().get_context_data(
            commitments=selectors.pledge_commitment_list(pledge=self.pledge),
            my_signature=my_signature,
            can_sign_now=self.pledge.is_open and my_signature is None,
            unit=user.unit,
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        try:
            services.pledge_sign(pledge=self.pledge, unit=user.unit, acting_user=user)
        except ValidationError as error:
            signature = selectors.signature_for_unit(pledge=self.pledge, unit_id=user.unit_id)
            if signature is not None and signature.signer_id == user.pk:
                # This leader's repeated request: the first signature stands.
                messages.info(self.request, _(
                    "%(unit)s đã ký giao ước lúc %(time)s; không ký thêm lần nữa.")
                    % {"unit": user.unit.name, "time": timezone.localtime(
                        signature.recorded_at).strftime("%H:%M %d/%m/%Y")})
                return redirect(self.detail_url())
            add_service_errors(form, error)
            self.pledge.refresh_from_db()
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(unit)s đã ký giao ước thi đua năm %(year)s.")
            % {"unit": user.unit.name, "year": self.year},
        )
        return redirect(self.detail_url())


class PledgeTransitionView(PledgeMixin, FormView):
    """Confirm, then ask ``pledge_transition`` for one move (open, back to draft, lock)."""

    template_name = "pledges/pledge_transition.html"
    form_class = TransitionForm
    permission_required = "pledges.manage_pledge"

    def get_permission_object(self):
        target = TRANSITION_SLUGS.get(self.kwargs["target"])
        if target is None:
            raise Http404("Không tìm thấy trang.")
        self.target = PledgeStatus(target)
        scope = super().get_permission_object()
        self.transition = TRANSITIONS.get((self.pledge.status, target)) or next(
            t for t in TRANSITIONS.values() if t.target == target)
        return scope

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": self.transition.label}

    def get_context_data(self, **kwargs):
        refusal = services.pledge_transition_refusal(pledge=self.pledge, to_status=self.target,
                                                     user=self.request.user)
        return super().get_context_data(
            transition=self.transition,
            target=self.target,
            allowed=refusal is None,
            refusal=refusal,
            help_text=TRANSITION_HELP.get((self.transition.source, self.target),
                                          TRANSITION_HELP.get(self.target)),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.pledge_transition(
                pledge=self.pledge, to_status=self.target, acting_user=self.request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            self.pledge.refresh_from_db()
            return self.form_invalid(form)
        messages.success(
            self.request, _("Giao ước đã chuyển sang trạng thái “%(status)s”.")
            % {"status": self.target.label},
        )
        return redirect(self.detail_url())
