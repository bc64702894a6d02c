"""Django settings of the marketplace site.

Everything a deployment changes comes from the environment: `DATABASE_URL` (PostgreSQL; SQLite by default),
`MFGDATA_VAR_DIR` (where the SQLite file, uploads and the generated secret key live; default `./var`),
`MFGDATA_SECRET_KEY`, `MFGDATA_ALLOWED_HOSTS`, `MFGDATA_SITE_DEBUG`, `MFGDATA_MAX_UPLOAD_BYTES`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("MFGDATA_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, else one generated once and kept in the var folder (never in the repository)."""
    configured = os.environ.get("MFGDATA_SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("MFGDATA_SITE_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    "127.0.0.1",
    "localhost",
    "testserver",
    *filter(None, os.environ.get("MFGDATA_ALLOWED_HOSTS", "").split(",")),
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "mfgdata.web.core",
    "mfgdata.web.accounts",
    "mfgdata.web.training",
    "mfgdata.web.listings",
    "mfgdata.web.review",
    "mfgdata.web.catalog",
    "mfgdata.web.jobs",
    "mfgdata.web.orders",
    "mfgdata.web.payments",
    "mfgdata.web.programs",
    "mfgdata.web.oversight",
    "mfgdata.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mfgdata.web.core.middleware.RefusalMiddleware",
]

ROOT_URLCONF = "mfgdata.web.urls"
WSGI_APPLICATION = "mfgdata.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mfgdata.web.core.context.site_context",
            ]
        },
    }
]

# Persistent connections (checked before reuse): each server thread keeps its connection across the requests of
# a keep-alive client instead of opening one per request — on PostgreSQL a new backend per request, on SQLite a
# cold page cache per request, which cost search pages several times a trivial page (docs/benchmarks.md).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'site.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
LOGIN_REDIRECT_URL = "accounts:home"
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:home"
EMAIL_BACKEND = os.environ.get("MFGDATA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = "noreply@mfgdata.invalid"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("한국어")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

TASKS = {"default": {"BACKEND": os.environ.get("MFGDATA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

MFGDATA_MAX_UPLOAD_BYTES = int(os.environ.get("MFGDATA_MAX_UPLOAD_BYTES", str(8 * 1024**3)))
MFGDATA_UPLOAD_CHUNK_BYTES = 8 * 1024**2
# The API streams chunks to disk (constant memory), so its chunks can be larger: fewer requests per package.
MFGDATA_API_UPLOAD_CHUNK_BYTES = 32 * 1024**2
DATA_UPLOAD_MAX_MEMORY_SIZE = MFGDATA_UPLOAD_CHUNK_BYTES + 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"mfgdata.web": {"handlers": ["console"], "level": "INFO", "propagate": True}},
}

# Orders and payments (docs/orders.md). Gateways switched on by id; Toss only when its secret key is configured.
MFGDATA_PAYMENT_GATEWAYS = [g for g in os.environ.get("MFGDATA_PAYMENT_GATEWAYS", "sandbox").split(",") if g]
MFGDATA_SANDBOX_WEBHOOK_SECRET = os.environ.get("MFGDATA_SANDBOX_WEBHOOK_SECRET", SECRET_KEY + ":sandbox-webhook")
MFGDATA_TOSS_SECRET_KEY = os.environ.get("MFGDATA_TOSS_SECRET_KEY", "")
# The client key the browser SDK opens the payment window with (public; test keys start with test_ck_).
MFGDATA_TOSS_CLIENT_KEY = os.environ.get("MFGDATA_TOSS_CLIENT_KEY", "")
MFGDATA_TOSS_API_BASE = os.environ.get("MFGDATA_TOSS_API_BASE", "https://api.tosspayments.com")
MFGDATA_TOSS_TIMEOUT_SECONDS = float(os.environ.get("MFGDATA_TOSS_TIMEOUT_SECONDS", "10"))
MFGDATA_PLATFORM_FEE_PERCENT = os.environ.get("MFGDATA_PLATFORM_FEE_PERCENT", "10")
MFGDATA_SETTLE_CURRENT_MONTH = os.environ.get("MFGDATA_SETTLE_CURRENT_MONTH", "") == "1"
MFGDATA_DOWNLOAD_LINK_SECONDS = int(os.environ.get("MFGDATA_DOWNLOAD_LINK_SECONDS", "900"))
MFGDATA_DELIVERY_SIGNING_KEY = os.environ.get("MFGDATA_DELIVERY_SIGNING_KEY", "")
# Integrity signals (notice 001: 사전담합, 페이백) — thresholds the operator's flags use; flags never punish.
MFGDATA_INTEGRITY = {
    "circular_window_days": int(os.environ.get("MFGDATA_INTEGRITY_CIRCULAR_DAYS", "365")),
    "refund_window_days": int(os.environ.get("MFGDATA_INTEGRITY_REFUND_DAYS", "30")),
    "price_factor": float(os.environ.get("MFGDATA_INTEGRITY_PRICE_FACTOR", "3")),
    "min_comparables": int(os.environ.get("MFGDATA_INTEGRITY_MIN_COMPARABLES", "3")),
}

# Open API (docs/api.md): requests per token, and per client address for anonymous catalog reads, per window.
MFGDATA_API_RATE_LIMIT = int(os.environ.get("MFGDATA_API_RATE_LIMIT", "600"))
MFGDATA_API_ANONYMOUS_RATE_LIMIT = int(os.environ.get("MFGDATA_API_ANONYMOUS_RATE_LIMIT", "120"))
MFGDATA_API_RATE_WINDOW_SECONDS = int(os.environ.get("MFGDATA_API_RATE_WINDOW_SECONDS", "60"))
