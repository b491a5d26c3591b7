"""Project-wide guarantees: migrations, production settings, layering, admin, demo data."""

import ast
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
OUR_APPS = ["cluster", "campaigns", "results", "pledges", "commendations", "reports"]
# What each app may import (docs/architecture.md): the apps before it in OUR_APPS.
ALLOWED_IMPORTS = {
    "cluster": set(),
    "campaigns": {"cluster"},
    "results": {"cluster", "campaigns"},
    "pledges": {"cluster", "campaigns", "results"},
    "commendations": {"cluster", "campaigns", "results", "pledges"},
    "reports": {"cluster", "campaigns", "results", "pledges", "commendations"},
}


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}  (exit {exit_.code})")


def _manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_profile_passes_check_deploy():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_overrides={
            "DEBUG": "off",
            "SECRET_KEY": get_random_secret_key() + get_random_secret_key(),
            "ALLOWED_HOSTS": "thidua.example.gov.vn",
            "DATABASE_URL": "sqlite:////tmp/thidua-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", env_overrides={"DEBUG": "off", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_secret_key_starting_with_a_dollar_sign_is_taken_as_it_is():
    """Django generates keys from a set that includes "$"; django-environ would read one
    starting with "$" as the name of another variable and leave the key empty."""
    key = "$" + get_random_secret_key()
    result = _manage("shell", "--no-imports", "-c",
                     "from django.conf import settings; print(settings.SECRET_KEY)",
                     env_overrides={"DEBUG": "off", "SECRET_KEY": key,
                                    "DATABASE_URL": "sqlite:////tmp/thidua-check.sqlite3"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == key


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names & set(OUR_APPS)


@pytest.mark.parametrize("app", OUR_APPS)
def test_apps_import_only_downwards(app):
    offending = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        bad = _imported_apps(path) - ALLOWED_IMPORTS[app] - {app}
        if bad:
            offending[str(path.relative_to(ROOT))] = sorted(bad)
    assert offending == {}, f"{app} imports apps above it: {offending}"


# Sealed ballots and their sessions' seals have no admin page by design: the secret ballot
# (docs/architecture.md, "Secret ballot: threat model").
NEVER_IN_ADMIN = {"SealedBallot", "SessionSeal"}


@pytest.mark.django_db
def test_every_model_of_ours_is_in_admin():
    missing = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model.__name__.startswith("Historical")
        and model.__name__ not in NEVER_IN_ADMIN
        and model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.django_db
def test_admin_pages_render(admin_client, demo_data):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        changelist = admin_client.get(reverse("admin:%s_%s_changelist" % info), {"q": "Quảng"})
        assert changelist.status_code == 200, info
        if model_admin.has_add_permission(changelist.wsgi_request):
            assert admin_client.get(reverse("admin:%s_%s_add" % info)).status_code == 200, info
        obj = model._default_manager.first()
        if obj is not None:
            change = admin_client.get(reverse("admin:%s_%s_change" % info, args=[obj.pk]))
            assert change.status_code == 200, info


@pytest.mark.django_db
def test_demo_data_is_idempotent(demo_data):
    counts = {m: m._default_manager.count() for m in apps.get_models()
              if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")}
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    again = {m: m._default_manager.count() for m in counts}
    assert again == counts


def test_secret_key_fallbacks_are_read_from_the_environment(monkeypatch):
    """A rotated key stays usable for ballots sealed under it (issue #10)."""
    import importlib

    import config.settings as project_settings

    monkeypatch.setenv("SECRET_KEY", "new-key-" + "x" * 50)
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", "$old-key-one,old-key-two")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.SECRET_KEY_FALLBACKS == ["$old-key-one", "old-key-two"]
    finally:
        monkeypatch.delenv("SECRET_KEY_FALLBACKS")
        importlib.reload(project_settings)
