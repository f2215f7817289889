"""Trainer audit 3, finding 1: the clause shown beside a hazard question states its key for the place asked.

A control keyed beside a neighbouring clause of the same article (a belt's tension guard beside a lock-out key),
and a threshold keyed for one place beside the table row of another, passed every check: the excerpt was the clause
sharing most characters with the stem and every option, wrong ones included, and no check read it for the key.
"""

from __future__ import annotations

import pytest

from corpus.documents import Citation
from quiz.generation.evidence import proof, states
from quiz.generation.excerpt import excerpt_of
from quiz.generation.pipeline import hazard_batch
from quiz.generation.records import GeneratedQuestion
from quiz.generation.verify import Verifier
from tests.generation.conftest import SEED, article
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

# Made-up clauses in the manner of a regulation (not quoted from any text).
BELT = "（三）大巷里的带式输送机必须装设张紧力下降保护装置。"
LOCK = "检修电气设备前，开关把手切断电源后必须闭锁，并挂上禁止送电的警示牌。"
ROWS = [
    "| 测点位置 | 报警 | 断电 | 复电 |",
    "| 回采面回风隅角 | ≥1.0 | ≥1.5 | <1.0 |",
    "| 回采面回风巷 | ≥1.0 | ≥1.0 | <1.0 |",
]
ROW_STEM = "依据《测试监测规定》（2025年版）第十条，回采面回风巷的传感器在浓度达到（ ）时切断电源。"


def test_a_clause_on_another_guard_does_not_state_a_lock_out_key() -> None:
    key = "开关停电后闭锁并挂牌"
    assert not states(BELT, key, "检修输送带时，下列措施中有针对性的是（ ）。")
    assert states(LOCK, key, "检修输送带时，下列措施中有针对性的是（ ）。")


def test_a_threshold_is_stated_by_the_row_of_the_place_asked_not_by_its_neighbour() -> None:
    assert not states(ROWS[1], "1.0%", ROW_STEM)  # the 隅角 row: another place, and another cut-off
    assert states(ROWS[2], "1.0%", ROW_STEM)
    assert proof(ROWS, ["1.0%"], ROW_STEM) == [ROWS[2]]
    assert proof(ROWS, ["0.5%"], ROW_STEM) is None


def test_the_excerpt_follows_the_key_not_a_wrong_option() -> None:
    paragraphs = (BELT, "（五）转载点应当设置喷雾装置，运行时自动喷雾降尘。", LOCK) * 3
    stem = "带式输送机检修时，能管控“他人误启动输送带”的措施是（ ）。"
    shown = excerpt_of(paragraphs, "hazard_scenario", {"ask": "control"}, stem, ["开关停电后闭锁并挂牌"], [])
    assert shown == LOCK
    assert excerpt_of(paragraphs, "hazard_scenario", {"ask": "control"}, stem, ["每班清扫巷道浮煤"], []) is None
    # Kinds whose key is no statement keep the folded sentence of what the question holds true, wrong options aside.
    folded = excerpt_of(paragraphs, "single", {}, "转载点应当设置（ ）装置。", ["喷雾"], [])
    assert "喷雾" in folded


def _control(citation: Citation, hazard_id: str) -> GeneratedQuestion:
    from quiz.bank.types import Option

    return GeneratedQuestion(
        type="hazard_control", stem="针对危险源“检修时他人误启动”，下列管控措施中有针对性的有（ ）。",
        options=(Option("A", "开关停电后闭锁并挂牌"), Option("B", "每班清扫巷道浮煤"),
                 Option("C", "执行停送电工作票，检修时专人看管开关"), Option("D", "定期更换托辊")),
        answer=("A", "C"), explanation="", citation=citation, generator="hazard.control",
        inputs={"hazard": hazard_id}, seed=SEED,
    )


