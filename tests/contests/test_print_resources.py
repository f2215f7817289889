"""The contest pages that stand alone (no base.html: the printable result and the team-room screen)
request nothing that answers 404: every resource they name is served, and they name their icon, so
the browser does not ask for /favicon.ico (the print page did: a 404 in its console)."""

from __future__ import annotations

import re

from tests.contests.test_contests import signed_in


def test_the_print_and_screen_pages_name_their_icon_and_every_resource_is_served(app, race):
    client = signed_in(app, race.trainer)
    for url in (f"/contests/{race.contest.id}/print", f"/contests/{race.contest.id}/screen"):
        page = client.get(url).get_data(as_text=True)
        assert re.search(r'<link rel="icon" href="/static/favicon\.svg[?"]', page), url
        resources = re.findall(r'<(?:link|script|img)\b[^>]*\b(?:href|src)="(/[^"]+)"', page)
        assert resources, url
        for resource in resources:
            if resource.startswith("/static/"):
                assert client.get(resource).status_code == 200, (url, resource)
