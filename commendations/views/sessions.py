"""A voting session's pages: create it at a conference, its nominations (while in
preparation), open and close it, and its page: who has voted (never what) and, once closed,
the tally with the rules it applied and their sources."""

from __future__ import annotations

import csv

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from campaigns import selectors as campaign_selectors
from campaigns.models import Conference
from cluster.mixins import add_service_errors
from cluster.permissions import allowed
from cluster.selectors import cluster_member_units
from cluster.text import spreadsheet_safe
from commendations import selectors, services
from commendations.forms import NominationForm, NoteForm, SessionCountsForm, SessionForm
from commendations.models import SESSION_TRANSITIONS, SessionStatus
from commendations.rules import can_vote
from commendations.views.base import (
    ManageMixin,
    ServiceFormView,
    SessionMixin,
    YearMixin,
    year_url,
)

TRANSITION_SLUGS = {
    "mo-bo-phieu": SessionStatus.OPEN,
    "tra-ve-chuan-bi": SessionStatus.DRAFT,
    "kiem-phieu": SessionStatus.COUNTING,
    "ket-thuc": SessionStatus.CLOSED,
}
SLUG_OF = {target: slug for slug, target in TRANSITION_SLUGS.items()}
TRANSITION_HELP = {
    SessionStatus.OPEN: gettext_lazy(
        "Sau khi mở bỏ phiếu, danh sách đề nghị và quy tắc bình xét của năm không sửa được "
        "nữa. Lãnh đạo các đơn vị thành viên bỏ phiếu trên hệ thống; thư ký cụm ghi nhận phiếu "
        "giấy và phiếu bằng văn bản của thành viên vắng mặt."),
    SessionStatus.DRAFT: gettext_lazy(
        "Trả phiên về chuẩn bị để sửa danh sách đề nghị; chỉ làm được khi chưa đơn vị nào bỏ "
        "phiếu."),
    SessionStatus.COUNTING: gettext_lazy(
        "Dừng nhận phiếu: từ lúc này không đơn vị nào bỏ phiếu được nữa và phiên không mở lại "
        "được. Sau đó thư ký cụm xem trước kết quả kiểm phiếu theo quy tắc của năm rồi xác "
        "nhận kết thúc."),
    SessionStatus.CLOSED: gettext_lazy(
        "Kết thúc bỏ phiếu: hệ thống kiểm phiếu theo quy tắc của năm (tỷ lệ, số thành viên "
        "tham dự, chỉ tiêu, khi bằng phiếu) và cố định kết quả; sau đó không thay đổi được gì "
        "của phiên. Hồ sơ đề nghị khen thưởng được lập cho từng đề nghị đạt. Các lá phiếu đã "
        "niêm phong bị hủy, chỉ còn lại kết quả tổng hợp. Trước hết hệ thống cho xem trước "
        "kết quả; chỉ khi thư ký cụm xác nhận thì phiên mới kết thúc."),
}


