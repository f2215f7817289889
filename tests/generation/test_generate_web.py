"""Generation from the review page: chosen documents/chapters or jobs/sites, drafts shown beside
their source paragraph, approved or rejected there."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from core.db import db
from corpus.models import Article, Document
from quiz.bank.models import Question
from quiz.generation import ondemand
from quiz.generation.models import GenerationRecord
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below

pytestmark = pytest.mark.usefixtures("review_app")

LAW = "laws/安全生产法(2021-06-10).md"


def _ingest(shared_dir, *names: str) -> None:
    from corpus.ingestion import ingest_paths

    ingest_paths([shared_dir / "corpus" / name for name in names], db.session)
    db.session.commit()


def _ids(location: str) -> list[int]:
    match = re.search(r"ids=([\d%2C,]+)", location)
    assert match, location
    return [int(x) for x in match.group(1).replace("%2C", ",").split(",")]


def test_theory_for_one_chapter_of_a_chosen_document_shows_each_draft_beside_its_article(
    shared_dir, client, login, post_form
) -> None:
    _ingest(shared_dir, LAW, "regulations/煤矿安全规程(2025-07-24).md")
    title = db.session.scalar(select(Document.title).where(Document.title.contains("安全生产法")))
    login("unit_trainer")
    page = client.get("/bank/review/").get_data(as_text=True)
    assert 'id="generate-form"' in page and html.escape(title) in page
    response = post_form(
        "/bank/review/generate",
        {"kind": "theory", "count": "5", "documents": [title], "chapter": "第二章"},
        page="/bank/review/",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    ids = _ids(response.headers["Location"])
    assert len(ids) == 5
    questions = list(db.session.scalars(select(Question).where(Question.id.in_(ids))))
    assert {q.status for q in questions} == {"draft"} and {q.origin for q in questions} == {"generated"}
    articles = {
        a.id: a for a in db.session.scalars(select(Article).where(Article.id.in_([q.article_id for q in questions])))
    }
    assert all(q.citation_title == title and "第二章" in articles[q.article_id].path for q in questions)
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    rows = re.findall(r'<tr class="review-item" data-question="(\d+)">(.*?)</tr>', shown, re.S)
    assert sorted(int(i) for i, _ in rows) == sorted(ids)
    for question_id, row in rows:
        question = next(q for q in questions if q.id == int(question_id))
        article = articles[question.article_id]
        assert html.escape(question.current_version.stem) in row
        source = row.split('class="review-source"', 1)[1]
        assert f"{article.label}" in source
        for line in article.text.splitlines():
            assert f"<p>{html.escape(line)}</p>" in source


RULES = "regulations/煤矿安全规程(2025-07-24).md"


def _chapter_options(page: str, title: str) -> list[tuple[str, str]]:
    """(value, shown) of the chapter options the form lists under document `title`."""
    group = re.search(rf'<optgroup label="{re.escape(html.escape(title))}"[^>]*>(.*?)</optgroup>', page, re.S)
    assert group, "no chapter list for " + title
    return [(html.unescape(v), html.unescape(t)) for v, t in re.findall(r'<option value="([^"]*)">([^<]*)</option>',
                                                                       group.group(1))]


def test_the_form_lists_a_documents_chapters_and_one_picked_is_all_the_run_cites(
    shared_dir, client, login, post_form
) -> None:
    _ingest(shared_dir, RULES)
    title = db.session.scalar(select(Document.title).where(Document.title.contains("煤矿安全规程")))
    login("unit_trainer")
    options = _chapter_options(client.get("/bank/review/").get_data(as_text=True), title)
    paths = [shown for _, shown in options]
    stored = list(dict.fromkeys(
        " / ".join(p.split(" / ")[:2]) if "章" in p else p.split(" / ")[0]
        for p in db.session.scalars(select(Article.path).join(Document).where(Document.title == title)
                                    .order_by(Article.ordinal)) if p
    ))
    assert paths == stored  # 编 / 章 as the articles store them, each once, in the document's order
    fourth = [shown for shown in paths if shown.split(" / ")[-1].startswith("第四章 ")]
    assert len(fourth) > 1  # 第四章 of several 编: a picked chapter must tell them apart
    value, chapter = next((v, shown) for v, shown in options if shown.startswith("第三编") and "第四章" in shown)
    response = post_form("/bank/review/generate", {"kind": "theory", "count": "6", "documents": [title],
                                                   "chapter": value}, page="/bank/review/")
    assert response.status_code == 302 and "ids=" in response.headers["Location"], response.headers["Location"]
    ids = _ids(response.headers["Location"])
    cited = db.session.scalars(select(Article.path).join(Question, Question.article_id == Article.id)
                               .where(Question.id.in_(ids))).all()
    assert len(cited) == len(ids) == 6
    assert all(path == chapter or path.startswith(chapter + " / ") for path in cited), cited


def test_a_typed_chapter_several_share_names_them_and_makes_nothing(shared_dir, client, login, post_form) -> None:
    _ingest(shared_dir, RULES)
    title = db.session.scalar(select(Document.title).where(Document.title.contains("煤矿安全规程")))
    login("unit_trainer")
    refused = post_form("/bank/review/generate", {"kind": "theory", "count": "5", "documents": [title],
                                                  "chapter": "第四章"}, page="/bank/review/", follow_redirects=True)
    page = html.unescape(refused.get_data(as_text=True))
    assert "对应多个章节" in page
    fourth = [shown for _, shown in _chapter_options(refused.get_data(as_text=True), title)
              if shown.split(" / ")[-1].startswith("第四章 ")]
    assert all(shown in page for shown in fourth)
    assert db.session.scalar(select(Question.id)) is None


def test_hazard_questions_for_a_chosen_job_are_about_that_jobs_hazards(client, login, post_form) -> None:
    data = ondemand.hazard_data()
    job = (
        next(h.post for h in data.catalogue if h.post == "瓦斯检查工")
        if any(h.post == "瓦斯检查工" for h in data.catalogue)
        else data.catalogue.hazards[0].post
    )
    login("unit_trainer")
    response = post_form("/bank/review/generate", {"kind": "hazard", "count": "4", "jobs": [job]}, page="/bank/review/")
    assert response.status_code == 302
    ids = _ids(response.headers["Location"])
    assert 1 <= len(ids) <= 4
    by_id = {h.id: h for h in data.catalogue}
    for record in db.session.scalars(select(GenerationRecord).where(GenerationRecord.question_id.in_(ids))):
        hazard_ids = [record.inputs["target"]] if "target" in record.inputs else (
            [record.inputs["hazard"]] if "hazard" in record.inputs else record.inputs.get("hazards", ()))
        assert all(by_id[i].post == job for i in hazard_ids), record.inputs
    assert {tuple(q.jobs) for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))} == {(job,)}
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert shown.count('class="source-heading">危险源辨识清单') == len(ids)


def test_one_row_is_approved_by_its_own_button_and_only_that_one(client, login, post_form) -> None:
    login("unit_trainer")
    response = post_form("/bank/review/generate", {"kind": "hazard", "count": "3"}, page="/bank/review/")
    ids = _ids(response.headers["Location"])
    page = response.headers["Location"]
    after = post_form("/bank/review/act", {"approve_one": str(ids[1])}, page=page, follow_redirects=True)
    assert "审核通过：1道题" in after.get_data(as_text=True)
    statuses = dict(db.session.execute(select(Question.id, Question.status).where(Question.id.in_(ids))).all())
    assert statuses == {ids[0]: "draft", ids[1]: "approved", ids[2]: "draft"}


def test_bad_choices_are_refused_with_a_reason(client, login, post_form) -> None:
    login("unit_trainer")
    too_many = post_form(
        "/bank/review/generate", {"kind": "hazard", "count": "500"}, page="/bank/review/", follow_redirects=True
    )
    assert "无法生成" in too_many.get_data(as_text=True)
    no_articles = post_form(
        "/bank/review/generate", {"kind": "theory", "count": "5"}, page="/bank/review/", follow_redirects=True
    )
    assert "没有现行的法规条文" in no_articles.get_data(as_text=True)
    assert db.session.scalar(select(Question.id)) is None


def test_only_the_chosen_kinds_fields_are_read_the_others_neither_checked_nor_kept(
    client, login, post_form, monkeypatch
) -> None:
    """The page hides and disables the other kind's fields (shown_for.js); the server ignores them too."""
    asked = []
    monkeypatch.setattr(ondemand, "generate", lambda choice: asked.append(choice) or [])
    job = ondemand.hazard_jobs()[0]
    login("unit_trainer")
    theory = {"kind": "theory", "count": "3", "chapter": "第二章", "jobs": [job], "sites": ["没有的地点"]}
    post_form("/bank/review/generate", theory, page="/bank/review/")
    hazard = {"kind": "hazard", "count": "3", "jobs": [job], "chapter": "章" * 301, "audience": "没有的对象"}
    post_form("/bank/review/generate", hazard, page="/bank/review/")
    assert [(c.kind, c.jobs, c.sites, c.chapter) for c in asked] == [
        ("theory", (), (), "第二章"),
        ("hazard", (job,), (), ""),
    ]


