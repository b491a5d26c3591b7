"""Forms of the reports app: the issue date, and a file to check on the public page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.text import SECTION_MAX


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vui lòng nhập ngày ban hành."),
                        "invalid": _("Ngày ban hành không hợp lệ.")},
    )


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp cần đối chiếu (PDF, Word hoặc Excel)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}),
        error_messages={"required": _("Vui lòng chọn tệp cần đối chiếu."),
                        "empty": _("Tệp tải lên rỗng (0 byte).")},
    )


class OfficialFileForm(forms.Form):
    """The official copy of an issued document: a PDF (checked from its content by the
    service), and an optional note."""

    file = forms.FileField(
        label=_("Tệp PDF bản chính thức (bản quét văn bản đã ký, đóng dấu)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"required": _("Vui lòng chọn tệp PDF bản chính thức."),
                        "empty": _("Tệp tải lên rỗng (0 byte).")},
    )
    note = forms.CharField(
        label=_("Ghi chú (không bắt buộc)"), required=False, max_length=300,
        help_text=_("Ví dụ: bản quét có chữ ký và dấu; thay bản trước vì quét thiếu trang."),
        error_messages={"max_length": _("Ghi chú dài tối đa 300 ký tự.")},
    )


class SummarySectionForm(forms.Form):
    """One section of the draft report: plain text (paragraphs separated by a blank line,
    lines starting "- " as list items), and the version it was read at."""

    text = UserTextFormField(
        label=_("Nội dung"), required=False, max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống; dòng bắt đầu bằng dấu gạch ngang và "
                    "dấu cách (“- ”) là một ý gạch đầu dòng. Nội dung được in đúng như đã gõ, "
                    "không dùng thẻ định dạng."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
