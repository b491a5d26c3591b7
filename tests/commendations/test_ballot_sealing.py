"""Issue #10, §1 "Ballot secrecy": what a database reader, a database superuser and a backup can
learn of a ballot, and what the secretariat can learn before closing.

The PostgreSQL tests commit for real (``transaction=True``): transaction ids (``xmin``) and
dead row versions only mean something across real transactions, and ``VACUUM`` cannot run in
one. They are skipped on SQLite; the others run on both."""

from __future__ import annotations

import io
import os
import subprocess
from decimal import Decimal

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import connection, transaction

from commendations import sealing, services
from commendations.models import (
    AwardRule,
    AwardTally,
    Ballot,
    Dossier,
    SealedBallot,
    SessionSeal,
    SessionStatus,
    TallyResult,
)
from tests.commendations.factories import cast, close, sealed_ballots, vote_setup

S = SessionStatus


def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("xmin, pg_read_all_data and pageinspect are PostgreSQL's")


def _our_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                       "ORDER BY tablename")
        return [row[0] for row in cursor.fetchall()]


def _mixed_setup():
    """Four members, five nominations, ballots of every kind (online, paper, written)."""
    setup = vote_setup(units=4, nominate=[("co_bo", i % 4, {}) for i in range(4)]
                       + [("cstd", 0, {"person_name": "Nguyễn Thị Hoa", "person_gender": "nu"})],
                       open_with_present=3)
    cast(setup, 0, [True, False, True, False, True])
    cast(setup, 1, [False, False, True, True, False], kind="ban_giay")
    cast(setup, 2, [True, True, True, False, False], kind="van_ban")
    cast(setup, 3, [False, True, False, True, True])
    return setup


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_user_cannot_link_a_unit_to_its_choices_while_voting():
    """Reproduces issue #10: as ``pg_read_all_data``, joining every table's rows on a ballot's
    ``xmin`` gave that unit's choices (``BallotChoice`` rows written with it). Now the only
    rows written with a ballot are the ballot itself and one blob, and nothing the reader can
    see (the blob, the seal) opens it without the deployment's SECRET_KEY."""
    _postgres_only()
    setup = _mixed_setup()
    role = f"thidua_reader_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role}")
        cursor.execute(f"GRANT pg_read_all_data TO {role}")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == role
            cursor.execute("SELECT xmin::text, unit_id FROM commendations_ballot "
                           "WHERE session_id = %s", [setup.session.pk])
            ballots = cursor.fetchall()
            assert len(ballots) == 4
            seen: dict[str, list] = {}
            dump = []
            for table in _our_tables():
                cursor.execute(f'SELECT xmin::text, row_to_json(t)::text FROM "{table}" t')
                for xmin, row in cursor.fetchall():
                    seen.setdefault(xmin, []).append((table, row))
                    dump.append(row)
            cursor.execute("SELECT salt FROM commendations_sessionseal WHERE session_id = %s",
                           [setup.session.pk])
            salt = bytes(cursor.fetchone()[0])
            cursor.execute("SELECT blob FROM commendations_sealedballot WHERE session_id = %s",
                           [setup.session.pk])
            blobs = [bytes(row[0]) for row in cursor.fetchall()]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP ROLE {role}")
    assert "commendations_ballotchoice" not in _our_tables()
    for xmin, _unit in ballots:
        tables = sorted(table for table, _row in seen[xmin])
        assert tables == ["commendations_ballot", "commendations_sealedballot"], tables
    assert len(blobs) == 4 and len({len(b) for b in blobs}) == 1
    text = "\n".join(dump)
    assert '"agree"' not in text and '\\"c\\":{' not in text and '"c":{' not in text
    for blob in blobs:  # what the reader holds opens with no key it can have
        for guess in ("", "django-insecure", salt.hex()):
            key = sealing._key(guess, salt, setup.session.pk)
            with pytest.raises(InvalidTag):
                AESGCM(key).decrypt(blob[1:13], blob[13:], sealing._info(setup.session.pk))
    # ... while the application, which has SECRET_KEY, still counts them at closing
    assert len(sealed_ballots(setup.session)) == 4


