"""A report shows points "Sau thẩm định" only once the chair has reviewed it (issue #13: a
draft showed them before any review)."""

import html

import pytest
from django.test import Client

from tests.results.results_fixtures import *  # noqa: F401,F403  (fixtures)
from tests.results.results_fixtures import MID, report_path, save, submitted

pytestmark = pytest.mark.django_db

AFTER_REVIEW = ('data-testid="total-final"', 'data-testid="final-total"',
                'data-testid="final-points"', "Sau thẩm định")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shows_points_after_review(client, path) -> bool:
    text = html.unescape(client.get(path).content.decode())
    return any(marker in text for marker in AFTER_REVIEW)


def board_final(client, unit) -> str:
    text = html.unescape(client.get(MID).content.decode())
    rows = [row.split("</tr>")[0] for row in text.split('data-testid="board-row"')[1:]]
    row = next(row for row in rows if unit.name in row)
    return row.rsplit('<td class="text-end">', 1)[1].split("</td>")[0].strip()


def test_points_after_review_appear_only_once_reviewed(period, tree, units, users):
    nghean = units["nghean"]
    officer, secretary = client_for(users["canbo.nghean"]), client_for(users["canbo.quangtri"])
    scores = {tree["1.1"].pk: {"achieved": True}, tree["2.2"].pk: {"count": 4}}
    save(period, nghean, users["canbo.nghean"], scores=scores)
    assert not shows_points_after_review(officer, report_path(nghean))  # a draft
    assert board_final(officer, nghean) == ""
    submitted(period, nghean, users["canbo.nghean"], users["lanhdao.nghean"], scores=scores)
    assert not shows_points_after_review(officer, report_path(nghean))  # submitted
    assert not shows_points_after_review(secretary, report_path(nghean))
    assert board_final(secretary, nghean) == ""
    response = secretary.post(report_path(nghean, "tham-dinh/"), {
        f"adjust_{tree['2.2'].pk}": "5", f"comment_{tree['2.2'].pk}": "Chỉ 2 điển hình có QĐ"})
    assert response.status_code == 302
    for client in (officer, secretary):
        text = html.unescape(client.get(report_path(nghean)).content.decode())
        assert 'data-testid="total-final"' in text and "Sau thẩm định" in text
        assert 'data-testid="final-points"' in text
    assert board_final(secretary, nghean) != ""
