"""Fixtures shared by the unit-results tests (imported by each test module): the demo
cluster's 2023 mid-year period, open for submissions, with the criteria tree of
``factories_results.TREE``, and helpers that act as the demo people would."""

from __future__ import annotations

import pytest

from results.models import ReportingPeriod, UnitReport
from results.services import results as services
from tests.results.factories_results import (
    YEAR,
    ReportingPeriodFactory,
    build_tree,
    ensure_areas,
)

State = UnitReport.State
Phase = ReportingPeriod.Phase
SLUG = "snv-bac-trung-bo"
BASE = f"/cum/{SLUG}/{YEAR}/ket-qua/"
MID = BASE + "6-thang/"


@pytest.fixture
def tree(north_central):
    return build_tree(north_central)


@pytest.fixture
def period(north_central, tree):
    ensure_areas(north_central)
    return ReportingPeriodFactory(cluster=north_central, year=YEAR,
                                  kind=ReportingPeriod.Kind.MID_YEAR, phase=Phase.SUBMITTING)


def report_path(unit, suffix: str = "") -> str:
    return MID + f"don-vi/{unit.pk}/" + suffix


def save(period, unit, user, *, version=None, fields=None, narratives=None, scores=None):
    report = services.report_get_or_create(period=period, unit=unit, acting_user=user)
    return services.report_save(
        report=report, expected_version=report.version if version is None else version,
        acting_user=user, fields=fields or {"highlights": "Kết quả nổi bật"},
        narratives=narratives or {}, scores=scores or {})


def set_phase(period, phase, user):
    """Walk the phases one step at a time, as the secretariat does, up to ``phase``."""
    order = services.PHASE_ORDER
    period.refresh_from_db()
    while period.phase != phase:
        step = 1 if order.index(phase) > order.index(period.phase) else -1
        period = services.period_set_phase(
            period=period, phase=order[order.index(period.phase) + step], acting_user=user)
    return period


def submitted(period, unit, officer, leader, **inputs):
    report = save(period, unit, officer, **inputs)
    return services.report_transition(report=report, to_state=State.SUBMITTED,
                                      acting_user=leader)
