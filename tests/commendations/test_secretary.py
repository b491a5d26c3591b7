"""The secretary (thư ký) of a conference and of a voting session (issue #15): entered on their
forms, shown on their pages, printed under THƯ KÝ in both biên bản; a dotted line for a
hand-written name when none was entered."""

import datetime

import pytest

from campaigns import services as campaign_services
from campaigns.models import Conference
from commendations import services
from commendations.models import SessionStatus
from reports.kinds import Stamp
from reports.kinds.awards import build_vote, snapshot_vote
from reports.kinds.common import HAND_WRITTEN_NAME
from reports.kinds.minutes import build_minutes, snapshot_minutes

from .factories import cast, vote_setup

pytestmark = pytest.mark.django_db
STAMP = Stamp(number=None, date=None, code="CTĐ-2022-TEST", verify_url="https://x/xac-minh")


def _closed(secretary_name=None):
    setup = vote_setup(units=3, nominate=[("co_bo", 0, {})])
    services.session_transition(session=setup.session, to_status=SessionStatus.OPEN,
                                present_count=3, acting_user=setup.secretary)
    for index in range(3):
        cast(setup, index, True)
    services.session_transition(session=setup.session, to_status=SessionStatus.CLOSED,
                                present_count=3, acting_user=setup.secretary,
                                secretary_name=secretary_name)
    setup.session.refresh_from_db()
    return setup


def test_the_vote_minutes_print_the_secretary_entered_at_closing():
    setup = _closed(" Trần Thị Thư ")
    assert setup.session.secretary_name == "Trần Thị Thư"
    document = build_vote(snapshot_vote(setup.session, day=datetime.date.today()), STAMP)
    secretary, chair = document.signatures
    assert secretary.authority == ("Thư ký",) and secretary.name == "Trần Thị Thư"
    assert chair.authority[0] == "Chủ trì"


def test_without_a_secretary_the_vote_minutes_leave_a_dotted_line():
    setup = _closed()
    document = build_vote(snapshot_vote(setup.session, day=datetime.date.today()), STAMP)
    assert document.signatures[0].name == HAND_WRITTEN_NAME


def test_the_session_falls_back_on_the_conferences_secretary():
    setup = vote_setup(units=3, nominate=[])
    campaign_services.conference_update(conference=setup.conference,
                                        secretary_name="Lê Văn Ký",
                                        acting_user=setup.secretary)
    setup.session.refresh_from_db()
    assert snapshot_vote(setup.session, day=datetime.date.today())["secretary"] == "Lê Văn Ký"


def test_a_session_is_created_with_its_secretary():
    setup = vote_setup(units=3, nominate=[])
    session = services.session_create(cluster=setup.cluster, year=setup.year,
                                      conference=setup.conference, title="Phiên 2",
                                      secretary_name="Nguyễn Văn Thư",
                                      acting_user=setup.secretary)
    assert session.secretary_name == "Nguyễn Văn Thư"
    assert session.history.first().secretary_name == "Nguyễn Văn Thư"


def test_the_conference_minutes_print_its_secretary(north_central, users):
    conference = Conference.objects.get(cluster=north_central, year=2022)
    day = datetime.date.today()
    assert conference.secretary_name == ""  # the seed article names none
    assert build_minutes(snapshot_minutes(conference, day=day),
                         STAMP).signatures[0].name == HAND_WRITTEN_NAME
    campaign_services.conference_update(conference=conference, secretary_name="Hồ Thị Ghi",
                                        acting_user=users["canbo.quangtri"])
    conference.refresh_from_db()
    assert build_minutes(snapshot_minutes(conference, day=day),
                         STAMP).signatures[0].name == "Hồ Thị Ghi"


def test_the_pages_show_and_take_the_secretary(client, north_central, users):
    conference = Conference.objects.get(cluster=north_central, year=2022)
    client.force_login(users["canbo.quangtri"])
    base = f"/cum/{north_central.slug}/2022/hoi-nghi/{conference.pk}/"
    html = client.get(base).content.decode()
    assert 'data-testid="secretary"' in html and "dòng chấm" in html
    form = client.get(base + "sua/").content.decode()
    assert 'name="secretary_name"' in form
    session_form = client.get(f"/cum/{north_central.slug}/2022/khen-thuong/phien/tao/")
    assert 'name="secretary_name"' in session_form.content.decode()
