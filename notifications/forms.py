"""The e-mail preferences: one checkbox per kind of notice, ticked to receive its e-mail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind


class EmailPreferencesForm(forms.Form):
    receive = forms.MultipleChoiceField(
        label=_("Nhận thư điện tử cho các loại thông báo"), choices=Kind.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
