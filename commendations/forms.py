"""Forms of the commendations pages. They only shape input; every rule is checked by the
services, whose errors are shown on the form (``cluster.mixins.add_service_errors``)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Conference
from cluster.fields import UserTextFormField
from cluster.models import Unit
from cluster.once import once_attrs
from cluster.text import SECTION_MAX
from cluster.uploads import EvidenceFileField
from commendations.models import AwardForm, AwardRule, BallotKind, Gender, Nomination
from commendations.selectors import LookupFilters

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _helper(label, *, multipart: bool = False) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    if multipart:
        helper.form_enctype = "multipart/form-data"
    return helper


def _limit(field: forms.ModelChoiceField, rows: list, label=str, message=None) -> None:
    field.queryset = field.queryset.model.objects.filter(pk__in=[r.pk for r in rows])
    field.choices = [("", "---------")] + [(r.pk, label(r)) for r in rows]
    if message:
        field.error_messages["invalid_choice"] = message


class RuleForm(forms.ModelForm):
    """The rule of one award; ``awards`` (when creating) offers the awards without one."""

    award = forms.ModelChoiceField(label=_("Hình thức, danh hiệu"),
                                   queryset=AwardForm.objects.none())

    class Meta:
        model = AwardRule
        fields = ["threshold_percent", "base", "threshold_source", "quorum_percent",
                  "quorum_source", "quota_percent", "quota_of", "quota_rounding", "quota_source",
                  "tie_break", "women_share_percent", "tie_break_source"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in (
            "threshold_source", "quorum_source", "quota_source", "tie_break_source")}
        help_texts = {
            "quota_percent": _(
                "Số suất tối đa được đề nghị = tỷ lệ này × số đếm ở “Chỉ tiêu tính trên”, rồi "
                "làm tròn theo “Làm tròn chỉ tiêu”. Ví dụ 20% × 6 đơn vị dẫn đầu = 1,2 → 1 "
                "suất; 20% × 4 = 0,8 → 0 suất: không ai đạt, kể cả đề nghị được mọi phiếu đồng "
                "ý. Để trống nếu không giới hạn số suất."),
            "quota_of": _(
                "Số tập thể được suy tôn dẫn đầu do thư ký cụm nhập khi kết thúc bỏ phiếu; số "
                "thành viên là số đơn vị thành viên của cụm trong năm."),
            "quota_rounding": _(
                "Văn bản về chỉ tiêu (Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ: Cờ thi "
                "đua của Chính phủ không quá 20% số tập thể được suy tôn dẫn đầu) chỉ nêu tỷ "
                "lệ “không quá”, không quy định cách làm tròn: làm tròn xuống để không vượt tỷ "
                "lệ là mặc định; chọn cách khác nếu cụm đã thống nhất và ghi rõ ở nguồn."),
            "quota_source": _(
                "Ví dụ: Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ; Khoản 1 Điều 25 Luật Thi "
                "đua, khen thưởng 2022 (Cờ thi đua của Chính phủ chọn trong số tập thể dẫn đầu "
                "cụm, khối thi đua)."),
        }

    def __init__(self, *args, awards: list[AwardForm] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if awards is None:
            del self.fields["award"]
        else:
            _limit(self.fields["award"], awards,
                   message=_("Hình thức, danh hiệu này đã có quy tắc trong năm."))
            self.order_fields(["award"])
        self.helper = _helper(_("Lưu quy tắc"))

    def _post_clean(self):  # the service validates the row
        pass


class RulesCreateForm(forms.Form):
    source = forms.ChoiceField(label=_("Lập quy tắc từ"))

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("mac-dinh", _("Quy tắc mặc định của phần mềm"))] + [
            (str(y), _("Quy tắc năm %(year)s") % {"year": y}) for y in years]
        self.helper = _helper(_("Lập quy tắc"))


SECRETARY_HELP = _("Họ và tên người ghi biên bản bình xét. Để trống: biên bản để dòng chấm cho "
                   "thư ký ghi tên tay.")


class SessionForm(forms.Form):
    title = UserTextFormField(label=_("Tên phiên bình xét"), max_length=255,
                              error_messages={"required": _("Vui lòng nhập tên phiên bình xét.")})
    conference = forms.ModelChoiceField(label=_("Hội nghị"), queryset=Conference.objects.none(),
                                        error_messages={"required": _("Vui lòng chọn hội nghị.")})
    secretary_name = UserTextFormField(label=_("Thư ký"), max_length=150, required=False,
                                       help_text=SECRETARY_HELP)

    def __init__(self, *args, conferences: list[Conference], **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["conference"], conferences,
               message=_("Hội nghị đã chọn không thuộc cụm trong năm này."))
        self.helper = _helper(_("Tạo phiên bình xét"))


class NominationForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["award", "unit", "person_name", "person_title", "person_gender",
                  "women_share_percent", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, awards: list[AwardForm], members: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self.fields["award"], awards,
               label=lambda a: f"{a.name} ({a.get_recipient_display().lower()})")
        _limit(self.fields["unit"], members, label=lambda u: u.name,
               message=_("Đơn vị đã chọn không phải là thành viên của cụm trong năm này."))
        self.fields["unit"].help_text = _("Với đề nghị cá nhân: đơn vị công tác của cá nhân.")
        self.fields["person_gender"].choices = [("", "---------"), *Gender.choices]
        self.fields["summary"].error_messages["required"] = _("Vui lòng nhập tóm tắt thành tích.")
        self.helper = _helper(_("Lưu đề nghị"))

    def _post_clean(self):  # the service validates the row; skip ModelForm's instance checks
        pass


class SessionCountsForm(forms.Form):
    present_count = forms.IntegerField(
        label=_("Số thành viên có mặt"), min_value=0,
        error_messages={"required": _("Vui lòng nhập số thành viên có mặt.")},
        help_text=_("Thành viên vắng mặt bỏ phiếu bằng văn bản không tính vào đây."))
    leaders_count = forms.IntegerField(
        label=_("Số tập thể được suy tôn dẫn đầu"), min_value=0, required=False,
        help_text=_("Cần khi chỉ tiêu tính theo số tập thể được suy tôn dẫn đầu."))
    secretary_name = UserTextFormField(label=_("Thư ký"), max_length=150, required=False,
                                       help_text=SECRETARY_HELP)
    note = UserTextFormField(label=_("Ghi chú"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, submit_label, confirming: bool = False, **kwargs):
        """``confirming``: the confirmation step after a preview, every value hidden as it was
        previewed."""
        super().__init__(*args, **kwargs)
        if confirming:
            for field in self.fields.values():
                field.widget = forms.HiddenInput()
            self.initial["confirm"] = True
        self.helper = _helper(submit_label)
        if confirming:  # the preview above is the confirmation
            self.helper.attrs = once_attrs()

    def counts(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("present_count", "leaders_count")}


class NoteForm(forms.Form):
    note = UserTextFormField(label=_("Ghi chú"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label)


AGREE_CHOICES = [("dong-y", _("Đồng ý")), ("khong-dong-y", _("Không đồng ý"))]


class BallotForm(forms.Form):
    """One radio pair per nomination; ``choices()`` gives ``{nomination id: agree}``."""

    submit_label = _("Gửi phiếu")
    confirm_text = _("Gửi phiếu của đơn vị? Phiếu đã gửi là bí mật và không thể thay đổi "
                     "hay bỏ lại.")

    def __init__(self, *args, nominations: list[Nomination], **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"n{nomination.pk}"] = forms.ChoiceField(
                label=f"{nomination.candidate_name} — {nomination.award.name}",
                choices=AGREE_CHOICES, widget=forms.RadioSelect,
                error_messages={
                    "required": _("Vui lòng chọn “Đồng ý” hoặc “Không đồng ý”."),
                    "invalid_choice": _("Lựa chọn không hợp lệ: chỉ chọn “Đồng ý” hoặc "
                                        "“Không đồng ý”.")})
        self.helper = _helper(self.submit_label)
        self.helper.attrs = once_attrs(self.confirm_text)

    def choices(self) -> dict[int, bool]:
        return {n.pk: self.cleaned_data[f"n{n.pk}"] == "dong-y" for n in self.nominations}

    def review_rows(self) -> list[tuple[Nomination, str, str]]:
        """(nomination, posted value, its label) for the review step, in the ballot's order."""
        labels = dict(AGREE_CHOICES)
        return [(n, self.cleaned_data[f"n{n.pk}"], labels[self.cleaned_data[f"n{n.pk}"]])
                for n in self.nominations]