@pytest.mark.django_db(transaction=True)
def test_a_dump_taken_while_voting_shows_who_voted_and_opaque_blobs_only():
    """Reproduces issue #10: a pg_dump during voting leaked every ballot (same xmin, same
    ctid neighbourhood, choices in clear). Now the dump holds no choice in clear."""
    _postgres_only()
    setup = _mixed_setup()
    settings_dict = connection.settings_dict
    dump = subprocess.run(
        ["pg_dump", "--data-only", "-h", settings_dict["HOST"] or "127.0.0.1",
         "-p", str(settings_dict["PORT"] or 5432), "-U", settings_dict["USER"],
         "-t", "commendations_*", settings_dict["NAME"]],
        check=True, capture_output=True, text=True, timeout=120).stdout
    assert "COPY public.commendations_ballot " in dump and "ballotchoice" not in dump
    sealed = dump.split("COPY public.commendations_sealedballot")[1].split("\\.")[0]
    header, *lines = sealed.splitlines()
    columns = header.split("(")[1].split(")")[0].split(", ")
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines if line]
    assert sorted(columns) == ["blob", "id", "session_id"]
    assert len(rows) == 4  # one blob per ballot, nothing else
    assert {row["session_id"] for row in rows} == {str(setup.session.pk)}
    assert all(row["blob"].startswith("\\\\x01") for row in rows)  # bytea hex, version 1
    assert '"c":{' not in dump and "true" not in sealed


def _pages(table: str) -> list[bytes]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int",
                       [table])
        count = cursor.fetchone()[0]
        pages = []
        for number in range(count):
            cursor.execute("SELECT get_raw_page(%s, %s)", [table, number])
            pages.append(bytes(cursor.fetchone()[0]))
        return pages


def _tuples(table: str) -> list[tuple]:
    """(t_xmin, t_data) of every line pointer of every page, dead or alive."""
    rows = []
    with connection.cursor() as cursor:
        for number in range(len(_pages(table))):
            cursor.execute("SELECT t_xmin::text, t_data FROM heap_page_items("
                           "get_raw_page(%s, %s))", [table, number])
            rows.extend((xmin, bytes(data) if data is not None else None)
                        for xmin, data in cursor.fetchall())
    return rows


@pytest.mark.django_db(transaction=True)
def test_after_closing_no_page_of_the_database_keeps_a_ballot_or_the_seal():
    """Reproduces issue #10: after closing, ``heap_page_items`` still showed the deleted
    choice rows (dead tuples under autovacuum's threshold), joined on ``t_xmin`` to each
    ballot. Now the blobs and the seal are deleted at closing and their tables rewritten
    after commit: no tuple, dead or alive, and no byte of any raw page holds them, while
    another session still voting keeps its ballots intact."""
    _postgres_only()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    setup = _mixed_setup()
    other = vote_setup(units=3, open_with_present=3)
    cast(other, 0, True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM commendations_ballot WHERE session_id = %s",
                       [setup.session.pk])
        ballot_xmins = {row[0] for row in cursor.fetchall()}
    blobs = [bytes(b) for b in SealedBallot.objects.filter(session=setup.session)
             .values_list("blob", flat=True)]
    salt = bytes(SessionSeal.objects.get(session=setup.session).salt)
    tables = {"commendations_sealedballot": blobs, "commendations_sessionseal": [salt]}
    # The check sees them while voting: every blob and the seal are in the raw pages.
    for table, secrets in tables.items():
        raw = b"".join(_pages(table))
        assert all(secret[-32:] in raw for secret in secrets), table
    assert {x for x, _d in _tuples("commendations_sealedballot")} >= ballot_xmins

    close(setup, present=3)  # autocommit: the clean-up runs right after the close commits

    for table, secrets in tables.items():
        raw = b"".join(_pages(table))
        for secret in secrets:
            assert secret[-32:] not in raw and secret[:24] not in raw, table
        for xmin, data in _tuples(table):
            assert xmin not in ballot_xmins
            assert data is None or not any(secret[-32:] in data for secret in secrets)
    assert not SealedBallot.objects.filter(session=setup.session).exists()
    assert not SessionSeal.objects.filter(session=setup.session).exists()
    assert sealed_ballots(other.session) == [{n.pk: True for n in other.nominations}]
    assert setup.reload().status == S.CLOSED and not setup.session.totals_withheld
    assert TallyResult.objects.filter(award_tally__session=setup.session).count() == 5


# --- below the minimum number of ballots --------------------------------------------------------


