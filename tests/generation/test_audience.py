"""Who a theory run is for (issue 16): 一线职工 by default, or 管理人员 (安全管理人员、主要负责人), who are also examined on
the employer's and the leadership's duties, licences, registration, inspection, reporting and agency procedure. One
parameter, from `run.py generate --audience` and the review page's 出题对象, reaches `relevance`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from core.db import db
from quiz.generation import articles as read
from quiz.generation import ondemand
from quiz.generation import pipeline as pl
from quiz.generation.cli import generate_command
from quiz.generation.models import GenerationRecord
from quiz.generation.relevance import (
    ARTICLE_THRESHOLD,
    FRONTLINE,
    MANAGERS,
    THRESHOLD,
    agency_deadline,
    article_relevance,
    current_audience,
    for_audience,
    relevance,
    sentence_relevance,
)
from quiz.generation.scope import in_mine_scope
from quiz.generation.theory.questions import asked_text
from tests.generation.conftest import SEED, record_of
from tests.generation.test_review import review_app  # noqa: F401 - the fixture of the web tests below

REPORT = "生产安全事故报告和调查处理条例"
SPECIAL = "中华人民共和国特种设备安全法"
AGENCY_DEADLINE = "卫生行政部门应当自收到申请之日起三十日内作出是否批准的决定"
MINES_FILING = "特种设备使用单位应当于设备投入使用前或者投入使用后三十日内，到特种设备安全监督管理部门办理使用登记手续"
LEADERSHIP_MEETING = "突出矿井的矿长每月至少应当组织进行1次防突专题研究"
FRONTLINE_DRILL = "煤矿企业应当每年至少组织2次应急演练"


def _run(records, pools, audience: str | None = None, title: str | None = REPORT):
    """The verified items of a run over one document (every document a mine trains on, `title` None)."""
    chosen = [r for r in records if r.title == title] if title else pl.theory_selection(records)
    extra = {} if audience is None else {"audience": audience}
    return pl.theory_batch(chosen, SEED, pools, corpus=records, **extra).questions


def test_agency_procedure_and_the_leaderships_meetings_are_asked_of_managers_only() -> None:
    for sentence in (MINES_FILING, LEADERSHIP_MEETING):
        assert sentence_relevance(sentence) < THRESHOLD
        assert sentence_relevance(sentence, FRONTLINE) == sentence_relevance(sentence)
        assert sentence_relevance(sentence, MANAGERS) >= THRESHOLD
    # An agency's own deadline is another body's business, not the mine's to act on (managers' blind read, T23).
    assert max(sentence_relevance(AGENCY_DEADLINE, a) for a in (FRONTLINE, MANAGERS)) < THRESHOLD
    # a frontline rule stays asked of both; a penalty and equipment serving the public of neither
    assert min(sentence_relevance(FRONTLINE_DRILL, a) for a in (FRONTLINE, MANAGERS)) >= THRESHOLD
    for other in ("对生产经营单位处二十万元以上五十万元以下的罚款", "客运索道的运营使用单位应当在每日投入使用前进行试运行"):
        assert max(sentence_relevance(other, a) for a in (FRONTLINE, MANAGERS)) < THRESHOLD


def test_the_audience_is_the_runs_and_only_inside_it() -> None:
    assert current_audience() == FRONTLINE
    with for_audience(MANAGERS):
        assert current_audience() == MANAGERS
        assert sentence_relevance(MINES_FILING) == sentence_relevance(MINES_FILING, MANAGERS)
    assert current_audience() == FRONTLINE and sentence_relevance(MINES_FILING) < THRESHOLD
    with pytest.raises(ValueError):
        with for_audience("everyone"):
            pass


def test_the_default_runs_relevance_is_the_frontlines(shared_records, shared_pools) -> None:
    default = _run(shared_records, shared_pools)
    frontline = _run(shared_records, shared_pools, FRONTLINE)
    assert [(q.stem, q.relevance) for q in default] == [(q.stem, q.relevance) for q in frontline]
    by_key = {r.key: r for r in shared_records}
    for question in default:
        record = by_key[question.inputs["article"]]
        assert question.relevance == relevance(record.text, asked_text(question.inputs), record.path, FRONTLINE)


def test_a_managers_run_asks_agency_procedure_the_default_does_not(shared_records, shared_pools) -> None:
    # 第十一条: the agencies pass the report up level by level, at most 2小时 a level — what the agencies do, on which a
    # manager is examined; a frontline run leaves the article out.
    record = record_of(shared_records, "第十一条", REPORT)
    assert article_relevance(record.text, record.path, FRONTLINE) < ARTICLE_THRESHOLD
    assert article_relevance(record.text, record.path, MANAGERS) >= ARTICLE_THRESHOLD
    default, managers = _run(shared_records, shared_pools), _run(shared_records, shared_pools, MANAGERS)
    assert record.key not in {q.inputs["article"] for q in default}
    asked = [q for q in managers if q.inputs["article"] == record.key]
    assert asked and all(q.relevance == relevance(record.text, asked_text(q.inputs), record.path, MANAGERS)
                         for q in asked)
    assert len({q.inputs["article"] for q in managers}) > len({q.inputs["article"] for q in default})


def test_a_managers_run_stays_in_the_mines_field_and_in_force(all_shared_records, shared_pools) -> None:
    chosen = pl.theory_selection(all_shared_records)
    questions = pl.theory_batch(chosen, SEED, shared_pools, corpus=all_shared_records, audience=MANAGERS).questions
    by_key = {r.key: r for r in all_shared_records}
    assert questions
    assert all(in_mine_scope(by_key[q.inputs["article"]].title, by_key[q.inputs["article"]].doc_type)
               for q in questions)
    assert {by_key[q.inputs["article"]].status for q in questions} == {"current"}


def test_the_cli_option_reaches_the_generator(app, shared_dir) -> None:
    runner = app.test_cli_runner()
    base = ["--kind", "theory", "-n", "400", "--json", "--corpus", str(shared_dir / "corpus"), "--doc", REPORT]
    default = json.loads(runner.invoke(generate_command, base).output)
    managers = runner.invoke(generate_command, [*base, "--audience", "managers"])
    assert managers.exit_code == 0, managers.output
    items = json.loads(managers.output)
    articles = lambda run: {q["citation"]["article"] for q in run}  # noqa: E731
    assert "第十一条" in articles(items) and "第十一条" not in articles(default)
    assert all("relevance" in q for q in items)
    refused = runner.invoke(generate_command, [*base, "--audience", "everyone"])
    assert refused.exit_code != 0 and "everyone" in refused.output


@pytest.mark.usefixtures("review_app")
def test_the_web_forms_audience_reaches_the_generator(shared_dir, client, login, post_form, monkeypatch) -> None:
    from corpus.ingestion import ingest_paths

    ingest_paths([shared_dir / "corpus" / "laws" / "安全生产法(2021-06-10).md"], db.session)
    db.session.commit()
    seen: list[str] = []
    real = ondemand.theory_batch

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(kwargs["audience"])
        return real(*args, **kwargs)

    monkeypatch.setattr(ondemand, "theory_batch", spy)
    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)
    assert 'name="audience"' in page and "一线职工" in page and "管理人员" in page
    form = {"kind": "theory", "count": "5", "audience": "managers"}
    response = post_form("/bank/review/generate", form, page="/bank/review/")
    assert response.status_code == 302 and "ids=" in response.headers["Location"]
    assert seen and set(seen) == {MANAGERS}
    stored = list(db.session.scalars(select(GenerationRecord)))
    assert stored and all("relevance" in (r.inputs or {}) for r in stored)
    seen.clear()
    assert post_form("/bank/review/generate", {**form, "audience": "everyone"}, page="/bank/review/").status_code == 302
    assert not seen  # refused by the form, nothing generated


@pytest.mark.usefixtures("review_app")
def test_a_worker_cannot_generate_for_any_audience(client, login, post_form) -> None:
    login("worker")
    response = post_form("/bank/review/generate", {"kind": "theory", "count": "3", "audience": "managers"}, page="/")
    assert response.status_code == 403


def test_a_managers_run_states_and_changes_a_state_bodys_duty(shared_records, shared_pools) -> None:
    # The investigation team's 60日 deadline for its report …: a frontline run never states what the state's bodies do
    # (`theory.true_false.false_changes`, `_strong_truth`); a run for managers does, true or changed, but for the deadlines the
    # bodies keep themselves (managers' blind read, T23: 考核发证部门…十个工作日内公布考试成绩).
    def state_judges(questions):
        return [q for q in questions if q.generator == "theory.judge"
                and (found := read.subject(q.inputs["sentence"])) and found[1] == "state"]

    assert not state_judges(_run(shared_records, shared_pools, title=None))
    managers = state_judges(_run(shared_records, shared_pools, MANAGERS, title=None))
    assert managers and not any(agency_deadline(q.inputs["sentence"]) for q in managers)
