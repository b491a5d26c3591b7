"""Evidence files (issue #4): PDF, Word, Excel and images, checked from their content — the
model-independent part: what is accepted, where it is stored, what name it is shown under.

* ``validate_upload(f)`` sniffs the first bytes (magic numbers through ``filetype``) and, for
  Word/Excel, the zip's list of names — decompressing no more than ``[Content_Types].xml`` and
  the relationship parts (``*.rels``). It returns a ``DetectedType`` or raises
  ``ValidationError`` with a Vietnamese message.
* Active content is refused (issue #10), with a message saying what was found: a PDF with
  JavaScript (``/JavaScript``, ``/JS``, so also an ``/OpenAction`` or ``/AA`` that runs it),
  ``/Launch``, embedded files (``/EmbeddedFile(s)``) or ``/RichMedia``, looked for in the
  file's bytes outside its streams, inside its compressed object streams, and in every object
  as pypdf reads it; a Word/Excel file with macros, with a relationship to anything outside
  the file (``TargetMode="External"``: an attached template, a linked OLE object, frame or
  image; ordinary hyperlinks excepted), or with embedded OLE or ActiveX objects.
* ``safe_upload_name(prefix=..., detected=...)`` is the storage name: ``prefix/YYYY/<uuid>.<ext>``,
  nothing of the user's name in it. Keep the user's name apart, through ``display_name()``.
* ``EvidenceFileField`` does both in a form: ``cleaned_data[...]`` carries ``.detected_type``
  and ``.display_name``.
* Downloads: check the viewer may see the report, then
  ``FileResponse(fieldfile.open("rb"), as_attachment=True, content_type=detected.mime)`` and set
  ``response["Content-Disposition"] = content_disposition(name)``. Always an attachment, never
  inline; ``X-Content-Type-Options: nosniff`` comes from SecurityMiddleware. Cap the request
  body in the web server too (``client_max_body_size``): this check runs after the upload.
"""

from __future__ import annotations

import io
import re
import unicodedata
import uuid
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ZIP_MAX_ENTRIES = 1000  # a Word/Excel file has tens of parts; thousands means something else
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024  # sum of the sizes the zip declares
DISPLAY_NAME_MAX = 120
FALLBACK_NAME = "tep-dinh-kem"
_HEAD_BYTES = 8192
_CONTENT_TYPES_MAX = 256 * 1024
_OOXML = "application/vnd.openxmlformats-officedocument"


@dataclass(frozen=True)
class DetectedType:
    """What a file really is: ``kind`` ("pdf", "docx", …), its MIME type and the extension
    it is stored under. ``aliases`` are the extensions a user's name may honestly carry."""

    kind: str
    mime: str
    extension: str
    aliases: tuple[str, ...] = ()


ALLOWED_TYPES: dict[str, DetectedType] = {
    t.kind: t for t in (
        DetectedType("pdf", "application/pdf", "pdf", ("pdf",)),
        DetectedType("docx", f"{_OOXML}.wordprocessingml.document", "docx", ("docx",)),
        DetectedType("xlsx", f"{_OOXML}.spreadsheetml.sheet", "xlsx", ("xlsx",)),
        DetectedType("png", "image/png", "png", ("png",)),
        DetectedType("jpeg", "image/jpeg", "jpg", ("jpg", "jpeg", "jpe", "jfif")),
        DetectedType("webp", "image/webp", "webp", ("webp",)),
    )
}
ACCEPT_ATTR = ",".join(f".{a}" for t in ALLOWED_TYPES.values() for a in t.aliases)
_ALIASES = {alias: t for t in ALLOWED_TYPES.values() for alias in t.aliases}
_MAGIC_KINDS = {"application/pdf": "pdf", "image/png": "png", "image/apng": "png",
                "image/jpeg": "jpeg", "image/webp": "webp"}
_IMAGES = {"png", "jpeg", "webp"}
_MARKUP = (b"<html", b"<svg", b"<script", b"<!doctype", b"<?xml", b"<body", b"<iframe")
_UNSAFE_CHARS = re.compile(r'[<>:"|?*]')
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt")
                                                  for i in range(1, 10))}
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9 ._()\[\]{}+@&'!#$^`~-]")
_PREFIX = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")
_ALLOWED = gettext_lazy(
    "Chỉ chấp nhận tệp PDF, Word (.docx), Excel (.xlsx) và ảnh PNG, JPEG, WebP.")
