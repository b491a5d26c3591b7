"""Migrations 0003-0004: a database already holding the same data numbered twice (619 and 620
for one snapshot, issue #10) can take the one-number-per-data constraint; the later number
stays in the register, marked as a copy of the first."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import ClusterFactory

BEFORE = [("reports", "0002_award_documents")]
AFTER = [("reports", "0004_one_number_per_data")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_numbers_given_twice_to_one_data_are_marked_as_copies():
    cluster = ClusterFactory()
    try:
        old = migrate(BEFORE).get_model("reports", "IssuedDocument")

        def issued(number, data_hash, code):
            return old.objects.create(
                cluster_id=cluster.pk, year=2026, kind="bien_ban", object_ref="conference:5",
                title="Biên bản", data_hash=data_hash, snapshot={}, verification_code=code,
                number=number, number_symbol=f"{number}/BB-CTĐ", issued_on=timezone.localdate(),
                issued_at=timezone.now())

        first, second = issued(619, "a" * 64, "AAAAAAAAAA"), issued(620, "a" * 64, "BBBBBBBBBB")
        other = issued(621, "b" * 64, "CCCCCCCCCC")
        new = migrate(AFTER).get_model("reports", "IssuedDocument")
        marks = dict(new.objects.values_list("number", "duplicate_of_id"))
        assert marks == {619: None, 620: first.pk, 621: None}
        assert {second.pk, other.pk} <= set(new.objects.values_list("pk", flat=True))
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
