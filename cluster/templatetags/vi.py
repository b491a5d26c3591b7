from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from cluster.text import long_date, lower_first, short_date

register = template.Library()


@register.filter
def ngay(value, leading_zero=True):
    """{{ day|ngay }} -> "ngày 24 tháng 6 năm 2022" (documents: leading zeros per ND 30/2020)."""
    return long_date(value, leading_zero=bool(leading_zero)) if value else ""


@register.filter
def ngay_ngan(value):
    """{{ day|ngay_ngan }} -> "24/6/2022"."""
    return short_date(value) if value else ""


@register.filter
def chu_thuong_dau(value):
    """{{ title|chu_thuong_dau }}: a title inside a sentence, first letter in lower case and
    proper names as written (``cluster.text.lower_first``; ``|lower`` lowercased them)."""
    return lower_first(str(value)) if value else ""


_CONTROL_CLASSES = (
    (forms.CheckboxInput, "form-check-input"),
    (forms.Select, "form-select"),
    (forms.Widget, "form-control"),
)


@register.filter
def o_nhap(bound_field) -> str:
    """One form field in Bootstrap 5 markup: label, control, errors and help, as crispy's
    ``|as_crispy_field`` gives it. For forms of many fields (a report's score table has three
    per criterion), where crispy's nest of templates per field was most of the page's time."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return bound_field.as_widget()
    css = next(name for kind, name in _CONTROL_CLASSES if isinstance(widget, kind))
    attrs = {"class": " ".join(filter(None, (widget.attrs.get("class"), css,
                                             "is-invalid" if bound_field.errors else "")))}
    if bound_field.help_text:
        attrs["aria-describedby"] = f"{bound_field.auto_id}_helptext"
    required = bound_field.field.required
    label = format_html('<label for="{}" class="form-label">{}{}</label>',
                        bound_field.id_for_label, bound_field.label,
                        mark_safe('<span class="asteriskField">*</span>') if required else "")
    errors = format_html_join("", '<div class="invalid-feedback d-block">{}</div>',
                              ((error,) for error in bound_field.errors))
    help_text = (format_html('<div id="{}_helptext" class="form-text">{}</div>',
                             bound_field.auto_id, mark_safe(bound_field.help_text))
                 if bound_field.help_text else "")
    return format_html('<div id="div_{}" class="mb-3">{}{}{}{}</div>', bound_field.auto_id,
                       label, bound_field.as_widget(attrs=attrs), errors, help_text)