class SessionCreateView(ManageMixin, ServiceFormView):
    form_class = SessionForm
    section = "overview"

    def conferences(self) -> list[Conference]:
        return campaign_selectors.conference_list(cluster=self.cluster, year=self.year)

    def get_title(self):
        return _("Tạo phiên bình xét năm %(year)s") % {"year": self.year}

    def get_intro(self):
        if not self.conferences():
            return _("Năm %(year)s chưa có hội nghị nào: hãy tạo hội nghị tổng kết trước (mục "
                     "Hội nghị).") % {"year": self.year}
        return _("Phiên bình xét, bỏ phiếu kín diễn ra tại một hội nghị của cụm, thường là "
                 "hội nghị tổng kết năm.")

    def get_initial(self):
        yearend = [c for c in self.conferences() if c.kind == Conference.Kind.YEAREND]
        return {"title": _("Bình xét khen thưởng năm %(year)s") % {"year": self.year},
                "conference": yearend[0] if len(yearend) == 1 else None}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conferences": self.conferences()}

    def perform(self, form):
        return services.session_create(cluster=self.cluster, year=self.year,
                                       acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return year_url(self.cluster, self.year, "session-detail", pk=self.result.pk)

    def get_success_message(self):
        return _("Đã tạo phiên bình xét; hãy thêm các đề nghị khen thưởng.")


class SessionDetailView(SessionMixin, YearMixin, TemplateView):
    template_name = "commendations/session_detail.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        user = self.request.user
        session = self.session
        standings = selectors.unit_standings(cluster=self.cluster, year=self.year)
        board = selectors.ballot_board(session=session)
        my_row = next((r for r in board.rows if r.unit.pk == user.unit_id), None)
        nominations = selectors.nomination_list(session=session, standings=standings)
        checklists = selectors.eligibility_checklists(
            nominations=[row.nomination for row in nominations])
        for row in nominations:
            row.eligibility = checklists[row.nomination.pk]
        return super().get_context_data(
            standings=standings,
            nominations=nominations,
            board=board,
            my_row=my_row,
            can_vote=session.is_open and my_row is not None and my_row.ballot is None
            and can_vote(user, self.scope),
            glance=selectors.tally_glance(selectors.tally_list(session=session)),
            events=selectors.session_event_list(session=session),
            transitions=[(t, SLUG_OF[t.target]) for (source, _t), t in
                         SESSION_TRANSITIONS.items() if source == session.status
                         and allowed(user, t.permission, self.scope)],
            **kwargs,
        )


class DraftSessionMixin(SessionMixin, ManageMixin):
    def state_refusal(self):
        return services.session_draft_refusal(self.session)


class NominationFormMixin:
    form_class = NominationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "awards": selectors.award_list(),
                "members": cluster_member_units(cluster=self.cluster, year=self.year)}


class NominationCreateView(DraftSessionMixin, NominationFormMixin, ServiceFormView):
    title = gettext_lazy("Thêm đề nghị khen thưởng")

    def perform(self, form):
        return services.nomination_add(session=self.session, acting_user=self.request.user,
                                       **form.cleaned_data)

    def get_success_message(self):
        return _("Đã thêm đề nghị: %(name)s.") % {"name": self.result}


class NominationObjectMixin(DraftSessionMixin):
    def load_objects(self):
        super().load_objects()
        self.nomination = selectors.nomination_get(session=self.session, pk=self.kwargs["nid"])
        if self.nomination is None:
            raise Http404("Không tìm thấy trang.")


