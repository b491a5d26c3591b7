"""Two reviewers adjust the same report at the same moment on the review-by-criterion page
(issue #17, part 5), on PostgreSQL: one wins, the other is refused as stale with what they
typed kept, and the report's version moves once."""

import io

import pytest
from django.core.management import call_command

from cluster.models import Cluster, User
from results.models import UnitReport
from results.services import results as services
from tests.concurrency import post_in_parallel, session_for, skip_unless_postgres
from tests.results.factories_results import YEAR, ReportingPeriodFactory, build_tree, bulk_report

pytestmark = pytest.mark.concurrency
SLUG = "snv-bac-trung-bo"
REFUSED = "CHƯA được lưu"


def test_two_reviewers_adjusting_the_same_report_one_wins(live_server, transactional_db):
    skip_unless_postgres()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    cluster = Cluster.objects.get(slug=SLUG)
    tree = build_tree(cluster)
    services.areas_ensure(cluster=cluster, year=YEAR)
    period = ReportingPeriodFactory(cluster=cluster, year=YEAR)
    nghean = User.objects.get(username="canbo.nghean").unit
    report = bulk_report(period, nghean, criteria=list(tree.values()))
    version, c22 = report.version, tree["2.2"].pk
    path = f"/cum/{SLUG}/{YEAR}/ket-qua/6-thang/tham-dinh-theo-tieu-chi/{c22}/"
    comments = ["Ý kiến của công chức", "Ý kiến của lãnh đạo"]
    responses = post_in_parallel(live_server.url, [
        (session_for(User.objects.get(username=username)), path,
         {f"version_{report.pk}": version, f"adjust_{report.pk}_{c22}": str(5 + i),
          f"comment_{report.pk}_{c22}": comments[i]})
        for i, username in enumerate(("canbo.quangtri", "lanhdao.quangtri"))
    ])
    statuses = [r.status for r in responses]
    assert sorted(statuses) == [200, 302], [r.body[-500:] for r in responses]
    winner = statuses.index(302)
    loser = responses[1 - winner]
    assert REFUSED in loser.body and comments[1 - winner] in loser.body
    report = UnitReport.objects.get(pk=report.pk)
    assert report.version == version + 1 and report.state == UnitReport.State.SUBMITTED
    score = report.scores.get(criterion_id=c22)
    assert (score.adjusted_points, score.review_comment) == (5 + winner, comments[winner])
