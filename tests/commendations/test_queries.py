"""Every commendations page makes as many queries with 60 member units as with 6 (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations import services
from commendations.models import DocumentKind, Dossier, DossierStatus
from tests.commendations.factories import cast, close, vote_setup, year_end_ranking

pytestmark = pytest.mark.django_db
PAGES = ["overview", "rules", "session", "session-open", "vote", "record", "close", "csv",
         "dossier", "honours", "home"]


def _build(units: int):
    """A closed session where every member was nominated and voted, a decided dossier per
    member, a year-end ranking; and a second, open session where half the members voted."""
    setup = vote_setup(units=units, open_with_present=units)
    year_end_ranking(setup, {i: i % 2 == 0 for i in range(units)})
    for index in range(units):
        cast(setup, index, [i != index for i in range(units)],
             kind=["online", "ban_giay"][index % 2])
    close(setup)
    for dossier in Dossier.objects.filter(nomination__session=setup.session):
        for kind in DocumentKind.values:
            services.dossier_document_add(dossier=dossier, kind=kind, text="Nội dung",
                                          acting_user=None)
        services.dossier_transition(dossier=dossier, to_status=DossierStatus.SENT,
                                    acting_user=None)
        services.decision_record(dossier=dossier, number="1/QĐ-BNV",
                                 issued_on=datetime.date(2023, 1, 5),
                                 issuing_body="Bộ Nội vụ", acting_user=None)
    closed = setup.session
    setup.session = services.session_create(cluster=setup.cluster, year=2022,
                                            conference=setup.conference, title="Phiên 2",
                                            acting_user=None)
    setup.nominations = [services.nomination_add(session=setup.session, award=n.award,
                                                 unit=n.unit, summary="Lần 2", acting_user=None)
                         for n in setup.nominations]
    services.session_transition(session=setup.session, to_status="dang_bo_phieu",
                                present_count=units, acting_user=None)
    for index in range(1, units, 2):
        cast(setup, index)
    return setup, closed


def _not_chair(setup):
    """The first member that is not the chair: the same kind of viewer at both sizes."""
    return next(u for u in setup.members if u.pk != setup.secretary.unit_id)


def _url(page, setup, closed):
    base = f"/cum/{setup.cluster.slug}/2022/khen-thuong/"
    dossier = Dossier.objects.filter(nomination__session=closed).first()
    return {
        "overview": base, "rules": base + "quy-tac/",
        "session": base + f"phien/{closed.pk}/",
        "session-open": base + f"phien/{setup.session.pk}/",
        "vote": base + f"phien/{setup.session.pk}/bo-phieu/",
        "record": base + f"phien/{setup.session.pk}/ghi-nhan-phieu/",
        "close": base + f"phien/{setup.session.pk}/trang-thai/ket-thuc/",
        "csv": base + f"phien/{closed.pk}/ket-qua.csv",
        "dossier": base + f"ho-so/{dossier.pk}/",
        "honours": f"/don-vi/{_not_chair(setup).pk}/khen-thuong/",
        "home": f"/cum/{setup.cluster.slug}/2022/",
    }[page]


def test_query_counts_do_not_grow_with_the_number_of_units(client):
    """Both sizes are built once and every page is measured on each (building 60 units with
    their ballots, dossiers and decisions takes a while)."""
    counts: dict[str, list[int]] = {page: [] for page in PAGES}
    for units in (6, 60):
        setup, closed = _build(units)
        for page in PAGES:
            client.force_login(setup.leaders[_not_chair(setup).pk] if page in ("vote", "home")
                               else setup.secretary)
            url = _url(page, setup, closed)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            if page == "session":
                assert response.content.decode().count('data-testid="result-row"') == units
            counts[page].append(len(queries.captured_queries))
    growing = {page: pair for page, pair in counts.items() if pair[0] != pair[1]}
    assert growing == {}
