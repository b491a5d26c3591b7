import io

import pytest
from django.core.management import call_command

from cluster import demo
from cluster.models import Cluster, Unit, User


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploads, the demo's evidence files among them, go to a temporary directory, never to
    the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def demo_data(db):
    """The demo data of every app, as `make run` loads it."""
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
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
