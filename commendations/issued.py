"""Documents the cluster has issued for a voting session (its tờ trình, the minutes of the
vote), offered to the session's dossiers so that the secretariat attaches the issued PDF
instead of downloading and uploading it again.

The issued documents live in ``reports``, which sits above this app and which nothing imports.
So ``reports`` hands them down through a hook, as ``results`` does with
``campaigns.services.on_criteria_changed``: ``ReportsConfig.ready()`` registers a provider
with ``commendations.services.on_issued_documents``; the selectors ask every provider."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from commendations.models import VotingSession


@dataclass(frozen=True)
class IssuedOffer:
    """One issued document of a session, as a dossier may attach it."""

    code: str  # the verification code: unique, printed on the document
    kind: str  # commendations.models.DocumentKind
    label: str  # "Tờ trình đề nghị khen thưởng"
    number_symbol: str
    issued_on: datetime.date
    read: Callable[[], bytes]  # the issued PDF's bytes

    @property
    def title(self) -> str:
        """The attached document's title; also how an offer already attached is recognised."""
        return (f"{self.label} số {self.number_symbol} ngày {self.issued_on:%d/%m/%Y} "
                f"(mã xác thực {self.code})")

    @property
    def file_name(self) -> str:
        return f"{self.label} {self.number_symbol.replace('/', '-')}.pdf"


Provider = Callable[[VotingSession], list[IssuedOffer]]
_providers: list[Provider] = []


def on_issued_documents(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def offers_for(session: VotingSession) -> list[IssuedOffer]:
    return [offer for provider in _providers for offer in provider(session)]
