"""Settings for the test suite: the real settings, made fast and deterministic."""

import os

from django.core.management.utils import get_random_secret_key

if not os.environ.get("SECRET_KEY"):  # unset or empty
    os.environ["SECRET_KEY"] = get_random_secret_key()

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run at once, after the commit that enqueued them (``transaction.on_commit``).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Digital signatures: a fixed, public key for the tests' stored PKCS#12 files (never production).
SIGNING_KEY_ENCRYPTION_KEY = "dGhpZHVhLXRlc3RzLXNpZ25pbmcta2V5LTMyLWJ5dGU="
SIGNING_TSA_URL = ""
DEMO_SIGNED_REPORT = False  # tests/reports/test_signing*.py call reports.demo_signing.load()
