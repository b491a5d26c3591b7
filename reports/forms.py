"""Forms of the reports app: the issue date, and a file to check on the public page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
