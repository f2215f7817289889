"""The pages and JSON endpoints: scoped to the viewer (a team leader the own team, a unit trainer
the own unit, an admin all; workers 403), showing the same figures computed from the raw sittings."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from accounts.models import User
from core.db import db
from tests.conftest import csrf_token
from tests.factories import create_user
from tests.results import expected


def signed_in(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": user.username, "password": "Passw0rd!x", "csrf_token": token})
    assert response.status_code == 302
    return client


def period_args(mine) -> str:
    return f"from={mine.period.start.isoformat()}&to={mine.period.end.isoformat()}"


@pytest.fixture(scope="module")
def clients(mine, mine_app):
    return {
        "leader": signed_in(mine_app, mine.leader),
        "trainer": signed_in(mine_app, mine.trainer),
        "admin": signed_in(mine_app, mine.admin),
        "worker": signed_in(mine_app, mine.outsider),
    }


def test_team_leader_sees_only_the_own_team(mine, clients):
    client = clients["leader"]
    own, other = mine.teams["回收班"].id, mine.teams["安装班"].id
    unit = mine.units["综采一队"]
    assert client.get(f"/results/teams/{own}").status_code == 200
    assert client.get("/results/").headers["Location"].endswith(f"/results/teams/{own}")
    for url in (f"/results/teams/{other}", f"/api/v1/results/teams/{other}", f"/results/units/{unit}",
                f"/api/v1/results/units/{unit}", f"/results/items?team={other}", f"/api/v1/results/items?team={other}",
                f"/results/workers/{mine.members['安装班'][0].id}", f"/api/v1/results/workers/{mine.outsider.id}"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/results/workers/{mine.members['回收班'][1].id}").status_code == 200


def test_unit_trainer_sees_the_own_unit_only(mine, clients):
    client = clients["trainer"]
    for team in ("回收班", "安装班"):
        assert client.get(f"/results/teams/{mine.teams[team].id}").status_code == 200
    assert client.get(f"/results/units/{mine.units['综采一队']}").status_code == 200
    for url in (f"/results/teams/{mine.teams['掘进班'].id}", f"/api/v1/results/teams/{mine.teams['掘进班'].id}",
                f"/results/units/{mine.units['掘进二队']}", f"/api/v1/results/units/{mine.units['掘进二队']}",
                f"/results/items?unit={mine.units['掘进二队']}", f"/results/workers/{mine.outsider.id}"):
        assert client.get(url).status_code == 404, url


def test_workers_and_strangers_are_refused(mine, clients, mine_app):
    team = mine.teams["掘进班"].id
    for url in ("/results/", f"/results/teams/{team}", "/results/items", f"/results/units/{mine.units['掘进二队']}"):
        assert clients["worker"].get(url).status_code == 403, url
    for url in (f"/api/v1/results/teams/{team}", "/api/v1/results/items"):
        assert clients["worker"].get(url).status_code == 403, url
        assert mine_app.test_client().get(url).status_code == 401, url
    # a team leader who never belonged to a team sees nobody's figures
    with mine_app.app_context():
        loose = create_user("team_leader", None)
        loose.team_id = None
        db.session.commit()
        db.session.refresh(loose)
    client = signed_in(mine_app, loose)
    assert client.get(f"/results/teams/{team}").status_code == 404
    assert client.get("/api/v1/results/items").get_json()["items"] == []


def test_api_figures_equal_the_raw_sittings(mine, clients):
    client = clients["admin"]
    for name in ("回收班", "安装班", "掘进班"):
        data = client.get(f"/api/v1/results/teams/{mine.teams[name].id}?{period_args(mine)}").get_json()
        assert data["summary"] == expected.summary(mine, mine.members[name]), name
        assert data["trend"] == expected.weekly(mine, mine.members[name])
        assert data["distribution"] == expected.bands(mine, mine.members[name])
    data = client.get(f"/api/v1/results/units/{mine.units['综采一队']}?{period_args(mine)}").get_json()
    people = mine.members["回收班"] + mine.members["安装班"]
    assert data["summary"] == expected.summary(mine, people)
    assert {t["name"]: t["summary"] for t in data["teams"]} == {
        n: expected.summary(mine, mine.members[n]) for n in ("回收班", "安装班")}
    data = client.get(f"/api/v1/results/items?{period_args(mine)}").get_json()
    want = expected.items(mine)
    for item in data["items"]:
        w = want[item["question_id"]]
        assert (item["facility"], item["discrimination"], item["answers"]) == (
            w["facility"], w["discrimination"], w["answers"])
        counts = {c["version_id"]: {o["key"]: o["chosen"] for o in c["options"] if o["chosen"]} for c in item["choices"]}
        assert counts == {v: {k: n for k, n in c.items() if k != "(blank)"} for v, c in want[item["question_id"]]["options"].items()}


def test_team_page_shows_the_figures_and_its_charts_data(mine, clients):
    team = mine.teams["回收班"]
    page = clients["leader"].get(f"/results/teams/{team.id}?{period_args(mine)}").get_data(as_text=True)
    figures = expected.summary(mine, mine.members["回收班"])
    for name in ("participation", "average", "pass_rate"):
        assert f'data-figure="{name}">{figures[name]}%' in page
    assert f"{figures['participants']}/{figures['members']} 人参加过考试" in page
    assert f'<span data-figure="practising">{figures["practising"]}</span> 人做过练习' in page
    assert 'id="charts-data"' in page and "js/results.js" in page and "vendor/echarts/echarts.min.js" in page
    assert "<script>" not in page  # CSP: no inline scripts
    assert "党员示范岗" in page
    # weak spots by chapter: every chapter's figures, as computed from the log
    from tests.results.conftest import CHAPTER_OF

    chapters = expected.answer_counts(mine, mine.members["回收班"],
                                      lambda a, s: CHAPTER_OF.get(a.article_id, "未注明出处"))
    assert "薄弱环节：按章" in page
    for label, (n, right, rate) in chapters.items():
        assert f"<td>{label}</td><td>{n}</td><td>{right}</td><td>{rate}%</td>" in page, label
    data = clients["leader"].get(f"/api/v1/results/teams/{team.id}?{period_args(mine)}").get_json()
    assert {c["label"]: (c["answers"], c["correct"], c["rate"]) for c in data["chapters"]} == chapters
    # drill-down to a worker, and from there to the trainer's view of an exam attempt
    worker = mine.members["回收班"][1]
    assert f"/results/workers/{worker.id}?" in page
    history = clients["leader"].get(f"/results/workers/{worker.id}?{period_args(mine)}").get_data(as_text=True)
    links = re.findall(r'href="(/papers/\d+/attempts/\d+)"', history)
    closed = [s for s in mine.sittings if s.user.id == worker.id and s.mode == "exam" and s.closed
              and expected.in_period(s, mine.period)]
    assert len(links) == len(closed) > 0
    assert clients["leader"].get(links[0]).status_code == 200


def test_unit_and_item_pages_render(mine, clients):
    client = clients["trainer"]
    page = client.get(f"/results/units/{mine.units['综采一队']}?{period_args(mine)}").get_data(as_text=True)
    assert 'data-chart="heatmap"' in page and 'data-chart="teams"' in page and "安装班" in page
    assert "掘进班" not in page
    page = client.get(f"/results/items?{period_args(mine)}").get_data(as_text=True)
    want = expected.items(mine, mine.members["回收班"] + mine.members["安装班"])
    flagged = [q for q, w in want.items() if w["flags"]]
    assert f"<strong>{len(flagged)}</strong> 道建议复核" in page
    for question_id in flagged:
        assert f'href="/bank/{question_id}">建议复核' in page.replace(' class="button danger"', "")
    for question_id, w in want.items():
        row = page.split(f'data-question="{question_id}"')[1].split("</tr>")[0]
        assert f'data-figure="facility">{w["facility"]:.3f}' in row


def test_nav_link_for_trainers_only(mine, clients):
    assert "班组成绩" in clients["leader"].get("/").get_data(as_text=True)
    assert "班组成绩" not in clients["worker"].get("/").get_data(as_text=True)


def test_team_page_says_what_each_section_counts(mine, clients):
    """Exam figures are marked 仅考试, weak spots 含练习; who practised without an exam reads
    练习 N 次 and 未考试, never 未参加; the API and the Excel export carry the same worker figures."""
    team = mine.teams["回收班"]
    page = clients["leader"].get(f"/results/teams/{team.id}?{period_args(mine)}").get_data(as_text=True)
    for heading in ("概况", "每周走势", "成绩分布"):
        assert re.search(heading + r' <small class="badge"[^>]*>仅考试</small>', page), heading
    for heading in ("按分类", "按出处文档", "按章"):
        assert re.search("薄弱环节：" + heading + r' <small class="badge"[^>]*>含练习</small>', page), heading
    by_name = {p.name: p for p in mine.members["回收班"]}
    practised_only = [p for p in by_name.values()
                      if expected.practices(mine, p) and not expected.summary(mine, [p])["exams"]]
    assert practised_only
    for person in practised_only:
        row = re.search(rf"<td>{person.username}</td>.*?</tr>", page, re.S).group(0)
        assert f"练习 {expected.practices(mine, person)} 次" in row and "未考试" in row and "未参加" not in row
    data = clients["leader"].get(f"/api/v1/results/teams/{team.id}?{period_args(mine)}").get_json()
    api = {w["username"]: (w["exams"], w["passed"], w["average"], w["best"], w["practices"]) for w in data["workers"]}
    for person in by_name.values():
        figures = expected.summary(mine, [person])
        exams, passed, average, _best, practices = api[person.username]
        assert (exams, passed, average, practices) == (figures["exams"], figures["passed"], figures["average"],
                                                       expected.practices(mine, person))
    book = load_workbook(BytesIO(clients["leader"].get(
        f"/records/results/teams/{team.id}.xlsx?{period_args(mine)}").data))
    sheet = list(book["职工"].iter_rows(values_only=True))
    assert sheet[0][:3] == ("工号", "姓名", "考试次数") and sheet[0][-1] == "练习次数"
    assert {r[0]: (r[2], r[3], r[4], r[5], r[7]) for r in sheet[1:]} == api
    facts = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert (facts["参与率%（仅考试）"], facts["做过练习"]) == (data["summary"]["participation"],
                                                       data["summary"]["practising"])


def test_the_chapter_example_names_a_chapter_of_the_rules(mine, clients, shared_dir):
    """The 按章 hint's example (《煤矿安全规程》编 / 章) is a chapter of the 规程 as the library holds it: its
    章 heading stands under its 编 heading (chapter numbers restart in each 编)."""
    rules = next((shared_dir / "corpus" / "regulations").glob("煤矿安全规程*.md")).read_text(encoding="utf-8")
    unit = mine.units["综采一队"]
    for url in (f"/results/teams/{mine.teams['回收班'].id}", f"/results/units/{unit}"):
        page = clients["admin"].get(f"{url}?{period_args(mine)}").get_data(as_text=True)
        example = re.search(r"章（如《煤矿安全规程》(第\S+编 \S+) / (第\S+章 \S+)）", page)
        assert example, url
        part, chapter = example.groups()
        headings = re.findall(r"^#+ (.+)$", rules, re.M)
        assert part in headings and chapter in headings
        after = headings[headings.index(part) + 1:]
        next_part = next((i for i, h in enumerate(after) if re.match(r"第\S+编", h)), len(after))
        assert chapter in after[:next_part], (part, chapter)


def test_a_leader_reads_a_workers_sheet_as_someone_elses(mine, clients):
    """The staff view of a worker's sheet names the worker's answers (作答, not 您的答案) and leads
    back to the paper's 成绩 and the worker's results, not to the viewer's own 我的成绩 / 考试练习."""
    worker = mine.members["回收班"][1]
    history = clients["leader"].get(f"/results/workers/{worker.id}?{period_args(mine)}").get_data(as_text=True)
    link = re.findall(r'href="(/papers/(\d+)/attempts/\d+)"', history)[0]
    page = clients["leader"].get(link[0]).get_data(as_text=True)
    assert f"{worker.name}的答卷" in page
    assert "作答：" in page and "您的答案" not in page and "自己的答案" not in page
    assert f'href="/papers/{link[1]}#results"' in page and f'href="/results/workers/{worker.id}"' in page
    assert 'class="button" href="/history"' not in page and 'class="button" href="/quizzes"' not in page
