from django import template

from cluster.text import long_date, short_date

register = template.Library()


@register.filter
def ngay(value, leading_zero=True):
    """{{ day|ngay }} -> "ngày 24 tháng 6 năm 2022" (documents: leading zeros per ND 30/2020)."""
    return long_date(value, leading_zero=bool(leading_zero)) if value else ""


@register.filter
def ngay_ngan(value):
    """{{ day|ngay_ngan }} -> "24/6/2022"."""
    return short_date(value) if value else ""
