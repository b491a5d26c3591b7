"""The results of a closed bình xét at a glance (issue #14, point 9): per nomination the
outcome first as a badge (text, not colour alone) with a bar of the agreeing votes against the
threshold, then the detail; the rules and their sources once, folded under "Căn cứ và cách
tính"; no "không đặt điều kiện" to be misread as "không đạt"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.models import SessionStatus
from tests.commendations.factories import cast, close, vote_setup

pytestmark = pytest.mark.django_db

# Nominations: three for the Government flag (quota 20% of the leaders: 5 leaders → 1 seat),
# two for the ministry flag. Agreeing votes of 6: 6, 5, 3 and 5, 4.
NOMINATE = [("co_cp", 0, {}), ("co_cp", 1, {}), ("co_cp", 2, {}), ("co_bo", 3, {}),
            ("co_bo", 4, {})]
AGREE = [6, 5, 3, 5, 4]


def _closed(units=6):
    setup = vote_setup(units=units, nominate=NOMINATE, open_with_present=units)
    for voter in range(units):
        cast(setup, voter, [voter < agree for agree in AGREE])
    close(setup, present=units, leaders=5)
    assert setup.session.status == SessionStatus.CLOSED
    return setup


def _url(setup):
    return f"/cum/{setup.cluster.slug}/2022/khen-thuong/phien/{setup.session.pk}/"


def _rows(html):
    return re.findall(r'<li class="list-group-item outcome[^"]*" data-testid="result-row".*?</li>',
                      html, re.S)


def test_each_nomination_shows_its_outcome_first_with_a_bar_against_the_threshold(client):
    setup = _closed()
    client.force_login(setup.leader_of(5))
    html = client.get(_url(setup)).content.decode()
    rows = _rows(html)
    assert len(rows) == 5
    names = [n.candidate_name for n in setup.nominations]
    expected = {names[0]: ("dat", "Đạt", "6/6"),
                names[1]: ("cat", "Đạt tỷ lệ nhưng bị cắt theo chỉ tiêu", "5/6"),
                names[2]: ("khong_dat", "Không đạt", "3/6"),
                names[3]: ("dat", "Đạt", "5/6"),
                names[4]: ("khong_dat", "Không đạt", "4/6")}
    seen = {}
    for row in rows:
        name = next(n for n in names if n in row)
        kind, label, votes = expected[name]
        assert f'data-outcome="{kind}"' in row
        badge = re.search(r'data-testid="outcome">(.*?)</span>', row, re.S).group(1)
        assert label in badge and badge.strip()[0] in "✓✗!"  # text and a sign, not colour
        # the outcome comes before the name, the bar and the detail
        assert row.index('data-testid="outcome"') < row.index(name) < \
            row.index('data-testid="vote-bar"') < row.index('data-testid="result-detail"')
        assert f'role="img" aria-label="{votes} phiếu đồng ý, ngưỡng 80%"' in row
        seen[name] = kind
    assert len(seen) == 5
    assert 'data-testid="award-summary">1/3 đề nghị đạt · chỉ tiêu 1' in html
    assert "1/2 đề nghị đạt" in html


def test_the_rules_and_their_sources_appear_once_folded_after_the_outcomes(client):
    setup = _closed()
    client.force_login(setup.secretary)
    html = client.get(_url(setup)).content.decode()
    assert html.count('data-testid="applied-rules"') == 1
    assert html.count("Căn cứ và cách tính") == 1
    details = html[html.index('<details class="mb-4 border rounded p-2" data-testid="applied-'
                              'rules">'):html.index("</details>")]
    assert "<summary" in details and "open" not in details.split(">")[0]
    assert html.rindex('data-testid="result-row"') < html.index('data-testid="applied-rules"')
    # the lines both awards share are said once; each award's own lines under its name
    assert html.count("Tỷ lệ đồng ý: từ 80% trên tổng số thành viên") == 1
    assert html.count("Số thành viên tham dự: không yêu cầu số thành viên tối thiểu") == 1
    # a vote of 2022 rests on no text issued later: the sources missing are the secretariat's
    # note, on the page and not in the minutes
    assert "98/2023" not in details and "5007/BNV" not in details
    assert "chưa ghi nguồn văn bản" in details and "không in vào biên bản" in details
    assert details.count('data-testid="award-rules"') == 2  # quota and tie rule differ
    assert "Cờ thi đua của Chính phủ (thử)" in details
    assert html.count("Không yêu cầu số thành viên tham dự tối thiểu; tham dự 6/6") == 1


def test_the_quorum_is_never_said_as_khong_dat_dieu_kien(client):
    setup = _closed()
    client.force_login(setup.secretary)
    html = client.get(_url(setup)).content.decode()
    rules = client.get(f"/cum/{setup.cluster.slug}/2022/khen-thuong/quy-tac/").content.decode()
    for page in (html, rules):
        assert "đặt điều kiện" not in page.lower()
    assert "không yêu cầu số thành viên tối thiểu" in rules


def test_a_session_still_open_shows_no_outcome(client):
    setup = vote_setup(units=4, nominate=[("co_bo", 0, {})], open_with_present=4)
    client.force_login(setup.secretary)
    html = client.get(_url(setup)).content.decode()
    assert 'data-testid="result-row"' not in html and "Căn cứ và cách tính" not in html


def test_outside_the_cluster_the_results_page_is_404(client):
    setup = _closed()
    other = vote_setup(units=3, nominate=[("co_bo", 0, {})])
    client.force_login(other.leader_of(0))
    assert client.get(_url(setup)).status_code == 404


def test_the_results_page_queries_do_not_grow_with_the_nominations(client):
    counts = []
    for units in (6, 14):
        setup = vote_setup(units=units, nominate=[("co_bo", i, {}) for i in range(units)]
                           + [("co_cp", i, {}) for i in range(units)],
                           open_with_present=units)
        for voter in range(units):
            cast(setup, voter, [voter % 2 == 0, True] * units)
        close(setup, present=units, leaders=units)
        client.force_login(setup.secretary)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(_url(setup)).content.decode()
        assert html.count('data-testid="result-row"') == 2 * units
        counts.append(len(queries.captured_queries))
    # 14 for the session and its results, 7 for the nominations' eligibility checklists
    # (standards, conditions, declarations, the units' lineage, granted and past honours, award
    # names): flat in the number of nominations
    assert counts[0] == counts[1] <= 21, counts