def test_workers_cannot_generate(client, login) -> None:
    login("worker")
    assert client.post("/bank/review/generate", data={"kind": "hazard", "count": "3"}).status_code in {302, 400, 403}
    assert db.session.scalar(select(Question.id)) is None


def test_asking_again_for_the_same_document_gets_new_drafts_while_its_articles_have_them(shared_dir) -> None:
    """An earlier run with the same seed left nothing of that seed's batch; asking again still gets what
    it asks for, from other sentences and figures of the same articles, none already in the bank."""
    from quiz.generation import review
    from quiz.generation.pipeline import theory_batch, theory_selection
    from quiz.generation.sources import records_from_db
    from quiz.generation.theory import TheoryPools

    _ingest(shared_dir, LAW)
    title = db.session.scalar(select(Document.title).where(Document.title.contains("安全生产法")))
    records = records_from_db()
    chosen = theory_selection(records, [title], "第三章")  # workers' rights and duties: ten articles
    earlier = theory_batch(chosen, "again", TheoryPools.build(records), corpus=records).questions
    assert earlier
    review.save_questions(earlier, created_by_id=None)
    db.session.commit()
    choice = ondemand.Choice(kind="theory", count=5, seed="again", documents=(title,), chapter="第三章")
    again = ondemand.generate(choice).questions
    assert len(again) == 5
    assert not {q.draft().content_key for q in again} & {q.draft().content_key for q in earlier}
    assert not {q.stem for q in again} & {q.stem for q in earlier}
