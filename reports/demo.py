"""Demo data of the reports app, found by ``load_demo``: each feature's own module."""

from __future__ import annotations

from django.conf import settings

from . import demo_signing


def load(stdout=None) -> None:
    if settings.DEMO_SIGNED_REPORT:  # off in the test suite (config/settings_test.py)
        demo_signing.load(stdout=stdout)
