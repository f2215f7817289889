"""A roster's 工种 is stored under its canonical name (corpus.jobs), said once per alias; an unknown one is
kept as typed and reported once, on the web preview and by the import-roster command (text and JSON) alike."""

from __future__ import annotations

import json
import re

from accounts.models import User
from corpus import jobs
from tests.accounts.test_roster import write_book
from tests.accounts.test_roster_headers import upload
from tests.factories import create_team

UNKNOWN = "巷修杂工"  # no job, alias or group the mine knows
ALIAS = "带式输送机司机"
HEADER = ("工号", "姓名", "区队", "班组", "工种")
ROWS = [HEADER, ("61001", "石磊", "综采一队", "回收班", ALIAS), ("61002", "田野", "综采一队", "回收班", UNKNOWN),
        ("61003", "韩松", "综采一队", "回收班", UNKNOWN)]


def test_the_names_used_here_are_an_alias_and_an_unknown_name() -> None:
    assert jobs.canonical(ALIAS) != ALIAS and jobs.unknown([ALIAS, UNKNOWN]) == [UNKNOWN]


def _job(db_session, username: str) -> str:
    return db_session.query(User).filter_by(username=username).one().job


def test_command_stores_the_canonical_name_and_reports_an_unknown_one_once(tmp_path, runner, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    path = write_book(tmp_path / "roster.xlsx", ROWS)
    text = runner.invoke(args=["import-roster", str(path), "--dry-run"]).output
    note = f"未识别的工种：{UNKNOWN}，已按原样保存。请核对工种名称：写错或用了别称的，改成本矿通用的工种名称后重新导入，否则按工种开放的试卷和学习内容对不上"
    # the alias is no unknown name: it is said once that it is stored under the canonical one
    assert text.count(note) == 1 and ALIAS not in note
    assert text.count(ALIAS) == 1 and f"工种 {ALIAS} 记为 {jobs.canonical(ALIAS)}" in text
    data = json.loads(runner.invoke(args=["import-roster", str(path), "--json"]).output.splitlines()[-1])
    assert data["unknown_jobs"] == [UNKNOWN] and data["created"] == 3
    assert _job(db_session, "61001") == jobs.canonical(ALIAS)
    assert _job(db_session, "61002") == _job(db_session, "61003") == UNKNOWN


def test_web_preview_reports_the_unknown_name_and_confirm_stores_the_canonical_one(client, login, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    login("admin")
    url = upload(client, ROWS)
    page = client.get(url).get_data(as_text=True)
    line = re.search(r'<p class="hint" id="unknown-jobs">(.*?)</p>', page).group(1)
    assert line == f"未识别的工种：{UNKNOWN}，已按原样保存。请核对工种名称：写错或用了别称的，改成本矿通用的工种名称后重新导入，否则按工种开放的试卷和学习内容对不上"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert "导入完成" in client.post(url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert _job(db_session, "61001") == jobs.canonical(ALIAS) and _job(db_session, "61002") == UNKNOWN


def test_a_roster_of_known_names_reports_none(tmp_path, runner, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    path = write_book(tmp_path / "roster.xlsx", [HEADER, ("61004", "石磊", "综采一队", "回收班", "支架工")])
    data = json.loads(runner.invoke(args=["import-roster", str(path), "--dry-run", "--json"]).output.splitlines()[-1])
    assert data["unknown_jobs"] == []
