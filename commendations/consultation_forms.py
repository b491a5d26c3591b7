"""Forms of the public consultation (issue #16, part 5). They only shape input; the services
check every rule (period, rate limit, who may act)."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.once import once_attrs
from cluster.text import NAME_MAX, NOTE_MAX
from commendations.models.consultation import AUTHOR_MAX, COMMENT_MAX, CONTACT_MAX

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class NominationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.candidate_name} — {obj.award.name} ({obj.session.title})"


class ConsultationForm(forms.Form):
    """The nominees to publish and the period, as whole days: from the first day (00:00) to
    the end of the last day."""

    title = UserTextFormField(label=_("Tiêu đề"), max_length=NAME_MAX)
    nominations = NominationsField(label=_("Đề nghị được công khai"), queryset=None,
                                   widget=forms.CheckboxSelectMultiple)
    opens_on = forms.DateField(label=_("Ngày bắt đầu nhận ý kiến"), widget=DATE_WIDGET,
                               input_formats=DATE_FORMATS)
    closes_on = forms.DateField(
        label=_("Ngày cuối cùng nhận ý kiến"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
        help_text=_("Nhận ý kiến đến hết ngày này. Hệ thống đếm ngày làm việc từ thứ Hai đến "
                    "thứ Sáu, không trừ ngày lễ, Tết: nếu thời gian có ngày nghỉ lễ, hãy kéo "
                    "dài thêm."))

    def __init__(self, *args, nominations, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        self.initial.setdefault("title", f"Lấy ý kiến nhân dân về đề nghị khen thưởng năm {year}")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Công khai danh sách")))
        self.helper.attrs = once_attrs(_("Công khai danh sách này trên trang ai cũng xem được? "
                                         "Sau khi công khai không thể rút lại thời hạn."))

    def period(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return (_start_of(data["opens_on"]),
                _start_of(data["closes_on"] + datetime.timedelta(days=1)))


class CommentForm(forms.Form):
    """The public comment form. ``website`` is a trap for robots: hidden from people (and
    from screen readers' tab order), any value in it means the comment is not kept."""

    nomination = forms.TypedChoiceField(label=_("Góp ý về"), coerce=int, required=False,
                                        empty_value=None)
    text = UserTextFormField(label=_("Nội dung ý kiến"), max_length=COMMENT_MAX,
                             widget=forms.Textarea(attrs={"rows": 5}))
    author_name = UserTextFormField(label=_("Họ và tên (không bắt buộc, sẽ hiện cùng ý kiến)"),
                                    max_length=AUTHOR_MAX, required=False)
    contact = UserTextFormField(
        label=_("Điện thoại hoặc thư điện tử (không bắt buộc, không công khai)"),
        max_length=CONTACT_MAX, required=False)
    website = forms.CharField(label=_("Không điền vào ô này"), required=False, max_length=200)

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = {n.pk: n for n in nominees}
        self.fields["nomination"].choices = [("", _("Cả danh sách"))] + [
            (n.pk, f"{n.candidate_name} — {n.award.name}") for n in nominees]

    @property
    def is_trap(self) -> bool:
        return bool(self.data.get("website"))

    def chosen_nomination(self):
        return self.nominees.get(self.cleaned_data.get("nomination"))


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(label=_("Xử lý"), widget=forms.RadioSelect, choices=[
        ("cong-khai", _("Tiếp nhận và công khai")), ("khong", _("Không tiếp nhận"))])
    note = UserTextFormField(label=_("Ghi chú xử lý (bắt buộc nếu không tiếp nhận)"),
                             max_length=NOTE_MAX, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def publish(self) -> bool:
        return self.cleaned_data["decision"] == "cong-khai"
