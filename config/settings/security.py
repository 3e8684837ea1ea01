"""Login throttling, the Content-Security-Policy and the security headers (part of base)."""

from datetime import timedelta

from .environment import env

# Login throttling (django-axes). An account is locked after LOGIN_FAILURE_LIMIT wrong
# passwords from anywhere; an address after LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords for
# any accounts (higher: a bureau's whole office often reaches the server from one address).
# Either lock lifts LOGIN_COOLOFF_MINUTES after the last failure, or when a bureau
# administrator unlocks the user (apps.accounts.lockouts). Behind reverse proxies that append
# the client's address to X-Forwarded-For, TRUSTED_PROXY_COUNT says how many there are, so
# that the address counted is the client's, not the proxy's (which everyone shares).
AXES_ENABLED = True
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "apps.accounts.lockouts.LoginAttemptHandler"
AXES_LOCKOUT_CALLABLE = "apps.accounts.lockouts.lockout_response"
# Failures stay counted after a success: resetting would also clear the address's count.
AXES_RESET_ON_SUCCESS = False
# Our own admin (apps.accounts.lockout_admin) shows each bureau administrator their own users only.
AXES_ENABLE_ADMIN = False
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "apps.accounts.lockouts.client_address"

# Content-Security-Policy (django-csp): only the site's own files; no inline script or style
# (htmx's indicator style is turned off in base.html). Bootstrap's CSS draws its icons
# (select arrows, checks, close buttons) as data: SVG images, hence data: for images only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
# Browser features the site never uses, denied to it and to anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "hid",
        "xr-spatial-tracking",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
