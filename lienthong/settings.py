"""LienThong settings: everything comes from the environment, with embedded defaults.

Profiles (``LIENTHONG_PROFILE``): ``development`` (default: SQLite, local files, database task queue,
console e-mail), ``production`` (secrets required, secure cookies and HTTPS; passes
``manage.py check --deploy``) and ``test`` (set by the test suite).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lienthong.env import email_settings, env

BASE_DIR = Path(__file__).resolve().parent.parent
# pytest sets PYTEST_VERSION, so the suite gets the test profile without any extra step.
PROFILE = env("LIENTHONG_PROFILE", "test" if os.environ.get("PYTEST_VERSION") else "development")
PRODUCTION = PROFILE == "production"
TESTING = PROFILE == "test"
DATA_DIR = Path(env("LIENTHONG_DATA_DIR", str(BASE_DIR / "var")))


def _development_secret_key():
    """A per-checkout random key, so development never runs on a key committed to the repository."""
    path = DATA_DIR / ".secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY") if PRODUCTION else env("SECRET_KEY", None) or _development_secret_key()
DEBUG = env("DEBUG", False, cast=bool)
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], cast=list)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "lienthong.core",
    "lienthong.directory",
    "lienthong.accounts",
    "lienthong.workdays",
    "lienthong.catalog",
    "lienthong.dossiers",
    "lienthong.payments",
    "lienthong.notifications",
    "lienthong.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lienthong.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lienthong.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lienthong.accounts.middleware.RequireMfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lienthong.urls"
WSGI_APPLICATION = "lienthong.wsgi.application"

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
                "lienthong.core.context_processors.platform",
            ],
        },
    },
]

# Database: SQLite by default; DATABASE_URL=postgres://user@host:5432/name for a real deployment.
_SQLITE_URL = f"sqlite:///{DATA_DIR / 'lienthong.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", _SQLITE_URL), conn_max_age=env("DB_CONN_MAX_AGE", 60, cast=int)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and immediate transactions let the web server and the task worker share the file safely.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT off: the queues' join estimates crossed jit_above_cost, and compiling took 80 ms for
    # queries that run in 2 ms (docs/benchmarks.md).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per username and address, so one attacker
# cannot lock an official out from everywhere.
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT", 5, cast=int)
AXES_COOLOFF_TIME = env("AXES_COOLOFF_MINUTES", 15, cast=int) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env("PROXY_COUNT", 0, cast=int)
AXES_VERBOSE = False
# The same client address as the audit trail (honours PROXY_COUNT behind reverse proxies).
AXES_CLIENT_IP_CALLABLE = "lienthong.core.middleware.client_ip"

OTP_TOTP_ISSUER = env("OTP_ISSUER", "LienThong")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env("SESSION_AGE_SECONDS", 8 * 3600, cast=int)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True, cast=bool)
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 31536000, cast=int)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env("BEHIND_TLS_PROXY", True, cast=bool):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lienthong" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))

# Files: local disk by default; S3-compatible object storage when a bucket is named.
S3_BUCKET = env("S3_BUCKET", "")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", None),
            "region_name": env("S3_REGION", None),
            "access_key": env("S3_ACCESS_KEY", None),
            "secret_key": env("S3_SECRET_KEY", None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, cast=int)

globals().update(email_settings(env("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "LienThong <no-reply@lienthong.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's task API; the database queue (db_worker) unless told otherwise.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Periodic tasks (task path → period in minutes), enqueued by `manage.py run_scheduler`.
PERIODIC_TASKS = {
    "lienthong.notifications.tasks.retry_due_messages": 1,
    "lienthong.dossiers.tasks.deadline_sweep": env("DEADLINE_SWEEP_MINUTES", 30, cast=int),
}

# Notifications: SMS provider (console in the demo), delivery retries, deadline warnings.
SMS_BACKEND = env("SMS_BACKEND", "lienthong.notifications.sms.ConsoleSmsProvider")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", "")
SMS_SENDER = env("SMS_SENDER", "LienThong")
SMS_GATEWAY_TIMEOUT = env("SMS_GATEWAY_TIMEOUT", 10, cast=int)
NOTIFICATIONS_MAX_ATTEMPTS = env("NOTIFICATIONS_MAX_ATTEMPTS", 8, cast=int)
NOTIFICATIONS_RETRY_BASE_MINUTES = 1
NOTIFICATIONS_RETRY_MAX_MINUTES = 12 * 60
NOTIFICATIONS_SENDING_TIMEOUT_MINUTES = 15
DEADLINE_DUE_SOON_WORKING_DAYS = env("DEADLINE_DUE_SOON_WORKING_DAYS", 1, cast=int)
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "lienthong.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "lienthong.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1200/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LienThong API",
    "DESCRIPTION": "API của nền tảng chính quyền điện tử LienThong (LienThong e-government platform API).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "lienthong.directory.models.AgencyKind",
        "OverrideKindEnum": "lienthong.workdays.models.OverrideKind",
        "ChargeKindEnum": "lienthong.payments.models.ChargeKind",
        "ChargeStatusEnum": "lienthong.payments.models.ChargeStatus",
        "PaymentMethodEnum": "lienthong.payments.models.PaymentMethod",
        "SatisfactionEnum": "lienthong.dossiers.models.Satisfaction",
        "RatingSourceEnum": "lienthong.dossiers.models.Rating.Source",
    },
}

# The province this installation serves (GSO code of the province since 1 Jul 2025).
PROVINCE_CODE = env("PROVINCE_CODE", "86")
PLATFORM_NAME = env("PLATFORM_NAME", "LienThong")
# The public dossier lookup page ({code} is replaced), printed as a QR code on the receipt.
PUBLIC_LOOKUP_URL = env("PUBLIC_LOOKUP_URL", "http://127.0.0.1:8000/tra-cuu/{code}")
# Numbering of the one-stop forms: "2025" (TT 03/2025/TT-VPCP) or "2018" (TT 01/2018/TT-VPCP).
DOSSIER_FORMS_NUMBERING = env("DOSSIER_FORMS_NUMBERING", "2025")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; fontTools logs font subsetting.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    SMS_BACKEND = "lienthong.notifications.sms.LocmemSmsProvider"
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Without collectstatic (tests, debugging), serve static files straight from the apps.
WHITENOISE_USE_FINDERS = TESTING or DEBUG
WHITENOISE_AUTOREFRESH = TESTING or DEBUG
