"""Casting a ballot: the unit leader in the browser, or the secretariat recording a paper
ballot or the written vote of an absent member. After casting, nobody (the voter included) is
shown what was chosen: only that the unit has voted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import FormView

from cluster.mixins import add_service_errors
from commendations import selectors, services
from commendations.forms import BallotForm, BallotRecordForm
from commendations.rules import can_vote
from commendations.views.base import ManageMixin, ServiceFormView, SessionMixin, YearMixin


class VoteView(SessionMixin, YearMixin, FormView):
    """The leader of a member unit reads the nominations and votes for the unit."""

    template_name = "commendations/vote.html"
    form_class = BallotForm
    permission_required = "commendations.vote"

    def get_permission_object(self):
        scope = super().get_permission_object()
        if not can_vote(self.request.user, scope):  # superusers too: only a leader votes
            raise Http404("Không tìm thấy trang.")
        return scope

    def rows(self):
        if not hasattr(self, "_rows"):
            self.standings = selectors.unit_standings(cluster=self.cluster, year=self.year)
            self._rows = selectors.nomination_list(session=self.session,
                                                   standings=self.standings)
        return self._rows

    def nominations(self):
        return [row.nomination for row in self.rows()]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": self.nominations()}

    def get_context_data(self, **kwargs):
        user = self.request.user
        ballot = selectors.ballot_for_unit(session=self.session, unit_id=user.unit_id)
        return super().get_context_data(
            my_ballot=ballot, unit=user.unit,
            can_vote_now=self.session.is_open and ballot is None,
            rows=self.rows(), standings=self.standings, **kwargs)

    def render_to_response(self, context, **kwargs):
        # The page may show the voter's own choices (review step, back to change, errors):
        # no browser or proxy cache keeps them.
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        return response

    def form_valid(self, form):
        """Three steps on one address, nothing stored before the cast: the choices page posts
        ``review`` and gets the review page, which re-posts the choices hidden either with
        ``back`` (the choices page again, the choices kept) or to cast. A post with neither
        casts, as it always did."""
        user = self.request.user
        can_vote_now = self.session.is_open and selectors.ballot_for_unit(
            session=self.session, unit_id=user.unit_id) is None
        if can_vote_now and "back" in self.request.POST:
            kept = self.get_form_class()(initial=form.cleaned_data,
                                         nominations=self.nominations())
            return self.render_to_response(self.get_context_data(form=kept))
        if can_vote_now and "review" in self.request.POST:
            return self.render_to_response(self.get_context_data(
                form=form, review=form.review_rows()))
        try:
            ballot = services.ballot_cast(session=self.session, unit=user.unit,
                                          choices=form.choices(),
                                          acting_user=user)
        except ValidationError as error:
            ballot = selectors.ballot_for_unit(session=self.session, unit_id=user.unit_id)
            if ballot is not None and ballot.cast_by_id == user.pk:
                # This leader's repeated request: the first ballot stands, alone.
                messages.info(self.request, _(
                    "Phiếu của %(unit)s đã được ghi nhận lúc %(time)s; không ghi thêm phiếu.")
                    % {"unit": user.unit.name,
                       "time": timezone.localtime(ballot.cast_at).strftime("%H:%M %d/%m/%Y")})
                return redirect(self.back_url())
            add_service_errors(form, error)
            self.session.refresh_from_db()
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi nhận phiếu của %(unit)s lúc %(time)s. Phiếu là "
                                         "bí mật: không ai xem được đơn vị đã chọn gì.")
                         % {"unit": user.unit.name,
                            "time": timezone.localtime(ballot.cast_at).strftime("%H:%M %d/%m/%Y")})
        return redirect(self.back_url())


class BallotRecordView(SessionMixin, ManageMixin, ServiceFormView):
    """The secretariat records a paper ballot or an absent member's written vote."""

    template_name = "commendations/ballot_record.html"
    form_class = BallotRecordForm

    def state_refusal(self):
        if not self.session.is_open:
            return services.not_open_message(self.session)
        return None

    def get_title(self):
        return _("Ghi nhận phiếu giấy, phiếu bằng văn bản")

    def board(self):
        if not hasattr(self, "_board"):
            self._board = selectors.ballot_board(session=self.session)
        return self._board

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": self.board().missing,
                "nominations": [r.nomination for r in
                                selectors.nomination_list(session=self.session)]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(board=self.board(), **kwargs)

    def perform(self, form):
        return services.ballot_record(session=self.session, unit=form.cleaned_data["unit"],
                                      kind=form.cleaned_data["kind"], choices=form.choices(),
                                      note=form.cleaned_data["note"],
                                      acting_user=self.request.user)

    def get_success_message(self):
        return _("Đã ghi nhận phiếu của %(unit)s (%(kind)s).") % {
            "unit": self.result.unit.name, "kind": self.result.get_kind_display().lower()}
