from __future__ import annotations

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import (
    DateInput,
    DocumentChoiceField,
    DocumentMultipleChoiceField,
    helper,
    textarea,
)
from campaigns.models import Campaign, Milestone
from campaigns.services.campaigns import STANDARD_MILESTONES
from cluster.fields import UserTextFormField
from cluster.text import SECTION_MAX

MILESTONE_PREFIX = "moc_"


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=Campaign.Kind.choices)
    name = UserTextFormField(label=_("Tên phong trào"), max_length=300)
    motto = UserTextFormField(
        label=_("Khẩu hiệu, chủ đề"), max_length=300, required=False,
        help_text=_("Ví dụ: Đoàn kết, kỷ cương, gương mẫu, đổi mới, hiệu quả"))
    goals = UserTextFormField(label=_("Mục đích, yêu cầu"), required=False, widget=textarea(3),
                              max_length=SECTION_MAX)
    content = UserTextFormField(label=_("Nội dung thi đua"), required=False, widget=textarea(4),
                                max_length=SECTION_MAX)
    starts_on = forms.DateField(label=_("Ngày bắt đầu"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput())
    plan_document = DocumentChoiceField(label=_("Kế hoạch phát động"), required=False,
                                        queryset=None)
    legal_bases = DocumentMultipleChoiceField(label=_("Căn cứ"), required=False, queryset=None,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, documents, fixed_dates=None, **kwargs):
        """``fixed_dates``: ``{kind: date}`` of the deadlines a reporting period owns
        (``selectors.milestone_fixed_dates``), shown and not editable here."""
        super().__init__(*args, **kwargs)
        self.fields["plan_document"].queryset = documents
        self.fields["legal_bases"].queryset = documents
        for kind in STANDARD_MILESTONES:
            self.fields[MILESTONE_PREFIX + kind] = forms.DateField(
                label=Milestone.Kind(kind).label, required=False, widget=DateInput()
            )
        for kind, day in (fixed_dates or {}).items():
            field = self.fields[MILESTONE_PREFIX + kind]
            field.disabled, field.initial = True, day
            self.initial[MILESTONE_PREFIX + kind] = day
            field.help_text = _("Hạn nộp của kỳ báo cáo; đổi hạn ở trang Kỳ báo cáo.")
        self.helper = helper()
        self.helper.layout = Layout(
            Fieldset(_("Phong trào"), "kind", "name", "motto", "goals", "content", "starts_on",
                     "ends_on", "plan_document", "legal_bases"),
            Fieldset(_("Mốc thời gian"), *(MILESTONE_PREFIX + k for k in STANDARD_MILESTONES)),
        )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc phải không trước ngày bắt đầu."))
        return data

    @staticmethod
    def initial_from(campaign: Campaign) -> dict:
        initial = {name: getattr(campaign, name) for name in (
            "kind", "name", "motto", "goals", "content", "starts_on", "ends_on",
            "plan_document")}
        initial["legal_bases"] = list(campaign.legal_bases.all())
        for milestone in campaign.milestones.all():
            if milestone.kind != Milestone.Kind.OTHER:
                initial[MILESTONE_PREFIX + milestone.kind] = milestone.due_on
        return initial

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in ("kind", "name", "motto", "goals", "content",
                                             "starts_on", "ends_on", "plan_document")},
            "legal_bases": list(data["legal_bases"]),
            # A deadline a period owns is not the form's to set (the service keeps it).
            "milestones": {k: data.get(MILESTONE_PREFIX + k) for k in STANDARD_MILESTONES
                           if not self.fields[MILESTONE_PREFIX + k].disabled},
        }


class MilestoneForm(forms.Form):
    title = UserTextFormField(label=_("Tên mốc"), max_length=200)
    due_on = forms.DateField(label=_("Thời hạn"), widget=DateInput())
    note = UserTextFormField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Thêm mốc"))
