"""The one WeasyPrint wrapper: an official document to HTML, then to PDF.

``render_pdf(document)`` returns the HTML beside the PDF bytes (as Open Forms does), so tests
and previews can read the HTML. No request is needed: the template is rendered with the Django
engine alone, and every resource the HTML links to is served from disk by
:func:`resolve_static` through the staticfiles finders (app and project ``static/`` folders, so
``collectstatic`` is not needed either). Any other URL, a network one above all, stops the
rendering: user text is escaped, so only our own template could ask for one, and an official
document silently missing its stylesheet is worse than an error.

Fonts: "Times New Roman", "Liberation Serif", serif. Where Times New Roman is not installed,
fontconfig substitutes Liberation Serif (metric-compatible). The stylesheet declares Liberation
Serif 2.1 shipped in ``static/reports/fonts`` (SIL OFL) because Debian's fonts-liberation 1.07
has no glyphs for ạ ả ấ ầ ệ ộ ữ ... (U+1EA0-1EF9), which would otherwise print in DejaVu. WeasyPrint
embeds the subset it uses as TrueType (FontFile2).

WeasyPrint is imported inside the functions: importing it loads Pango and takes a while, and
only the processes that print need it.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .document import MOTTO, REPUBLIC, Document, printable_document
from .qr import qr_png_data_uri

# The base URL of the HTML. ".invalid" never resolves (RFC 2606); the fetcher maps it to disk.
STATIC_BASE = "https://static.invalid/"
TEMPLATE = "reports/document.html"
STYLESHEET = "reports/document.css"


class RefusedURL(ValueError):
    """A URL the document may not load: anything but our static files and inline data."""


@dataclass(frozen=True)
class RenderedDocument:
    html: str
    pdf: bytes


def resolve_static(url: str) -> Path:
    """The file on disk behind a static URL of the document, or :class:`RefusedURL`."""
    if not url.startswith(STATIC_BASE):
        raise RefusedURL(f"Documents load only their own static files, not {url!r}.")
    parts = urlsplit(url)
    relative = unquote(parts.path).lstrip("/")
    normal = posixpath.normpath(relative)
    if not relative or normal != relative or normal.startswith("..") or "\\" in relative:
        raise RefusedURL(f"Not a static file path: {url!r}.")
    found = finders.find(normal)
    if not found:
        raise RefusedURL(f"No static file {normal!r}.")
    return Path(found)


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves static files from disk and inline ``data:`` URIs; refuses everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)  # decoded in memory by urllib
            path = resolve_static(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    # fail_on_errors: a refused URL stops the rendering instead of a logged warning.
    return StaticFilesFetcher(allowed_protocols=("data",), fail_on_errors=True)


def render_html(document: Document) -> str:
    """The document as a standalone HTML page (the input of WeasyPrint)."""
    document = printable_document(document)  # "□" for what the fonts cannot print
    blocks = document.signature_blocks
    context = {
        "doc": document,
        "blocks": list(document.numbered_body()),
        "republic": REPUBLIC,
        "motto": MOTTO,
        "static_base": STATIC_BASE,
        "stylesheet": STYLESHEET,
        "qr_uri": qr_png_data_uri(document.qr_payload) if document.qr_payload else "",
        "single_signature": len(document.signatures) == 1,
        "signature_blocks": blocks,
        "signature_column_width": f"{100 / len(blocks[0]):.4f}" if blocks else "100",
    }
    return render_to_string(TEMPLATE, context)


def html_to_pdf(html: str) -> bytes:
    """Any HTML of ours to PDF bytes, with the static-files-only fetcher."""
    progress = logging.getLogger("weasyprint.progress")
    if progress.level == logging.NOTSET:
        # Seven INFO lines per document ("Step 5 - Creating layout"), more on import, drown the
        # server log; a LOGGING setting that names this logger takes precedence.
        progress.setLevel(logging.WARNING)
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    try:
        return weasyprint.HTML(
            string=html, base_url=STATIC_BASE, url_fetcher=_url_fetcher()
        ).write_pdf(presentational_hints=True)
    except FatalURLFetchingError as error:  # a BaseException: make it an ordinary error
        raise RefusedURL(str(error.__cause__ or error)) from error


def render_pdf(document: Document) -> RenderedDocument:
    html = render_html(document)
    return RenderedDocument(html=html, pdf=html_to_pdf(html))
