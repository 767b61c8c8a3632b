"""Kinerja settings: one base, driven by the environment.

Environment variables: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, MEDIA_ROOT,
KINERJA_UPLOAD_MAX_MB. Tests override a few values in ``config/settings_test.py``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KINERJA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY harus diisi di lingkungan bila DEBUG tidak aktif.")
    # Development only: a random key kept under var/, never in the repository.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    # Serves Swagger UI from its own static files, not a CDN (instansi networks are often closed).
    "ninja",
    "kinerja.core",
    "kinerja.accounts",
    "kinerja.organisasi",
    "kinerja.skp",
    "kinerja.penilaian",
    "kinerja.laporan",
    "kinerja.skala",
    "kinerja.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.accounts.middleware.ForcePasswordChangeMiddleware",
    # Last, as django-axes asks: it turns a lockout signal into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: PostgreSQL in production (DATABASE_URL), SQLite under var/ by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}"),
        # Persistent connections with health checks: connection set-up dominates a small request.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        # Behind PgBouncer in transaction mode, server-side cursors (the streamed Excel exports'
        # .iterator()) must be off: DISABLE_SERVER_SIDE_CURSORS=1.
        disable_server_side_cursors=env_bool("DISABLE_SERVER_SIDE_CURSORS", False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out NIP/address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "kinerja.accounts.backends.KinerjaBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per NIP and address, so that nobody can lock
# another pegawai out from elsewhere by guessing their NIP.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind N trusted reverse proxies (nginx: 1), the client address is read from X-Forwarded-For;
# otherwise every login would share the proxy's address and a lockout would hit anyone by NIP.
KINERJA_PROXY_COUNT = int(os.environ.get("KINERJA_PROXY_COUNT", "0"))
# Behind a trusted proxy that ends TLS, the request's scheme comes from its X-Forwarded-Proto (nginx:
# `proxy_set_header X-Forwarded-Proto $scheme;`, docs/deploy.md); without a proxy it is never read.
if KINERJA_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "kinerja.accounts.alamat.alamat_klien"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded files live outside the static root and are never served directly.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-tidak-dilayani/"
KINERJA_UPLOAD_MAX_MB = int(os.environ.get("KINERJA_UPLOAD_MAX_MB", "10"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only, wherever the cookies are (production): plain HTTP is redirected, and browsers are told
# to use HTTPS for a year (HSTS; set SECURE_HSTS_SECONDS=0 while trying HTTPS out). The health check
# stays reachable over HTTP for load balancers. `manage.py check --deploy` is clean with these
# (kinerja/core/tests/test_check_deploy.py).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0"))
# includeSubDomains covers only names below this host (x.kinerja.contoh.go.id), never its siblings;
# preload is only a signal until someone submits the apex domain to the browsers' list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Kinerja: rules the regulation leaves to the instansi or that the spec marks as a guess ---
# Number of API token days before it expires.
KINERJA_API_TOKEN_DAYS = int(os.environ.get("KINERJA_API_TOKEN_DAYS", "30"))
# G: a NI PPPK carries this code where a PNS NIP has the TMT month (kinerja/organisasi/rules.py);
# set it empty to accept PNS-style NIPs only.
KINERJA_NIP_KODE_PPPK = os.environ.get("KINERJA_NIP_KODE_PPPK", "21") or None
# Size limit of a pegawai import file (MB).
KINERJA_IMPORT_MAX_MB = int(os.environ.get("KINERJA_IMPORT_MAX_MB", "20"))
# The public address of this Kinerja, printed in the QR code of every document (its verification
# page). Set it to the address users reach, e.g. https://kinerja.contoh.go.id
KINERJA_BASE_URL = os.environ.get("KINERJA_BASE_URL", "http://127.0.0.1:8000")
# How a batch ZIP job runs: "thread" (default: a thread per job that outlives the request),
# "worker" (only `manage.py jalankan_batch` runs them), "inline" (in the request; tests).
KINERJA_BATCH_MODE = os.environ.get("KINERJA_BATCH_MODE", "thread")
KINERJA_BATCH_SIMPAN_HARI = int(os.environ.get("KINERJA_BATCH_SIMPAN_HARI", "7"))  # days a batch ZIP is kept
