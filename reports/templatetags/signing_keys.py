"""Whether the server has a PKCS#11 token or HSM for the issuing body's signature
(docs/signatures-keys.md): the signing page offers it beside the stored key."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def pkcs11_configured() -> bool:
    return bool(getattr(settings, "SIGNATURES_PKCS11_MODULE", "")
                and getattr(settings, "SIGNATURES_PKCS11_TOKEN_LABEL", "")
                and getattr(settings, "SIGNATURES_PKCS11_KEY_LABEL", ""))
