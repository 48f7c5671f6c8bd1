"""Klusteri settings, read only from ``KLUSTERI_*`` environment variables.

Every value has a development default, except the ones that must never run in
production with a default: with ``KLUSTERI_DEBUG=0`` a missing or short secret key
stops the process with a clear message instead of starting insecurely.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"KLUSTERI_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"KLUSTERI_{name} must be 0 or 1, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"KLUSTERI_{name} must be a whole number, not {value!r}"
        ) from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
MIN_SECRET_KEY_LENGTH = 50
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH):
    raise ImproperlyConfigured(
        "KLUSTERI_SECRET_KEY must be set to a random string of at least "
        f"{MIN_SECRET_KEY_LENGTH} characters when KLUSTERI_DEBUG=0. Generate one with: "
        'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that it can patch it
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "klusteri.core",
    "klusteri.audit",
    "klusteri.places",
    "klusteri.accounts",
    "klusteri.clusters",
    "klusteri.funding",
    "klusteri.events",
    "klusteri.search",
    "klusteri.demo",
    "klusteri.api",
    "django_countries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "klusteri.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "klusteri.urls"
WSGI_APPLICATION = "klusteri.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klusteri.core.context_processors.site",
            ],
        },
    },
]

# Database: one URL. SQLite (the default) runs in WAL mode with a busy timeout and
# immediate transactions, so that concurrent writers wait instead of failing.
VAR_DIR = Path(env("VAR_DIR", str(PROJECT_DIR / "var")))
if not env("DATABASE_URL"):
    # The default SQLite file lives under var/: make sure a fresh clone has it, so
    # that any `klusteri` command works before `make run` has been run once.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'klusteri.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        # One process only (development, `make run`): each process would keep its own
        # cache. Room for every card and page of the demo in three languages.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    )
}

TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the log-in name and must be verified before use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Klusteri] "
ACCOUNT_ADAPTER = "klusteri.accounts.adapter.AccountAdapter"
# Sign-up also records the privacy notice read and the newsletter consent.
ACCOUNT_FORMS = {"signup": "klusteri.accounts.forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Klusteri"

# Rate limits against password guessing and mail bombing, counted by allauth in
# the cache (Redis in production, so that every app server shares the counts).
# "key" is the e-mail address typed. Five wrong passwords for one address lock
# it for 15 minutes, whoever sends them, even if the sixth is right; an address
# (IP) gets more tries, as a whole office or campus may share one. Every reset
# request sends an e-mail, so a victim's inbox gets at most three an hour.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/15m/ip,5/15m/key",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
}
# Behind a reverse proxy every request comes from the proxy: count by the client
# address it adds to X-Forwarded-For instead (the number of proxies in front).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# The API's rate limits, counted by django-ninja in the same cache: per client address
# for reads without a token, per token otherwise. Beyond them it answers 429 with
# Retry-After. 20 requests a second on average leaves room for any honest client.
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
NINJA_DEFAULT_THROTTLE_RATES = {
    "anon": env("API_RATE_ANONYMOUS", "1200/m"),
    "auth": env("API_RATE_TOKEN", "1200/m"),
    "user": None,
}

# E-mail: printed to the console in development; in production sent over SMTP,
# by default to a mail relay on the same host.
if DEBUG and not env("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                # A mail server that hangs must not hold the task worker for ever:
                # the task fails, and is tried again later (core/tasks.py).
                "timeout": env_int("EMAIL_TIMEOUT", 30),
            },
        }
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Klusteri <noreply@klusteri.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env("CONTACT_EMAIL", "tuki@klusteri.example")

# Languages: Finnish first (the default), then Swedish and English.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# In development WhiteNoise serves straight from the app folders; in production
# from STATIC_ROOT, filled by ``klusteri collectstatic``.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Map tiles for the interactive cluster map, from a Leaflet URL template. The
# schematic maps beside it need no tiles; an empty URL leaves the interactive map
# out. The attribution is HTML, shown in the map's corner.
MAP_TILE_URL = env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def tile_origin(url: str) -> str:
    """The CSP source for a tile URL template: its origin, with Leaflet's subdomain
    placeholder ``{s}`` as a wildcard; "" for none or for tiles from this site."""
    if not url or url.startswith("/"):
        return ""
    parts = urlsplit(url)
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in {"http", "https"} or not host or "{" in host or "}" in host:
        raise ImproperlyConfigured(
            "KLUSTERI_MAP_TILE_URL must be an http(s) URL template such as "
            f"https://tile.example.org/{{z}}/{{x}}/{{y}}.png, not {url!r}"
        )
    return f"{parts.scheme}://{host}"


# Funding: a cluster's managers are warned when its base or project funding ends
# within this many months with nothing to follow it (funding/continuity.py).
FUNDING_WARNING_MONTHS = env_int("FUNDING_WARNING_MONTHS", 9)
if FUNDING_WARNING_MONTHS < 1:
    raise ImproperlyConfigured(
        f"KLUSTERI_FUNDING_WARNING_MONTHS must be at least 1, not {FUNDING_WARNING_MONTHS}"
    )

# Security. The CSP allows no inline script and no inline style: every script
# and style sheet is a file served from this site (map tiles aside).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *filter(None, [tile_origin(MAP_TILE_URL)])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    # Behind a TLS-terminating proxy, the proxy redirects to HTTPS and sets this header.
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        if not SECURE_SSL_REDIRECT:
            SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the proxy redirects instead

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# django-modeltranslation: content fields in fi, sv and en; an empty translation
# falls back to Finnish, then English, then Swedish.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "en", "sv")}
