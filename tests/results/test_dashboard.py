"""Every figure of the team and unit dashboards equals the same figure computed from the raw sittings."""

from __future__ import annotations

from dataclasses import asdict

from accounts.models import WorkUnit
from core.db import db
from quiz.results import dashboard
from tests.results import expected


def test_team_figures_equal_the_raw_sittings(mine, in_app):
    team = mine.teams["回收班"]
    people = mine.members["回收班"]
    board = dashboard.team_dashboard(team, mine.period)

    assert asdict(board.summary) == expected.summary(mine, people)
    assert board.summary.members == 6  # the unit trainer attached to the team does not count
    assert board.summary.participants == 5  # 回收4 never sat
    assert [asdict(w) for w in board.trend] == expected.weekly(mine, people)
    assert board.distribution == expected.bands(mine, people)
    assert sum(board.distribution) == board.summary.exams > 10


def test_weak_spots_count_graded_answers_of_exams_and_practice(mine, in_app):
    team = mine.teams["回收班"]
    people = mine.members["回收班"]
    board = dashboard.team_dashboard(team, mine.period)
    by_category = expected.answer_counts(mine, people, lambda a, s: a.category_id)
    by_document = expected.answer_counts(mine, people, lambda a, s: a.document_id)
    assert {s.id: (s.answers, s.correct, s.rate) for s in board.categories} == by_category
    assert {s.id: (s.answers, s.correct, s.rate) for s in board.documents} == by_document
    labels = {s.id: s.label for s in board.categories}
    assert labels[None] == "未分类" and "一通三防 / 瓦斯防治" in labels.values()
    assert {s.label for s in board.documents} >= {"煤矿安全规程", "未注明出处"}
    rates = [s.rate for s in board.categories]
    assert rates == sorted(rates)  # weakest first
    # the open practice sitting's one graded answer counts; its blanks and the open exam do not
    practice = next(s for s in mine.sittings if s.mode == "practice" and not s.closed)
    assert sum(1 for a in practice.answers if a.correct is not None) == 1


def test_party_members_against_the_rest(mine, in_app):
    team = mine.teams["回收班"]
    people = mine.members["回收班"]
    board = dashboard.team_dashboard(team, mine.period)
    party = [p for p in people if p.party_member]
    rest = [p for p in people if not p.party_member]
    assert [g.label for g in board.party] == ["党员", "其他职工"]
    for group, members in zip(board.party, (party, rest), strict=True):
        assert asdict(group.summary) == expected.summary(mine, members)
        n, right, rate = expected.answer_counts(mine, members, lambda a, s: "all").get("all", (0, 0, None))
        assert (group.answers, group.correct, group.rate) == (n, right, rate)
    # a team recording no party members shows no comparison
    assert dashboard.team_dashboard(mine.teams["安装班"], mine.period).party == []


def test_worker_rows_list_who_has_not_sat(mine, in_app):
    team = mine.teams["回收班"]
    board = dashboard.team_dashboard(team, mine.period)
    assert board.workers[0].name == "回收4" and board.workers[0].exams == 0
    for row in board.workers:
        person = next(p for p in mine.members["回收班"] if p.id == row.id)
        figures = expected.summary(mine, [person])
        assert (row.exams, row.passed, row.average) == (figures["exams"], figures["passed"], figures["average"])
        assert row.practices == expected.practices(mine, person)


def test_practice_is_counted_beside_the_exams(mine, in_app):
    """Who practised without sitting an exam is neither a participant nor someone who did nothing:
    the worker row and the summary count the practice sittings whose answers feed the weak spots."""
    board = dashboard.team_dashboard(mine.teams["回收班"], mine.period)
    never_sat = next(w for w in board.workers if w.name == "回收4")
    assert never_sat.exams == 0 and never_sat.practices == 2
    assert board.summary.practising == expected.summary(mine, mine.members["回收班"])["practising"] >= 2
    # the open practice sitting with one graded answer counts, like its answer in the weak spots
    assert next(w for w in board.workers if w.name == "回收2").practices >= 1


def test_unit_figures_teams_side_by_side_and_heatmap(mine, in_app):
    unit = db.session.get(WorkUnit, mine.units["综采一队"])
    teams = [mine.teams["回收班"], mine.teams["安装班"]]
    board = dashboard.unit_dashboard(unit, sorted(teams, key=lambda t: t.name), mine.period)
    people = mine.members["回收班"] + mine.members["安装班"]
    assert asdict(board.summary) == expected.summary(mine, people)
    assert [asdict(w) for w in board.trend] == expected.weekly(mine, people)
    assert board.distribution == expected.bands(mine, people)
    columns = {c.name: asdict(c.summary) for c in board.teams}
    assert columns == {name: expected.summary(mine, mine.members[name]) for name in ("回收班", "安装班")}
    by_team = expected.answer_counts(mine, people, lambda a, s: s.team_id)  # with practice, as the heatmap
    assert {c.id: (c.answers, c.correct, c.rate) for c in board.teams} == by_team
    cells = expected.answer_counts(mine, people, lambda a, s: (s.team_id, a.category_id))
    heat = board.heatmap
    found = {}
    for x, y, rate, n in heat["cells"]:
        team = next(t for t in teams if t.name == heat["teams"][y])
        category = board.categories[x].id
        found[(team.id, category)] = (n, rate)
    assert found == {k: (n, rate) for k, (n, _right, rate) in cells.items()}
    assert heat["categories"] == [c.label for c in board.categories]
    # 掘进班 (another unit) is nowhere in it
    assert "掘进班" not in heat["teams"]


def test_weak_spots_by_chapter_of_the_cited_article(mine, in_app):
    """Per chapter (章) of the cited article: the same counts as from the log, labelled as a reader names
    the chapter (written out in the fixture, not derived), 未注明出处 for questions citing nothing."""
    from tests.results.conftest import CHAPTER_OF

    def chapter(a, s):
        return CHAPTER_OF[a.article_id] if a.article_id is not None else "未注明出处"

    team = mine.teams["回收班"]
    board = dashboard.team_dashboard(team, mine.period)
    by_chapter = expected.answer_counts(mine, mine.members["回收班"], chapter)
    assert {s.label: (s.answers, s.correct, s.rate) for s in board.chapters} == by_chapter
    assert len(board.chapters) == 5  # four chapters of two documents, and 未注明出处
    assert "《煤矿安全规程》第二编 井工煤矿 / 第三章 一通三防" in by_chapter  # two sections of one chapter together
    assert "《中华人民共和国安全生产法》（不分章）" in by_chapter
    rates = [s.rate for s in board.chapters]
    assert rates == sorted(rates)  # weakest first
    # the chapters add up to the documents
    assert sum(s.answers for s in board.chapters) == sum(s.answers for s in board.documents)

    unit = db.session.get(WorkUnit, mine.units["综采一队"])
    teams = sorted([mine.teams["回收班"], mine.teams["安装班"]], key=lambda t: t.name)
    unit_board = dashboard.unit_dashboard(unit, teams, mine.period)
    people = mine.members["回收班"] + mine.members["安装班"]
    assert {s.label: (s.answers, s.correct, s.rate) for s in unit_board.chapters} == \
        expected.answer_counts(mine, people, chapter)
