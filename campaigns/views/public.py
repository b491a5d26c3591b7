"""The public, printable bulletin of a conference: readable without login once the
secretariat has published it and the conference has taken place; before that only the
secretariat sees it (as a preview), and everyone else is told it does not exist (404)."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from campaigns import selectors
from cluster.rules import YearScope


class BulletinView(TemplateView):
    template_name = "campaigns/bulletin.html"

    def get_context_data(self, **kwargs):
        conference = selectors.conference_by_slug(slug=self.kwargs["conference_slug"])
        if conference is None:
            raise Http404
        preview = not conference.is_public
        if preview and not self.request.user.has_perm(
            "campaigns.manage_year", YearScope(conference.cluster, conference.year)
        ):
            raise Http404
        return super().get_context_data(
            bulletin=selectors.bulletin_for(conference=conference), preview=preview, **kwargs
        )
