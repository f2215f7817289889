"""The bank service: one-transaction imports, versions, statuses, generated questions, citations."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest
from sqlalchemy import func, select

from corpus.documents import Citation
from corpus.models import Article, Document
from quiz.bank import citations, imports, service
from quiz.bank.importer import parse_files
from quiz.bank.models import Category, Question, QuestionVersion
from quiz.bank.types import Option, QuestionDraft
from tests.quiz.banks import fail_at, standard_bank

SINGLE = QuestionDraft(
    type="single",
    stem="井下发现火灾应首先（ ）",
    options=(Option("A", "撤离并报告"), Option("B", "继续作业")),
    answer=("A",),
    explanation="先撤离、后汇报",
    category=("应急救援", "火灾"),
    jobs=("采煤工",),
)


def count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def make_document(db_session, text: str = "入井人员必须随身携带自救器。", version: date = date(2025, 7, 24)) -> Article:
    document = Document(
        title="煤矿安全规程",
        doc_key="煤矿安全规程",
        doc_type="部门规章",
        version_date=version,
        source_name="规程.md",
        source_hash=str(version),
    )
    article = Article(ordinal=10, kind="article", number=10, label="第十条", text=text, anchor="art-10")
    document.articles.append(article)
    db_session.add(document)
    db_session.flush()
    return article


def test_save_import_stores_questions_with_origin_and_category(db_session) -> None:
    report = parse_files([("机电.xlsx", standard_bank(3))], existing=service.existing_keys())
    batch = imports.save_import(report)
    db_session.commit()
    questions = db_session.scalars(select(Question).order_by(Question.id)).all()
    assert len(questions) == 3 and batch.imported == 3
    first = questions[0]
    assert (first.origin, first.origin_file, first.origin_row, first.import_batch_id) == (
        "import",
        "机电.xlsx",
        2,
        batch.id,
    )
    assert first.category.path == ("机电",) and first.status == "draft"
    assert first.current_version.answer == ["B"] and first.current_version.number == 1
    assert count(db_session, Category) == 1


def test_a_failed_import_leaves_nothing_behind(db_session, monkeypatch) -> None:
    report = parse_files([("a.xlsx", standard_bank(50))])
    fail_at(monkeypatch, 30, RuntimeError("disk full"))
    with pytest.raises(RuntimeError):
        imports.save_import(report)
    db_session.rollback()
    assert count(db_session, Question) == 0 and count(db_session, QuestionVersion) == 0


def test_add_question_refuses_invalid_and_duplicate_drafts(db_session) -> None:
    question = service.add_question(SINGLE, created_by_id=None)
    db_session.flush()
    with pytest.raises(service.DuplicateQuestion) as duplicate:
        service.add_question(replace(SINGLE, stem="井下发现火灾应首先(  )。"))
    assert duplicate.value.existing_id == question.id
    with pytest.raises(service.InvalidQuestion, match="单选题只能有一个答案"):
        service.add_question(replace(SINGLE, stem="另一题", answer=("A", "B")))


def test_questions_differing_only_by_a_decimal_point_or_percent_sign_are_two(db_session) -> None:
    limit = QuestionDraft(type="single", stem="巷道中行人侧的宽度不得小于（ ）。", answer=("A",),
                          options=(Option("A", "1.5米"), Option("B", "2.0米")))
    first = service.add_question(limit)
    db_session.flush()
    assert service.find_duplicate(replace(limit, options=(Option("A", "1．5 米"), Option("B", "2.0米。")))) == first.id
    assert service.find_duplicate(replace(limit, options=(Option("A", "15米"), Option("B", "20米")))) is None
    assert service.find_duplicate(replace(limit, options=(Option("A", "1.5%"), Option("B", "2.0%")))) is None


def test_editing_content_adds_a_version_and_old_versions_stay_unchanged(db_session) -> None:
    question = service.add_question(SINGLE)
    db_session.commit()
    first_id = question.current_version_id
    assert service.edit_question(question, replace(SINGLE, explanation="新的解析")) is True
    db_session.commit()
    assert [v.number for v in question.versions] == [1, 2]
    assert db_session.get(QuestionVersion, first_id).explanation == "先撤离、后汇报"
    assert question.current_version.explanation == "新的解析"
    assert service.edit_question(question, replace(SINGLE, explanation="新的解析", jobs=("掘进工",))) is False
    assert question.jobs == ["掘进工"] and len(question.versions) == 2


def test_stored_versions_cannot_be_modified(db_session) -> None:
    question = service.add_question(SINGLE)
    db_session.commit()
    question.current_version.stem = "偷偷改掉"
    with pytest.raises(ValueError, match="immutable"):
        db_session.flush()
    db_session.rollback()


def test_status_changes(db_session) -> None:
    questions = [service.add_question(replace(SINGLE, stem=f"题{i}")) for i in range(3)]
    assert service.set_status(questions[:2], "approved", user_id=None) == 2
    assert questions[0].approved_at is not None
    assert service.set_status(questions, "retired") == 3
    with pytest.raises(service.QuestionError):
        service.set_status(questions, "deleted")


def test_save_generated_keeps_drafts_and_skips_bad_and_duplicate_ones(db_session) -> None:
    service.add_question(SINGLE)
    hazard = QuestionDraft(
        type="hazard_site",
        stem="采煤工作面存在的危险源有（ ）",
        options=(Option("A", "顶板垮落"), Option("B", "瓦斯超限"), Option("C", "海啸")),
        answer=("A", "B"),
        status="approved",
    )
    result = service.save_generated(
        [(hazard, "HZ-ZC-001"), SINGLE, replace(hazard, stem="坏题", answer=("Z",))], "hazard_site"
    )
    assert len(result.saved) == 1 and len(result.duplicates) == 1 and len(result.invalid) == 1
    saved = result.saved[0]
    assert (saved.origin, saved.generator, saved.origin_ref, saved.status) == (
        "generated",
        "hazard_site",
        "HZ-ZC-001",
        "draft",
    )
    assert saved.origin_label == "自动生成（hazard_site，HZ-ZC-001）"


@dataclass(frozen=True)
class FakeSuggestion:
    article_id: int
    citation: Citation
    score: float
    confidence: float


def test_suggested_and_written_citations(db_session) -> None:
    article = make_document(db_session)
    seen: list[str] = []

    def suggest(text: str) -> list[FakeSuggestion]:
        seen.append(text)
        return [FakeSuggestion(article.id, article.citation, 9.5, 0.8)]

    suggested = service.add_question(SINGLE, suggest=suggest)
    assert (suggested.article_id, suggested.citation_state, suggested.citation_confidence) == (
        article.id,
        "suggested",
        0.8,
    )
    assert "撤离并报告" in seen[0]  # the suggester sees the stem and the answer text
    written = service.add_question(
        replace(SINGLE, stem="另一题", citation=Citation("煤矿安全规程", "第十条")), suggest=suggest
    )
    assert written.article_id == article.id and written.citation_state == "accepted"
    db_session.flush()
    assert [q.id for q in citations.questions_citing(article.id)] == [suggested.id, written.id]


def test_a_changed_article_flags_its_questions_stale_and_an_unchanged_one_follows(db_session) -> None:
    old = make_document(db_session)
    question = service.add_question(replace(SINGLE, article_id=old.id))
    db_session.flush()
    old.document.status = "superseded"
    same = make_document(db_session, version=date(2026, 1, 1))
    assert citations.mark_stale_for_documents([same.document_id]) == 0
    assert question.article_id == same.id and not question.stale

    same.document.status = "superseded"
    changed = make_document(db_session, text="入井人员必须随身携带自救器和标识卡。", version=date(2027, 1, 1))
    assert citations.mark_stale_for_documents([changed.document_id]) == 1
    assert question.stale and "已修改" in question.stale_reason
    service.edit_question(question, question.to_draft())
    assert not question.stale


def test_the_corpus_signal_flags_questions_when_an_article_changes_in_place(app, db_session) -> None:
    from corpus.signals import commit_and_announce

    article = make_document(db_session)
    question = service.add_question(replace(SINGLE, article_id=article.id))
    untouched = service.add_question(replace(SINGLE, stem="未引用条文的题"))
    db_session.commit()
    article.text = "入井人员必须随身带好矿灯、标识卡和自救器。"
    commit_and_announce(db_session, None, [article.document_id])
    db_session.expire_all()
    assert db_session.get(Question, question.id).stale
    assert "《煤矿安全规程》第十条在新版本中已修改" in db_session.get(Question, question.id).stale_reason
    assert not db_session.get(Question, untouched.id).stale


def test_removing_a_document_sends_its_questions_back_to_review(app, db_session) -> None:
    from corpus.ingestion import remove_document
    from quiz.taking.papers import usable_query

    article = make_document(db_session)
    question = service.add_question(replace(SINGLE, article_id=article.id))
    untouched = service.add_question(replace(SINGLE, stem="未引用条文的题"))
    service.set_status([question, untouched], "approved")
    db_session.commit()
    version_id = question.current_version_id
    assert question.id in {row[0] for row in db_session.execute(usable_query("single", "exam"))}

    remove_document(db_session, article.document)
    db_session.commit()
    db_session.expire_all()
    question = db_session.get(Question, question.id)
    assert question.stale and "《煤矿安全规程》第十条所在文件已从法规文库删除" in question.stale_reason
    assert question.article_id is None and question.citation_title == "煤矿安全规程"  # the written source stays
    assert question.status == "approved" and question.current_version_id == version_id  # taken papers unchanged
    assert not db_session.get(Question, untouched.id).stale
    usable = {row[0] for row in db_session.execute(usable_query("single", "exam"))}
    assert question.id not in usable and untouched.id in usable


def test_save_import_refuses_a_stale_preview(db_session) -> None:
    report = parse_files([("a.xlsx", standard_bank(2))], existing=service.existing_keys())
    imports.save_import(parse_files([("b.xlsx", standard_bank(1))]))
    with pytest.raises(service.QuestionError, match="重新预览"):
        imports.save_import(report)


def test_suggestions_in_batches_skip_weak_ones_and_retry_when_the_library_changes(app, db_session) -> None:
    from corpus.signals import send_documents_changed

    article = make_document(db_session)
    confidence = {"value": 0.1}

    def suggest(text: str) -> list[FakeSuggestion]:
        return [FakeSuggestion(article.id, article.citation, 1.0, confidence["value"])]

    report = parse_files([("a.xlsx", standard_bank(5))])
    imports.save_import(report, suggest=suggest, suggest_limit=2)
    db_session.commit()
    states = sorted(q.citation_state for q in db_session.scalars(select(Question)))
    assert states == ["nomatch", "nomatch", "none", "none", "none"]  # weak suggestions are not shown
    assert citations.pending_suggestions() == 3

    confidence["value"] = 0.9
    assert citations.suggest_pending(suggest, limit=2) == 2
    assert citations.pending_suggestions() == 1
    send_documents_changed(None, [article.document_id])  # the library changed: try the misses again
    assert citations.pending_suggestions() == 3
    assert citations.suggest_pending(suggest) == 3
    assert {q.citation_state for q in db_session.scalars(select(Question))} == {"suggested"}


def test_ten_thousand_rows_import_in_batches(db_session) -> None:
    """All of them, once, in their 7 categories (the speed is bench/import_questions.py's job:
    on a shared, loaded machine a time limit here only flakes)."""
    from tests.quiz.banks import xlsx

    rows = [["题型", "题干", "选项", "答案", "分类"]]
    rows += [
        ["单选题", f"{i}.第{i}号题（ ）", f"A.甲{i} B.乙{i}", "AB"[i % 2], f"分类{i % 7}"] for i in range(1, 10_001)
    ]
    report = parse_files([("big.xlsx", xlsx(rows))], existing=service.existing_keys())
    batch = imports.save_import(report)
    assert batch.imported == 10_000 == count(db_session, Question)
    assert batch.state == "done" and count(db_session, Category) == 7
