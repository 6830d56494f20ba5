from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class PortalLocaleMiddleware:
    """Vietnamese unless the visitor chose otherwise.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which
    turns the portal English on most phones; here the language is Vietnamese
    unless the visitor picked one (the language cookie set by `set_language`,
    or `?lang=`). API clients may still ask by Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        translation.deactivate()
        return response

    @staticmethod
    def _chosen_language(request) -> str:
        asked = request.GET.get("lang") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if asked in LANGUAGE_CODES:
            return asked
        if request.path.startswith("/api/"):
            from_header = translation.get_language_from_request(request)
            if from_header in LANGUAGE_CODES:
                return from_header
        return settings.LANGUAGE_CODE
