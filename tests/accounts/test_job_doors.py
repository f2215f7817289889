"""One rule for a person's 工种 at every door (corpus.jobs.to_store): the person form, the roster import
(web and command), the demo and the trainers' audiences save an alias under its canonical name and say so
once per name (工种 液压支架工 记为 支架工); a 工种 the mine's list does not know is kept as typed."""

from __future__ import annotations

import json
import re

from accounts.models import User
from corpus import jobs
from tests.accounts.test_roster import write_book
from tests.accounts.test_roster_headers import upload
from tests.factories import create_team, create_user

ALIAS, NAME = "液压支架工", "支架工"
OWN = "井口信号工"  # a mine's own 工种: in neither the list nor the hazard catalogue
HEADER = ("工号", "姓名", "区队", "班组", "工种")


def test_the_names_used_here_are_an_alias_and_a_name_the_mine_does_not_know() -> None:
    assert jobs.to_store(ALIAS) == NAME and OWN in jobs.unknown([OWN])


def test_typed_names_are_trimmed_and_normalised_before_the_alias_is_read() -> None:
    assert jobs.to_store(f"\u3000{ALIAS} ") == NAME
    assert jobs.to_store("液壓支架工") == NAME  # 繁 → 简, as names are read everywhere
    assert jobs.to_store(f" {OWN}\u3000") == OWN
    assert jobs.renamed_notes([ALIAS, f"{ALIAS} ", NAME, OWN, "", None]) == [f"工种 {ALIAS} 记为 {NAME}"]


def _edit(client, post_form, person: User, job: str):
    return post_form(f"/admin/people/{person.id}/edit", {
        "username": person.username, "name": person.name, "team_id": person.team_id, "job": job,
        "role": person.role}, follow_redirects=True)


def test_the_person_form_stores_the_canonical_name_and_says_so(client, login, post_form, db_session):
    login("admin")
    person = create_user("worker", team=create_team("综采一队", "回收班"), name="牛春生", job="采煤机司机")
    page = _edit(client, post_form, person, ALIAS).get_data(as_text=True)
    db_session.refresh(person)
    assert person.job == NAME
    assert f"工种 {ALIAS} 记为 {NAME}" in page
    page = _edit(client, post_form, person, NAME).get_data(as_text=True)  # nothing renamed: nothing said
    assert "记为" not in page


def test_the_new_person_form_keeps_an_unknown_job_as_typed(client, login, post_form, db_session):
    team = create_team()
    login("admin")
    page = post_form("/admin/people/new", {"username": "30001", "name": "新工人", "team_id": team.id,
                                           "job": f" {OWN}\u3000", "role": "worker"},
                     follow_redirects=True).get_data(as_text=True)
    assert db_session.query(User).filter_by(username="30001").one().job == OWN
    assert "记为" not in page


def test_roster_and_form_store_the_same_name_for_the_same_input(tmp_path, client, login, post_form, runner,
                                                                 db_session):
    team = create_team("综采一队", "回收班", mine_name="青山煤矿")
    login("admin")
    typed = [ALIAS, f"{ALIAS}\u3000", "维修电工", OWN]
    rows = [HEADER] + [(f"6200{i}", f"甲{i}", "综采一队", "回收班", job) for i, job in enumerate(typed)]
    path = write_book(tmp_path / "roster.xlsx", rows)
    text = runner.invoke(args=["import-roster", str(path)]).output
    # one line per name written, not per row
    assert text.count(f"工种 {ALIAS} 记为 {NAME}") == 1 and text.count("工种 维修电工 记为 电钳工") == 1
    by_roster = [db_session.query(User).filter_by(username=f"6200{i}").one().job for i in range(len(typed))]
    by_form = []
    for i, job in enumerate(typed):
        post_form("/admin/people/new", {"username": f"6300{i}", "name": f"乙{i}", "team_id": team.id, "job": job,
                                        "role": "worker"})
        by_form.append(db_session.query(User).filter_by(username=f"6300{i}").one().job)
    assert by_roster == by_form == [NAME, NAME, "电钳工", OWN]


def test_the_roster_report_names_each_renamed_job_once_on_the_web_and_in_json(tmp_path, client, login, runner,
                                                                              db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    rows = [HEADER, ("61001", "石磊", "综采一队", "回收班", ALIAS), ("61002", "田野", "综采一队", "回收班", ALIAS),
            ("61003", "韩松", "综采一队", "回收班", NAME)]
    data = json.loads(runner.invoke(args=["import-roster", str(write_book(tmp_path / "r.xlsx", rows)), "--dry-run",
                                          "--json"]).output.splitlines()[-1])
    assert data["renamed_jobs"] == [f"工种 {ALIAS} 记为 {NAME}"]
    login("admin")
    page = client.get(upload(client, rows)).get_data(as_text=True)
    listed = re.search(r'<ul class="hint" id="renamed-jobs">(.*?)</ul>', page).group(1)
    assert re.findall(r"<li>(.*?)</li>", listed) == [f"工种 {ALIAS} 记为 {NAME}"]


def test_the_demo_saves_its_jobs_by_the_same_rule(db_session):
    from accounts.demo import DEMO_ROSTER, seed_demo

    seed_demo()
    typed = {username: job for _unit, _team, people in DEMO_ROSTER for username, _n, job, _p, _r in people}
    stored = {u.username: u.job for u in db_session.query(User).filter(User.username.in_(typed))}
    assert stored == {username: jobs.to_store(job) for username, job in typed.items()}
