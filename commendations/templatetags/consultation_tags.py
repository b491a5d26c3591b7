"""The dossier page's section on public consultation (``_consultation_dossier.html``): reads
the consultations that showed the dossier's nomination, so the dossier view needs no change."""

from django import template

from commendations import consultation_selectors

register = template.Library()


@register.simple_tag
def dossier_consultations(nomination):
    return consultation_selectors.dossier_consultations(nomination=nomination)
