"""The attributes that make a form of an irreversible action confirm once and send once
(issue #14), read by ``cluster/static/cluster/forms.js`` (the page loads it; no inline
script): ``data-confirm`` asks, naming the consequence, before the form is sent;
``data-busy`` disables its buttons after the first submit and shows "Đang xử lý…".

A form whose page already makes the user confirm (a checkbox "Tôi hiểu…", a preview then a
confirmation step) gets ``data-busy`` only: one confirmation, not two. The servers answer a
repeated request with the first one's result anyway."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

BUSY = _("Đang xử lý…")


def once_attrs(consequence=None) -> dict:
    """For a crispy ``FormHelper.attrs`` (or a template): send once, and ask first when
    ``consequence`` is given."""
    attrs = {"data-busy": BUSY}
    if consequence:
        attrs["data-confirm"] = consequence
    return attrs
