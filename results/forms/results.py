"""Forms of unit results: a period, the unit's report (narratives, figures, an input per leaf
criterion of its kind, evidence files), the chair's review, the unit's explanation, and the
small confirmations. Field names match the keys of the services' errors (``score_<id>``,
``adjust_<id>``, ``comment_<id>``, ``note``), so every refusal shows beside its field."""

from __future__ import annotations

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.forms._common import DateTimeInput, helper, textarea
from campaigns.models import Criterion
from cluster.fields import UserTextFormField
from cluster.once import once_attrs
from cluster.text import NOTE_MAX, PARAGRAPH_MAX, SECTION_MAX
from cluster.uploads import EvidenceFileField
from results.models import ReportingPeriod, UnitReport
from results.services.results import TEXT_FIELDS

ACHIEVED_CHOICES = [("", _("— chưa chọn —")), ("1", _("Đạt")), ("0", _("Không đạt"))]
TEXT_LABELS = {
    "key_figures": _("Số liệu chủ yếu"),
    "highlights": _("Kết quả nổi bật, điển hình tiên tiến, cách làm hay"),
    "shortcomings": _("Tồn tại, hạn chế"),
    "proposals": _("Đề xuất, kiến nghị"),
}


def _to_bool(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportingPeriod.Kind.choices)
    deadline = forms.DateTimeField(label=_("Hạn nộp"), widget=DateTimeInput())
    tie_break = forms.ChoiceField(label=_("Khi bằng điểm"),
                                  choices=ReportingPeriod.TieBreak.choices)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [c for c in ReportingPeriod.Kind.choices
                                           if c[0] in kinds]
        self.helper = helper(_("Tạo kỳ báo cáo"))


class PeriodSettingsForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Hạn nộp"), widget=DateTimeInput(),
        help_text=_("Đổi hạn nộp được ghi vào lịch sử của kỳ; báo cáo đã nộp giữ nguyên "
                    "đánh giá đúng hạn hay muộn."))
    tie_break = forms.ChoiceField(label=_("Khi bằng điểm"),
                                  choices=ReportingPeriod.TieBreak.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper()


def score_field(criterion: Criterion) -> forms.Field:
    """The input of a leaf criterion, by its kind; the label names the criterion's code."""
    code = criterion.code
    if criterion.kind == Criterion.Kind.QUANTITATIVE:
        return forms.DecimalField(label=_("Kết quả thực hiện (%(code)s)") % {"code": code},
                                  required=False, min_value=0, max_digits=14,
                                  decimal_places=2, localize=True)
    if criterion.kind == Criterion.Kind.QUALITATIVE:
        return forms.TypedChoiceField(label=_("Đánh giá (%(code)s)") % {"code": code},
                                      required=False, choices=ACHIEVED_CHOICES,
                                      coerce=_to_bool, empty_value=None)
    return forms.IntegerField(label=_("Số lần (%(code)s)") % {"code": code}, required=False,
                              min_value=0, max_value=100_000)


INPUT_NAME = {Criterion.Kind.QUANTITATIVE: "actual", Criterion.Kind.QUALITATIVE: "achieved"}


def score_initial(criterion: Criterion, score) -> object:
    if score is None:
        return None
    value = getattr(score, INPUT_NAME.get(criterion.kind, "count"))
    if criterion.kind == Criterion.Kind.QUALITATIVE and value is not None:
        return "1" if value else "0"
    return value


def reoffer_files(form, files=None) -> None:
    """A form that comes back unsaved cannot give back the files chosen on it (a browser never
    pre-fills a file input): say so on each file field, naming the file, so that it is chosen
    again rather than silently dropped. A file refused for itself already says why."""
    for name, uploaded in (form.files if files is None else files).items():
        if name in form.fields and name not in form.errors:
            form.add_error(name, _("Tệp “%(name)s” chưa được tải lên vì biểu mẫu chưa lưu "
                                   "được; vui lòng chọn lại tệp này trước khi lưu.")
                           % {"name": uploaded.name})


class ReportForm(forms.Form):
    """The unit's report. ``version`` is the report's version when the form was opened: the
    save is refused if someone saved in between."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    general_file = EvidenceFileField(label=_("Tệp đính kèm chung của báo cáo"), required=False)

    def __init__(self, *args, areas, leaves, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas, self.leaves = areas, leaves
        for name in TEXT_FIELDS:
            self.fields[name] = UserTextFormField(label=TEXT_LABELS[name], required=False,
                                                  widget=textarea(4), max_length=SECTION_MAX)
        for area in areas:
            self.fields[f"area_{area.pk}"] = UserTextFormField(
                label=area.name, required=False, widget=textarea(3), max_length=SECTION_MAX)
        for criterion in leaves:
            self.fields[f"score_{criterion.pk}"] = score_field(criterion)
            self.fields[f"note_{criterion.pk}"] = UserTextFormField(
                label=_("Thuyết minh"), required=False, widget=textarea(2),
                max_length=PARAGRAPH_MAX)
            self.fields[f"file_{criterion.pk}"] = EvidenceFileField(
                label=_("Tệp minh chứng"), required=False)
            for kind in ("note", "file"):
                self.fields[f"{kind}_{criterion.pk}"].criterion_code = criterion.code

    @classmethod
    def initial_for(cls, report: UnitReport | None, narratives, lines) -> dict:
        if report is None:
            return {"version": 0}
        initial = {"version": report.version}
        initial.update({name: getattr(report, name) for name in TEXT_FIELDS})
        initial.update({f"area_{n.area_id}": n.text for n in narratives})
        for line in lines:
            if line.score is not None:
                initial[f"score_{line.criterion.pk}"] = score_initial(line.criterion, line.score)
                initial[f"note_{line.criterion.pk}"] = line.score.note
        return initial

    def service_data(self) -> dict:
        data = self.cleaned_data
        scores = {}
        for criterion in self.leaves:
            name = INPUT_NAME.get(criterion.kind, "count")
            scores[criterion.pk] = {name: data.get(f"score_{criterion.pk}"),
                                    "note": data.get(f"note_{criterion.pk}", "")}
        return {
            "fields": {name: data.get(name, "") for name in TEXT_FIELDS},
            "narratives": {area.pk: data.get(f"area_{area.pk}", "") for area in self.areas},
            "scores": scores,
        }

    def files_data(self) -> list[tuple[Criterion | None, object]]:
        files = [(None, self.cleaned_data.get("general_file"))]
        files += [(c, self.cleaned_data.get(f"file_{c.pk}")) for c in self.leaves]
        return [(criterion, f) for criterion, f in files if f]

    def area_fields(self):
        return [self[f"area_{area.pk}"] for area in self.areas]

    def text_fields(self):
        return [self[name] for name in TEXT_FIELDS]


class ReviewForm(forms.Form):
    """The chair's adjusted points, comment and file per leaf criterion."""

    note = UserTextFormField(label=_("Nhận xét chung"), required=False, widget=textarea(3),
                             max_length=NOTE_MAX)

    def __init__(self, *args, leaves, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        for criterion in leaves:
            self.fields[f"adjust_{criterion.pk}"] = forms.DecimalField(
                label=_("Điểm thẩm định"), required=False, max_digits=8, decimal_places=2,
                localize=True)
            self.fields[f"comment_{criterion.pk}"] = UserTextFormField(
                label=_("Ý kiến thẩm định"), required=False, widget=textarea(2),
                max_length=PARAGRAPH_MAX)
            self.fields[f"file_{criterion.pk}"] = EvidenceFileField(
                label=_("Tệp thẩm định"), required=False)
            for kind in ("adjust", "comment", "file"):
                self.fields[f"{kind}_{criterion.pk}"].criterion_code = criterion.code

    @staticmethod
    def initial_for(lines) -> dict:
        initial = {}
        for line in lines:
            if line.score is not None:
                initial[f"adjust_{line.criterion.pk}"] = line.score.adjusted_points
                initial[f"comment_{line.criterion.pk}"] = line.score.review_comment
        return initial

    def adjustments(self) -> dict[int, tuple]:
        data = self.cleaned_data
        return {c.pk: (data.get(f"adjust_{c.pk}"), data.get(f"comment_{c.pk}", ""))
                for c in self.leaves}

    def uploaded(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"file_{c.pk}"] for c in self.leaves
                if self.cleaned_data.get(f"file_{c.pk}")}


class ExplainForm(forms.Form):
    """The unit's explanation of the criteria the chair adjusted or commented on."""

    def __init__(self, *args, leaves, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        for criterion in leaves:
            self.fields[f"explain_{criterion.pk}"] = UserTextFormField(
                label=_("Giải trình"), required=False, widget=textarea(3),
                max_length=PARAGRAPH_MAX)
            self.fields[f"file_{criterion.pk}"] = EvidenceFileField(
                label=_("Tệp giải trình"), required=False)
            for kind in ("explain", "file"):
                self.fields[f"{kind}_{criterion.pk}"].criterion_code = criterion.code

    @staticmethod
    def initial_for(lines) -> dict:
        return {f"explain_{line.criterion.pk}": line.score.explanation
                for line in lines if line.score is not None}

    def explanations(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"explain_{c.pk}", "") for c in self.leaves}

    def uploaded(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"file_{c.pk}"] for c in self.leaves
                if self.cleaned_data.get(f"file_{c.pk}")}


class ReturnForm(forms.Form):
    note = UserTextFormField(label=_("Nội dung cần bổ sung"), widget=textarea(4),
                             max_length=NOTE_MAX,
                             help_text=_("Đơn vị sẽ thấy nội dung này trên báo cáo."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Trả lại báo cáo"))
        self.helper.layout = Layout(Fieldset("", "note"))


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(
        label=_("Tôi đã xem toàn bộ nội dung báo cáo và đồng ý nộp thay mặt đơn vị."))


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng sau khi chốt, mọi báo cáo của kỳ bị khóa và không thể sửa."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Chốt kết quả"))
        self.helper.attrs = once_attrs()  # the checkbox above is the confirmation
