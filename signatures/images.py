"""Checks of the signature and seal images: a PNG Pillow can decode, with transparency."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000


def check_png(data: bytes) -> tuple[int, int]:
    """(width, height) of a transparent PNG, or a Vietnamese refusal."""
    if not data or len(data) > MAX_BYTES:
        raise ValidationError("Ảnh phải là tệp PNG không quá 2 MB.", code="png_size")
    try:
        with Image.open(io.BytesIO(data)) as img:
            kind = img.format
            img.verify()  # structure and checksums
        with Image.open(io.BytesIO(data)) as img:
            img.load()  # the pixels decode
            mode, size, info = img.mode, img.size, img.info
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("Tệp ảnh bị hỏng hoặc không phải ảnh PNG.",
                              code="png_corrupt") from error
    if kind != "PNG":
        raise ValidationError("Ảnh phải ở định dạng PNG (nền trong suốt).", code="png_format")
    if max(size) > MAX_SIDE:
        raise ValidationError("Ảnh quá lớn (tối đa 4000 điểm ảnh mỗi chiều).", code="png_size")
    if not (mode in ("RGBA", "LA", "PA") or "transparency" in info):
        raise ValidationError(
            "Ảnh PNG phải có nền trong suốt (kênh alpha); ảnh này có nền đặc.",
            code="png_alpha")
    return size
