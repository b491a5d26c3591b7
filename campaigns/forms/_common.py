from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import LegalDocument
from cluster.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LegalDocument) -> str:
        return obj.citation()


class DocumentMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: LegalDocument) -> str:
        return obj.citation()


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


def helper(label=_("Lưu")) -> FormHelper:
    form_helper = FormHelper()
    form_helper.add_input(Submit("submit", label))
    return form_helper
