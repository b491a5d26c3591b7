"""What the PKCS#11 and external-signing tests share: a small test CA made with `cryptography`,
a one-page PDF, a SoftHSM2 token in a temporary directory, and pyHanko's validation of the
result against the test root."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfWriter

SOFTHSM_MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def softhsm_module() -> str | None:
    """The SoftHSM2 PKCS#11 module, if Debian's softhsm2 (`make signing-deps`) is installed."""
    if not shutil.which("softhsm2-util"):
        return None
    return next((path for path in SOFTHSM_MODULE_CANDIDATES if os.path.exists(path)), None)


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Chứng thư thử nghiệm"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


@dataclass
class TestCA:
    """A root and the certificates it issues, all labelled as test certificates."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    __test__ = False  # not a pytest class

    @classmethod
    def create(cls, common_name: str = "CA thử nghiệm (chứng thư thử nghiệm)") -> TestCA:
        key = rsa_key()
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(key=key, cert=cert)

    def issue(self, common_name: str, key=None, *, days: int = 365,
              not_before: dt.datetime | None = None) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
        key = key or rsa_key()
        start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name)).issuer_name(self.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return key, cert


def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signature_statuses(pdf_bytes: bytes, root: x509.Certificate) -> list:
    """pyHanko's status of every signature in the file, validated against `root` only."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes))
    return [
        validate_pdf_signature(sig, ValidationContext(trust_roots=[asn1(root)]))
        for sig in reader.embedded_signatures
    ]


@dataclass
class SoftToken:
    """A SoftHSM2 token initialised in a temporary directory."""

    module: str
    label: str
    pin: str
    so_pin: str
    conf: Path


def init_softhsm(directory: Path, module: str, *, label: str, pin: str,
                 so_pin: str = "87654321") -> SoftToken:
    """A fresh token in `directory`; SOFTHSM2_CONF is pointed at its configuration (SoftHSM
    reads it when the module is first initialised in a process, so call this first)."""
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\nslots.removable = false\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
         "--so-pin", so_pin],
        check=True, capture_output=True, env=os.environ | {"SOFTHSM2_CONF": str(conf)})
    return SoftToken(module=module, label=label, pin=pin, so_pin=so_pin, conf=conf)


def import_key_and_cert(token: SoftToken, *, key: rsa.RSAPrivateKey, cert: x509.Certificate,
                        label: str, key_id: bytes = b"\x01") -> None:
    """Write the private key and the certificate onto the token, as an administrator would
    with the vendor's tool, through python-pkcs11."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key

    lib = pkcs11.lib(token.module)
    lib.reinitialize()  # SoftHSM lists the tokens of its directory when initialised
    slot_token = lib.get_token(token_label=token.label)
    der_key = key.private_bytes(serialization.Encoding.DER,
                                serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    with slot_token.open(rw=True, user_pin=token.pin) as session:
        attributes = decode_rsa_private_key(der_key)
        attributes.update({Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id,
                           Attribute.SIGN: True, Attribute.SENSITIVE: True,
                           Attribute.EXTRACTABLE: False})
        session.create_object(attributes)
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: key_id,
            Attribute.SUBJECT: cert.subject.public_bytes(),
            Attribute.ISSUER: cert.issuer.public_bytes(),
            Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
        })
