"""Fixtures for papers and approved questions of every shape (a pytest plugin, registered in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from core.db import db
from quiz.bank import service
from quiz.bank.types import JUDGE_OPTIONS, Option, QuestionDraft
from quiz.taking import papers
from quiz.taking.models import Paper, PaperAudience, PaperItem


def options(*texts: str) -> tuple[Option, ...]:
    return tuple(Option("ABCDEFGH"[i], t) for i, t in enumerate(texts))


def draft(shape: str, n: int, **extra) -> QuestionDraft:
    """A sound approved question of a shape; `n` makes the stem unique."""
    base = {
        "single": dict(options=options("1.0%", "1.5%", "2.0%", "0.5%"), answer=("B",)),
        "multi": dict(options=options("停工", "断电", "撤人", "继续作业"), answer=("A", "B", "C")),
        "judge": dict(options=JUDGE_OPTIONS, answer=("A",)),
        "blank": dict(answer=("20m/二十米",)),
    }[shape]
    fields = dict(type=shape, stem=f"第{n}题：{shape}题干（ ）。", explanation=f"解析{n}", difficulty=3,
                  status="approved", **base)
    fields.update(extra)
    return QuestionDraft(**fields)


@pytest.fixture
def make_questions(app) -> Callable[..., list]:
    """make_questions(single=2, multi=1, ...) -> stored approved questions."""
    counter = iter(range(1, 10_000))

    def make(**counts: int) -> list:
        made = []
        for shape, count in counts.items():
            for _ in range(count):
                made.append(service.add_question(draft(shape, next(counter))))
        db.session.commit()
        return made

    return make


@pytest.fixture
def make_paper(app, make_questions) -> Callable[..., Paper]:
    """make_paper(sections=[("single", 2, "10")], **fields) -> a published paper (questions created to fit)."""

    def make(sections=(("single", 2, "10"),), publish: bool = True, create: bool = True, **fields) -> Paper:
        if create:
            wanted: dict[str, int] = {}
            for shape, count, _points in sections:
                wanted[shape] = wanted.get(shape, 0) + count
            make_questions(**wanted)
        return build_paper(sections, publish=publish, **fields)

    return make


def build_paper(sections, publish: bool = True, **fields) -> Paper:
    """A paper drawing from the approved questions already stored (an exam of one attempt unless told; a pass
    mark of 1 for an exam, none for a practice unless told)."""
    settings = dict(title="月考", mode="exam", draw="fixed", multi_rule="half",
                    max_attempts=1, shuffle_options=False, shuffle_questions=False, status="draft")
    settings.update(fields)
    settings.setdefault("pass_score", Decimal(1) if settings["mode"] == "exam" else None)
    paper = Paper(sections=[papers.Section(s, c, Decimal(p)).to_dict() for s, c, p in sections], **settings)
    db.session.add(paper)
    db.session.flush()
    if publish:
        papers.publish(paper)
    db.session.commit()
    return paper


def picked_paper(picks, team_id: int, now, **fields) -> Paper:
    """A published fixed paper of the given (question id, version id) picks, one point each, open to
    one team (an exam of one attempt, in order, unless told); added to the session, not committed."""
    settings = dict(mode="exam", draw="fixed", multi_rule="half", sections=[], pass_score=Decimal(2),
                    max_attempts=1, shuffle_options=False, shuffle_questions=False, status="published",
                    published_at=now)
    settings.update(fields)
    paper = Paper(audience=[PaperAudience(team_id=team_id)],
                  items=[PaperItem(position=n, question_id=q, version_id=v, points=Decimal(1))
                         for n, (q, v) in enumerate(picks, start=1)], **settings)
    db.session.add(paper)
    db.session.flush()
    return paper
