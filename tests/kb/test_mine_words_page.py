"""The 本矿用语 page: a trainer adds a mine word, rebuilds, and the colloquial word then finds the
article that only has the rule word, on both search backends; workers cannot reach the page."""

from __future__ import annotations

import pytest

from kb import word_rebuild
from kb.analysis import use_mine_lines

ARTICLE = "第十条"  # 煤矿安全规程: 入井人员必须随身携带矿灯、自救器和标识卡 …
LINE = "身份卡 => 标识卡"


pytestmark = pytest.mark.usefixtures("shipped_words")  # the analyzer is process-wide (tests/kb/conftest.py)


@pytest.fixture
def inline_rebuild(indexed_app):
    """The page's rebuild runs in the request instead of a child process."""
    indexed_app.extensions[word_rebuild.RUNNER] = word_rebuild.run
    return indexed_app


def _finds(client, query: str) -> bool:
    data = client.get("/api/search", query_string={"q": query}).get_json()
    return any(hit["article"] == ARTICLE and hit["title"] == "煤矿安全规程" for hit in data["results"])


def test_a_trainer_adds_a_mine_word_and_the_rebuild_makes_search_find_it(inline_rebuild, client, login, post_form):
    login("unit_trainer")
    assert not _finds(client, "身份卡")
    page = post_form("/kb/words", {"lines": f"{LINE}\n卡片 => 卡"}).get_data(as_text=True)
    assert "只有一个字" in page and "卡片 =&gt; 卡" in page  # the bad line comes back to be corrected
    page = client.get("/kb/words").get_data(as_text=True)
    assert LINE.replace(">", "&gt;") in page and "还没有进入检索" in page
    assert not _finds(client, "身份卡")  # stored, not yet in the index
    response = post_form("/kb/words/rebuild", {}, page="/kb/words")
    assert response.status_code == 302
    page = client.get("/kb/words").get_data(as_text=True)
    assert "已生效" in page and "还没有进入检索" not in page
    assert _finds(client, "身份卡")
    assert _finds(client, "标识卡")


def test_deleting_the_line_and_rebuilding_takes_it_back(inline_rebuild, client, login, post_form):
    from core.audit import AuditEntry
    from core.db import db
    from kb.models import MineWord

    login("team_leader")
    post_form("/kb/words", {"lines": LINE})
    post_form("/kb/words/rebuild", {}, page="/kb/words")
    assert _finds(client, "身份卡")
    word = db.session.scalars(db.select(MineWord)).one()
    asked = post_form(f"/kb/words/{word.id}/delete", {}, page="/kb/words")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'id="confirm-step"' in page and LINE.replace(">", "&gt;") in page
    assert db.session.get(MineWord, word.id) is not None  # the first post only asks
    post_form(f"/kb/words/{word.id}/delete", {"confirmed": "1"}, page="/kb/words")
    assert db.session.get(MineWord, word.id) is None
    post_form("/kb/words/rebuild", {}, page="/kb/words")
    assert not _finds(client, "身份卡")
    actions = db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["kb.word.add", "kb.word.rebuild", "kb.word.remove", "kb.word.rebuild"]


def test_a_failed_rebuild_is_shown_with_its_reason(inline_rebuild, client, login, post_form):
    def broken(app):
        raise PermissionError(13, "Permission denied", "/srv/index")

    inline_rebuild.extensions[word_rebuild.RUNNER] = broken
    login("admin")
    post_form("/kb/words/rebuild", {}, page="/kb/words")
    assert "失败：没有写入权限" in client.get("/kb/words").get_data(as_text=True)


def test_workers_cannot_reach_the_page_or_post(indexed_app, client, login):
    from core.db import db
    from kb.models import MineWord

    login("worker")
    indexed_app.config["WTF_CSRF_ENABLED"] = False  # judged by the role guard alone
    assert client.get("/kb/words").status_code == 403
    assert client.post("/kb/words", data={"lines": LINE}).status_code == 403
    assert client.post("/kb/words/rebuild").status_code == 403
    assert db.session.scalars(db.select(MineWord)).all() == []


def test_the_cli_lists_adds_and_removes(whoosh_indexed_app, runner):
    import json

    from core import clock
    from core.db import db
    from kb.models import MineWord

    result = runner.invoke(args=["mine-words", "add", LINE, "卡片 => 卡"])
    assert result.exit_code == 1 and f"已添加：{LINE}" in result.output and "只有一个字" in result.output
    listed = runner.invoke(args=["mine-words", "list"]).output
    assert LINE in listed
    stored = db.session.scalars(db.select(MineWord)).one().created_at
    assert f"（{clock.shown(stored)}）" in listed  # the mine's local time, as the page shows it
    as_json = json.loads(runner.invoke(args=["mine-words", "list", "--json"]).output)
    assert as_json["mine"][0]["created_at"] == stored.isoformat() + "Z"  # UTC, marked so, as the other APIs
    word_id = int(listed.split()[0])
    rebuilt = runner.invoke(args=["mine-words", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(args=["mine-words", "remove", str(word_id)]).exit_code == 0
    assert LINE not in runner.invoke(args=["mine-words", "list"]).output


def test_the_page_rebuilds_in_a_child_and_the_server_takes_the_words_with_the_new_index(
    indexed_app, client, login, post_form
):
    """The real path: `run.py mine-words rebuild` in a child process; this process never applied
    the lines itself, it follows them when it sees the generation the child built."""
    import time

    from core.db import db
    from kb.analysis import mine_lines

    login("unit_trainer")
    post_form("/kb/words", {"lines": LINE})
    assert post_form("/kb/words/rebuild", {}, page="/kb/words").status_code == 302
    deadline = time.monotonic() + 120
    while (state := word_rebuild.status(indexed_app, db.session).state) == word_rebuild.RUNNING:
        assert time.monotonic() < deadline, "the rebuild child did not finish"
        time.sleep(0.5)
        db.session.expire_all()
    assert state == word_rebuild.DONE, word_rebuild.status(indexed_app, db.session).error
    assert mine_lines() == ()  # not applied here by the page
    assert _finds(client, "身份卡")
    assert mine_lines() == (LINE,)


def test_a_process_started_before_the_rebuild_cuts_as_its_index_was_cut(inline_rebuild, client, login, post_form):
    """Lines added but not yet rebuilt stay out of a starting process: it takes the ones its
    live index records, so queries are cut as the index was."""
    from kb import knowledge_base
    from kb.analysis import mine_lines

    login("unit_trainer")
    post_form("/kb/words", {"lines": LINE})
    post_form("/kb/words/rebuild", {}, page="/kb/words")
    post_form("/kb/words", {"lines": "风钻 => 电钻"})
    use_mine_lines(())  # a new process: the shipped table alone
    inline_rebuild.extensions.pop("kb")
    knowledge_base(inline_rebuild)
    assert mine_lines() == (LINE,)
    assert _finds(client, "身份卡")
