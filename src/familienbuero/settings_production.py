"""Production overlay: HTTPS behind a reverse proxy, strict cookies, HSTS.

Use with ``DJANGO_SETTINGS_MODULE=familienbuero.settings_production``. Configuration still comes only
from environment variables; this module adds nothing a municipality should change.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from familienbuero.settings import *  # noqa: F403
from familienbuero.settings import DEBUG, SECRET_KEY, env_bool

if DEBUG:
    raise ImproperlyConfigured("DEBUG must not be on with the production settings.")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

#: SECURE_SSL_REDIRECT: "0" only if the reverse proxy already redirects HTTP to HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
#: HSTS_SECONDS: HTTP Strict Transport Security lifetime (default one year).
#: HSTS_PRELOAD: "0" if the domain must not be submitted to the browsers' HSTS preload list.
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