MESSAGES = {
    "empty": gettext_lazy("Tệp tải lên rỗng (0 byte)."),
    "too_large": gettext_lazy("Tệp quá lớn (%(size)s); dung lượng tối đa là %(limit)s."),
    "mismatch": gettext_lazy("Nội dung tệp không khớp với phần mở rộng “.%(ext)s” "
                             "(nội dung thực là %(really)s). %(allowed)s"),
    "markup": gettext_lazy("Không chấp nhận tệp HTML, SVG hoặc mã lệnh. %(allowed)s"),
    "type_not_allowed": _ALLOWED,
    "old_office": gettext_lazy("Tệp .doc/.xls đời cũ không được chấp nhận; "
                               "hãy lưu lại thành .docx hoặc .xlsx."),
    "macro": gettext_lazy("Tệp Word/Excel có chứa macro (.docm, .xlsm) không được chấp nhận. "
                          "Hãy lưu lại thành .docx hoặc .xlsx."),
    "zip_bomb": gettext_lazy("Tệp nén có quá nhiều thành phần hoặc dung lượng giải nén quá lớn."),
    "corrupt": gettext_lazy("Tệp Word/Excel bị hỏng hoặc không đọc được."),
    "pdf_active": gettext_lazy(
        "Tệp PDF có nội dung tự chạy hoặc tệp ẩn bên trong (%(what)s) nên không được chấp "
        "nhận. Hãy in lại tài liệu ra tệp PDF mới (chọn máy in “Microsoft Print to PDF” hoặc "
        "“Lưu dưới dạng PDF”) rồi tải lên."),
    "pdf_unreadable": gettext_lazy(
        "Không kiểm tra được nội dung tệp PDF (tệp bị hỏng hoặc có mật khẩu). Hãy mở tệp, "
        "in lại ra tệp PDF mới rồi tải lên."),
    "external": gettext_lazy(
        "Tệp Word/Excel có liên kết tự tải nội dung từ bên ngoài (%(what)s) nên không được "
        "chấp nhận. Hãy xóa liên kết đó (hoặc sao chép nội dung sang tệp mới) rồi lưu lại."),
    "embedded": gettext_lazy(
        "Tệp Word/Excel có đối tượng nhúng (OLE hoặc ActiveX) nên không được chấp nhận. Hãy "
        "xóa đối tượng nhúng hoặc chèn nội dung đó dưới dạng ảnh rồi lưu lại."),
}
_PDF_ACTIVE_NAMES = {
    b"JavaScript": gettext_lazy("mã JavaScript"),
    b"JS": gettext_lazy("mã JavaScript"),
    b"Launch": gettext_lazy("lệnh mở chương trình khác"),
    b"EmbeddedFile": gettext_lazy("tệp nhúng"),
    b"EmbeddedFiles": gettext_lazy("tệp nhúng"),
    b"RichMedia": gettext_lazy("nội dung đa phương tiện nhúng"),
}
_EXTERNAL_KINDS = {
    "attachedtemplate": gettext_lazy("mẫu tài liệu đính kèm"),
    "oleobject": gettext_lazy("đối tượng OLE liên kết"),
    "frame": gettext_lazy("khung liên kết"),
    "subdocument": gettext_lazy("tài liệu con"),
    "image": gettext_lazy("ảnh liên kết"),
}
_RELS_MAX = 1024 * 1024  # one relationship part; a real one is a few KB
_PDF_INFLATE_MAX = 50 * 1024 * 1024  # all object streams of one PDF, decompressed
_PDF_OBJECTS_MAX = 200_000


def _refuse(code: str, message: str = "", **params: Any) -> ValidationError:
    """A ValidationError with its code; the message is ``MESSAGES[message or code]``."""
    return ValidationError(MESSAGES[message or code], code=code,
                           params={"allowed": _ALLOWED, **params})


def _megabytes(size: int) -> str:
    """10485760 → "10 MB", 1572864 → "1,5 MB", 2048 → "2 KB" (Vietnamese decimal comma)."""
    if size < 1024:
        return f"{size} byte"
    value, unit = (size / 1048576, "MB") if size >= 1048576 else (size / 1024, "KB")
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"


