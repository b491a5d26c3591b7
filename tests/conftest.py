"""Fixtures of the whole suite.

The demo data (``demo_data`` and the fixtures built on it) is loaded once per test process,
not once per test: inside an outer transaction that every demo test's own transaction (the
``db`` fixture) nests in as a savepoint, the trick of Django's ``TestCase.setUpTestData``.
Each test still rolls back what it did; the outer transaction is rolled back when the process
moves on to a test that wants an empty database, so the tests are ordered (see
``pytest_collection_modifyitems``) to do that rarely. Tests on a live server or in their own
transactions (``transactional_db``) commit and flush, so they load the demo themselves."""

import io

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from cluster import demo
from cluster.models import Cluster, Unit, User

# The properties are about results, not speed: on a shared machine running the suite in two
# processes, one slow example must not fail a run (Hypothesis's deadline and "too slow" check).
hypothesis_settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("suite")


def _media_dir(tmp_path_factory):
    return tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploads, the demo's evidence files among them, go to a temporary directory, never to
    the project's media/."""
    settings.MEDIA_ROOT = _media_dir(tmp_path_factory)


def _load_demo():
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())


def _is_transactional(item) -> bool:
    names = item.fixturenames
    marker = item.get_closest_marker("django_db")
    return ("transactional_db" in names or "live_server" in names
            or "django_db_reset_sequences" in names
            or bool(marker and (marker.kwargs.get("transaction")
                                or marker.kwargs.get("reset_sequences")
                                or (marker.args and marker.args[0]))))


def _wants_demo(item) -> bool:
    return "demo_data" in item.fixturenames and not _is_transactional(item)


class _DemoLayer:
    """The demo data in an open transaction on the default database, under the tests'.

    It remembers its connection: once Playwright's event loop runs in the main thread (the
    browser tests), Django hands that thread another connection object, and the layer's
    transaction must be rolled back on the one it was opened on (on SQLite, it would lock the
    tables for the new one)."""

    def __init__(self):
        self.atomic = None
        self.connection = None
        self.serving = False  # whether the current test's demo data comes from the layer

    def prepare(self, *, wants: bool, media_root) -> None:
        """Before a test's own transaction: open the layer if the test wants the demo, roll
        it back if it wants an empty database. An atomic block someone else opened over
        or before the layer (a module fixture's) is left alone."""
        current = connections["default"]
        if self.atomic is not None and (
                self.connection is not current
                or self.atomic not in current.atomic_blocks
                or current.needs_rollback or current.closed_in_transaction):
            self.close()  # another connection now, or a test broke the transaction under it
        blocks = current.atomic_blocks
        if self.atomic is not None and blocks[-1] is not self.atomic:
            self.serving = wants
            return
        if wants and self.atomic is None and not blocks:
            self._open(current, media_root)
        elif not wants and self.atomic is not None:
            self.close()
        self.serving = wants and self.atomic is not None

    def _open(self, connection, media_root) -> None:
        atomic = transaction.atomic(using="default")
        atomic._from_testcase = True  # as Django's class-level atomics: durable blocks nest
        atomic.__enter__()
        self.atomic, self.connection = atomic, connection
        try:
            with override_settings(MEDIA_ROOT=media_root):
                _load_demo()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        atomic, connection = self.atomic, self.connection
        self.atomic, self.connection, self.serving = None, None, False
        if atomic is None or atomic not in connection.atomic_blocks:
            return
        current = connections["default"]
        connections["default"] = connection
        try:
            transaction.set_rollback(True, using="default")
            atomic.__exit__(None, None, None)
        finally:
            connections["default"] = current
        if connection is not current:
            connection.close()  # no longer anyone's: it would keep the test database open


_LAYER = _DemoLayer()


def pytest_collection_modifyitems(items):
    """Group the tests so each process opens and rolls back the demo layer rarely: modules
    without the demo first, then those with it, then those that commit (as Django orders
    TransactionTestCase last); inside a module, the same order. A module stays in one piece,
    for its module-scoped fixtures and for ``--dist loadscope``."""

    def kind(item) -> int:
        return 2 if _is_transactional(item) else 1 if _wants_demo(item) else 0

    modules: dict = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    ordered = sorted(modules.values(), key=lambda group: max(kind(item) for item in group))
    items[:] = [item for group in ordered for item in sorted(group, key=kind)]


@pytest.fixture(scope="session")
def _demo_layer_session(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _LAYER.close()


@pytest.fixture
def _demo_layer(request, _demo_layer_session, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        _LAYER.prepare(wants=_wants_demo(request.node), media_root=_media_dir(tmp_path_factory))


@pytest.fixture
def _django_db_helper(_demo_layer, _django_db_helper):
    """pytest-django's set-up of a test's database (behind ``db``, ``transactional_db`` and
    the ``django_db`` mark), with the demo layer put in place first."""
    yield


@pytest.fixture
def shipped_data(db):
    """The registry and the national award catalogue, as `migrate` loads them: a test that
    commits (a live server, ``transaction=True``) ends with a flush of every table, which takes
    them away for the tests after it in the same process."""
    from cluster.models import Province
    from commendations.models import AwardForm
    from commendations.national_catalogue import catalogue_load

    if not Province.objects.exists():
        call_command("load_registry", stdout=io.StringIO())
    if not AwardForm.objects.exists():
        catalogue_load()


@pytest.fixture
def demo_data(db):
    """The demo data of every app, as `make run` loads it."""
    if not _LAYER.serving:
        _load_demo()
    return demo


@pytest.fixture
def north_central(demo_data) -> Cluster:
    return Cluster.objects.get(slug=demo.NORTH_CENTRAL_SLUG)


@pytest.fixture
def highlands(demo_data) -> Cluster:
    return Cluster.objects.get(slug=demo.HIGHLANDS_SLUG)


@pytest.fixture
def units(demo_data) -> dict[str, Unit]:
    """Demo units by key: thanhhoa, nghean, hatinh, quangbinh, quangtri, hue, huecity, gialai."""
    by_name = {u.name: u for u in Unit.objects.all()}
    keys = {
        "thanhhoa": "Sở Nội vụ tỉnh Thanh Hóa",
        "nghean": "Sở Nội vụ tỉnh Nghệ An",
        "hatinh": "Sở Nội vụ tỉnh Hà Tĩnh",
        "quangbinh": "Sở Nội vụ tỉnh Quảng Bình",
        "quangtri": "Sở Nội vụ tỉnh Quảng Trị",
        "hue": "Sở Nội vụ tỉnh Thừa Thiên Huế",
        "huecity": "Sở Nội vụ thành phố Huế",
        "gialai": "Sở Nội vụ tỉnh Gia Lai",
    }
    return {key: by_name[name] for key, name in keys.items()}


@pytest.fixture
def users(demo_data) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}
