"""The contest list with no contest says so in the viewer's terms: an admin sees the mine's, a
区队培训员 the 区队's, a 班组长 the 班组's."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("role", "says"), [("admin", "本矿还没有竞赛"), ("unit_trainer", "还没有与您的区队有关的竞赛"),
                                            ("team_leader", "还没有与您的班组有关的竞赛")])
def test_an_empty_contest_list_speaks_of_what_the_viewer_sees(client, login, role, says):
    login(role)
    assert says in client.get("/contests/").get_data(as_text=True)