def _inspect_zip(stream: IO[bytes]) -> DetectedType | None:
    """The OOXML type of a zip (docx/xlsx), None for any other zip. Reads only the central
    directory and a bounded part of ``[Content_Types].xml``; refuses macros and zip bombs."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES or (
                    sum(e.file_size for e in entries) > ZIP_MAX_UNCOMPRESSED):
                raise _refuse("zip_bomb")
            lower = {e.filename.lower() for e in entries}
            content_types = next((e for e in entries
                                  if e.filename.lower() == "[content_types].xml"), None)
            if content_types is None:
                return None
            if content_types.file_size > _CONTENT_TYPES_MAX:
                raise _refuse("corrupt")
            with archive.open(content_types) as part:
                declared = part.read(_CONTENT_TYPES_MAX).lower()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
            OSError, EOFError, ValueError, zlib.error) as exc:
        raise _refuse("corrupt") from exc
    if any(n.rsplit("/", 1)[-1] in {"vbaproject.bin", "vbadata.xml"} for n in lower) or (
            b"macroenabled" in declared):
        raise _refuse("macro")
    if any(_is_embedded_object(name) for name in lower) or b"oleobject" in declared or (
            b"activex" in declared):
        raise _refuse("embedded")
    external = _external_relationship(stream, [e for e in entries
                                               if e.filename.lower().endswith(".rels")])
    if external is not None:
        raise _refuse("external", what=external)
    word = any(n.startswith("word/") for n in lower)
    excel = any(n.startswith("xl/") for n in lower)
    if word != excel:
        return ALLOWED_TYPES["docx" if word else "xlsx"]
    return None


def _is_embedded_object(name: str) -> bool:
    """An OLE object or ActiveX control inside a Word/Excel zip: anything in ``activeX/``, and
    in ``embeddings/`` anything but an Office file a chart keeps its data in."""
    folders = name.split("/")[:-1]
    if "activex" in folders:
        return True
    return "embeddings" in folders and not name.endswith((".xlsx", ".docx", ".pptx"))


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _external_relationship(stream: IO[bytes], parts: list[zipfile.ZipInfo]) -> str | None:
    """What the first relationship to something outside the file points at ("mẫu tài liệu
    đính kèm" …), or None. A hyperlink is external too, but it loads nothing by itself."""
    try:
        with zipfile.ZipFile(stream) as archive:
            for part in parts:
                if part.file_size > _RELS_MAX:
                    raise _refuse("corrupt")
                with archive.open(part) as handle:
                    xml = handle.read(_RELS_MAX)
                for element in _RELATIONSHIP.finditer(xml):
                    attributes = {key.lower().split(b":")[-1]: a or b
                                  for key, a, b in _ATTRIBUTE.findall(element.group(1))}
                    if attributes.get(b"targetmode", b"").strip().lower() != b"external":
                        continue
                    kind = attributes.get(b"type", b"").decode("ascii", "replace")
                    kind = kind.rstrip("/").rsplit("/", 1)[-1].lower()
                    if kind != "hyperlink":
                        return str(_EXTERNAL_KINDS.get(kind, _("liên kết ngoài")))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
            OSError, EOFError, ValueError, zlib.error) as exc:
        raise _refuse("corrupt") from exc
    finally:
        stream.seek(0)
    return None


_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_PDF_END_STREAM = b"endstream"


def _pdf_names(data: bytes):
    """Every PDF name token in ``data`` with its ``#xx`` escapes decoded (``/J#61vaScript`` is
    ``JavaScript``)."""
    for match in _PDF_NAME.finditer(data):
        name = match.group(1)
        yield _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) if (
            b"#" in name) else name


def _pdf_scan_bytes(data: bytes) -> tuple[str | None, bool]:
    """The active content named in the PDF's bytes outside streams or inside its Flate
    compressed object streams; and whether an object stream could not be read."""
    outside: list[bytes] = []
    unread = False
    inflated = 0
    position = 0
    while True:
        start = _PDF_STREAM.search(data, position)
        if start is None:
            outside.append(data[position:])
            break
        before = data[position:start.start()]
        outside.append(before)
        end = data.find(_PDF_END_STREAM, start.end())
        end = len(data) if end < 0 else end
        header = before[before.rfind(b"obj"):]  # the stream's dictionary, after "n 0 obj"
        if any(name == b"ObjStm" for name in _pdf_names(header)):
            body = data[start.end():end]
            try:
                decoder = zlib.decompressobj()
                plain = decoder.decompress(body, max(_PDF_INFLATE_MAX - inflated, 1))
                inflated += len(plain)
                outside.append(plain)
                if decoder.unconsumed_tail or inflated >= _PDF_INFLATE_MAX:
                    unread = True
            except zlib.error:
                unread = True
        position = end + len(_PDF_END_STREAM)
    for name in _pdf_names(b" ".join(outside)):
        if name in _PDF_ACTIVE_NAMES:
            return str(_PDF_ACTIVE_NAMES[name]), unread
    return None, unread