class BallotRecordForm(BallotForm):
    submit_label = _("Ghi nhận phiếu")
    confirm_text = _("Ghi nhận phiếu này cho đơn vị đã chọn? Phiếu đã ghi nhận không thể thay "
                     "đổi.")

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                      error_messages={"required": _("Vui lòng chọn đơn vị.")})
        _limit(unit, units, label=lambda u: u.name,
               message=_("Đơn vị đã chọn không phải là thành viên chưa bỏ phiếu của cụm."))
        kind = forms.ChoiceField(label=_("Hình thức"), widget=forms.RadioSelect,
                                 choices=[(BallotKind.PAPER, BallotKind.PAPER.label),
                                          (BallotKind.WRITTEN, BallotKind.WRITTEN.label)])
        note = UserTextFormField(label=_("Ghi chú (văn bản gửi kèm, ngày nhận)"), required=False,
                                 max_length=300)
        self.fields = {"unit": unit, "kind": kind, **self.fields, "note": note}


class DocumentForm(forms.Form):
    title = UserTextFormField(label=_("Số, ký hiệu hoặc tiêu đề"), max_length=255, required=False)
    file = EvidenceFileField(label=_("Tệp (PDF, Word, Excel, ảnh)"), required=False)
    text = UserTextFormField(label=_("Hoặc soạn nội dung"), required=False, max_length=SECTION_MAX,
                             widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Thêm tài liệu"), multipart=True)


class DecisionForm(forms.Form):
    number = UserTextFormField(label=_("Số, ký hiệu"), max_length=60,
                               help_text=_("Ví dụ: 123/QĐ-TTg"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET,
                                input_formats=DATE_FORMATS)
    issuing_body = UserTextFormField(label=_("Cơ quan ban hành"), max_length=200)
    signer = UserTextFormField(label=_("Người ký"), max_length=200,
                               help_text=_("Chức vụ và họ tên người ký, ví dụ: Thủ tướng Chính "
                                           "phủ …"))
    subject = UserTextFormField(label=_("Trích yếu"), max_length=500, required=False)
    file = EvidenceFileField(label=_("Tệp quyết định"), required=False)

    def __init__(self, *args, vote_day=None, **kwargs):
        super().__init__(*args, **kwargs)
        if vote_day is not None:  # the service refuses a decision dated before the vote
            self.fields["issued_on"].help_text = _(
                "Không trước ngày bỏ phiếu bình xét (%(day)s) và không sau ngày hôm nay.") % {
                "day": vote_day.strftime("%d/%m/%Y")}
            self.fields["issued_on"].widget.attrs["min"] = vote_day.isoformat()
        self.fields["number"].error_messages["required"] = _("Vui lòng nhập số, ký hiệu "
                                                             "quyết định.")
        self.fields["issued_on"].error_messages.update({
            "required": _("Vui lòng nhập ngày ban hành."),
            "invalid": _("Ngày ban hành không hợp lệ (nhập theo dạng ngày/tháng/năm)."),
        })
        self.fields["issuing_body"].error_messages["required"] = _("Vui lòng nhập cơ quan "
                                                                   "ban hành.")
        self.fields["signer"].error_messages["required"] = _("Vui lòng nhập người ký quyết "
                                                             "định.")
        self.helper = _helper(_("Ghi nhận quyết định"), multipart=True)
        self.helper.attrs = once_attrs(_("Ghi nhận quyết định khen thưởng này? Khen thưởng sẽ "
                                         "được ghi vào lịch sử của đơn vị và không thể hoàn "
                                         "tác trên phần mềm."))


class ReturnForm(forms.Form):
    """A return with a reason per item: one field per document of the dossier, and one about
    the dossier as a whole; ``items()`` gives (document id or None, reason) pairs."""

    def __init__(self, *args, documents, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = documents
        for document in documents:
            name = document.title or document.original_name or _("(không tiêu đề)")
            self.fields[f"doc_{document.pk}"] = UserTextFormField(
                label=f"{document.get_kind_display()}: {name}", required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Để trống nếu tài liệu này không phải sửa."))
        self.fields["general"] = UserTextFormField(
            label=_("Lý do chung về hồ sơ"), required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Ví dụ: thiếu tài liệu, sai đối tượng, quá hạn gửi."))
        self.helper = _helper(submit_label)
        self.helper.attrs = once_attrs(_("Trả lại hồ sơ với các lý do đã ghi? Thư ký cụm và "
                                         "đơn vị được đề nghị sẽ nhận thông báo."))

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in self.fields):
            raise forms.ValidationError(_("Hãy ghi lý do trả lại cho ít nhất một tài liệu hoặc "
                                          "cho cả hồ sơ."))
        return data

    def items(self) -> list[tuple[int | None, str]]:
        pairs = [(d.pk, self.cleaned_data.get(f"doc_{d.pk}") or "") for d in self.documents]
        return [*pairs, (None, self.cleaned_data.get("general") or "")]


# --- the honours look-up (issue #16) -------------------------------------------------------------
LOOKUP_YEAR_MESSAGE = _("Năm phải là số có bốn chữ số, từ 1945 đến 2200.")


class LookupForm(forms.Form):
    """The look-up's filters, read from the query string (GET): nothing is saved. A bad value
    is said in Vietnamese beside its field and the look-up runs without it."""

    q = forms.CharField(label=_("Họ tên cá nhân hoặc tên tập thể"), max_length=100,
                        required=False,
                        help_text=_("Gõ có dấu hoặc không dấu, ví dụ: nguyen thi ha."))
    award = forms.TypedChoiceField(label=_("Hình thức, danh hiệu"), required=False, coerce=int,
                                   empty_value=None)
    year_from = forms.IntegerField(label=_("Từ năm"), required=False, min_value=1945,
                                   max_value=2200,
                                   error_messages={"invalid": LOOKUP_YEAR_MESSAGE,
                                                   "min_value": LOOKUP_YEAR_MESSAGE,
                                                   "max_value": LOOKUP_YEAR_MESSAGE})
    year_to = forms.IntegerField(label=_("Đến năm"), required=False, min_value=1945,
                                 max_value=2200,
                                 error_messages={"invalid": LOOKUP_YEAR_MESSAGE,
                                                 "min_value": LOOKUP_YEAR_MESSAGE,
                                                 "max_value": LOOKUP_YEAR_MESSAGE})
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int,
                                  empty_value=None)
    kind = forms.ChoiceField(label=_("Đối tượng"), required=False, choices=[
        ("", _("Tập thể và cá nhân")), ("tap-the", _("Tập thể")), ("ca-nhan", _("Cá nhân"))])

    def __init__(self, data=None, *, awards=(), units=(), **kwargs):
        super().__init__(data, **kwargs)
        invalid = _("Lựa chọn không hợp lệ.")
        self.fields["award"].choices = [("", _("Mọi hình thức, danh hiệu")),
                                        *[(a.pk, a.name) for a in awards]]
        self.fields["unit"].choices = [("", _("Mọi đơn vị")), *[(u.pk, u.name) for u in units]]
        for name in ("award", "unit", "kind"):
            self.fields[name].error_messages["invalid_choice"] = invalid
        self.fields["q"].error_messages["max_length"] = _(
            "Tên tìm kiếm dài quá 100 ký tự.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("“Đến năm” phải từ “Từ năm” trở về sau."))
        return cleaned

    def filters(self):
        """The valid filters (a field with a bad value is left out)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        errors = self.errors

        def value(name):
            return None if name in errors else data.get(name)
        return LookupFilters(query=(value("q") or "").strip(), award_id=value("award"),
                             year_from=value("year_from"), year_to=value("year_to"),
                             unit_id=value("unit"), kind=value("kind") or "")
