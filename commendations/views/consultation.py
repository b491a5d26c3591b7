"""Public consultation (issue #16, part 5): the secretariat's pages under the year
(``khen-thuong/lay-y-kien/``: the list, publishing, one consultation with the comments to
handle) and the public page (``/lay-y-kien/<mã>/``, no login) with the nominees, the period,
the comment form while it is open and the comments the secretariat has published."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from cluster.middleware import client_ip
from cluster.mixins import add_service_errors
from commendations import consultation_selectors as selectors
from commendations import services
from commendations.consultation_forms import CommentForm, ConsultationForm, ModerateForm
from commendations.views.base import ManageMixin, ServiceFormView, year_url

PUBLIC_TEMPLATE = "commendations/consultation_public.html"


class ConsultationMixin:
    """The consultation named by ``pk`` in the cluster-year."""

    def load_objects(self) -> None:
        super().load_objects()
        self.consultation = selectors.consultation_get(cluster=self.cluster, year=self.year,
                                                       pk=self.kwargs["pk"])
        if self.consultation is None:
            raise Http404("Không tìm thấy trang.")

    def back_url(self) -> str:
        return year_url(self.cluster, self.year, "consultation-detail", pk=self.consultation.pk)


class ConsultationListView(ManageMixin, TemplateView):
    template_name = "commendations/consultation_list.html"
    section = "consultation"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultations=selectors.consultation_list(cluster=self.cluster, year=self.year),
            now=timezone.now(), **kwargs)


class ConsultationCreateView(ManageMixin, ServiceFormView):
    form_class = ConsultationForm
    template_name = "commendations/form.html"
    section = "consultation"

    def back_url(self) -> str:
        return year_url(self.cluster, self.year, "consultation-list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "year": self.year,
                "nominations": selectors.year_nominations(cluster=self.cluster, year=self.year)}

    def get_title(self):
        return _("Công khai danh sách để lấy ý kiến nhân dân năm %(year)s") % {"year": self.year}

    def get_intro(self):
        return _("Danh sách được đăng trên một trang công khai, ai cũng xem và gửi ý kiến được "
                 "(không cần đăng nhập). Với huân chương, danh hiệu vinh dự nhà nước, Chiến sĩ "
                 "thi đua toàn quốc, hệ thống từ chối thời gian ngắn hơn số ngày làm việc theo "
                 "quy định đang áp dụng.")

    def perform(self, form):
        opens_at, closes_at = form.period()
        return services.consultation_publish(
            cluster=self.cluster, year=self.year, title=form.cleaned_data["title"],
            nominations=form.cleaned_data["nominations"], opens_at=opens_at,
            closes_at=closes_at, acting_user=self.request.user)

    def get_success_message(self):
        return _("Đã công khai danh sách để lấy ý kiến.")

    def get_success_url(self):
        return year_url(self.cluster, self.year, "consultation-detail", pk=self.result.pk)


class ConsultationDetailView(ConsultationMixin, ManageMixin, TemplateView):
    template_name = "commendations/consultation_detail.html"
    section = "consultation"

    def get_context_data(self, **kwargs):
        public_url = self.request.build_absolute_uri(
            reverse("commendations:consultation-public", args=[self.consultation.token]))
        return super().get_context_data(
            consultation=self.consultation,
            nominees=selectors.consultation_nominees(consultation=self.consultation),
            comments=selectors.comment_list(consultation=self.consultation),
            moderate_form=ModerateForm(), public_url=public_url, now=timezone.now(), **kwargs)


class CommentModerateView(ConsultationMixin, ManageMixin, View):
    """Publish a pending comment or not, with a note (POST)."""

    http_method_names = ["post"]  # noqa: RUF012 (Django's own attribute, never mutated)

    def post(self, request, *args, **kwargs):
        comment = selectors.comment_get(consultation=self.consultation, pk=self.kwargs["cid"])
        if comment is None:
            raise Http404("Không tìm thấy trang.")
        form = ModerateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Chọn cách xử lý ý kiến."))
            return redirect(self.back_url())
        try:
            services.comment_moderate(comment=comment, publish=form.publish,
                                      note=form.cleaned_data["note"], acting_user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Đã xử lý ý kiến #%(pk)s.") % {"pk": comment.pk})
        return redirect(self.back_url() + f"#y-kien-{comment.pk}")


class PublicConsultationView(View):
    """Anyone, no login: the list, the period, the published comments and, while open, the
    form. A robot that fills the trap field is thanked and nothing is kept."""

    def dispatch(self, request, *args, **kwargs):
        self.consultation = selectors.consultation_public_get(token=kwargs["token"])
        if self.consultation is None:
            raise Http404("Không tìm thấy trang.")
        self.nominees = selectors.consultation_nominees(consultation=self.consultation)
        return super().dispatch(request, *args, **kwargs)

    def page(self, request, form, status=200):
        now = timezone.now()
        context = {
            "consultation": self.consultation, "nominees": self.nominees, "form": form,
            "comments": selectors.comment_list(consultation=self.consultation, public=True),
            "is_open": self.consultation.is_open(now),
            "has_closed": self.consultation.has_closed(now),
        }
        return render(request, PUBLIC_TEMPLATE, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.page(request, CommentForm(nominees=self.nominees))

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST, nominees=self.nominees)
        if form.is_trap:
            messages.success(request, _("Cảm ơn bạn đã gửi ý kiến."))
            return redirect(request.path)
        if not form.is_valid():
            return self.page(request, form, status=400)
        data = form.cleaned_data
        try:
            services.comment_submit(
                consultation=self.consultation, text=data["text"], ip=client_ip(request),
                author_name=data["author_name"], contact=data["contact"],
                nomination=form.chosen_nomination())
        except ValidationError as error:
            add_service_errors(form, error)
            limited = any("thời gian ngắn" in m for m in error.messages)
            return self.page(request, form, status=429 if limited else 400)
        messages.success(request, _("Cảm ơn bạn đã gửi ý kiến. Ý kiến sẽ được thư ký cụm xem "
                                    "xét trước khi công khai."))
        return redirect(request.path)
