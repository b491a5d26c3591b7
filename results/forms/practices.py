"""The form of a good practice (điển hình tiên tiến, cách làm hay). Checks of meaning are the
service's (results.services.practices); the form only collects."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import UnitChoiceField, helper, textarea
from cluster.fields import UserTextFormField
from cluster.text import SECTION_MAX
from cluster.uploads import EvidenceFileField
from results.models import GoodPractice, StateArea
from results.services.practices import DESCRIPTION_REQUIRED, TITLE_REQUIRED


class GoodPracticeForm(forms.Form):
    title = UserTextFormField(
        label=_("Tên điển hình, cách làm hay"), max_length=300,
        error_messages={"required": TITLE_REQUIRED},
        help_text=_("Ví dụ: Số hóa hồ sơ đề nghị khen thưởng, trả kết quả trong 10 ngày"))
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None, empty_label=None)
    area = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=StateArea.objects.none(),
                                  required=False, empty_label=_("— Không chọn —"))
    description = UserTextFormField(
        label=_("Mô tả cách làm"), widget=textarea(6), max_length=SECTION_MAX,
        error_messages={"required": DESCRIPTION_REQUIRED},
        help_text=_("Làm gì, làm thế nào, ai làm: đủ để đơn vị khác học tập, áp dụng."))
    results = UserTextFormField(label=_("Kết quả, hiệu quả"), widget=textarea(3), required=False,
                                max_length=SECTION_MAX,
                                help_text=_("Số liệu, thời gian tiết kiệm, khen thưởng đã nhận …"))
    source = forms.ChoiceField(label=_("Nguồn"), choices=GoodPractice.Source.choices,
                               initial=GoodPractice.Source.REPORT)
    evidence = EvidenceFileField(
        label=_("Tệp minh chứng"), required=False,
        help_text=_("PDF, Word, Excel hoặc ảnh; tối đa 10 MB. Không bắt buộc."))
    remove_evidence = forms.BooleanField(label=_("Xóa tệp minh chứng hiện có"), required=False)

    def __init__(self, *args, units, areas, fixed_unit=None, has_evidence=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["area"].queryset = areas
        if fixed_unit is not None:  # a unit's staff add their own unit's practices
            self.fields["unit"].initial = fixed_unit.pk
            self.fields["unit"].disabled = True
        if not has_evidence:
            del self.fields["remove_evidence"]
        else:
            self.fields["evidence"].help_text = _("Chọn tệp mới để thay tệp hiện có.")
        self.helper = helper()

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["evidence"] = data.get("evidence") or None
        data.setdefault("remove_evidence", False)
        return data
