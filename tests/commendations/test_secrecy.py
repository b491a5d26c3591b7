"""The secret ballot. Nothing stored links a choice to a ballot, a unit or a person, and no page,
export or admin view shows how a given unit voted: it is proven by voting twice with the units'
ballots swapped and checking that every page, for every role, is byte for byte the same."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from commendations.models import Ballot, BallotChoice, Nomination, SessionStatus, VotingSession
from tests.commendations.factories import cast, close, vote_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_choice_row_holds_nothing_that_links_it_to_a_ballot_or_a_unit():
    fields = {f.name: f for f in BallotChoice._meta.get_fields()}
    assert set(fields) == {"id", "session", "nomination", "agree"}
    assert isinstance(fields["id"], models.UUIDField) and fields["id"].default is uuid.uuid4
    assert fields["session"].related_model is VotingSession
    assert fields["nomination"].related_model is Nomination
    assert not any(isinstance(f, (models.DateField, models.DateTimeField, models.TimeField))
                   for f in fields.values())
    assert BallotChoice._meta.ordering == []
    assert not hasattr(BallotChoice, "history")
    our_models = [m for m in apps.get_models() if m._meta.app_label in (
        "cluster", "campaigns", "pledges", "commendations", "reports")]
    assert "HistoricalBallotChoice" not in {m.__name__ for m in our_models}
    pointing = [f"{m.__name__}.{f.name}" for m in apps.get_models()
                for f in m._meta.get_fields(include_hidden=True)
                if f.concrete and f.is_relation and f.related_model is BallotChoice]
    assert pointing == []
    assert {f.name for f in Ballot._meta.concrete_fields} == {
        "id", "session", "unit", "kind", "cast_at", "cast_by", "note", "is_illustrative"}
    assert not hasattr(Ballot, "history")


def _insertion_order(session) -> list[int]:
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nomination_id FROM {BallotChoice._meta.db_table} "
                       f"WHERE session_id = %s ORDER BY {order}", [session.pk])
        return [row[0] for row in cursor.fetchall()]


def test_choices_are_stored_in_random_order():
    setup = vote_setup(units=3, nominate=[("co_bo", i % 3, {"person_name": ""}) for i in [0]]
                       + [("cstd", i % 3, {"person_name": f"Người {i}"}) for i in range(20)],
                       open_with_present=3)
    for index in range(3):
        cast(setup, index)
    stored = _insertion_order(setup.session)
    nominal = [n.pk for n in setup.nominations]
    ballots = [stored[i * 21:(i + 1) * 21] for i in range(3)]
    assert all(sorted(b) == sorted(nominal) for b in ballots)
    assert sum(b == nominal for b in ballots) == 0  # 1/21! each to be in order by chance


def _runs(values: list) -> int:
    return 1 + sum(a != b for a, b in zip(values, values[1:]))


def test_closing_rewrites_the_choices_so_their_order_no_longer_groups_them_by_ballot():
    setup = vote_setup(units=5, nominate=[("cstd", i % 5, {"person_name": f"Người {i}"})
                                          for i in range(20)], open_with_present=5)
    for index in range(5):
        cast(setup, index, index % 2 == 0)  # all "agree", then all "disagree", ...
    keys_before = set(BallotChoice.objects.values_list("pk", flat=True))

    def stored_agree():
        order = "ctid" if connection.vendor == "postgresql" else "rowid"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT agree FROM {BallotChoice._meta.db_table} "
                           f"WHERE session_id = %s ORDER BY {order}", [setup.session.pk])
            return [bool(row[0]) for row in cursor.fetchall()]

    assert _runs(stored_agree()) == 5  # while voting: each ballot's rows side by side
    close(setup)
    after = stored_agree()
    assert sorted(after) == sorted([True] * 60 + [False] * 40)
    assert _runs(after) > 15  # about 49 expected; 5 or fewer would betray the ballots
    assert keys_before.isdisjoint(BallotChoice.objects.values_list("pk", flat=True))


# --- every page, twice, with the units' ballots swapped ------------------------------------------

FIXED_NOW = timezone.make_aware(datetime.datetime(2022, 12, 20, 9, 30))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
PATTERNS = [[True, True, True], [False, False, False], [True, False, True], [False, True, True]]
KINDS = ["online", "online", "ban_giay", "van_ban"]


class _Rollback(Exception):
    pass


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _admin_urls() -> list[tuple[str, str]]:
    """(key, url) of every changelist and change page of commendations, and of the history
    of every object with one. A choice's page is keyed by position, its id being random."""
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label != "commendations":
            continue
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:%s_%s_changelist" % info))
        for position, obj in enumerate(model._default_manager.order_by("pk")):
            urls.append(reverse("admin:%s_%s_change" % info, args=[obj.pk]))
            if hasattr(model, "history"):
                urls.append(reverse("admin:%s_%s_history" % info, args=[obj.pk]))
            if model is BallotChoice:
                urls[-1] = (f"choice {position}", urls[-1])
    return [url if isinstance(url, tuple) else (url, url) for url in urls]


