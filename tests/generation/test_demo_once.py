"""The demo's questions are generated once: a re-run of the demo after the mine took in its own
documents adds none (README: re-runs add nothing)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from core.db import db
from quiz.bank.models import Question
from quiz.generation.cli import seed_demo_questions

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample"
OWN_RULES = (
    "# 红石煤矿入井检身制度\n\n2026年3月1日 红石煤矿 印发\n\n"
    "第一条 为了加强入井人员管理，制定本制度。\n\n"
    "第二条 入井人员必须随身携带自救器和矿灯，严禁携带烟草和点火物品入井。\n\n"
    "第三条 检身工发现携带烟草或者点火物品的，必须当场收缴并报告调度室，严禁放行。\n\n"
    "第四条 入井人员严禁穿化纤衣服，严禁酒后入井。\n\n"
    "第五条 班组长必须在入井前清点本班人数，并检查每人的自救器。\n"
)


def _questions() -> int:
    return db.session.scalar(select(func.count()).select_from(Question))


def test_a_demo_re_run_after_an_ingest_adds_no_question(runner, tmp_path):
    assert runner.invoke(args=["ingest", str(SAMPLE)]).exit_code == 0
    seed_demo_questions(quiet=True)
    first = _questions()
    assert first > 0
    own = tmp_path / "红石煤矿入井检身制度.md"
    own.write_text(OWN_RULES, encoding="utf-8")
    assert runner.invoke(args=["ingest", str(own)]).exit_code == 0
    seed_demo_questions(quiet=True)  # the demo's step again, as a second `make run` runs it
    assert _questions() == first