def _pdf_scan_objects(data: bytes) -> tuple[str | None, bool]:
    """The active content pypdf finds in any object of the PDF (object streams with any
    filter, encrypted files that open without a password); and whether pypdf could read it."""
    import pypdf  # heavy: only when a PDF is uploaded
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    def walk(value, depth: int = 0) -> str | None:
        if depth > 50:
            return None
        if isinstance(value, NameObject):
            found = _PDF_ACTIVE_NAMES.get(str(value)[1:].encode("latin-1", "replace"))
            return str(found) if found else None
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                found = walk(NameObject(key), depth + 1) or walk(item, depth + 1)
                if found:
                    return found
        elif isinstance(value, ArrayObject):
            for item in value:
                found = walk(item, depth + 1)
                if found:
                    return found
        return None

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return None, False
            found = walk(reader.trailer)
            if found:
                return found, True
            ids = {(number, generation) for generation, numbers in reader.xref.items()
                   for number in numbers} | {(number, 0) for number in reader.xref_objStm}
            for count, (number, generation) in enumerate(sorted(ids)):
                if count >= _PDF_OBJECTS_MAX:
                    return None, False
                found = walk(reader.get_object(IndirectObject(number, generation, reader)))
                if found:
                    return found, True
    except Exception:  # pypdf raises many kinds on a damaged file: "could not read" it is
        return None, False
    return None, True


def _inspect_pdf(stream: IO[bytes], size: int) -> None:
    """Refuse a PDF with active content (see the module doc). A PDF that pypdf cannot read
    is accepted only when its bytes hide nothing: no object stream left unread."""
    stream.seek(0)
    data = bytes(stream.read(size + 1))
    stream.seek(0)
    found, unread = _pdf_scan_bytes(data)
    if found:
        raise _refuse("pdf_active", what=found)
    found, readable = _pdf_scan_objects(data)
    if found:
        raise _refuse("pdf_active", what=found)
    if not readable and (unread or b"/Encrypt" in data):
        raise _refuse("pdf_unreadable")


def validate_upload(uploaded_file: Any, *, max_bytes: int | None = None) -> DetectedType:
    """Check an uploaded file (a Django ``UploadedFile`` or any seekable binary file with
    ``name``) from its content and return what it is; raise ``ValidationError`` otherwise.
    The limit is ``max_bytes``, else ``settings.EVIDENCE_MAX_BYTES``, else 10 MiB."""
    if max_bytes is None:
        max_bytes = getattr(settings, "EVIDENCE_MAX_BYTES", None) or DEFAULT_MAX_BYTES
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    if not size:
        raise _refuse("empty")
    if size > max_bytes:
        raise _refuse("too_large", size=_megabytes(size), limit=_megabytes(max_bytes))
    uploaded_file.seek(0)
    head = bytes(uploaded_file.read(_HEAD_BYTES))
    uploaded_file.seek(0)
    guess = filetype.guess(head)
    detected: DetectedType | None = None
    if head.startswith(b"PK\x03\x04"):
        try:
            detected = _inspect_zip(uploaded_file)
        finally:
            uploaded_file.seek(0)
    elif guess is not None and guess.mime in _MAGIC_KINDS:
        detected = ALLOWED_TYPES[_MAGIC_KINDS[guess.mime]]
    sniff = head[:1024].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n").lower()
    markup = detected is None and (sniff.startswith((b"<", b"#!"))
                                   or any(tag in sniff for tag in _MARKUP))
    name = str(getattr(uploaded_file, "name", "") or "")
    claimed = name.rpartition(".")[2].lower() if "." in name else ""
    claim = _ALIASES.get(claimed)
    # One image format saved under another's extension (chat apps do it) is no lie worth
    # refusing: it is stored under its real extension anyway.
    if claim is not None and claim != detected and not (
            detected and claim.kind in _IMAGES and detected.kind in _IMAGES):
        really = (_("HTML, SVG hoặc mã lệnh") if markup else
                  _("tệp %s") % detected.kind.upper() if detected else
                  _("tệp .%s") % guess.extension if guess else _("loại tệp không hỗ trợ"))
        raise _refuse("mismatch", ext=claimed, really=really)
    if detected is not None:
        if detected.kind == "pdf":
            _inspect_pdf(uploaded_file, size)
        return detected
    if markup:
        raise _refuse("markup")
    old_office = guess is not None and guess.mime in {"application/msword",
                                                       "application/vnd.ms-excel"}
    raise _refuse("type_not_allowed", "old_office" if old_office else "")


