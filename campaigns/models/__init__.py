"""Models of the ``campaigns`` app: legal documents and the cluster's numbered series,
campaigns and milestones, the criteria tree, conferences. Unit results (periods, reports,
scores, evidence, good practices, reminders) are in the ``results`` app.

Thin on purpose (docs/architecture.md): fields, constraints and one-row invariants here;
every write goes through ``campaigns.services``, every read through ``campaigns.selectors``.
"""

from campaigns.models.campaigns import Campaign, Milestone
from campaigns.models.conferences import Conference, Delegate
from campaigns.models.criteria import Criterion
from campaigns.models.documents import LegalDocument, SeriesCounter

__all__ = [
    "Campaign", "Conference", "Criterion", "Delegate", "LegalDocument", "Milestone",
    "SeriesCounter",
]
