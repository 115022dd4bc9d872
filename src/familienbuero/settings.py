"""Settings for familienbuero, read from environment variables only.

Every variable is documented with a ``#:`` comment. What a municipality should be able to change
(languages offered, retention periods, ...) lives in the database, not here.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


#: DEBUG: "1" only on a developer machine (``make demo`` sets it). Never in production.
DEBUG = env_bool("DEBUG")

#: PLATFORM_MUNICIPALITY: slug of the municipality whose legal pages (Impressum, privacy, accessibility)
#: apply to pages outside any municipality (start page, login). Default: the first active municipality.
PLATFORM_MUNICIPALITY = os.environ.get("PLATFORM_MUNICIPALITY", "")

#: SECRET_KEY: long random string; required unless DEBUG is on.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("DJANGO_ALLOW_INSECURE_KEY") != "1":
        raise ImproperlyConfigured("SECRET_KEY must be set (see README, 'Configuration').")
    SECRET_KEY = "insecure-development-key-only-for-local-demo-and-tests-0123456789"  # noqa: S105
#: SECRET_KEY_FALLBACKS: earlier keys, comma-separated, while rotating SECRET_KEY: sessions, signed links
#: and the pseudonymous person references of consents made under an old key stay valid.
SECRET_KEY_FALLBACKS = [key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()]

#: DATA_DIR: where the SQLite database and uploaded files live (default: ./var).
DATA_DIR = Path(os.environ.get("DATA_DIR", PROJECT_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

#: ALLOWED_HOSTS: comma-separated host names this installation answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
#: PUBLIC_BASE_URL: the site's address (https://familienbuero.voerde.de) for links in mail sent by
#: background jobs (reminders, waiting-list offers); default: https:// + the first ALLOWED_HOSTS entry.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")

#: CSRF_TRUSTED_ORIGINS: comma-separated origins (https://familienbuero.example.de) behind a proxy.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "familienbuero.core",
    "familienbuero.tenancy",
    "familienbuero.accounts",
    "familienbuero.directory",
    "familienbuero.referrals",
    "familienbuero.volunteering",
    "familienbuero.appointments",
    "familienbuero.events",
    "familienbuero.public",
    "familienbuero.monitoring",
    "familienbuero.funding",
    "familienbuero.participation",
    "familienbuero.contacts",
    "familienbuero.privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "parler",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auditlog.middleware.AuditlogMiddleware",  # the acting user of every change-log entry
    "django_otp.middleware.OTPMiddleware",
    "familienbuero.accounts.middleware.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: resolves the municipality and language from the URL and runs the view in its scope.
    "familienbuero.tenancy.middleware.TenantMiddleware",
]

ROOT_URLCONF = "familienbuero.urls"
WSGI_APPLICATION = "familienbuero.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "familienbuero.core.context_processors.site",
            ],
        },
    }
]

# --- Database ------------------------------------------------------------------------------------
#: DATABASE_URL: e.g. postgres://user:pass@host:5432/familienbuero; default SQLite in DATA_DIR.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'familienbuero.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # BEGIN IMMEDIATE takes the write lock at the start: concurrent writers queue, never fail.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # WAL for concurrent readers; synchronous=FULL so that a power cut cannot lose a commit.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and rate limits -------------------------------------------------------------------------
# "default" is per process (template fragments, translations); "ratelimit" holds the rate-limit
# counters of public forms and the login and must be shared by all gunicorn workers and servers.
#: REDIS_URL: e.g. redis://127.0.0.1:6379/0 — rate-limit counters in Redis (needs the "redis" package).
#: Default: a table in the database (created by ``migrate``), shared by every worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "familienbuero.core.cache.AtomicDatabaseCache",
        "LOCATION": "familienbuero_cache",
        # Never cull live counters: an attacker could otherwise flush them by filling the table.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
if REDIS_URL:
    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured("REDIS_URL is set, but the 'redis' package is not installed.")
    CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
RATELIMIT_USE_CACHE = "ratelimit"
#: RATELIMIT_ENABLE: "0" switches all rate limits off (never in production).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
#: RATELIMIT_PUBLIC_PER_IP / RATELIMIT_PUBLIC_PER_TARGET: POSTs to one public form (feedback, booking,
#: registration) per client address, and per target (this form of this municipality, this event) from
#: everybody together; django-ratelimit rates such as "10/h" or "5/15m".
RATELIMIT_PUBLIC_PER_IP = os.environ.get("RATELIMIT_PUBLIC_PER_IP", "10/h")
RATELIMIT_PUBLIC_PER_TARGET = os.environ.get("RATELIMIT_PUBLIC_PER_TARGET", "300/h")
#: RATELIMIT_LOGIN_PER_IP / RATELIMIT_LOGIN_PER_USERNAME: login attempts (successful or not).
RATELIMIT_LOGIN_PER_IP = os.environ.get("RATELIMIT_LOGIN_PER_IP", "30/h")
RATELIMIT_LOGIN_PER_USERNAME = os.environ.get("RATELIMIT_LOGIN_PER_USERNAME", "20/h")
#: RATELIMIT_PROXY_COUNT: trusted reverse proxies in front of the app (their X-Forwarded-For is used);
#: defaults to AXES_IPWARE_PROXY_COUNT.
RATELIMIT_PROXY_COUNT = int(
    os.environ.get("RATELIMIT_PROXY_COUNT", os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))
)

# --- Authentication -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that locked-out users are refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "familienbuero.accounts.backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

#: Failed logins before an account is locked, and for how long.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# Either ten failures for one account, or ten from one address (password spraying), lock out.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
#: AXES_IPWARE_PROXY_COUNT: number of trusted reverse proxies in front of the app (default 0).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))

OTP_TOTP_ISSUER = "Familienbüro"

# Staff sessions end after 30 idle minutes and at the latest after 10 hours.
SESSION_COOKIE_AGE = 10 * 60 * 60
STAFF_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("STAFF_IDLE_MINUTES", "30")))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    # Leichte Sprache (BITV 2.0 § 4): German in easy language; falls back to "de" where no text exists.
    ("de-ls", _("German (easy language)")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

PARLER_DEFAULT_LANGUAGE_CODE = "de"
PARLER_LANGUAGES = {
    None: tuple({"code": code} for code, _name in LANGUAGES),
    "default": {"fallbacks": ["de"], "hide_untranslated": False},
}

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
#: SIGN_LANGUAGE_VIDEO_MAX_MB: upper limit for the sign-language video a municipality uploads.
SIGN_LANGUAGE_VIDEO_MAX_MB = int(os.environ.get("SIGN_LANGUAGE_VIDEO_MAX_MB", "300"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security headers ----------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Mail ------------------------------------------------------------------------------------------
#: EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD / EMAIL_USE_TLS: the mail relay.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
#: TASKS_BACKEND: where background tasks (mail, reminders) run. Default: the database queue, worked off
#: by `manage.py db_worker`; "django_tasks.backends.immediate.ImmediateBackend" runs them in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
#: DEFAULT_FROM_EMAIL: sender address of mail to families and staff.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "familienbuero@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