@pytest.mark.django_db
def test_closing_after_a_single_ballot_discloses_no_total():
    """Reproduces issue #10: closing after one ballot published that unit's ballot as the
    totals (page and ket-qua.csv). Now the preview says why in Vietnamese and closing records
    "không đủ số phiếu" with no total, no tally line and no dossier."""
    setup = vote_setup(units=6, open_with_present=6)
    cast(setup, 2, [True, False, True, False, True, True])
    services.session_transition(session=setup.session, to_status=S.COUNTING,
                                acting_user=setup.secretary)
    preview = services.session_close_preview(session=setup.session, present_count=6,
                                             leaders_count=None, acting_user=setup.secretary)
    assert preview.withheld and preview.awards == ()
    assert preview.withheld_explanation.startswith(
        "Không đủ số phiếu: thu về 1 phiếu, ít hơn số phiếu tối thiểu 4 (quá nửa 6 thành viên")
    close(setup, present=6)
    session = setup.reload()
    assert session.status == S.CLOSED and session.totals_withheld
    assert (session.ballots_count, session.required_ballots) == (1, 4)
    assert not AwardTally.objects.filter(session=session).exists()
    assert not TallyResult.objects.exists() and not Dossier.objects.exists()
    assert not SealedBallot.objects.exists() and not SessionSeal.objects.exists()


@pytest.mark.django_db
def test_the_years_quorum_sets_the_minimum_and_the_pages_show_no_total(client):
    setup = vote_setup(units=6, nominate=[("co_bo", i, {}) for i in range(3)],
                       open_with_present=6)
    rule = AwardRule.objects.get(cluster=setup.cluster, year=2022, award=setup.awards["co_bo"])
    AwardRule.objects.filter(pk=rule.pk).update(quorum_percent=80)  # 80% of 6 = 4,8 → 5
    for index in range(4):
        cast(setup, index, [True, True, False])
    close(setup, present=6)
    session = setup.reload()
    assert session.totals_withheld and session.required_ballots == 5
    client.force_login(setup.leader_of(0))
    base = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{session.pk}/"
    html = client.get(base).content.decode()
    assert ("Không đủ số phiếu: thu về 4 phiếu, ít hơn số phiếu tối thiểu 5. Để giữ bí mật lá "
            "phiếu, không công bố số phiếu của đề nghị nào") in html
    assert 'data-testid="result-row"' not in html and "4/6</td>" not in html
    assert "phiếu đồng ý, ngưỡng" not in html  # no vote bar either
    csv_text = client.get(base + "ket-qua.csv").content.decode()
    assert len([line for line in csv_text.splitlines() if line.strip()]) == 1  # header only


def test_the_minimum_number_of_ballots():
    class Rule:
        def __init__(self, quorum):
            self.quorum_percent = quorum

    assert services.required_ballots(rules=[Rule(None)], members=6)[0] == 4
    assert services.required_ballots(rules=[Rule(None)], members=7)[0] == 4
    assert services.required_ballots(rules=[Rule(Decimal(80)), Rule(Decimal(50))],
                                     members=6)[0] == 5
    assert services.required_ballots(rules=[Rule(Decimal(10))], members=6) == (
        2, "kết quả của một phiếu duy nhất chính là lá phiếu đó")
    assert services.required_ballots(rules=[], members=2)[0] == 2


# --- preview, confirmation, once ----------------------------------------------------------------


def _quota_setup():
    """Government flag (80% of all members, quota 20% of the leaders): A has 6 agree, B 5,
    C 3; with 5 leaders the quota is 1, so A passes, B is cut by the quota, C falls short."""
    setup = vote_setup(units=6, nominate=[("co_cp", i, {}) for i in range(3)],
                       open_with_present=6)
    for index in range(6):
        cast(setup, index, [True, index != 0, index >= 3],
             kind="ban_giay" if index in (1, 3) else "online")
    return setup


