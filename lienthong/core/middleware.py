from lienthong.core import context

_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"


def client_ip(request):
    """The caller's address; behind a proxy the web server must set REMOTE_ADDR (or X-Forwarded-For)."""
    from django.conf import settings

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
