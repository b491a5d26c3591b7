from __future__ import annotations

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import helper, textarea
from campaigns.models import Criterion
from campaigns.services.criteria import PARAMETERS
from cluster.fields import UserTextFormField
from cluster.text import PARAGRAPH_MAX

POINTS = {"max_digits": 7, "decimal_places": 2}


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Criterion) -> str:
        return f"{obj.code}. {obj.name}"


class CriterionForm(forms.Form):
    parent = ParentChoiceField(label=_("Tiêu chí cha"), required=False, queryset=None,
                               empty_label=_("(cấp cao nhất)"))
    code = UserTextFormField(label=_("Mã"), max_length=20, help_text=_("Ví dụ: I, 1.1, 1.2.3"))
    name = UserTextFormField(label=_("Tên tiêu chí"), max_length=500)
    max_points = forms.DecimalField(label=_("Điểm tối đa"), required=False, **POINTS)
    guidance = UserTextFormField(label=_("Hướng dẫn chấm"), required=False, widget=textarea(3),
                                 max_length=PARAGRAPH_MAX)
    evidence_required = forms.BooleanField(label=_("Bắt buộc có minh chứng"), required=False)
    kind = forms.ChoiceField(label=_("Cách tính điểm"), choices=Criterion.Kind.choices,
                             required=False)
    target = forms.DecimalField(label=_("Chỉ tiêu"), required=False, max_digits=14,
                                decimal_places=2, help_text=_("Định lượng"))
    leader_bonus_share = forms.DecimalField(
        label=_("Tỷ lệ thưởng dẫn đầu cụm"), required=False, max_digits=5, decimal_places=4,
        help_text=_("Định lượng; đơn vị dẫn đầu cụm được điểm tối đa, đơn vị đạt đúng chỉ tiêu "
                    "được điểm tối đa chia cho (1 + tỷ lệ): ví dụ 0,2 với điểm tối đa 12 là "
                    "đạt chỉ tiêu 10 điểm, dẫn đầu 12 điểm. Để trống là 0: đạt chỉ tiêu được "
                    "điểm tối đa"),
    )
    over_target_bonus_share = forms.DecimalField(
        label=_("Tỷ lệ thưởng vượt chỉ tiêu"), required=False, max_digits=5, decimal_places=4,
        help_text=_("Định lượng; vượt chỉ tiêu nhưng không dẫn đầu được thêm đến tỷ lệ này "
                    "trên điểm đạt chỉ tiêu; không lớn hơn tỷ lệ thưởng dẫn đầu (để trống là 0)"),
    )
    points_each = forms.DecimalField(
        label=_("Điểm mỗi lần"), required=False, max_digits=7, decimal_places=2,
        help_text=_("Tính theo lần; điểm thưởng (dương) / điểm trừ (âm)"),
    )
    cap = forms.DecimalField(label=_("Mức điểm trần"), required=False, **POINTS,
                             help_text=_("Tính theo lần; để trống là bằng điểm tối đa"))
    lower_bound = forms.DecimalField(label=_("Cận dưới"), required=False, **POINTS,
                                     help_text=_("Điểm thưởng / điểm trừ"))
    upper_bound = forms.DecimalField(label=_("Cận trên"), required=False, **POINTS,
                                     help_text=_("Điểm thưởng / điểm trừ"))

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.helper = helper()
        self.helper.layout = Layout(
            Fieldset(_("Tiêu chí"), "parent", "code", "name", "max_points", "guidance",
                     "evidence_required"),
            Fieldset(_("Cách tính điểm (tiêu chí lá)"), "kind", *PARAMETERS),
        )

    @staticmethod
    def initial_from(criterion: Criterion) -> dict:
        names = ("parent", "code", "name", "max_points", "guidance", "evidence_required",
                 "kind", *PARAMETERS)
        return {name: getattr(criterion, name) for name in names}
