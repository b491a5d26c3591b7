from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from cluster.fields import UserTextFormField
from cluster.models import Unit
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
