from __future__ import annotations

import datetime

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import (
    DateTimeInput,
    DocumentMultipleChoiceField,
    UnitChoiceField,
    UnitMultipleChoiceField,
    helper,
    textarea,
)
from campaigns.models import Conference
from cluster.fields import UserTextFormField
from cluster.models import Province
from cluster.text import SECTION_MAX

RECORD = ("achievements", "shortcomings", "solutions", "conclusions")


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Province) -> str:
        period = ""
        if obj.valid_from or obj.valid_to:
            start = obj.valid_from.strftime("%d/%m/%Y") if obj.valid_from else "…"
            end = obj.valid_to.strftime("%d/%m/%Y") if obj.valid_to else "nay"
            period = f" ({start} – {end})"
        return obj.official_name[:1].upper() + obj.official_name[1:] + period


class ConferenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=Conference.Kind.choices)
    signs_pledge = forms.BooleanField(label=_("Có ký kết giao ước thi đua"), required=False)
    title = UserTextFormField(label=_("Tên hội nghị"), max_length=400)
    starts_at = forms.DateTimeField(label=_("Thời gian"), widget=DateTimeInput())
    locality = UserTextFormField(label=_("Địa danh"), max_length=200, required=False,
                                 help_text=_("Tên chính thức tại thời điểm họp, ví dụ: "
                                           "thành phố Huế"))
    province = ProvinceChoiceField(label=_("Tỉnh, thành phố"), queryset=None)
    venue = UserTextFormField(label=_("Địa điểm cụ thể"), max_length=300, required=False)
    hosts = UnitMultipleChoiceField(
        label=_("Đơn vị đồng chủ trì"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: Cụm trưởng và Cụm phó của năm đồng chủ trì."),
    )
    agenda = UserTextFormField(label=_("Chương trình hội nghị"), required=False,
                               max_length=SECTION_MAX,
                               widget=textarea(4), help_text=_("Mỗi nội dung một dòng."))
    opening_speaker = UserTextFormField(label=_("Người phát biểu khai mạc"), max_length=200,
                                        required=False)
    opening_speaker_title = UserTextFormField(label=_("Chức vụ người phát biểu khai mạc"),
                                              max_length=300, required=False)
    opening_summary = UserTextFormField(label=_("Tóm tắt phát biểu khai mạc"), required=False,
                                        max_length=SECTION_MAX,
                                        widget=textarea(4))
    secretary_name = UserTextFormField(
        label=_("Thư ký hội nghị"), max_length=150, required=False,
        help_text=_("Họ và tên người ghi biên bản. Để trống: biên bản để dòng chấm cho thư ký "
                    "ký và ghi tên tay."))
    achievements = UserTextFormField(label=_("Kết quả đạt được"), required=False,
                                     max_length=SECTION_MAX,
                                     widget=textarea(5), help_text=_("Mỗi ý một dòng."))
    shortcomings = UserTextFormField(label=_("Tồn tại, hạn chế"), required=False,
                                     max_length=SECTION_MAX,
                                     widget=textarea(5), help_text=_("Mỗi ý một dòng."))
    solutions = UserTextFormField(label=_("Giải pháp"), required=False, widget=textarea(4),
                                  max_length=SECTION_MAX,
                                  help_text=_("Mỗi ý một dòng."))
    conclusions = UserTextFormField(label=_("Kết luận"), required=False, widget=textarea(3),
                                    max_length=SECTION_MAX,
                                    help_text=_("Mỗi ý một dòng."))
    documents = DocumentMultipleChoiceField(label=_("Văn bản liên quan"), required=False,
                                            queryset=None, widget=forms.CheckboxSelectMultiple)

    FIELDS = ("kind", "signs_pledge", "title", "starts_at", "locality", "province", "venue",
              "agenda", "opening_speaker", "opening_speaker_title", "opening_summary",
              "secretary_name", *RECORD)

    def __init__(self, *args, members, documents, year: int, province_id: int | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        # A conference of the year meets in it, a year-end one possibly early the next year:
        # the provinces in force then (not every province that ever was, before and after the
        # 2025 mergers), and the one a conference already has, so that editing keeps it.
        provinces = Province.objects.valid_between(datetime.date(year, 1, 1),
                                                   datetime.date(year + 1, 12, 31))
        if province_id:
            provinces |= Province.objects.filter(pk=province_id)
        self.fields["province"].queryset = provinces.order_by("name", "valid_from")
        self.fields["hosts"].queryset = members
        self.fields["documents"].queryset = documents
        self.helper = helper()
        self.helper.layout = Layout(
            Fieldset(_("Hội nghị"), "kind", "signs_pledge", "title", "starts_at", "locality",
                     "province", "venue", "hosts", "agenda", "secretary_name"),
            Fieldset(_("Phát biểu khai mạc"), "opening_speaker", "opening_speaker_title",
                     "opening_summary"),
            Fieldset(_("Kết quả hội nghị"), *RECORD, "documents"),
        )

    @classmethod
    def initial_from(cls, conference: Conference) -> dict:
        initial = {name: getattr(conference, name) for name in cls.FIELDS}
        initial["hosts"] = list(conference.hosts.all())
        initial["documents"] = list(conference.documents.all())
        return initial

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {**{name: data[name] for name in self.FIELDS},
                "hosts": list(data["hosts"]), "documents": list(data["documents"])}


class DelegateForm(forms.Form):
    full_name = UserTextFormField(label=_("Họ và tên"), max_length=150, required=False,
                                  help_text=_("Để trống nếu biên bản chỉ ghi chức vụ."))
    job_title = UserTextFormField(label=_("Chức vụ"), max_length=200)
    unit = UnitChoiceField(label=_("Đơn vị thành viên"), required=False, queryset=None)
    unit_name = UserTextFormField(label=_("Cơ quan khác"), max_length=255, required=False,
                                  help_text=_("Khi đại biểu không thuộc đơn vị thành viên"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = members
        self.helper = helper(_("Thêm đại biểu"))
