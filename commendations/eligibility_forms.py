"""Forms of the standards pages (issue #16, part 3). They only shape input; the services check
every rule and their errors are shown on the form."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.text import NOTE_MAX
from commendations.models import AwardCondition, AwardForm, AwardStandard

YEAR_FIELDS = ["valid_from_year", "valid_to_year"]


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class StandardForm(forms.ModelForm):
    class Meta:
        model = AwardStandard
        fields = ["text", "mandatory", "source", *YEAR_FIELDS, "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}),
                   "source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lưu tiêu chuẩn"))

    def _post_clean(self):
        """The service validates and saves (with the acting user); the model form does not."""


class ConditionForm(forms.ModelForm):
    class Meta:
        model = AwardCondition
        fields = ["kind", "years", "required_awards", "include_current", "mandatory", "text",
                  "source", *YEAR_FIELDS, "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}),
                   "source": forms.Textarea(attrs={"rows": 2}),
                   "required_awards": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_awards"].queryset = AwardForm.objects.filter(
            is_active=True).order_by("order", "name")
        self.helper = _helper(_("Lưu điều kiện"))

    def _post_clean(self):
        """The service validates and saves (with the acting user); the model form does not."""


class DeclarationForm(forms.Form):
    declared = forms.TypedChoiceField(
        label=_("Đơn vị khai báo"), widget=forms.RadioSelect,
        choices=[("dat", _("Đạt tiêu chuẩn")), ("chua-dat", _("Chưa đạt"))],
        coerce=lambda value: value == "dat")
    note = UserTextFormField(label=_("Ghi chú, minh chứng"), required=False, max_length=NOTE_MAX,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Ví dụ: số, ngày của văn bản chứng minh."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lưu khai báo"))
