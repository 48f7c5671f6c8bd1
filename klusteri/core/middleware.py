"""Project middleware."""

from django.http import HttpRequest, HttpResponse

# Browser features the site never uses, turned off for its pages and for anything
# they embed, so that an injected script or a framed page could not use them
# either. Django has no setting for this header. "publickey-credentials-get" stays
# with the site itself, for security keys at log-in.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "encrypted-media=()",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "publickey-credentials-get=(self)",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` with every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
