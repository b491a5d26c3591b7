from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Conference
from cluster.fields import UserTextFormField
from cluster.models import Unit
from cluster.once import once_attrs
from cluster.text import PARAGRAPH_MAX


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class LabelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class PledgeForm(forms.Form):
    title = UserTextFormField(label=_("Tiêu đề"), max_length=255)
    preamble = UserTextFormField(
        label=_("Phần mở đầu (căn cứ, lời dẫn)"), required=False, max_length=PARAGRAPH_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    campaign = LabelChoiceField(
        label=_("Phong trào thi đua"), required=False, queryset=Campaign.objects.none(),
    )
    conference = LabelChoiceField(
        label=_("Hội nghị ký kết"), required=False, queryset=Conference.objects.none(),
        help_text=_("Hội nghị tại đó lãnh đạo các đơn vị ký giao ước."),
    )

    def __init__(self, *args, campaigns: list, conferences: list, submit_label=_("Lưu"),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Vui lòng nhập tiêu đề giao ước.")
        for name, rows in (("campaign", campaigns), ("conference", conferences)):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=[r.pk for r in rows])
            field.choices = [("", "---------")] + [(r.pk, str(r)) for r in rows]
            field.error_messages["invalid_choice"] = _(
                "Lựa chọn không thuộc cụm này trong năm của giao ước."
            )
        self.helper = _helper(submit_label)


class CommitmentForm(forms.Form):
    text = UserTextFormField(
        label=_("Nội dung cam kết"), max_length=PARAGRAPH_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng nhập nội dung cam kết.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lưu"))


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi đã đọc toàn văn giao ước và đồng ý ký thay mặt đơn vị."),
        error_messages={"required": _("Vui lòng xác nhận đã đọc và đồng ý trước khi ký.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Ký giao ước"))
        self.helper.attrs = once_attrs()  # the checkbox above is the confirmation


class TransitionForm(forms.Form):
    note = UserTextFormField(
        label=_("Ghi chú"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class PaperSignatureForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    signer_name = UserTextFormField(label=_("Họ và tên người ký"), max_length=150)
    signer_title = UserTextFormField(label=_("Chức vụ người ký"), max_length=150, required=False)
    signed_on = forms.DateField(
        label=_("Ngày ký"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    note = UserTextFormField(
        label=_("Ghi chú (nơi ký, văn bản gửi kèm)"), required=False, max_length=500,
    )

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        field.choices = [("", "---------")] + [(u.pk, u.name) for u in units]
        field.error_messages["invalid_choice"] = _(
            "Đơn vị đã chọn không phải là thành viên chưa ký của cụm trong năm này."
        )
        field.error_messages["required"] = _("Vui lòng chọn một đơn vị.")
        self.fields["signer_name"].error_messages["required"] = _(
            "Vui lòng nhập họ và tên người ký."
        )
        self.fields["signed_on"].error_messages.update({
            "required": _("Vui lòng nhập ngày ký."),
            "invalid": _("Ngày ký không hợp lệ (nhập theo dạng ngày/tháng/năm)."),
        })
        self.helper = _helper(_("Ghi nhận chữ ký"))