class NominationUpdateView(NominationObjectMixin, NominationFormMixin, ServiceFormView):
    def get_title(self):
        return _("Sửa đề nghị: %(name)s") % {"name": self.nomination}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.nomination}

    def perform(self, form):
        return services.nomination_update(nomination=self.nomination,
                                          acting_user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Đã lưu đề nghị.")


class NominationDeleteView(NominationObjectMixin, ServiceFormView):
    form_class = NoteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": _("Xóa đề nghị")}

    def get_title(self):
        return _("Xóa đề nghị: %(name)s?") % {"name": self.nomination}

    def perform(self, form):
        services.nomination_delete(nomination=self.nomination, acting_user=self.request.user)

    def get_success_message(self):
        return _("Đã xóa đề nghị.")


class SessionTransitionView(SessionMixin, ManageMixin, ServiceFormView):
    """Confirm, then ask ``session_transition`` for one move (open, back, close)."""

    template_name = "commendations/session_transition.html"

    def load_objects(self):
        super().load_objects()
        target = TRANSITION_SLUGS.get(self.kwargs["target"])
        if target is None:
            raise Http404("Không tìm thấy trang.")
        self.target = SessionStatus(target)
        self.transition = next(t for t in SESSION_TRANSITIONS.values() if t.target == target)

    def get_form_class(self):
        if self.target in (SessionStatus.DRAFT, SessionStatus.COUNTING):
            return NoteForm
        return SessionCountsForm

    def get_form_kwargs(self):
        label = (_("Xem trước kết quả kiểm phiếu") if self.target == SessionStatus.CLOSED
                 else self.transition.label)
        return {**super().get_form_kwargs(), "submit_label": label}

    def get_initial(self):
        if self.target in (SessionStatus.DRAFT, SessionStatus.COUNTING):
            return {}
        board = selectors.ballot_board(session=self.session)
        present = self.session.present_count
        if present is None:
            present = board.member_count
        return {"present_count": present, "leaders_count": self.session.leaders_count,
                "secretary_name": self.session.secretary_name}

    def get_title(self):
        return f"{self.transition.label}: {self.session.title}"

    def get_context_data(self, **kwargs):
        refusal = services.session_transition_refusal(session=self.session,
                                                      to_status=self.target,
                                                      user=self.request.user)
        return super().get_context_data(
            allowed=refusal is None, refusal=refusal, help_text=TRANSITION_HELP[self.target],
            board=selectors.ballot_board(session=self.session), **kwargs)

    def form_valid(self, form):
        """Closing takes two posts: the counts give a preview of what the tally will decide,
        then the same counts, hidden, with ``confirm`` close the session."""
        if self.target != SessionStatus.CLOSED or form.cleaned_data["confirm"]:
            return super().form_valid(form)
        try:
            preview = services.session_close_preview(session=self.session,
                                                     acting_user=self.request.user,
                                                     **form.counts())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        confirm = SessionCountsForm(
            initial={**form.cleaned_data}, confirming=True,
            submit_label=_("Xác nhận kết thúc bỏ phiếu và công bố kết quả"))
        return self.render_to_response(self.get_context_data(form=confirm, preview=preview))

    def perform(self, form):
        """A repeated close (a double click, a second tab, the back button) changes nothing
        and is answered with the first close's result."""
        data = form.cleaned_data
        counts = form.counts() if isinstance(form, SessionCountsForm) else {}
        if isinstance(form, SessionCountsForm):
            counts["secretary_name"] = data.get("secretary_name") or ""
        try:
            return services.session_transition(session=self.session, to_status=self.target,
                                               acting_user=self.request.user,
                                               note=data.get("note", ""), **counts)
        except ValidationError:
            self.session.refresh_from_db(fields=["status", "closed_at"])
            if self.target == SessionStatus.CLOSED and self.session.is_closed:
                self.repeated = True
                return self.session
            raise

    def get_success_message(self):
        if getattr(self, "repeated", False):
            return _("Phiên bình xét đã kết thúc lúc %(time)s; yêu cầu lặp lại không thay đổi "
                     "gì.") % {"time": timezone.localtime(self.session.closed_at)
                                 .strftime("%H:%M %d/%m/%Y")}
        return _("Phiên bình xét đã chuyển sang trạng thái “%(status)s”.") % {
            "status": self.target.label}


class ResultsCsvView(SessionMixin, YearMixin, TemplateView):
    """The fixed tally as CSV: totals per nomination with the rules applied; only once the
    session is closed, never a unit's choices. Every cell goes through ``spreadsheet_safe``:
    a nomination named ``=HYPERLINK(...)`` is text in Excel, not a live formula."""

    def get(self, request, *args, **kwargs):
        if not self.session.is_closed:
            raise Http404("Không tìm thấy trang.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="ket-qua-binh-xet-{self.year}-{self.session.pk}.csv"')
        response.write("\ufeff")
        rows = [["Hình thức, danh hiệu", "Đề nghị", "Đồng ý", "Không đồng ý",
                 "Số tính tỷ lệ", "Tỷ lệ (%)", "Đạt", "Lý do", "Quy tắc áp dụng"]]
        for award_tally in selectors.tally_list(session=self.session):
            rules = " | ".join(award_tally.applied_rule_lines)
            for result in award_tally.results.all():
                rows.append([award_tally.award.name, result.nomination.candidate_name,
                             result.agree, result.disagree, award_tally.base_count,
                             str(result.percent).replace(".", ","),
                             "Có" if result.passed else "Không", result.reason, rules])
        csv.writer(response).writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
        return response
