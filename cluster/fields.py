"""Fields for text that users type (issue #10): one place where such text is normalised and
its length checked, for forms, the admin and services alike.

* ``UserCharField`` and ``UserTextField`` are the model fields: ``to_python`` (run by
  ``full_clean``, so by every service and model form) and ``pre_save`` (run by every save,
  ``bulk_create`` too) pass the value through ``cluster.text.clean_user_text``, and so does
  ``get_prep_value`` (``update()`` and exact lookups); ``max_length`` is checked by
  ``full_clean`` for both, with ``TOO_LONG`` — Django checks a ``TextField``'s ``max_length``
  in forms only. They deconstruct as themselves with Django's own arguments, so migrations
  hold nothing but the limit.
* Both, and the form field, refuse a character the document fonts cannot print (an emoji)
  with a message naming it (``cluster.printable.PrintableTextValidator``, issue #15): the
  validator is added to the field's validator list, not to its arguments, so no migration
  records it.
* ``UserTextFormField`` is the form field they give, and the one a plain ``forms.Form``
  declares: the same cleaning before the length is counted (so ``\\r\\n`` from a browser counts
  one), the same message.

The limits are ``cluster.text.NAME_MAX``, ``NOTE_MAX``, ``PARAGRAPH_MAX``, ``SECTION_MAX``.
``normalise_stored_text(app_label)`` is the migrations' step that cleans what was stored
before these fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy

from cluster.printable import PrintableTextValidator
from cluster.text import clean_user_text

TOO_LONG = gettext_lazy(
    "Nội dung dài quá giới hạn: tối đa %(limit_value)s ký tự (hiện có %(show_value)s).")


def _number(value: int) -> str:
    """20000 → "20.000", as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


class TooLongValidator(validators.MaxLengthValidator):
    """``MaxLengthValidator`` with the Vietnamese message and numbers written "20.000"."""

    message = TOO_LONG

    def __call__(self, value: Any) -> None:
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        length = self.clean(value)
        if self.compare(length, limit):
            raise ValidationError(self.message, code=self.code, params={
                "limit_value": _number(limit), "show_value": _number(length), "value": value})


def _with_our_length_check(field_validators: list, max_length: int | None) -> None:
    """Replace Django's ``MaxLengthValidator`` for ``max_length`` by ``TooLongValidator``
    (or add one), and add ``PrintableTextValidator``, in place: ``validators`` is the field's
    cached list."""
    field_validators[:] = [v for v in field_validators
                           if type(v) is not validators.MaxLengthValidator]
    if max_length is not None:
        field_validators.append(TooLongValidator(int(max_length)))
    if not any(isinstance(v, PrintableTextValidator) for v in field_validators):
        field_validators.append(PrintableTextValidator())


def _clean(value: Any) -> Any:
    return clean_user_text(value) if isinstance(value, str) else value


class UserTextFormField(forms.CharField):
    """A ``forms.CharField`` for what users type: ``clean_user_text`` before the length and
    the required check (then stripped as usual), and the Vietnamese "too long" message."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        _with_our_length_check(self.validators, self.max_length)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str):
            value = clean_user_text(value)
            if self.strip:
                value = value.strip()
            if value in self.empty_values:
                return self.empty_value
        return value


class _UserTextMixin:
    """What ``UserCharField`` and ``UserTextField`` share (see the module doc)."""

    def _install_length_check(self) -> None:
        _with_our_length_check(self.validators, self.max_length)

    def to_python(self, value: Any) -> Any:
        return _clean(super().to_python(value))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        cleaned = _clean(value)
        if cleaned is not value and cleaned != value:
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": UserTextFormField, **kwargs})


class UserCharField(_UserTextMixin, models.CharField):
    """A ``CharField`` users type into: normalised, its length checked in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._install_length_check()


class UserTextField(_UserTextMixin, models.TextField):
    """A ``TextField`` users type into: normalised, and its ``max_length`` checked by
    ``full_clean`` too, not only by forms."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._install_length_check()


def normalise_stored_text(app_label: str):
    """A ``RunPython`` function: clean every value already stored in the ``UserCharField`` and
    ``UserTextField`` columns of ``app_label``'s models (their history rows keep what was
    typed). A row whose cleaned value would collide with another under a unique constraint
    keeps its value: the admin shows both and someone decides."""

    def forwards(apps, schema_editor) -> None:
        alias = schema_editor.connection.alias
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            names = [f.attname for f in model._meta.concrete_fields
                     if isinstance(f, _UserTextMixin)]
            if not names:
                continue
            rows = model._base_manager.using(alias)
            for pk, *values in rows.values_list("pk", *names).iterator():
                pairs = zip(names, values, strict=True)
                changes = {name: clean_user_text(value) for name, value in pairs
                           if isinstance(value, str) and clean_user_text(value) != value}
                if not changes:
                    continue
                try:
                    with transaction.atomic(using=alias):
                        rows.filter(pk=pk).update(**changes)
                except IntegrityError:
                    continue

    return forwards
