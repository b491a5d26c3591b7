from django import template

from pledges.models import PledgeStatus

register = template.Library()

_STATUS_CLASSES = {
    PledgeStatus.DRAFT: "bg-secondary",
    PledgeStatus.OPEN: "bg-primary",
    PledgeStatus.SIGNED: "bg-success",
    PledgeStatus.LOCKED: "bg-dark",
}


@register.inclusion_tag("pledges/_status_badge.html")
def pledge_status(pledge):
    """{% pledge_status pledge %} -> the state as a coloured badge."""
    return {
        "label": pledge.get_status_display(),
        "css": _STATUS_CLASSES.get(pledge.status, "bg-secondary"),
        "status": pledge.status,
    }
