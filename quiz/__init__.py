"""Quizzes, in three sub-packages that build on one another and never on this package:

- `quiz.bank`: the question bank (questions, versions, import/export, citations, review pages);
- `quiz.generation`: questions generated from regulations and the hazard catalogue, and their review;
- `quiz.taking`: practice, exams, scoring, history and the wrong-answer book;
- `quiz.results`: team and unit dashboards and item analysis for trainers;
- `quiz.assignments`: papers and practice sets assigned with a deadline, and the pre-shift quiz (班前会);
- `quiz.contests`: contests (技术比武 / 知识竞赛) among teams with a live leaderboard;
- `quiz.records`: training hours, offline sessions, 一人一档 / 一期一档 and result exports.

`generation` uses `bank`; `taking` uses both (generation decides which drafts practice may use); `results` reads what `taking` stores. This module only wires them in.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register every quiz sub-package."""
    from quiz import assignments, bank, contests, generation, records, results, taking

    bank.init_app(app)
    generation.init_app(app)
    taking.init_app(app)
    results.init_app(app)
    assignments.init_app(app)
    contests.init_app(app)
    records.init_app(app)
