"""Trainer pages: access, upload → preview → confirm, search and filters, edit, bulk actions."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from quiz.bank import service
from quiz.bank.models import Category, Question
from quiz.bank.types import Option, QuestionDraft
from tests.conftest import csrf_token
from tests.quiz.banks import STANDARD_HEADER, xlsx
from tests.quiz.banks import upload as upload_bank

BANK = xlsx(
    [
        STANDARD_HEADER,
        ["机电", "单选题", "1、井下供电应做到“三无”，即无鸡爪子、无羊尾巴、无（ ）", "**A.明接头**B.电缆**C.开关", "A"],
        ["机电", "判断题", "2、检修时可以带电作业", "**A.正确**B.错误", "B"],
        ["机电", "单选题", "3、坏题", "**A.甲**B.乙", "E"],
    ]
)


def upload(client, data: bytes = BANK, name: str = "机电题库.xlsx"):
    """Upload a bank file (by default this module's BANK) as the signed-in trainer."""
    return upload_bank(client, data, name)


def count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Question))


def test_workers_cannot_see_the_bank(client, login) -> None:
    login("worker")
    assert client.get("/bank/").status_code == 403
    assert client.get("/bank/import").status_code == 403


def test_upload_preview_confirm(client, login, db_session) -> None:
    login("unit_trainer")
    response = upload(client)
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert '可导入：<strong id="count-imported">2</strong>' in page
    assert "第4行" in page and "答案E不在选项中" in page
    assert count(db_session) == 0  # nothing stored before the trainer confirms
    token = csrf_token(client, preview_url)
    confirmed = client.post(preview_url, data={"csrf_token": token})
    assert confirmed.status_code == 302 and "batch=" in confirmed.headers["Location"]
    assert count(db_session) == 2
    assert client.get(preview_url).status_code == 404  # the upload is gone once imported


def test_upload_refuses_a_file_that_is_not_a_bank(client, login, db_session) -> None:
    login("team_leader")
    response = upload(client, data=b"just some words", name="bank.csv")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "没有找到表头" in page and "confirm-import" not in page
    response = client.post(
        "/bank/import",
        data={"csrf_token": csrf_token(client, "/bank/import"), "file": (io.BytesIO(b"x"), "bank.pdf")},
        content_type="multipart/form-data",
    )
    assert "只支持 .xlsx、.xls 或 .csv 文件" in response.get_data(as_text=True)