def safe_upload_name(*, prefix: str, detected: DetectedType) -> str:
    """The storage name ``prefix/YYYY/<uuid4 hex>.<ext>``: the extension comes from the
    detected type, never from the user. ``prefix`` is code's, e.g. "evidence/reports"."""
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"Unsafe upload prefix: {prefix!r}")
    return f"{prefix}/{timezone.localdate().year}/{uuid.uuid4().hex}.{detected.extension}"


def _split_extension(name: str) -> tuple[str, str]:
    """("Báo cáo", "pdf") from "Báo cáo.pdf"; (name, "") when there is no plausible extension."""
    stem, dot, ext = name.rpartition(".")
    if dot and 0 < len(ext) <= 10 and ext.isalnum():
        return stem, ext
    return name, ""


def display_name(original: str, detected: DetectedType | None = None) -> str:
    """A name fit to show and to download under: no path, no control or bidi characters,
    NFC, at most 120 characters with the extension kept, Vietnamese letters intact. Given
    ``detected``, the name ends with an extension of the content's own type."""
    name = unicodedata.normalize("NFC", str(original or "")).replace("\\", "/")
    kept = []
    for char in name.rsplit("/", 1)[-1]:
        category = unicodedata.category(char)
        if char in "\t\r\n" or category in {"Zs", "Zl", "Zp"}:
            kept.append(" ")
        elif not category.startswith("C"):  # control, format (bidi, NUL), private, unassigned
            kept.append(char)
    name = unicodedata.normalize("NFC", "".join(kept))
    name = _UNSAFE_CHARS.sub("_", " ".join(name.split())).rstrip(" ._")
    stem, ext = _split_extension(name)
    stem = stem.strip(" ._") or FALLBACK_NAME
    if detected is not None and ext.lower() not in detected.aliases:
        if ext and ext.lower() not in _ALIASES:  # "report.exe" → "report.exe.pdf"
            stem = f"{stem}.{ext}"
        ext = detected.extension  # "anh.jpg" holding a PNG → "anh.png"
    room = DISPLAY_NAME_MAX - 1 - len(ext) - (1 if ext else 0)  # 1 for a device name's "_"
    if len(stem) > room:
        stem = stem[:room].rstrip(" ._") or FALLBACK_NAME
        if not ext:  # the cut may have exposed a new extension: tidy once more
            return display_name(stem)
    if stem.lower() in _WINDOWS_DEVICES:
        stem += "_"
    return f"{stem}.{ext}" if ext else stem


def _ascii(text: str) -> str:
    """Vietnamese without diacritics ("Đánh giá" → "Danh gia"); anything else unsafe → "_"."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return _NOT_ASCII_SAFE.sub("_", text.encode("ascii", "ignore").decode("ascii"))


def content_disposition(filename: str) -> str:
    """``attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded`` (RFC 6266,
    RFC 5987), from ``display_name(filename)``."""
    name = display_name(filename)
    stem, ext = (_ascii(part) for part in _split_extension(name))
    if not stem.strip(" ._"):
        stem = FALLBACK_NAME
    ascii_name = f"{stem}.{ext}" if ext else stem
    encoded = quote(name, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


class EvidenceFileField(forms.FileField):
    """A file field for evidence: ``clean`` runs ``validate_upload`` and returns the file
    with ``detected_type`` (a ``DetectedType``) and ``display_name`` attributes set."""

    default_error_messages = {
        "required": gettext_lazy("Vui lòng chọn tệp đính kèm."),
        "empty": MESSAGES["empty"],
        "contradiction": gettext_lazy("Hãy chọn tệp mới hoặc bỏ chọn ô xóa, không làm cả hai."),
    }

    def __init__(self, *, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "accept": ACCEPT_ATTR}

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        if isinstance(file, UploadedFile):
            detected = validate_upload(file, max_bytes=self.max_bytes)
            shown = display_name(file.name or "", detected)
            file.detected_type = detected  # type: ignore[attr-defined]
            file.display_name = shown  # type: ignore[attr-defined]
        return file
