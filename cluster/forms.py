from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.models import Cluster, Unit
from cluster.text import NOTE_MAX


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class ClusterYearRolesForm(forms.Form):
    chair = UnitChoiceField(label=_("Cụm trưởng"), queryset=Unit.objects.none())
    vice_chair = UnitChoiceField(label=_("Cụm phó"), queryset=Unit.objects.none())
    note = UserTextFormField(
        label=_("Ghi chú (căn cứ, biên bản hội nghị)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=NOTE_MAX,
    )

    def __init__(self, *args, members: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Unit.objects.filter(pk__in=[u.pk for u in members])
        for name in ("chair", "vice_chair"):
            self.fields[name].queryset = queryset
            self.fields[name].error_messages["invalid_choice"] = _(
                "Đơn vị đã chọn không phải là thành viên của cụm trong năm này."
            )
            self.fields[name].error_messages["required"] = _("Vui lòng chọn một đơn vị.")
        # Keep the choices in Vietnamese alphabetical order, as the member list shows them.
        order = {u.pk: i for i, u in enumerate(members)}
        choices = sorted(queryset, key=lambda u: order[u.pk])
        for name in ("chair", "vice_chair"):
            self.fields[name].choices = [("", "---------")] + [(u.pk, u.name) for u in choices]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Xác nhận")))

    def clean(self):
        data = super().clean()
        chair, vice_chair = data.get("chair"), data.get("vice_chair")
        if chair and vice_chair and chair == vice_chair:
            self.add_error("vice_chair", _("Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau."))
        return data


# --- The guided set-up of a new cluster (cluster/setup_views.py) ------------------------------


class ClusterCreateForm(forms.Form):
    """Step 1: the cluster itself and the first year it works in the app."""

    kind = forms.ChoiceField(label=_("Loại"), choices=Cluster.Kind.choices,
                             initial=Cluster.Kind.CLUSTER, widget=forms.RadioSelect)
    name = UserTextFormField(
        label=_("Tên cụm, khối thi đua"), max_length=255,
        help_text=_("Ví dụ: Cụm thi đua các Sở Nội vụ vùng Đồng bằng sông Cửu Long"),
        error_messages={"required": _("Vui lòng nhập tên cụm, khối thi đua.")})
    superior_body = UserTextFormField(
        label=_("Cơ quan cấp trên"), max_length=255, initial="Bộ Nội vụ",
        help_text=_("Cơ quan theo dõi, chỉ đạo cụm; in trên văn bản của cụm."),
        error_messages={"required": _("Vui lòng nhập cơ quan cấp trên.")})
    series_code = UserTextFormField(
        label=_("Ký hiệu văn bản của cụm"), max_length=20, initial="CTĐ",
        help_text=_("Phần ký hiệu cơ quan ban hành trong số văn bản, ví dụ CTĐ trong "
                    "12/KH-CTĐ."),
        error_messages={"required": _("Vui lòng nhập ký hiệu văn bản.")})
    slug = UserTextFormField(
        label=_("Mã đường dẫn"), max_length=80, required=False,
        help_text=_("Phần của địa chỉ trang, ví dụ /cum/snv-dbscl/. Để trống: tạo tự động từ "
                    "tên cụm."))
    first_year = forms.IntegerField(
        label=_("Năm bắt đầu dùng phần mềm"), min_value=1945, max_value=2200,
        help_text=_("Năm chọn thành viên và xác nhận Cụm trưởng, Cụm phó đầu tiên."),
        error_messages={"required": _("Vui lòng nhập năm."),
                        "invalid": _("Năm phải là một số, ví dụ 2026."),
                        "min_value": _("Năm không hợp lệ."), "max_value": _("Năm không hợp lệ.")})


class MembersChooseForm(forms.Form):
    """Step 2: the members, ticked in a list of the registry's units in force that year, each
    with its place in the rotation (an empty place: after the numbered ones, alphabetically)."""

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["units"] = forms.ModelMultipleChoiceField(
            label=_("Đơn vị thành viên"), required=False,
            queryset=Unit.objects.filter(pk__in=[u.pk for u in units]),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Đơn vị đã chọn không có trong danh mục của "
                                                "năm này."),
                            "invalid_pk_value": _("Đơn vị đã chọn không hợp lệ.")})
        for unit in units:
            self.fields[f"order_{unit.pk}"] = forms.IntegerField(
                label=_("Thứ tự luân phiên của %(unit)s") % {"unit": unit.name},
                required=False, min_value=1, max_value=999,
                error_messages={"invalid": _("Thứ tự phải là một số nguyên."),
                                "min_value": _("Thứ tự phải từ 1 trở lên."),
                                "max_value": _("Thứ tự không quá 999.")})

    def rows(self):
        """(unit, its checkbox's id, whether ticked, its order field) for the template."""
        chosen = {str(v) for v in (self["units"].value() or [])}
        return [(unit, f"unit-{unit.pk}", str(unit.pk) in chosen, self[f"order_{unit.pk}"])
                for unit in self.units]

    def ordered_units(self) -> list[Unit]:
        position = {u.pk: i for i, u in enumerate(self.units)}  # the list's alphabetical order
        chosen = list(self.cleaned_data.get("units") or [])
        big = 10**6
        return sorted(chosen, key=lambda u: (self.cleaned_data.get(f"order_{u.pk}") or big,
                                             position.get(u.pk, big)))


class OfficerAccountsForm(forms.Form):
    """Step 4: one officer account per member unit (e-mail, name, job title); rows left
    empty are skipped."""

    def __init__(self, *args, members: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for unit in members:
            self.fields[f"name_{unit.pk}"] = UserTextFormField(
                label=_("Họ và tên"), max_length=150, required=False)
            self.fields[f"email_{unit.pk}"] = forms.EmailField(
                label=_("Thư điện tử"), required=False, max_length=254,
                error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")})
            self.fields[f"title_{unit.pk}"] = UserTextFormField(
                label=_("Chức vụ"), max_length=150, required=False)

    def rows(self):
        return [(unit, self[f"name_{unit.pk}"], self[f"email_{unit.pk}"],
                 self[f"title_{unit.pk}"]) for unit in self.members]

    def clean(self):
        data = super().clean()
        for unit in self.members:
            email = data.get(f"email_{unit.pk}")
            typed = data.get(f"name_{unit.pk}") or data.get(f"title_{unit.pk}")
            if typed and not email and f"email_{unit.pk}" not in self.errors:
                self.add_error(f"email_{unit.pk}", _("Nhập thư điện tử cho tài khoản này "
                                                     "(dùng làm tên đăng nhập)."))
        return data

    def accounts(self):
        from cluster.services import OfficerAccount

        return [OfficerAccount(unit=unit, email=self.cleaned_data[f"email_{unit.pk}"],
                               full_name=self.cleaned_data.get(f"name_{unit.pk}") or "",
                               job_title=self.cleaned_data.get(f"title_{unit.pk}") or "")
                for unit in self.members if self.cleaned_data.get(f"email_{unit.pk}")]
