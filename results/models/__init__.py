"""Models of the ``results`` app: reporting periods and their phases, each member unit's
report (narratives per state-management area, self-scores per criterion, the chair's review,
the unit's explanation, evidence, the transition log), good practices and the reminders sent.

They lived in ``campaigns`` until issue #12 and keep its tables (``campaigns_unitreport``
...): the move changed Django's state only (results/migrations/0001_initial.py). The criteria
tree they score against stays in ``campaigns`` (docs/architecture.md).

Thin on purpose: every write goes through ``results.services``, every read through
``results.selectors``.
"""

from results.models.results import (
    AreaNarrative,
    CriterionScore,
    EvidenceFile,
    GoodPractice,
    ReminderLog,
    ReportEvent,
    ReportingPeriod,
    StateArea,
    UnitReport,
)
from results.models.review import ReviewParty, ReviewRecusal, ReviewSetting
from results.models.scoring import Basis, NotApplicable, ScoreBand, UnitTarget, YearScoring

__all__ = [
    "AreaNarrative", "CriterionScore", "EvidenceFile", "GoodPractice", "ReminderLog",
    "ReportEvent", "ReportingPeriod", "StateArea", "UnitReport",
    "Basis", "NotApplicable", "ScoreBand", "UnitTarget", "YearScoring",
]
__all__ += ["ReviewParty", "ReviewRecusal", "ReviewSetting"]