def test_the_verifier_fails_a_key_its_cited_article_does_not_state(hazard_data) -> None:
    belt = article(BELT, label="第十条")
    lock = article(LOCK + "检修时应执行停送电工作票，并由专人看管开关。", label="第十一条")
    verifier = Verifier([belt, lock], hazard_data)
    hazard_id = next(h.id for h in hazard_data.catalogue if h.controls)
    problems = verifier._key_stated(_control(Citation("测试安全规定", "第十条", "2024-01-01"), hazard_id),
                                    ["开关停电后闭锁并挂牌", "执行停送电工作票，检修时专人看管开关"])
    assert problems and all("没有陈述答案" in p for p in problems)
    assert not verifier._key_stated(_control(Citation("测试安全规定", "第十一条", "2024-01-01"), hazard_id),
                                    ["开关停电后闭锁并挂牌", "执行停送电工作票，检修时专人看管开关"])


def test_every_excerpt_of_a_seeded_run_states_its_key(hazard_data, shared_records) -> None:
    from bench.hazard_evidence import figures

    questions = hazard_batch(hazard_data, SEED, articles=shared_records).questions
    found = figures(questions, shared_records, hazard_data.catalogue)
    assert sum(found["key_is_statement"].values()) >= 30  # the statement kinds are still asked
    assert found["excerpt_not_stating_key"] == 0, found["excerpt_not_stating_key_per_form"]


@pytest.mark.usefixtures("review_app")
def test_the_review_page_marks_a_stored_draft_whose_article_does_not_state_its_key(
    tmp_path, client, login, hazard_data
) -> None:
    """A draft saved before the check (the demo's Q1469) is shown with a warning and the whole article, no excerpt."""
    from sqlalchemy import select

    from core.db import db
    from corpus.ingestion import ingest_paths
    from corpus.models import Article
    from quiz.generation.review import save_questions

    filler = [f"（{n}）输送机巷道的照明、通信和消防设施按月检查并记录。" for n in range(1, 12)]
    path = tmp_path / "测试运输规定(2024-01-01).md"
    path.write_text("# 测试运输规定\n\n## 第一章 总则\n\n第一条 " + "\n\n".join([BELT, *filler]) + "\n",
                    encoding="utf-8")
    ingest_paths([path], db.session)
    db.session.commit()
    stored = db.session.scalar(select(Article).where(Article.text.contains("张紧力下降")))
    hazard_id = next(h.id for h in hazard_data.catalogue if h.controls)
    draft = _control(Citation("测试运输规定", "第一条", "2024-01-01"), hazard_id)
    import dataclasses

    noted = dataclasses.replace(draft, article_id=stored.id, inputs={**draft.inputs, "review_note": "类别待核对（测试）"})
    saved = save_questions([noted]).saved
    db.session.commit()
    login("unit_trainer")
    page = client.get(f"/bank/review/?ids={saved[0].id}").get_data(as_text=True)
    cell = page.split('class="review-source"', 1)[1].split("</td>", 1)[0]
    assert "没有找到陈述本题答案的条款" in cell
    assert "source-excerpt" not in cell  # no clause is offered as the key's proof
    assert "类别待核对（测试）" in cell  # the reviewer's note, beside the source (finding 4)


def test_only_a_key_found_stated_claims_the_check(hazard_data, shared_records) -> None:
    from quiz.generation.checks import STATED, passed_checks

    questions = hazard_batch(hazard_data, SEED, ["hazard.threshold"], articles=shared_records).questions
    assert questions and all(q.inputs["evidence"] for q in questions)
    assert STATED in passed_checks("hazard.threshold", questions[0].inputs)
    assert STATED not in passed_checks("hazard.threshold", {"rule": "saved-before-the-check"})


def test_keys_are_chosen_first_among_the_controls_a_cited_clause_states(hazard_data) -> None:
    import dataclasses

    from quiz.generation.hazard import control

    assert list(control(hazard_data, SEED))
    picky = dataclasses.replace(hazard_data, stated=lambda h, text: "闭锁" in text)
    asked = list(control(picky, SEED))
    by_id = {h.id: h for h in hazard_data.catalogue}
    # A hazard with two controls a clause states is asked them (law first; the others are the catalogue's own).
    for q in asked:
        locks = [c.text for c in by_id[q.inputs["hazard"]].controls if "闭锁" in c.text]
        if len(locks) >= 2 and all(c in q.inputs["correct"] or c not in q.explanation for c in locks):
            assert all("闭锁" in k for k in q.inputs["correct"]), q.stem
