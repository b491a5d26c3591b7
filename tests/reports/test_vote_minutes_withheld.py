"""The bình xét minutes of a session closed with too few ballots say why no result is given,
and print no figure (issue #10: totals are never disclosed from fewer ballots than the
minimum)."""

import datetime

import pytest

from commendations.models import VotingSession
from reports.document import Paragraph, Table
from reports.kinds.awards import build_vote, snapshot_vote
from reports.kinds.common import Stamp
from tests.commendations.factories import cast, close, vote_setup

pytestmark = pytest.mark.django_db


def _paragraphs(document):
    return [block.text for block in document.body if isinstance(block, Paragraph)]


def test_minutes_of_a_withheld_session_say_why_and_show_no_result():
    setup = vote_setup(units=6, open_with_present=6)
    cast(setup, 2, [True, False, True, False, True, True])
    close(setup, present=6)
    session = VotingSession.objects.get(pk=setup.session.pk)
    assert session.totals_withheld
    snapshot = snapshot_vote(session, day=datetime.date(2022, 12, 20))
    assert snapshot["withheld"] == {"required": session.required_ballots}
    document = build_vote(snapshot, Stamp(number=None, date=None, code="ABCDEFGHJK",
                                           verify_url="https://x/xac-minh/ABCDEFGHJK/"))
    text = " ".join(_paragraphs(document))
    assert (f"Số phiếu thu về (1) ít hơn số phiếu tối thiểu ({session.required_ballots})"
            in text)
    assert "không đề nghị khen thưởng" in text
    assert not [block for block in document.body if isinstance(block, Table)]


def test_minutes_of_a_counted_session_keep_their_snapshot_shape():
    """Only a withheld session carries the new key, so the fingerprints of every other
    session's minutes (and their issued numbers) stay as they were."""
    setup = vote_setup(units=6, open_with_present=6)
    for index in range(6):
        cast(setup, index, [True, True, True, True, True, True])
    close(setup, present=6)
    session = VotingSession.objects.get(pk=setup.session.pk)
    assert not session.totals_withheld
    assert "withheld" not in snapshot_vote(session, day=datetime.date(2022, 12, 20))
