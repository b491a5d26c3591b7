"""The secret ballot. A ballot's choices are stored only sealed (ciphertext that nothing in the
database opens) and destroyed at closing, and no page, export or admin view shows how a given
unit voted: it is proven by voting twice with the units'
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

from commendations import sealing
from commendations.models import (
    Ballot,
    SealedBallot,
    SessionSeal,
    SessionStatus,
    TallyResult,
    VotingSession,
)
from tests.commendations.factories import cast, close, sealed_ballots, vote_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_sealed_ballot_holds_nothing_but_ciphertext():
    fields = {f.name: f for f in SealedBallot._meta.get_fields()}
    assert set(fields) == {"id", "session", "blob"}
    assert isinstance(fields["id"], models.UUIDField) and fields["id"].default is uuid.uuid4
    assert fields["session"].related_model is VotingSession
    assert {f.name for f in SessionSeal._meta.get_fields()} == {"session", "salt"}
    for model in (SealedBallot, SessionSeal):
        assert model._meta.ordering == []
        assert not hasattr(model, "history")
        assert not any(isinstance(f, (models.DateField, models.DateTimeField, models.TimeField))
                       for f in model._meta.get_fields())
        assert model not in admin.site._registry
    our_models = [m for m in apps.get_models() if m._meta.app_label in (
        "cluster", "campaigns", "pledges", "commendations", "reports")]
    assert not {"HistoricalSealedBallot", "HistoricalSessionSeal", "BallotChoice"} & {
        m.__name__ for m in our_models}
    pointing = [f"{m.__name__}.{f.name}" for m in apps.get_models()
                for f in m._meta.get_fields(include_hidden=True)
                if f.concrete and f.is_relation and f.related_model in (SealedBallot, SessionSeal)]
    assert pointing == []
    assert {f.name for f in Ballot._meta.concrete_fields} == {
        "id", "session", "unit", "kind", "cast_at", "cast_by", "note", "is_illustrative"}
    assert not hasattr(Ballot, "history")


def test_blobs_are_of_one_length_and_open_only_with_the_seal_and_the_secret_key(settings):
    """Reproduces issue #10: choices were stored in clear (one row per nomination). Now a
    ballot is one blob of a fixed length, whatever it says, that opens only with the session's
    seal and SECRET_KEY together, and only in its own session."""
    setup = vote_setup(units=3, nominate=[("cstd", i % 3, {"person_name": f"Người {i}"})
                                          for i in range(5)], open_with_present=3)
    cast(setup, 0, True)
    cast(setup, 1, False, kind="ban_giay")
    cast(setup, 2, [True, False, True, False, True], kind="van_ban")
    blobs = [bytes(b) for b in SealedBallot.objects.filter(session=setup.session)
             .values_list("blob", flat=True)]
    assert len(blobs) == 3 and len({len(b) for b in blobs}) == 1
    assert len(set(blobs)) == 3  # random nonces: equal ballots do not give equal blobs
    for blob in blobs:
        assert b'"c"' not in blob and b"true" not in blob
        assert not any(str(n.pk).encode() + b'":' in blob for n in setup.nominations)
    assert sorted(map(sorted, (b.values() for b in sealed_ballots(setup.session)))) == sorted(
        map(sorted, ([True] * 5, [False] * 5, [True, False, True, False, True])))
    salt = bytes(SessionSeal.objects.get(session=setup.session).salt)
    with pytest.raises(sealing.SealError):
        sealing.unseal(blobs[0], salt=salt, session_id=setup.session.pk + 1)
    with pytest.raises(sealing.SealError):
        sealing.unseal(blobs[0], salt=sealing.new_salt(), session_id=setup.session.pk)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-different-deployment-" + "x" * 40
    with pytest.raises(sealing.SealError):
        sealing.unseal(blobs[0], salt=salt, session_id=setup.session.pk)
    settings.SECRET_KEY_FALLBACKS = [old_key]  # a rotated key still opens the vote
    assert len(sealing.unseal(blobs[0], salt=salt, session_id=setup.session.pk)) == 5


def test_closing_destroys_the_blobs_and_the_seal_and_keeps_only_totals():
    setup = vote_setup(units=5, nominate=[("cstd", i % 5, {"person_name": f"Người {i}"})
                                          for i in range(4)], open_with_present=5)
    for index in range(5):
        cast(setup, index, index % 2 == 0)
    assert SealedBallot.objects.filter(session=setup.session).count() == 5
    close(setup)
    assert not SealedBallot.objects.filter(session=setup.session).exists()
    assert not SessionSeal.objects.filter(session=setup.session).exists()
    assert sorted(TallyResult.objects.filter(award_tally__session=setup.session)
                  .values_list("agree", "disagree")) == [(3, 2)] * 4


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
    of every object with one."""
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label != "commendations":
            continue
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:%s_%s_changelist" % info))
        for obj in model._default_manager.order_by("pk"):
            urls.append(reverse("admin:%s_%s_change" % info, args=[obj.pk]))
            if hasattr(model, "history"):
                urls.append(reverse("admin:%s_%s_history" % info, args=[obj.pk]))
    return [url if isinstance(url, tuple) else (url, url) for url in urls]


def _pages(client, setup, viewers) -> dict[str, str]:
    base = f"/cum/{setup.cluster.slug}/2022/khen-thuong/"
    session = f"{base}phien/{setup.session.pk}/"
    urls = [base, base + "quy-tac/", session, session + "bo-phieu/", session + "ghi-nhan-phieu/",
            session + "ket-qua.csv", session + "trang-thai/ket-thuc/",
            f"/cum/{setup.cluster.slug}/2022/",
            *(f"/don-vi/{u.pk}/khen-thuong/" for u in setup.members)]
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
    assert f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/" in changed


def test_totals_are_shown_only_after_closing(client):
    setup = vote_setup(units=3, open_with_present=3)
    for index in range(3):
        cast(setup, index, [True, False, True])
    client.force_login(setup.secretary)
    url = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"
    html = client.get(url).content.decode()
    assert "Kết quả bình xét" not in html and "Đã bỏ phiếu 3/3 đơn vị" in html
    close(setup)
    html = client.get(url).content.decode()
    assert "Kết quả bình xét" in html
    assert html.count('aria-label="3/3 phiếu đồng ý, ngưỡng 80%"') == 2  # the vote bars
    assert html.count('aria-label="0/3 phiếu đồng ý, ngưỡng 80%"') == 1
