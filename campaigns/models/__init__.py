"""Models of the ``campaigns`` app: legal documents and the cluster's numbered series,
campaigns and milestones, the criteria tree, conferences.

Thin on purpose (docs/architecture.md): fields, constraints and one-row invariants here;
every write goes through ``campaigns.services``, every read through ``campaigns.selectors``.
"""

from campaigns.models.campaigns import Campaign, Milestone
from campaigns.models.conferences import Conference, Delegate
from campaigns.models.criteria import Criterion
from campaigns.models.documents import LegalDocument, SeriesCounter
from campaigns.models.results import (
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

__all__ = [
    "AreaNarrative", "Campaign", "Conference", "Criterion", "CriterionScore", "Delegate",
    "EvidenceFile", "GoodPractice", "LegalDocument", "Milestone", "ReminderLog", "ReportEvent",
    "ReportingPeriod", "SeriesCounter", "StateArea", "UnitReport",
]
