"""Template filters of unit results: points as Vietnamese write them, report states."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

STATE_CLASSES = {
    "du_thao": "bg-secondary", "da_nop": "bg-primary", "tra_lai": "bg-warning text-dark",
    "da_tham_dinh": "bg-success", "da_giai_trinh": "bg-info text-dark",
    "tham_dinh_lai": "bg-success", "chot": "bg-dark",
}


@register.filter
def diem(value) -> str:
    """Points with a decimal comma: 96.25 -> "96,25", 60 -> "60", 7.5 -> "7,50",
    -1 -> "-1"; empty for None."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    if number == 0:
        return "0"
    if number == number.to_integral_value():
        return f"{number.to_integral_value():f}"
    return f"{number:f}".replace(".", ",")


@register.filter
def trang_thai_css(state: str) -> str:
    """Bootstrap badge classes of a report state."""
    return STATE_CLASSES.get(state, "bg-secondary")


@register.filter
def thoi_diem(value) -> str:
    """A moment as "14:05 24/6/2022" in local time."""
    if not value:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{local:%H:%M} {local.day}/{local.month}/{local.year}"
