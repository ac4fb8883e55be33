from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from lienthong.core import context

_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"


def client_ip(request):
    """The caller's address; behind a proxy the web server must set REMOTE_ADDR (or X-Forwarded-For)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if forwarded and proxies:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    """Gives each request an id (kept from X-Request-ID when a proxy set one) for logs and audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.META.get(_REQUEST_ID_HEADER, "")
        request_id = supplied if supplied.isalnum() and len(supplied) <= 64 else None
        with context.bind(request_id, client_ip(request), request.META.get("HTTP_USER_AGENT", "")) as ctx:
            request.request_id = ctx.request_id
            response = self.get_response(request)
            response["X-Request-ID"] = ctx.request_id
            return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Pages are Vietnamese unless the visitor picks English with the footer switcher (a cookie).

    Many phones and office PCs in Vietnam run an English browser; their users still expect the
    government's pages in Vietnamese, so the browser's Accept-Language is ignored for pages. API
    clients choose the language of error messages with Accept-Language, as HTTP intends.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
