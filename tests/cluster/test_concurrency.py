"""Two secretaries confirming the same year at the same moment leave exactly one result."""

import pytest

from cluster.models import ClusterYear
from tests.concurrency import post_in_parallel, session_for, skip_unless_postgres


@pytest.mark.concurrency
def test_parallel_role_confirmations_leave_one_consistent_row(live_server, transactional_db):
    skip_unless_postgres()
    import io

    from django.core.management import call_command

    from cluster.models import Cluster, Unit, User

    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    secretaries = [User.objects.get(username=n) for n in ("canbo.quangtri", "lanhdao.quangtri")]
    nghean = Unit.objects.get(short_name="Nghệ An")
    hatinh = Unit.objects.get(short_name="Hà Tĩnh")
    thanhhoa = Unit.objects.get(short_name="Thanh Hóa")
    path = f"/cum/{cluster.slug}/2023/cum-truong/"
    responses = post_in_parallel(
        live_server.url,
        [
            (session_for(secretaries[0]), path, {"chair": nghean.pk, "vice_chair": hatinh.pk}),
            (session_for(secretaries[1]), path, {"chair": nghean.pk, "vice_chair": thanhhoa.pk}),
        ]
        * 3,
    )
    assert all(r.status in (200, 302) for r in responses), [r.status for r in responses]
    assert any(r.status == 302 for r in responses)
    rows = ClusterYear.objects.filter(cluster=cluster, year=2023)
    assert rows.count() == 1
    row = rows.get()
    assert row.chair == nghean and row.vice_chair in (hatinh, thanhhoa)
    # Every accepted change is in the history; the last one is what the row holds.
    assert row.history.count() == sum(r.status == 302 for r in responses)
    assert row.history.latest().vice_chair_id == row.vice_chair_id
