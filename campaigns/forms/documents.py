from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import DateInput, helper, textarea
from campaigns.models import LegalDocument
from campaigns.services import ISSUABLE_KINDS
from cluster.fields import UserTextFormField
from cluster.text import NOTE_MAX
from cluster.uploads import EvidenceFileField


class DocumentRegisterForm(forms.Form):
    """Record an existing document (a legal basis, a ministry's letter ...)."""

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=LegalDocument.Kind.choices)
    number_symbol = UserTextFormField(
        label=_("Số, ký hiệu"), max_length=60,
        help_text=_("Ví dụ: 1237/BNV-VP, 34-CT/TW, 19/CT-TTg, 98/2023/NĐ-CP"),
    )
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    issuing_body = UserTextFormField(label=_("Cơ quan ban hành"), max_length=255,
                                     help_text=_("Ví dụ: Bộ Nội vụ"))
    subject = UserTextFormField(label=_("Trích yếu"), required=False, widget=textarea(2),
                                max_length=NOTE_MAX,
                                help_text=_("Ví dụ: về việc phát động phong trào thi đua ..."))
    url = forms.URLField(label=_("Đường dẫn"), required=False, max_length=500,
                          assume_scheme="https")
    file = EvidenceFileField(label=_("Tệp văn bản"), required=False)
    in_force_from = forms.DateField(
        label=_("Có hiệu lực từ ngày"), required=False, widget=DateInput(),
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."))
    expired_on = forms.DateField(label=_("Hết hiệu lực từ ngày"), required=False,
                                 widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Vào sổ"))


class DocumentValidityForm(forms.Form):
    """A text's validity: in force from, replaced by, expired on (issue #15)."""

    in_force_from = forms.DateField(
        label=_("Có hiệu lực từ ngày"), required=False, widget=DateInput(),
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."))
    replaced_by = forms.ModelChoiceField(
        label=_("Được thay thế bởi"), required=False, queryset=LegalDocument.objects.none(),
        help_text=_("Văn bản trong sổ của cụm thay thế văn bản này."))
    expired_on = forms.DateField(
        label=_("Hết hiệu lực từ ngày"), required=False, widget=DateInput(),
        help_text=_("Ngày đầu tiên văn bản không còn hiệu lực. Để trống khi có văn bản thay "
                    "thế: lấy ngày văn bản thay thế có hiệu lực."))

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = documents
        self.fields["replaced_by"].label_from_instance = lambda d: d.citation()
        self.helper = helper(_("Lưu hiệu lực"))


class DocumentIssueForm(forms.Form):
    """Take the next number in the cluster's own series."""

    kind = forms.ChoiceField(
        label=_("Loại văn bản"),
        choices=[(k, LegalDocument.Kind(k).label) for k in ISSUABLE_KINDS],
    )
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    subject = UserTextFormField(label=_("Trích yếu"), widget=textarea(2), max_length=NOTE_MAX)
    file = EvidenceFileField(label=_("Tệp văn bản"), required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.helper = helper(_("Cấp số"))

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on.year != self.year:
            raise forms.ValidationError(
                _("Ngày ban hành phải thuộc năm %(year)s (sổ văn bản năm %(year)s).")
                % {"year": self.year}
            )
        return issued_on
