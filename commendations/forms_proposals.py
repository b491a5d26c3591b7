"""Forms of the proposal pages (issue #16). They only shape input; the services check every
rule and their errors are shown on the form (``cluster.mixins.add_service_errors``)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.once import once_attrs
from cluster.text import NAME_MAX, NOTE_MAX, PARAGRAPH_MAX, SECTION_MAX
from cluster.uploads import EvidenceFileField
from commendations.models import AwardForm, Gender, ReportForm, VotingSession
from commendations.models.proposals import COLLECTIVE_SECTIONS, INDIVIDUAL_SECTIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _helper(label, *, multipart: bool = False, confirm=None) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    helper.attrs = once_attrs(confirm)
    if multipart:
        helper.form_enctype = "multipart/form-data"
    return helper


def _section(label, help_text="") -> UserTextFormField:
    return UserTextFormField(label=label, required=False, max_length=SECTION_MAX,
                             help_text=help_text, widget=forms.Textarea(attrs={"rows": 6}))


class ProposalForm(forms.Form):
    """A proposal's details and its achievement report; ``awards`` only when creating."""

    award = forms.ModelChoiceField(label=_("Hình thức, danh hiệu đề nghị"),
                                   queryset=AwardForm.objects.none(),
                                   error_messages={"required": _("Vui lòng chọn hình thức, danh "
                                                                "hiệu đề nghị."),
                                                   "invalid_choice": _("Hình thức, danh hiệu "
                                                                       "không hợp lệ.")})
    person_name = UserTextFormField(label=_("Họ và tên (cá nhân)"), max_length=150,
                                    required=False)
    person_gender = forms.ChoiceField(label=_("Giới tính"), required=False,
                                      choices=[("", "---------"), *Gender.choices])
    person_date_of_birth = forms.DateField(
        label=_("Ngày sinh"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Ngày sinh không hợp lệ (ngày/tháng/năm).")})
    person_position = UserTextFormField(label=_("Chức vụ"), max_length=200, required=False)
    person_workplace = UserTextFormField(label=_("Nơi công tác"), max_length=200,
                                         required=False,
                                         help_text=_("Phòng, ban, đơn vị trực thuộc."))
    summary = UserTextFormField(label=_("Tóm tắt thành tích"), max_length=PARAGRAPH_MAX,
                                required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Đưa vào danh sách bình xét khi đề nghị được tiếp "
                                            "nhận."))
    section_1 = _section(_("I"))
    section_2 = _section(_("II"))
    section_3 = _section(_("III"))
    report_file = EvidenceFileField(label=_("Hoặc tải lên tệp báo cáo thành tích (PDF, Word)"),
                                    required=False)

    def __init__(self, *args, awards: list[AwardForm] | None = None,
                 report_form: ReportForm | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if awards is None:
            del self.fields["award"]
        else:
            self.fields["award"].queryset = AwardForm.objects.filter(
                pk__in=[a.pk for a in awards])
            self.fields["award"].choices = [("", "---------")] + [
                (a.pk, f"{a.name} ({a.get_recipient_display().lower()})") for a in awards]
        if report_form is not None:
            headings = report_form.sections
            self.fields["section_1"].help_text = report_form.title
        else:
            headings = tuple(f"{c} (tập thể) / {i[3:].lower()} (cá nhân)" if c != i else c
                             for c, i in zip(COLLECTIVE_SECTIONS, INDIVIDUAL_SECTIONS,
                                             strict=True))
            self.fields["section_1"].help_text = _(
                "Theo mẫu báo cáo thành tích của nghị định đang có hiệu lực (Mẫu số 01: tập "
                "thể; Mẫu số 02: cá nhân).")
        for name, heading in zip(("section_1", "section_2", "section_3"), headings,
                                 strict=True):
            self.fields[name].label = heading
        self.helper = _helper(_("Lưu đề nghị"), multipart=True)


class EvidenceForm(forms.Form):
    title = UserTextFormField(label=_("Mô tả"), max_length=NAME_MAX, required=False)
    file = EvidenceFileField(label=_("Tệp minh chứng (PDF, Word, Excel, ảnh)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Thêm minh chứng"), multipart=True)


class ProposalTransitionForm(forms.Form):
    """A transition's note; the reason of a return (required by the service); the session of
    an acceptance."""

    session = forms.ModelChoiceField(label=_("Phiên bình xét nhận đề nghị"),
                                     queryset=VotingSession.objects.none(), required=False)
    note = UserTextFormField(label=_("Ghi chú"), required=False, max_length=NOTE_MAX,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, submit_label, confirm, sessions=None, note_label=None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is None:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = VotingSession.objects.filter(
                pk__in=[s.pk for s in sessions])
            self.fields["session"].choices = [("", "---------")] + [
                (s.pk, s.title) for s in sessions]
            if len(sessions) == 1:
                self.fields["session"].initial = sessions[0].pk
        if note_label:
            self.fields["note"].label = note_label
        self.helper = _helper(submit_label, confirm=confirm)


class ProposalCallForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Hạn gửi đề nghị"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"required": _("Vui lòng nhập hạn gửi đề nghị."),
                        "invalid": _("Hạn gửi không hợp lệ (ngày/tháng/năm giờ:phút).")},
        help_text=_("Đề nghị gửi đúng phút này vẫn được nhận; sau đó đơn vị không gửi được."))
    note = UserTextFormField(label=_("Ghi chú"), required=False, max_length=NOTE_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Lưu hạn gửi"))
