from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    """Digital signatures (chữ ký số) on PDF: keys, images, signing and validation of bytes.

    Knows nothing of which document is signed: `reports` owns the issued documents and the
    signing workflow, and calls this app downwards (docs/architecture.md).
    """

    name = "signatures"
    verbose_name = _("Chữ ký số")
