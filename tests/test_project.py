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
OUR_APPS = ["cluster", "notifications", "campaigns", "results", "pledges", "commendations",
            "signatures", "reports"]
# What each app may import (docs/architecture.md): the apps before it in OUR_APPS.
ALLOWED_IMPORTS = {
    "cluster": set(),
    "notifications": {"cluster"},
    "campaigns": {"cluster", "notifications"},
    "results": {"cluster", "notifications", "campaigns"},
    "pledges": {"cluster", "notifications", "campaigns", "results"},
    "commendations": {"cluster", "notifications", "campaigns", "results", "pledges"},
    "signatures": {"cluster"},
    "reports": {"cluster", "notifications", "campaigns", "results", "pledges", "commendations",
                "signatures"},
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


# Layers inside an app (docs/architecture.md, "Layers"): a module of a layer never imports
# the layers named here, of its own app or another. Views, urls, mixins, template tags and
# dashboard panels are the edge; admin, demo and apps.py stand outside the layers.
EDGE = {"views", "urls", "mixins", "templatetags", "dashboard"}
FORBIDDEN_LAYERS = {
    "models": {"selectors", "rules", "services", "forms", "views"},
    "selectors": {"rules", "services", "forms", "views"},
    "rules": {"services", "forms", "views"},  # predicates may read selectors
    "services": {"forms", "views"},
    "forms": {"views"},  # forms may read selectors and services' limits
    "views": set(),
}


def _layer(parts: list[str]) -> str | None:
    if len(parts) < 2:
        return None
    name = parts[1]
    if name in EDGE or name.startswith("views_"):
        return "views"
    return name if name in FORBIDDEN_LAYERS else None


def _imported_modules(path: Path, module: list[str], apps: list[str]) -> list[list[str]]:
    """Every module of ``apps`` that ``path`` imports, as dotted parts, the names imported
    from a bare app (``from results import services``) counted as modules; relative imports
    resolved; imports inside functions included."""
    package = module if path.name == "__init__.py" else module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            base = base + (node.module.split(".") if node.module else [])
            if not base or base[0] not in apps:
                continue
            found += [base] if len(base) > 1 else [base + [a.name] for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name.split(".") for a in node.names if a.name.split(".")[0] in apps]
    return found


def layer_violations(root: Path, apps: list[str]) -> dict[str, list[str]]:
    """``{"app/file.py": ["services imports views (app.views)", ...]}`` for ``apps`` under
    ``root``."""
    offending: dict[str, list[str]] = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = list(path.relative_to(root).with_suffix("").parts)
            if module[-1] == "__init__":
                module = module[:-1]
            mine = _layer(module)
            if mine is None:
                continue
            for target in _imported_modules(path, module, apps):
                theirs = _layer(target)
                if theirs in FORBIDDEN_LAYERS[mine]:
                    offending.setdefault(str(path.relative_to(root)), []).append(
                        f"{mine} imports {theirs} ({'.'.join(target)})")
    return offending


def test_layers_inside_apps_import_only_downwards():
    assert layer_violations(ROOT, OUR_APPS) == {}


BAD_SHOP = {  # each file breaks the layering once, in another way of writing an import
    "models.py": "def total():\n    from shop.selectors import orders\n    return orders()\n",
    "selectors/__init__.py": "from shop import services\n",
    "services.py": "from .views import OrderView\n",
    "rules.py": "import shop.forms\n",
    "forms.py": "from shop.views.orders import OrderView\n",
    "views/orders.py": "from shop import forms, models, selectors, services\n",
}


def test_the_layer_check_finds_every_kind_of_upward_import(tmp_path):
    for name, text in BAD_SHOP.items():
        (tmp_path / "shop" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "shop" / name).write_text(text, encoding="utf-8")
    assert layer_violations(tmp_path, ["shop"]) == {
        "shop/models.py": ["models imports selectors (shop.selectors)"],
        "shop/selectors/__init__.py": ["selectors imports services (shop.services)"],
        "shop/services.py": ["services imports views (shop.views)"],
        "shop/rules.py": ["rules imports forms (shop.forms)"],
        "shop/forms.py": ["forms imports views (shop.views.orders)"],
    }


# Facades: every app's services and selectors are one module or package that declares its
# public names, and other apps import those, never the modules inside.
FACADES = [f"{app}.{layer}" for app in OUR_APPS for layer in ("services", "selectors")]


@pytest.mark.parametrize("facade", FACADES)
def test_services_and_selectors_declare_what_they_export(facade):
    import importlib

    module = importlib.import_module(facade)
    assert module.__all__, facade
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


def test_other_apps_import_services_and_selectors_through_the_facade():
    offending = {}
    for app in OUR_APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = list(path.relative_to(ROOT).with_suffix("").parts)
            deep = [".".join(t) for t in _imported_modules(path, module, OUR_APPS)
                    if t[0] != app and len(t) > 2 and t[1] in ("services", "selectors")]
            if deep:
                offending[str(path.relative_to(ROOT))] = deep
    assert offending == {}


def test_every_dashboard_panel_is_written_in_its_apps_dashboard_module():
    from cluster.dashboard import _panels

    assert sorted(f"{panel.__module__}.{panel.__name__}" for _order, panel in _panels) == [
        "campaigns.dashboard.campaigns_panel", "commendations.dashboard.commendations_panel",
        "pledges.dashboard.pledge_panel", "results.dashboard.practices_panel",
        "results.dashboard.results_panel",
    ]


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


def test_the_forms_script_is_loaded_by_every_page_before_its_forms_can_be_pressed():
    """``data-confirm`` and ``data-busy`` do nothing without cluster/forms.js. The base
    template loads it in the head, not deferred: a deferred script runs after the page is
    parsed, and a form pressed before that (a slow network, a quick hand) would be sent without
    asking. No page loads it a second time, and every page with such a form extends the base."""
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    head = base[:base.index("</head>")]
    assert "<script src=\"{% static 'cluster/forms.js' %}\"></script>" in head
    again, standalone = [], []
    for path in ROOT.glob("*/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        if "forms.js" in text:
            again.append(str(path.relative_to(ROOT)))
        if ("data-confirm" in text or "data-busy" in text) and "{% extends" not in text \
                and not path.name.startswith("_"):
            standalone.append(str(path.relative_to(ROOT)))
    assert (again, standalone) == ([], [])


def test_no_template_comment_spans_lines():
    """``{# … #}`` is a one-line comment in Django: spread over lines, it is printed on the
    page as text. Longer notes go in ``{% comment %}``."""
    broken = []
    for path in [*ROOT.glob("*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opened = line.rfind("{#")
            if opened != -1 and "#}" not in line[opened:]:
                broken.append(f"{path.relative_to(ROOT)}:{number}")
    assert broken == []
