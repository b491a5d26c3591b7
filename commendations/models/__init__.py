"""Models of the commendations app (issue #5): the award catalogue and the yearly rules, the
voting session with its nominations and secret ballot, the fixed tally, the dossiers and the
decisions that grant awards."""

from commendations.models.catalogue import AwardForm, AwardRule
from commendations.models.consultation import (
    CommentStatus,
    Consultation,
    ConsultationRule,
    PublicComment,
)
from commendations.models.dossiers import (
    DOSSIER_TRANSITIONS,
    REQUIRED_DOCUMENTS,
    AwardDecision,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierStatus,
    GrantedAward,
)
from commendations.models.honours import PastHonour
from commendations.models.people import Person, Posting
from commendations.models.standards import AwardCondition, AwardStandard, StandardDeclaration
from commendations.models.voting import (
    SESSION_TRANSITIONS,
    AwardTally,
    Ballot,
    BallotKind,
    Gender,
    Nomination,
    SealedBallot,
    SessionEvent,
    SessionSeal,
    SessionStatus,
    TallyResult,
    Transition,
    VotingSession,
)

__all__ = [
    "DOSSIER_TRANSITIONS", "REQUIRED_DOCUMENTS", "SESSION_TRANSITIONS", "AwardDecision",
    "AwardForm", "AwardRule", "AwardTally", "Ballot", "BallotKind",
    "DocumentKind", "Dossier", "DossierDocument", "DossierEvent", "DossierStatus", "Gender",
    "GrantedAward", "Nomination", "PastHonour", "Person", "Posting", "SealedBallot",
    "SessionEvent", "SessionSeal",
    "SessionStatus", "TallyResult", "Transition",
    "VotingSession",
    "AwardCondition", "AwardStandard", "StandardDeclaration",
    "CommentStatus", "Consultation", "ConsultationRule", "PublicComment",
]

# The superior's side of a dossier (issue #16, "the upper level acts").
from commendations.models.dossiers import (  # noqa: E402
    ON_PAPER,
    SUPERIOR,
    DossierReturnItem,
)

__all__ += ["ON_PAPER", "SUPERIOR", "DossierReturnItem"]
# Proposals from the member units (issue #16), in their own module.
from commendations.models.proposals import (  # noqa: E402
    PROPOSAL_TRANSITIONS,
    REPORT_FORMS,
    Proposal,
    ProposalCall,
    ProposalEvent,
    ProposalEvidence,
    ProposalKind,
    ProposalStatus,
    ReportForm,
    report_form_for,
)

__all__ += [
    "PROPOSAL_TRANSITIONS", "REPORT_FORMS", "Proposal", "ProposalCall", "ProposalEvent",
    "ProposalEvidence", "ProposalKind", "ProposalStatus", "ReportForm", "report_form_for",
]
