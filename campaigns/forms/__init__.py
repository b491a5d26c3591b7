from campaigns.forms.campaigns import CampaignForm, MilestoneForm
from campaigns.forms.conferences import ConferenceForm, DelegateForm
from campaigns.forms.criteria import CriterionForm
from campaigns.forms.documents import (
    DocumentIssueForm,
    DocumentRegisterForm,
    DocumentValidityForm,
)

__all__ = ["CampaignForm", "ConferenceForm", "CriterionForm", "DelegateForm",
           "DocumentIssueForm", "DocumentRegisterForm", "DocumentValidityForm", "MilestoneForm"]