def test_template_download_imports_back(client, login) -> None:
    login("admin")
    response = client.get("/bank/template.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "attachment" in response.headers["Content-Disposition"]


def add(stem: str, **kw) -> Question:
    draft = QuestionDraft(
        type=kw.pop("type", "single"), stem=stem, options=(Option("A", "甲"), Option("B", "乙")), answer=("A",), **kw
    )
    question = service.add_question(draft)
    service.db.session.flush()
    return question


def test_search_by_a_word_of_the_stem_and_filters(client, login, db_session) -> None:
    login("unit_trainer")
    add("采煤工作面必须保持（ ）个安全出口", category=("顶板",))
    add("瓦斯检查工必须（ ）检查", category=("一通三防", "瓦斯"), status="approved")
    db_session.commit()
    page = client.get("/bank/?q=安全出口").get_data(as_text=True)
    assert "采煤工作面" in page and "瓦斯检查工" not in page
    assert "采煤工作面" in client.get("/bank/?q=安 全 出 口").get_data(as_text=True)  # spacing does not matter
    parent = db_session.scalar(select(Category).where(Category.name == "一通三防"))
    page = client.get(f"/bank/?category={parent.id}").get_data(as_text=True)
    assert "瓦斯检查工" in page and "采煤工作面" not in page  # a category includes its sub-categories
    page = client.get("/bank/?status=approved").get_data(as_text=True)
    assert "瓦斯检查工" in page and "采煤工作面" not in page
    assert "共 0 道题" in client.get("/bank/?q=100%").get_data(as_text=True)


def test_filter_by_job(client, login, db_session) -> None:
    login("unit_trainer")
    add("焊接作业前必须清除（ ）", jobs=("电焊作业",))
    add("叉车行驶时严禁（ ）", jobs=("叉车司机", "起重作业"))
    add("作业_100%（ ）", jobs=("电焊作业_夜班",))  # LIKE wildcards in a job name match only themselves
    db_session.commit()
    page = client.get("/bank/").get_data(as_text=True)
    assert '<option value="电焊作业"' in page and '<option value="起重作业"' in page
    page = client.get("/bank/?job=电焊作业").get_data(as_text=True)
    assert "焊接作业前" in page and "叉车行驶" not in page and "作业_100%" not in page
    page = client.get("/bank/?job=起重作业").get_data(as_text=True)
    assert "叉车行驶" in page and "焊接作业前" not in page
    assert "共 0 道题" in client.get("/bank/?job=电焊").get_data(as_text=True)  # whole names only


def test_edit_validates_and_keeps_the_old_version(client, login, post_form, db_session) -> None:
    login("unit_trainer")
    question = add("井下严禁（ ）")
    db_session.commit()
    url = f"/bank/{question.id}/edit"
    bad = post_form(
        url, {"type": "single", "stem": "井下严禁（ ）", "options": "A.吸烟\nB.行走", "answer": "AB", "status": "draft"}
    )
    assert "单选题只能有一个答案" in bad.get_data(as_text=True)
    good = post_form(
        url,
        {
            "type": "single",
            "stem": "井下严禁（ ）",
            "options": "A.吸烟\nB.行走",
            "answer": "A",
            "explanation": "规程规定",
            "status": "approved",
        },
    )
    assert good.status_code == 302
    db_session.expire_all()
    question = db_session.get(Question, question.id)
    assert [v.number for v in question.versions] == [1, 2] and question.status == "approved"
    assert question.versions[0].options[0]["text"] == "甲"


def test_new_question_judge(client, login, post_form, db_session) -> None:
    login("admin")
    response = post_form("/bank/new", {"type": "judge", "stem": "入井必须戴安全帽", "answer": "√", "status": "draft"})
    assert response.status_code == 302
    question = db_session.scalar(select(Question))
    assert question.current_version.answer == ["A"] and question.origin == "manual"


def test_bulk_approve_and_retire(client, login, post_form, db_session) -> None:
    login("unit_trainer")
    ids = [add(f"题{i}").id for i in range(3)]
    db_session.commit()
    token = csrf_token(client, "/bank/")
    client.post("/bank/bulk", data={"csrf_token": token, "ids": ids[:2], "action": "approve", "category": ""})
    db_session.expire_all()
    assert [db_session.get(Question, i).status for i in ids] == ["approved", "approved", "draft"]
    page = client.get("/bank/").get_data(as_text=True)
    assert re.search(r'name="ids" value="\d+"', page)


def test_the_bank_lists_bulk_actions_come_before_the_table_as_on_the_review_page(client, login, db_session) -> None:
    """The dropdown and its buttons for the ticked rows sit above the (up to 50-row) table, in the
    same sticky 对勾选的题目 box as the review page's, not only below the last row."""
    login("unit_trainer")
    add("题一")
    db_session.commit()
    page = client.get("/bank/").get_data(as_text=True)
    form = page.split('action="/bank/bulk"', 1)[1].split("</form>", 1)[0]
    box = re.search(r'<fieldset class="batch-actions" id="bank-actions">(.*?)</fieldset>', form, re.S)
    assert box is not None and form.index('class="batch-actions"') < form.index("<table")
    assert "对勾选的题目" in box.group(1)
    assert all(f'id="{name}"' in box.group(1) for name in ("bulk-submit", "pick-submit"))
    assert 'name="action"' in box.group(1) and form.count('name="action"') == 1


def test_categories_add_and_delete(client, login, post_form, db_session) -> None:
    login("admin")
    post_form("/bank/categories/defaults", {}, page="/bank/categories")
    assert db_session.scalar(select(func.count()).select_from(Category)) == 10
    top = db_session.scalar(select(Category).where(Category.name == "顶板"))
    post_form("/bank/categories", {"name": "支护", "parent": str(top.id)})
    child = db_session.scalar(select(Category).where(Category.name == "支护"))
    assert child.parent_id == top.id
    question = add("题", category=("顶板", "支护"))
    db_session.commit()
    post_form(f"/bank/categories/{child.id}/delete", {"confirmed": "1"}, page="/bank/categories")
    db_session.expire_all()
    assert db_session.get(Question, question.id).category_id == top.id


def test_a_preview_with_nothing_to_import_cannot_be_confirmed_twice(client, login, db_session) -> None:
    login("unit_trainer")
    preview_url = upload(client).headers["Location"]
    token = csrf_token(client, preview_url)
    assert client.post(preview_url, data={"csrf_token": token}).status_code == 302
    assert client.post(preview_url, data={"csrf_token": token}).status_code == 404
    assert count(db_session) == 2


def test_detail_page_accepts_a_suggested_citation(app, client, login, post_form, db_session) -> None:
    from tests.quiz.test_bank import make_document

    login("unit_trainer")
    article = make_document(db_session)
    question = add("入井必须携带（ ）")
    question.article_id, question.citation_title, question.citation_article = article.id, "煤矿安全规程", "第十条"
    question.citation_state, question.citation_confidence = "suggested", 0.7
    db_session.commit()
    page = client.get(f"/bank/{question.id}").get_data(as_text=True)
    assert "《煤矿安全规程》第十条" in page and "置信度 70%" in page
    post_form(f"/bank/{question.id}/citation", {"choice": "accept"}, page=f"/bank/{question.id}")
    db_session.expire_all()
    assert db_session.get(Question, question.id).citation_state == "accepted"
    assert [q.id for q in app.extensions["questions_citing"](article.id)] == [question.id]


def test_trainer_names_a_source_in_words(app, client, login, post_form, db_session) -> None:
    from tests.quiz.test_bank import make_document

    login("unit_trainer")
    article = make_document(db_session)
    question = add("自救器应（ ）携带")
    db_session.commit()
    url = f"/bank/{question.id}"
    missing = post_form(
        f"{url}/citation", {"choice": "set", "source": "《不存在的规定》第一条"}, page=url, follow_redirects=True
    )
    assert "没有找到这个出处" in missing.get_data(as_text=True)
    post_form(f"{url}/citation", {"choice": "set", "source": "煤矿安全规程 《煤矿安全规程》第十条"}, page=url)
    db_session.expire_all()
    stored = db_session.get(Question, question.id)
    assert (stored.article_id, stored.citation_state) == (article.id, "accepted")
    assert "《煤矿安全规程》第十条" in client.get(url).get_data(as_text=True)


def test_suggest_citations_button(app, client, login, post_form, db_session) -> None:
    from tests.quiz.test_bank import FakeSuggestion, make_document

    login("unit_trainer")
    article = make_document(db_session)
    add("入井必须随身携带（ ）")
    db_session.commit()
    app.extensions["citation_suggester"] = lambda text: [FakeSuggestion(article.id, article.citation, 5.0, 0.9)]
    page = client.get("/bank/").get_data(as_text=True)
    assert "1 道题还没有出处建议" in page
    response = post_form("/bank/citations/suggest", {}, page="/bank/", follow_redirects=True)
    assert "已为1道题找到建议出处" in response.get_data(as_text=True)
    assert db_session.scalar(select(Question.citation_state)) == "suggested"
