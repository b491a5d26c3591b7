from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def error_id(bound_field, index: int) -> str:
    """The id of a field's ``index``-th error message (0-based), the target of the control's
    ``aria-describedby`` and of the error summary's explanation."""
    return f"{bound_field.auto_id}_error_{index + 1}"


def criterion_prefix(bound_field) -> str:
    """"Tiêu chí 1.2 — " for a field a form tied to a criterion (``field.criterion_code``), so
    that the thirteen "Thuyết minh" of a report each say which criterion they are about."""
    code = getattr(bound_field.field, "criterion_code", None)
    return _("Tiêu chí %(code)s — ") % {"code": code} if code else ""


def full_label(bound_field) -> str:
    """The label as a screen reader hears it (the criterion's code, then the label)."""
    return f"{criterion_prefix(bound_field)}{bound_field.label}"


@register.filter
def o_nhap(bound_field) -> str:
    """One form field in Bootstrap 5 markup: label, control, errors and help, as crispy's
    ``|as_crispy_field`` gives it. For forms of many fields (a report's score table has three
    per criterion), where crispy's nest of templates per field was most of the page's time.

    A field with errors is marked ``aria-invalid="true"`` and described by its error messages
    and help text, by ids that are on the page; a field tied to a criterion
    (``field.criterion_code``) is labelled with the criterion's code, hidden on screen."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return bound_field.as_widget()
    css = next(name for kind, name in _CONTROL_CLASSES if isinstance(widget, kind))
    attrs = {"class": " ".join(filter(None, (widget.attrs.get("class"), css,
                                             "is-invalid" if bound_field.errors else "")))}
    described = [error_id(bound_field, i) for i in range(len(bound_field.errors))]
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    required = bound_field.field.required
    prefix = criterion_prefix(bound_field)
    label = format_html('<label for="{}" class="form-label">{}{}{}</label>',
                        bound_field.id_for_label,
                        format_html('<span class="visually-hidden">{}</span>', prefix)
                        if prefix else "",
                        bound_field.label,
                        mark_safe('<span class="asteriskField">*</span>') if required else "")
    errors = format_html_join("", '<div id="{}" class="invalid-feedback d-block">{}</div>',
                              ((error_id(bound_field, i), error)
                               for i, error in enumerate(bound_field.errors)))
    help_text = (format_html('<div id="{}_helptext" class="form-text">{}</div>',
                             bound_field.auto_id, mark_safe(bound_field.help_text))
                 if bound_field.help_text else "")
    return format_html('<div id="div_{}" class="mb-3">{}{}{}{}</div>', bound_field.auto_id,
                       label, bound_field.as_widget(attrs=attrs), errors, help_text)


@register.simple_tag
def tom_tat_loi(form) -> str:
    """The error summary at the top of a form that was not saved: "Chưa lưu được: N lỗi", the
    form's own errors, then each field's error as a link to the field (by its id). It is an
    alert that the page's script (cluster/forms.js) focuses on load. Empty when all is well."""
    if form is None or not form.is_bound or not form.errors:
        return ""
    general = list(form.non_field_errors())
    fields = [(bound, error) for bound in form if not bound.is_hidden
              for error in bound.errors]
    fields += [(bound, error) for bound in form.hidden_fields() for error in bound.errors]
    count = len(general) + len(fields)
    items = format_html_join("", '<li>{}</li>', ((error,) for error in general))
    items += format_html_join(
        "", '<li><a href="#{}">{}: {}</a></li>',
        # A group of radios has no id for its label: its fieldset carries the field's id.
        ((bound.id_for_label or bound.auto_id, full_label(bound), error) for bound, error in fields
         if not bound.is_hidden))
    items += format_html_join("", '<li>{}</li>',
                              ((error,) for bound, error in fields if bound.is_hidden))
    heading = ngettext("Chưa lưu được: %(n)s lỗi", "Chưa lưu được: %(n)s lỗi", count) % {
        "n": count}
    return format_html(
        '<div class="alert alert-danger" role="alert" tabindex="-1" id="tom-tat-loi" '
        'data-error-summary data-testid="error-summary" aria-labelledby="tom-tat-loi-tieu-de">'
        '<h2 class="h5" id="tom-tat-loi-tieu-de">{}</h2><ul class="mb-0">{}</ul></div>',
        heading, items)
