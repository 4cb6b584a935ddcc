"""Django settings. Every value that differs between machines is read from the environment here;
docs/how-to/operate.md lists each variable with its default. The main ones:

    AUTOKAUF_ENV        "development" (default) or "production"
    SECRET_KEY          required in production
    DATABASE_URL        default: SQLite file in AUTOKAUF_DATA_DIR (default ./var)
    REDIS_URL           optional; cache, rate limits and the flash-sale gate on Redis when set
    ALLOWED_HOSTS       comma-separated; default "*" in development
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    return default if value == "" else value.lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("AUTOKAUF_DATA_DIR", str(Path.cwd() / "var"))).resolve()

PRODUCTION = env("AUTOKAUF_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY must be set when AUTOKAUF_ENV=production")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.import_export",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "import_export",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "autokauf.core",
    "autokauf.accounts",
    "autokauf.catalog",
    "autokauf.configurator",
    "autokauf.pricing",
    "autokauf.inventory",
    "autokauf.dealers",
    "autokauf.financing",
    "autokauf.credit",
    "autokauf.insurance",
    "autokauf.payments",
    "autokauf.notifications",
    "autokauf.checkout",
    "autokauf.flash_sales",
    "autokauf.storefront",
]

MIDDLEWARE = [
    "autokauf.core.observability.RequestIdMiddleware",
    "autokauf.flash_sales.front_door.ClaimFrontDoorMiddleware",
    "autokauf.core.problem.ApiErrorsAsProblemsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "autokauf.urls"
WSGI_APPLICATION = "autokauf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

_sqlite_default = f"sqlite:///{DATA_DIR / 'autokauf.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL", _sqlite_default), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN,
        # so two writers queue on busy_timeout instead of failing on a lock upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so that threads and processes of a test share one database;
    # one per process, so that concurrent test runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, checking a kept connection only after it sat idle (docs/adr/0016).
    DATABASES["default"]["ENGINE"] = "autokauf.core.postgresql"
# PostgreSQL binds every statement's parameters on the server and prepares a statement the
# second time a connection runs it, so it plans it once per connection (docs/adr/0011); the hot
# ones (core.prepared) on their first run. Off behind a pooler that cannot keep prepared
# statements (PgBouncer in transaction mode before 1.21).
AUTOKAUF_PREPARED_STATEMENTS = env_bool("AUTOKAUF_PREPARED_STATEMENTS", True)
_postgres = DATABASES["default"]["ENGINE"] == "autokauf.core.postgresql"
if _postgres and AUTOKAUF_PREPARED_STATEMENTS:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 1}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/account/login/"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "autokauf.core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "autokauf"),
            # A Redis that hangs must not hang requests: the cache forgives a failure.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Tasks `run_scheduler` enqueues on every tick (dotted paths of django_tasks tasks).
AUTOKAUF_PERIODIC_TASKS = [
    "autokauf.core.tasks.sweep",
    "autokauf.flash_sales.tasks.sweep",
    "autokauf.checkout.tasks.sweep",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Autokauf <shop@autokauf.example>")

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "autokauf.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # autokauf.access records every request with its status. A 4xx is an answer the API
        # meant to give (at a drop's opening, thousands of 409s a second), not a warning; a 5xx
        # is still logged as an error.
        "django.request": {"level": "ERROR"},
    },
}

UNFOLD = {
    "SITE_TITLE": "Autokauf",
    "SITE_HEADER": "Autokauf back office",
    "SITE_SYMBOL": "directions_car",
}

# Payments (docs/domains/payments.md).
PAYMENTS_PROVIDER = env("PAYMENTS_PROVIDER", "sandbox")
PAYMENTS_WEBHOOK_URL = env("PAYMENTS_WEBHOOK_URL")  # `autokauf run` sets it to its own address
SANDBOX_PSP_WEBHOOK_SECRET = env("SANDBOX_PSP_WEBHOOK_SECRET")
if PRODUCTION and PAYMENTS_PROVIDER == "sandbox" and not SANDBOX_PSP_WEBHOOK_SECRET:
    raise RuntimeError("SANDBOX_PSP_WEBHOOK_SECRET must be set when AUTOKAUF_ENV=production")
SANDBOX_PSP_MERCHANT_NAME = env("SANDBOX_PSP_MERCHANT_NAME", "Autokauf")
SANDBOX_PSP_BASE_URL = env("SANDBOX_PSP_BASE_URL", "/sandbox-psp/")
SANDBOX_PSP_CHARGE_MINUTES = int(env("SANDBOX_PSP_CHARGE_MINUTES", "30"))
SANDBOX_PSP_LATE_WEBHOOK_SECONDS = int(env("SANDBOX_PSP_LATE_WEBHOOK_SECONDS", "30"))
PAYMENTS_PAYMENT_MINUTES = int(env("PAYMENTS_PAYMENT_MINUTES", "30"))
IDEMPOTENCY_KEY_HOURS = int(env("IDEMPOTENCY_KEY_HOURS", "24"))

# Checkout (docs/domains/checkout.md).
CHECKOUT_HOLD_MINUTES = int(env("CHECKOUT_HOLD_MINUTES", "15"))
CHECKOUT_HOLD_CAP_MINUTES = int(env("CHECKOUT_HOLD_CAP_MINUTES", "45"))
CHECKOUT_MAX_HOLDS_PER_BUYER = int(env("CHECKOUT_MAX_HOLDS_PER_BUYER", "2"))
CHECKOUT_STAFF_ORDER_PAY_HOURS = int(env("CHECKOUT_STAFF_ORDER_PAY_HOURS", "72"))
CHECKOUT_HOME_DELIVERY_NET = env("CHECKOUT_HOME_DELIVERY_NET", "790.00")
CHECKOUT_ORDER_URL = env("CHECKOUT_ORDER_URL", "/checkout/orders/{id}/")

# Login throttling (docs/domains/accounts.md).
AUTOKAUF_LOGIN_FAILURES_PER_ADDRESS = int(env("AUTOKAUF_LOGIN_FAILURES_PER_ADDRESS", "5"))
AUTOKAUF_LOGIN_FAILURES_PER_IP = int(env("AUTOKAUF_LOGIN_FAILURES_PER_IP", "20"))
AUTOKAUF_LOGIN_WINDOW_SECONDS = int(env("AUTOKAUF_LOGIN_WINDOW_SECONDS", "900"))
# docs/adr/0009: with Redis every revocation reaches every process at once, so owners may be
# remembered longer than by the local-memory cache of one process.
AUTOKAUF_TOKEN_CACHE_SECONDS = int(env("AUTOKAUF_TOKEN_CACHE_SECONDS", "300" if REDIS_URL else "5"))

# Business settings (documented in docs/domains/pricing.md).
AUTOKAUF_DEFAULT_COUNTRY = env("AUTOKAUF_COUNTRY", "DE")
AUTOKAUF_CURRENCY = "EUR"
