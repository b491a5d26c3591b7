"""Settings for the thi đua, khen thưởng application.

Every value that differs between machines comes from the environment (or an optional ``.env``
file beside manage.py) through django-environ; docs/configuration.md lists them all. The
defaults are safe for production: DEBUG is off, and with DEBUG off a SECRET_KEY must be given.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Read as it is: django-environ takes a value starting with "$" for the name of another
# variable, and Django's own generated keys may start with "$".
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off (see docs/configuration.md)."
        )
    # Development only: a key per process, so nothing signed survives a restart.
    SECRET_KEY = get_random_secret_key()
# Earlier keys, still accepted for what they signed (sessions, reset links) and tried when a
# sealed ballot is opened: comma-separated, read as they are (no "$" expansion).
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
]

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Our apps, from the bottom layer up (docs/architecture.md).
    "cluster",
    "notifications",
    "campaigns",
    "results",
    "pledges",
    "commendations",
    "signatures",
    "reports",
]

MIDDLEWARE = [
    # First, so that an oversized body is refused before anything reads it.
    "cluster.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cluster.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # What the request reads of the cluster registry, read once (cluster/request_cache.py).
    "cluster.request_cache.RequestCacheMiddleware",
    "cluster.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "django.template.context_processors.i18n",
                "cluster.context_processors.navigation",
                "notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cluster.User"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, reading the user with their unit (cluster/backends.py).
    "cluster.backends.UserBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cluster:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (issue #13): how long a link to set one's password stays valid. A reset link and an
# invitation work once: setting the password, signing in or deactivating the account voids them.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_HOURS", default=24) * 3600
INVITATION_TIMEOUT = env.int("INVITATION_DAYS", default=7) * 86400

# Work that leaves the request (e-mails): django-tasks. "database" stores each task in the
# database for ``manage.py db_worker`` to run (docs/deployment.md); "immediate" runs it in the
# process that enqueued it, after the commit (development, without a worker).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[
    env.str("TASKS_BACKEND", default="immediate" if DEBUG else "database")]}}

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. With DEBUG off these are on unless the environment says otherwise, so that
# ``manage.py check --deploy`` passes with no warnings (tests/test_settings.py proves it).
SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SECURE)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SECURE)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): the app's pages load nothing but their own static
# files; no inline script or style anywhere (tests/browser/test_csp.py fails on a violation).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Request size. The largest upload the app accepts is a copy checked on the public
# verification page (20 MiB, reports.services.VERIFY_MAX_BYTES); a request whose declared
# Content-Length is above REQUEST_MAX_BYTES is answered 413 before its body is read
# (cluster.middleware.RequestSizeLimitMiddleware). The proxy in front caps it too
# (docs/deployment.md). Non-file form data stays at Django's 2.5 MiB.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=25 * 1024 * 1024)
# The official copy of an issued document (a scanned, signed and stamped PDF) is capped here,
# and never above the verification page's 20 MiB, so every official copy can be checked there.
OFFICIAL_FILE_MAX_BYTES = env.int("OFFICIAL_FILE_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

# The issuing body's key on a PKCS#11 token or HSM (signatures.pkcs11; docs/deployment.md,
# "Token hoặc HSM (PKCS#11)"): the vendor's module, the token's label, the labels of the key
# and of its certificate (the key's by default) and the user PIN. Unset: no token is used.
SIGNATURES_PKCS11_MODULE = env.str("SIGNATURES_PKCS11_MODULE", default="")
SIGNATURES_PKCS11_TOKEN_LABEL = env.str("SIGNATURES_PKCS11_TOKEN_LABEL", default="")
SIGNATURES_PKCS11_KEY_LABEL = env.str("SIGNATURES_PKCS11_KEY_LABEL", default="")
SIGNATURES_PKCS11_CERT_LABEL = env.str("SIGNATURES_PKCS11_CERT_LABEL", default="")
SIGNATURES_PKCS11_PIN = os.environ.get("SIGNATURES_PKCS11_PIN", "")  # as it is, like SECRET_KEY
# How long a document prepared for a signature on the signer's own USB token waits for it
# (signatures.external).
SIGNATURES_EXTERNAL_TTL_SECONDS = env.int("SIGNATURES_EXTERNAL_TTL_SECONDS", default=15 * 60)

# Brute-force protection (django-axes). After AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked for AXES_COOLOFF_MINUTES: an attacker cannot
# lock everyone out, only himself. Both login pages (/tai-khoan/dang-nhap/ and the admin's)
# go through it. Unlock: delete the attempt in the admin ("Access attempts"), or
# ``manage.py axes_reset_username <username>`` / ``axes_reset``.
AXES_ENABLED = True
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)  # attempts are rows in the admin
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Every successful sign-in is a row of "Access logs" in the admin (who, when, from which
# address and browser, until when): the access log of issue #13. Old rows: ``manage.py
# axes_reset_logs --age <days>``.
AXES_DISABLE_ACCESS_LOG = False
AXES_LOCKOUT_CALLABLE = "cluster.middleware.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cluster.middleware.client_ip"
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts no such header
# and takes the connection's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# In development (and tests) whitenoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Digital signatures (issue #18, docs/signatures.md): the Fernet key (urlsafe base64, 32 bytes)
# that encrypts the PKCS#12 keys and their passwords stored in the database. Required for
# signing when DEBUG is off; in development a fixed, public key is used instead (insecure).
SIGNING_KEY_ENCRYPTION_KEY = env("SIGNING_KEY_ENCRYPTION_KEY", default="")
# A timestamp authority (RFC 3161) for the signatures; empty or unreachable: the server clock.
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
# The demo issues the 2022 mid-year report and signs it with a test CA (reports/demo_signing.py).
# The test suite loads the demo without it, so the 2022 series its tests number from is the
# seed's; the signing tests load it themselves.
DEMO_SIGNED_REPORT = env.bool("DEMO_SIGNED_REPORT", default=True)