@pytest.mark.django_db
def test_the_secretariat_previews_what_will_pass_and_be_cut_then_confirms_once(client):
    setup = _quota_setup()
    a, b, c = setup.nominations
    url = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"
    client.force_login(setup.secretary)
    # While ballots may still come, no preview: two previews could differ by one ballot.
    with pytest.raises(services.CommendationError, match="dừng nhận phiếu"):
        services.session_close_preview(session=setup.session, present_count=6,
                                       leaders_count=5, acting_user=setup.secretary)
    response = client.post(url + "trang-thai/ket-thuc/", {"present_count": "6",
                                                          "leaders_count": "5"})
    assert "Không thể chuyển phiên bình xét từ “Đang bỏ phiếu” sang “Đã kết thúc”." in \
        response.content.decode()
    client.post(url + "trang-thai/kiem-phieu/", {"note": ""})
    assert setup.reload().status == S.COUNTING
    with pytest.raises(services.CommendationError, match="đã dừng nhận phiếu"):
        cast(setup, 0)  # a late ballot is refused
    with pytest.raises(services.CommendationError, match="Không thể chuyển"):
        services.session_transition(session=setup.session, to_status=S.OPEN, present_count=6,
                                    acting_user=setup.secretary)

    response = client.post(url + "trang-thai/ket-thuc/", {"present_count": "6",
                                                          "leaders_count": "5"})
    html = response.content.decode()
    assert 'data-testid="close-preview"' in html and 'data-testid="close-confirm"' in html
    preview = response.context["preview"]
    verdicts = {n.pk: v for award in preview.awards for n, _line, v in award.verdicts()}
    assert verdicts == {a.pk: "Đạt", b.pk: "Đạt tỷ lệ nhưng bị cắt theo chỉ tiêu",
                        c.pk: "Không đạt"}
    assert "Đạt tỷ lệ (5/6 phiếu đồng ý (83,33%) trên tổng số thành viên) nhưng xếp thứ 2, " \
           "ngoài chỉ tiêu 1." in html
    assert "Xác nhận kết thúc bỏ phiếu và công bố kết quả" in html
    assert 'type="hidden" name="confirm" value="True"' in html
    assert setup.reload().status == S.COUNTING  # the preview stored nothing
    assert not AwardTally.objects.exists()
    assert SealedBallot.objects.filter(session=setup.session).count() == 6

    confirm = {"present_count": "6", "leaders_count": "5", "confirm": "True"}
    response = client.post(url + "trang-thai/ket-thuc/", confirm, follow=True)
    assert "Phiên bình xét đã chuyển sang trạng thái “Đã kết thúc”." in \
        response.content.decode()
    session = setup.reload()
    assert session.status == S.CLOSED and session.leaders_count == 5
    assert set(Dossier.objects.values_list("nomination_id", flat=True)) == {a.pk}
    # A repeated confirmation (a double click) answers with the first result and changes
    # nothing (issue #14).
    again = client.post(url + "trang-thai/ket-thuc/", confirm, follow=True).content.decode()
    assert "yêu cầu lặp lại không thay đổi gì" in again
    assert AwardTally.objects.filter(session=session).count() == 1
    assert session.events.filter(to_status=S.CLOSED).count() == 1


# --- paper and written ballots ------------------------------------------------------------------


@pytest.mark.django_db
def test_paper_and_written_ballots_recorded_by_the_secretariat_are_sealed_alike(client):
    setup = vote_setup(units=3, nominate=[("co_bo", i, {}) for i in range(3)],
                       open_with_present=2)
    url = f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"
    client.force_login(setup.secretary)
    fields = {f"n{n.pk}": "dong-y" for n in setup.nominations}
    fields[f"n{setup.nominations[1].pk}"] = "khong-dong-y"
    for index, kind in ((0, "ban_giay"), (1, "van_ban")):
        client.post(url + "ghi-nhan-phieu/", {"unit": setup.members[index].pk, "kind": kind,
                                              **fields})
    cast(setup, 2, True)
    assert sorted(Ballot.objects.values_list("kind", flat=True)) == [
        "ban_giay", "truc_tuyen", "van_ban"]
    blobs = [bytes(b) for b in SealedBallot.objects.values_list("blob", flat=True)]
    assert len(blobs) == 3 and len({len(b) for b in blobs}) == 1
    assert all(blob[:1] == sealing.VERSION and b"dong" not in blob for blob in blobs)
    expected = {n.pk: n != setup.nominations[1] for n in setup.nominations}
    assert sorted(sealed_ballots(setup.session), key=lambda b: sum(b.values())) == [
        expected, expected, {n.pk: True for n in setup.nominations}]
    close(setup, present=2)
    assert sorted(TallyResult.objects.values_list("agree", flat=True)) == [1, 3, 3]
    assert not SealedBallot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_clean_up_keeps_the_ballots_of_sessions_still_voting_and_runs_again():
    """The clean-up also runs as a command (after a restore, or if it failed after a close):
    it keeps every ballot of a session still open, and running it twice changes nothing."""
    from django.core.management import call_command

    open_one = vote_setup(units=3, open_with_present=3)
    cast(open_one, 0, True)
    cast(open_one, 1, False)
    before = sorted(map(sorted, (b.items() for b in sealed_ballots(open_one.session))))
    for _ in range(2):
        out = io.StringIO()
        call_command("scrub_sealed_ballots", stdout=out)
        assert "Đã viết lại" in out.getvalue()
    after = sorted(map(sorted, (b.items() for b in sealed_ballots(open_one.session))))
    assert after == before and len(after) == 2
    assert SessionSeal.objects.filter(session=open_one.session).exists()
