"""Sealed ballots: a ballot's choices as one opaque blob, readable only with the session's random
salt (kept in the database while voting, destroyed at closing) AND the deployment's secret
(``settings.SECRET_KEY``, never in the database). No home-made cryptography: the ``cryptography``
package's HKDF-SHA256 derives the session's key, AES-256-GCM (an AEAD) seals each ballot.

    key  = HKDF-SHA256(ikm=SECRET_KEY, salt=session salt (32 random bytes),
                       info="thidua/phieu-bau/v1/phien:<session id>", length=32)
    blob = VERSION || nonce (12 random bytes) || AESGCM(key).encrypt(nonce, padded JSON,
                                                                    aad=info)

The JSON ``{"c": {"<nomination id>": 1 | 0, ...}}`` is padded with spaces to a multiple of
``PAD`` bytes, so every blob of a session has the same length whatever it says. The associated
data binds a blob to its session: a blob copied into another session does not open. Opening
tries ``SECRET_KEY`` then ``SECRET_KEY_FALLBACKS``, so a key rotation during a vote loses
nothing. See docs/architecture.md, "Secret ballot: threat model".
"""

from __future__ import annotations

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = b"\x01"
SALT_BYTES = 32
NONCE_BYTES = 12
PAD = 1024  # blobs stay well under PostgreSQL's 2 kB TOAST threshold for up to ~80 nominations


class SealError(ValueError):
    """Phiếu bầu đã niêm phong không mở được (sai khóa, sai phiên hoặc dữ liệu bị sửa)."""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def _info(session_id: int) -> bytes:
    return f"thidua/phieu-bau/v1/phien:{session_id}".encode()


def _key(secret: str | bytes, salt: bytes, session_id: int) -> bytes:
    ikm = secret.encode() if isinstance(secret, str) else bytes(secret)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=bytes(salt),
                info=_info(session_id)).derive(ikm)


def _pad(payload: bytes) -> bytes:
    return payload + b" " * (-len(payload) % PAD)


def seal(choices: dict[int, bool], *, salt: bytes, session_id: int) -> bytes:
    """The blob of one ballot: ``choices`` maps nomination ids to agree (True) or not."""
    payload = json.dumps({"c": {str(k): int(bool(v)) for k, v in sorted(choices.items())}},
                         separators=(",", ":")).encode()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key(settings.SECRET_KEY, salt, session_id)).encrypt(
        nonce, _pad(payload), _info(session_id))
    return VERSION + nonce + sealed


def unseal(blob: bytes, *, salt: bytes, session_id: int) -> dict[int, bool]:
    """The choices of one sealed ballot, or ``SealError``."""
    blob = bytes(blob)
    if blob[:1] != VERSION or len(blob) < 1 + NONCE_BYTES + 16:
        raise SealError("Phiếu bầu đã niêm phong không đúng định dạng.")
    nonce, sealed = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            payload = AESGCM(_key(secret, salt, session_id)).decrypt(nonce, sealed,
                                                                     _info(session_id))
        except InvalidTag:
            continue
        data = json.loads(payload.decode().rstrip(" "))
        return {int(k): bool(v) for k, v in data["c"].items()}
    raise SealError("Không mở được phiếu bầu đã niêm phong: khóa bí mật (SECRET_KEY) của hệ "
                    "thống đã đổi hoặc dữ liệu phiếu bị sửa.")
