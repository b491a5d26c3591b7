"""Request-wide guards: the UI language, the request size, private caching, and the client
address and lockout page that django-axes uses (docs/deployment.md)."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control


class VietnameseFirstMiddleware:
    """The UI is Vietnamese unless the person chose English with the language switch.

    Django's LocaleMiddleware would otherwise follow the browser's Accept-Language, and an
    officer whose browser happens to be set to English would get a half-translated UI. Placed
    before LocaleMiddleware, this drops the header so only the language cookie counts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than ``settings.REQUEST_MAX_BYTES``
    with 413, before anything reads the body.

    Django's own ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count files, and an upload is
    streamed to a temporary file before any form sees its size: without this a 60 MB post to
    the public verification page was written to disk and only then refused. Under WSGI a body
    without Content-Length is not read by Django at all; the proxy's ``client_max_body_size``
    (docs/deployment.md) caps what reaches the app server in the first place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            body = render_to_string("413.html", {"limit_mb": limit // (1024 * 1024)})
            response = HttpResponse(body, status=413)
            return response
        return self.get_response(request)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response to a signed-in person and on the
    login pages, so neither a shared office computer's browser cache nor a proxy keeps a copy
    of a unit's report or a document. Static files never get here (whitenoise answers them
    earlier, with their own long cache headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or _is_login_page(request):
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True)
        return response


def _is_login_page(request) -> bool:
    return request.path in (reverse("login"), reverse("admin:login"))


def client_ip(request) -> str | None:
    """The client's address for django-axes: the connection's address, or, behind
    ``settings.TRUSTED_PROXY_COUNT`` proxies, the address the outermost trusted proxy saw
    (counted from the right of X-Forwarded-For, so a client cannot forge it)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the Vietnamese lockout page, 429."""
    return render(
        request,
        "registration/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
