"""Secretaries issuing numbers of the cluster's series at the same moment get consecutive
numbers: no duplicates, no gaps."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import LegalDocument, SeriesCounter
from cluster.models import Cluster, SecretariatGrant, User
from tests.concurrency import post_in_parallel, session_for, skip_unless_postgres

PATH = "/cum/snv-bac-trung-bo/{year}/so-van-ban/cap-so/"


@pytest.mark.concurrency
@pytest.mark.parametrize("year, first", [(2022, 613), (2023, 1)])
def test_parallel_issues_get_consecutive_numbers(live_server, transactional_db, year, first):
    """2022 continues after the registered 612/KH-CTĐ; 2023 starts a new counter row, which
    the parallel requests must also create exactly once."""
    skip_unless_postgres()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    cluster = Cluster.objects.get(slug="snv-bac-trung-bo")
    secretaries = [User.objects.get(username=n) for n in ("canbo.quangtri", "lanhdao.quangtri")]
    for user in secretaries:
        SecretariatGrant.objects.create(user=user, cluster=cluster, year=2023)
    sessions = [session_for(user) for user in secretaries]
    kinds = ["ke_hoach", "bao_cao", "bien_ban", "to_trinh"]
    requests = [
        (sessions[i % 2], PATH.format(year=year),
         {"kind": kinds[i % 4], "issued_on": f"{year}-07-01", "subject": f"văn bản {i}"})
        for i in range(8)
    ]
    responses = post_in_parallel(live_server.url, requests)
    assert [r.status for r in responses] == [302] * 8, [r.body[:300] for r in responses]
    issued = LegalDocument.objects.filter(cluster=cluster, series_year=year)
    if year == 2022:
        issued = issued.exclude(number_symbol="612/KH-CTĐ")
    numbers = sorted(issued.values_list("series_number", flat=True))
    assert numbers == list(range(first, first + 8))
    assert SeriesCounter.objects.get(cluster=cluster, year=year).last_number == first + 7
    assert len(set(issued.values_list("number_symbol", flat=True))) == 8
