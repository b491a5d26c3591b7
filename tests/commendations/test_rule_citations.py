"""The rules of a year cite texts for that year (issue #15): a text not yet issued on the
year's rules day (1 December) is refused; the rules page warns when a rule cites a replaced or
expired text, whether a national text the app knows or one of the cluster's registry."""

import datetime

import pytest

from campaigns import services as campaign_services
from campaigns.models import LegalDocument
from commendations import services
from commendations.models import AwardRule
from tests.campaigns.factories import LegalDocumentFactory

from .factories import vote_setup

pytestmark = pytest.mark.django_db
D = datetime.date


def _rule(setup, key="co_bo"):
    return AwardRule.objects.get(cluster=setup.cluster, year=setup.year,
                                 award=setup.awards[key])


def test_a_text_not_yet_issued_is_refused_as_a_source():
    setup = vote_setup(units=3, nominate=[])
    rule = _rule(setup)
    with pytest.raises(services.CommendationError,
                       match=r"98/2023/NĐ-CP chưa được ban hành vào ngày 01/12/2022"):
        services.award_rule_save(cluster=setup.cluster, year=2022, award=rule.award, rule=rule,
                                 threshold_source="Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP",
                                 acting_user=setup.secretary)
    rule.refresh_from_db()
    assert rule.threshold_source == ""


def _page(client, setup):
    client.force_login(setup.secretary)
    url = f"/cum/{setup.cluster.slug}/{setup.year}/khen-thuong/quy-tac/"
    return client.get(url).content.decode()


def test_the_rules_page_warns_of_a_replaced_national_text(client):
    setup = vote_setup(units=3, nominate=[], year=2025)
    rule = _rule(setup)
    services.award_rule_save(cluster=setup.cluster, year=2025, award=rule.award, rule=rule,
                             threshold_source="Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP",
                             acting_user=setup.secretary)
    html = _page(client, setup)
    assert 'data-testid="citation-warning"' in html
    assert "98/2023/NĐ-CP, văn bản đã được thay thế bởi 152/2025/NĐ-CP từ ngày 01/07/2025" in html


def test_the_defaults_of_a_year_need_no_warning(client):
    for year in (2022, 2024, 2025):
        setup = vote_setup(units=3, nominate=[], year=year)
        assert 'data-testid="citation-warning"' not in _page(client, setup)


def test_the_rules_page_warns_of_a_registry_text_that_expired(client):
    setup = vote_setup(units=3, nominate=[], year=2023)
    document = LegalDocumentFactory(cluster=setup.cluster, number_symbol="01/2020/QC-CTĐ",
                                    kind=LegalDocument.Kind.OTHER, issued_on=D(2020, 1, 10))
    campaign_services.document_validity_set(document=document, year=2023, in_force_from=None,
                                            expired_on=D(2023, 6, 1), replaced_by=None,
                                            acting_user=setup.secretary)
    rule = _rule(setup)
    services.award_rule_save(cluster=setup.cluster, year=2023, award=rule.award, rule=rule,
                             quorum_percent=80, quorum_source="Quy chế số 01/2020/QC-CTĐ",
                             acting_user=setup.secretary)
    html = _page(client, setup)
    assert "01/2020/QC-CTĐ, văn bản đã hết hiệu lực từ ngày 01/06/2023" in html
