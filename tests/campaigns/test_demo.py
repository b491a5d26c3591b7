"""The demo data loads twice without change, and the app has no missing migration."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, Conference, Criterion, Delegate, LegalDocument, Milestone

pytestmark = pytest.mark.django_db

MODELS = [Campaign, Conference, Criterion, Delegate, LegalDocument, Milestone]


def test_load_demo_is_idempotent(demo_data):
    before = {model: model.objects.count() for model in MODELS}
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    assert {model: model.objects.count() for model in MODELS} == before
    assert before[LegalDocument] == 4 and before[Criterion] == 14


def test_no_missing_migration():
    out = io.StringIO()
    call_command("makemigrations", "campaigns", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
