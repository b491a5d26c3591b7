from django import template

from campaigns.selectors import citation

register = template.Library()


@register.filter
def trich_dan(document, mode=""):
    """{{ doc|trich_dan }} -> "Công văn số 1237/BNV-VP ngày 31/3/2022 của Bộ Nội vụ";
    {{ doc|trich_dan:"day_du" }} adds the trích yếu."""
    if not document:
        return ""
    return citation(document, with_subject=mode == "day_du")


@register.filter
def thut_le(depth):
    """Bootstrap's start padding for a criterion's depth in the tree (ps-0 … ps-5)."""
    try:
        return f"ps-{min(int(depth) * 2, 5)}"
    except (TypeError, ValueError):
        return "ps-0"