def _pages(client, setup, viewers) -> dict[str, str]:
    base = f"/khen-thuong/cum/{setup.cluster.slug}/2022/"
    session = f"{base}phien/{setup.session.pk}/"
    urls = [base, base + "quy-tac/", session, session + "bo-phieu/", session + "ghi-nhan-phieu/",
            session + "ket-qua.csv", session + "trang-thai/ket-thuc/",
            f"/?cum={setup.cluster.slug}&nam=2022",
            *(f"/khen-thuong/don-vi/{u.pk}/" for u in setup.members)]
    pages = {}
    for name, user in viewers.items():
        client.force_login(user)
        todo = [(url, url) for url in urls] + (_admin_urls() if user.is_superuser else [])
        for key, url in todo:
            response = client.get(url, follow=True)
            body = (b"".join(response.streaming_content) if response.streaming else
                    response.content).decode()
            pages[f"{name} {key}"] = f"{response.status_code} {CSRF.sub('csrf', body)}"
    return pages


def _world(client, setup, viewers, patterns, monkeypatch) -> dict[str, str]:
    """Cast the ballots (unit i votes ``patterns[i]``), read every page, close, read them again;
    then undo everything so the next world starts from the same rows and ids."""
    _reset_sequences()
    monkeypatch.setattr(timezone, "now", lambda: FIXED_NOW)
    try:
        with transaction.atomic():
            for index, (pattern, kind) in enumerate(zip(patterns, KINDS, strict=True)):
                cast(setup, index, pattern, kind=kind)
            before = _pages(client, setup, viewers)
            close(setup, present=3)
            after = _pages(client, setup, viewers)
            raise _Rollback({**{f"open {k}": v for k, v in before.items()},
                             **{f"closed {k}": v for k, v in after.items()}})
    except _Rollback as done:
        pages = done.args[0]
    monkeypatch.undo()
    setup.reload()
    assert setup.session.status == SessionStatus.OPEN and not Ballot.objects.exists()
    return pages


def test_no_page_export_or_admin_view_tells_how_a_unit_voted(client, monkeypatch):
    setup = vote_setup(units=4, nominate=[("co_bo", 0, {}), ("co_bo", 1, {}), ("co_bo", 2, {})],
                       open_with_present=3)
    viewers = {f"leader{i}": setup.leader_of(i) for i in range(4)}
    viewers.update(secretary=setup.secretary, officer=setup.officers[setup.members[0].pk],
                   observer=UserFactory(unit=None, role="observer"),
                   admin=UserFactory(unit=None, role="", is_staff=True, is_superuser=True))
    swapped = [PATTERNS[1], PATTERNS[0], PATTERNS[3], PATTERNS[2]]
    world_a = _world(client, setup, viewers, PATTERNS, monkeypatch)
    world_b = _world(client, setup, viewers, swapped, monkeypatch)
    assert len(world_a) > 150
    assert any("2/4" in page and "Quy tắc đã áp dụng" in page for page in world_a.values())
    differing = [key for key in world_a if world_a[key] != world_b[key]]
    assert differing == []
    # The comparison does see the pages: other totals give other pages once closed.
    other = [PATTERNS[0], PATTERNS[0], PATTERNS[3], PATTERNS[2]]
    world_c = _world(client, setup, viewers, other, monkeypatch)
    changed = {key.split(" ", 2)[2] for key in world_a if world_a[key] != world_c[key]}
    assert not any(key.startswith("open ") for key in world_a if world_a[key] != world_c[key])
    assert f"/khen-thuong/cum/{setup.cluster.slug}/2022/phien/{setup.session.pk}/" in changed


def test_totals_are_shown_only_after_closing(client):
    setup = vote_setup(units=3, open_with_present=3)
    for index in range(3):
        cast(setup, index, [True, False, True])
    admin_user = UserFactory(unit=None, role="", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    html = client.get("/quan-tri/commendations/ballotchoice/").content.decode()
    assert "Chưa có phiên bình xét nào kết thúc." in html
    client.force_login(setup.secretary)
    html = client.get(f"/khen-thuong/cum/{setup.cluster.slug}/2022/phien/"
                      f"{setup.session.pk}/").content.decode()
    assert "Kết quả bình xét" not in html and "Đã bỏ phiếu 3/3 đơn vị" in html
    close(setup)
    client.force_login(admin_user)
    html = client.get("/quan-tri/commendations/ballotchoice/").content.decode()
    table = html.split('id="result_list"')[1].split("</table>")[0]
    assert table.count("<tr>") == 4  # the header, then one line of totals per nomination
    assert "<td>3</td><td>0</td>" in table and "<td>0</td><td>3</td>" in table
