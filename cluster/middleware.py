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
