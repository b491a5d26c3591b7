"""Keys on a PKCS#11 token or HSM (issue #18, "Where keys live", (b)).

The private key never leaves the device: pyHanko's `PKCS11Signer` asks the token to sign the
CMS signed attributes, over a session opened with the user PIN. What the server keeps is the
module path, the labels and the PIN (docs/deployment.md, "Token hoặc HSM (PKCS#11)").

    with pkcs11_signer(module_path=..., token_label=..., key_label=..., cert_label=...,
                       pin=...) as signer:
        signed = sign_pdf(pdf, signer=signer, ...)

The signer is returned with its session open, so that a mistake (missing module, no token,
wrong PIN, no key or certificate of that label, expired certificate) is refused here, in
Vietnamese, before any PDF is touched. It is its own context manager; outside a `with`, call
`signer.close()` when done (a token admits one logged-in session per application).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

import pkcs11
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as p11_errors
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

__all__ = ["TokenSigner", "configured_pkcs11_signer", "pkcs11_signer"]

# One PKCS#11 library object per module and process (python-pkcs11 caches it): logging in and
# out of a token from two threads at once makes the module refuse the second login.
_token_lock = threading.Lock()


class TokenSigner(PKCS11Signer):
    """pyHanko's PKCS#11 signer that also closes its session (`close()` or `with`)."""

    @property
    def certificate_subject(self) -> str:
        return self.signing_cert.subject.human_friendly

    @property
    def certificate_fingerprint(self) -> str:
        """SHA-256 of the certificate's DER, in hex (as the stored keys' fingerprints)."""
        return hashlib.sha256(self.signing_cert.dump()).hexdigest()

    def close(self) -> None:
        session, self.pkcs11_session = self.pkcs11_session, None
        if session is not None:
            try:
                session.close()
            except p11_errors.PKCS11Error:
                pass  # the token was pulled out: nothing left to log out of

    def __enter__(self) -> TokenSigner:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _open_session(*, module_path: str, token_label: str, pin: str):
    try:
        pkcs11.lib(module_path)
    except p11_errors.PKCS11Error as exc:
        raise ValidationError(
            _("Không nạp được thư viện PKCS#11 “%(path)s”: kiểm tra đường dẫn và gói "
              "trình điều khiển của token.") % {"path": module_path},
            code="pkcs11_module") from exc
    try:
        return open_pkcs11_session(
            module_path, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    except (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange) as exc:
        raise ValidationError(
            _("Mã PIN của token “%(label)s” không đúng.") % {"label": token_label},
            code="pkcs11_pin") from exc
    except p11_errors.PinLocked as exc:
        raise ValidationError(
            _("Token “%(label)s” đã khoá mã PIN do nhập sai nhiều lần: cần mở khoá bằng mã "
              "PIN quản trị (SO PIN).") % {"label": token_label},
            code="pkcs11_pin_locked") from exc
    except p11_errors.PinExpired as exc:
        raise ValidationError(
            _("Mã PIN của token “%(label)s” đã hết hạn: hãy đổi mã PIN trước khi ký.")
            % {"label": token_label}, code="pkcs11_pin_expired") from exc
    except (p11_errors.NoSuchToken, p11_errors.TokenNotPresent,
            p11_errors.SlotIDInvalid) as exc:
        raise ValidationError(_token_missing(token_label), code="pkcs11_token") from exc
    except p11_errors.PKCS11Error as exc:
        # pyHanko raises the base class itself when no slot holds a token of that label.
        if type(exc) is p11_errors.PKCS11Error and "token" in str(exc).lower():
            raise ValidationError(_token_missing(token_label), code="pkcs11_token") from exc
        raise ValidationError(
            _("Token “%(label)s” báo lỗi khi mở phiên làm việc (%(error)s).")
            % {"label": token_label, "error": type(exc).__name__},
            code="pkcs11_session") from exc


def _token_missing(token_label: str) -> str:
    return _("Không tìm thấy token “%(label)s”: kiểm tra token đã được cắm, đã khởi tạo và "
             "nhãn đúng như cấu hình.") % {"label": token_label}


def _find_one(session, object_class, label: str):
    found = list(session.get_objects({Attribute.CLASS: object_class, Attribute.LABEL: label}))
    return found[0] if len(found) == 1 else (None if not found else len(found))


def _check_objects(session, *, token_label: str, key_label: str, cert_label: str):
    """The signing key and certificate of the given labels, each exactly once on the token;
    returns the certificate (asn1crypto), still valid today."""
    key = _find_one(session, ObjectClass.PRIVATE_KEY, key_label)
    if key is None:
        raise ValidationError(
            _("Token “%(token)s” không có khoá bí mật nhãn “%(label)s”.")
            % {"token": token_label, "label": key_label}, code="pkcs11_key")
    if isinstance(key, int):
        raise ValidationError(
            _("Token “%(token)s” có %(count)s khoá bí mật cùng nhãn “%(label)s”: hãy đặt "
              "nhãn riêng cho khoá dùng để ký.")
            % {"token": token_label, "label": key_label, "count": key}, code="pkcs11_key")
    cert_object = _find_one(session, ObjectClass.CERTIFICATE, cert_label)
    if cert_object is None or isinstance(cert_object, int):
        raise ValidationError(
            _("Token “%(token)s” không có (đúng một) chứng thư số nhãn “%(label)s”.")
            % {"token": token_label, "label": cert_label}, code="pkcs11_cert")
    cert = asn1_x509.Certificate.load(cert_object[Attribute.VALUE])
    now = timezone.now()
    validity = cert["tbs_certificate"]["validity"]
    not_before = validity["not_before"].native
    not_after = validity["not_after"].native
    if now > not_after:
        raise ValidationError(
            _("Chứng thư số “%(label)s” trên token đã hết hạn ngày %(date)s.")
            % {"label": cert_label, "date": timezone.localtime(not_after).strftime("%d/%m/%Y")},
            code="pkcs11_cert_expired")
    if now < not_before - dt.timedelta(minutes=5):
        raise ValidationError(
            _("Chứng thư số “%(label)s” trên token chưa có hiệu lực (từ ngày %(date)s).")
            % {"label": cert_label,
               "date": timezone.localtime(not_before).strftime("%d/%m/%Y")},
            code="pkcs11_cert_not_yet_valid")
    return cert


def pkcs11_signer(*, module_path: str, token_label: str, key_label: str,
                  cert_label: str | None = None, pin: str,
                  ca_chain=()) -> TokenSigner:
    """A pyHanko signer on the key `key_label` of the token `token_label`, its certificate
    `cert_label` (by default the key's label), logged in with `pin`.

    `ca_chain`: intermediate certificates (asn1crypto) to embed beside the signer's, if the
    token does not hold them. Raises a Vietnamese ValidationError for every refusal and leaves
    no session open behind it."""
    cert_label = cert_label or key_label
    with _token_lock:
        session = _open_session(module_path=module_path, token_label=token_label, pin=pin)
        try:
            cert = _check_objects(session, token_label=token_label, key_label=key_label,
                                  cert_label=cert_label)
            signer = TokenSigner(
                session, cert_label=cert_label, key_label=key_label, signing_cert=cert,
                ca_chain=list(ca_chain) or None)
        except BaseException:
            try:
                session.close()
            except p11_errors.PKCS11Error:
                pass
            raise
    return signer


def configured_pkcs11_signer() -> TokenSigner:
    """The signer the deployment configures (`SIGNATURES_PKCS11_*`, docs/configuration.md),
    or a ValidationError saying none is."""
    module_path = getattr(settings, "SIGNATURES_PKCS11_MODULE", "")
    token_label = getattr(settings, "SIGNATURES_PKCS11_TOKEN_LABEL", "")
    key_label = getattr(settings, "SIGNATURES_PKCS11_KEY_LABEL", "")
    if not (module_path and token_label and key_label):
        raise ValidationError(
            _("Máy chủ chưa được cấu hình token hay HSM (PKCS#11)."), code="pkcs11_unconfigured")
    return pkcs11_signer(
        module_path=module_path, token_label=token_label, key_label=key_label,
        cert_label=getattr(settings, "SIGNATURES_PKCS11_CERT_LABEL", "") or key_label,
        pin=getattr(settings, "SIGNATURES_PKCS11_PIN", ""))
