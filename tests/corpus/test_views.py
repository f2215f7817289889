"""Library pages: who may do what, uploads with clear errors, the document page."""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Document
from tests.conftest import csrf_token
from tests.corpus.conftest import RULES, finished_upload

REPEALER = "# 新条例\n\n第一条 甲。\n\n第二条 本条例自2026年5月1日起施行。《班组安全检查办法》同时废止。\n"


def upload(client, files, doc_type: str = ""):
    data = {
        "csrf_token": csrf_token(client, "/library/"),
        "doc_type": doc_type,
        "files": [(io.BytesIO(content), name) for name, content in files],
    }
    return finished_upload(client, client.post("/library/upload", data=data, content_type="multipart/form-data"))



def test_admin_uploads_documents_and_sees_them_in_the_library(client, login, app, db_session) -> None:
    login("admin")
    page = upload(client, [("班组安全检查办法.md", RULES.encode()), ("坏.xlsx", b"PK"), ("空.txt", b"")])
    html = page.get_data(as_text=True)
    assert "新增 1" in html
    assert "坏.xlsx：不支持的文件类型 .xlsx" in html
    assert "空.txt：文件是空的" in html
    assert (app.config["DATA_DIR"] / "uploads" / "班组安全检查办法.md").exists()
    assert db_session.scalar(select(Document.title)) == "班组安全检查办法"
    assert "班组安全检查办法" in client.get("/library/").get_data(as_text=True)


def test_uploaded_file_name_cannot_escape_the_uploads_folder(client, login, app) -> None:
    login("admin")
    upload(client, [("../../evil.md", RULES.encode())])
    assert (app.config["DATA_DIR"] / "uploads" / "evil.md").exists()
    assert not (app.config["DATA_DIR"].parent / "evil.md").exists()


def test_too_large_file_is_refused_with_the_limit(client, login, app) -> None:
    app.config["CORPUS_MAX_FILE_BYTES"] = 1024
    login("admin")
    html = upload(client, [("大.md", RULES.encode() * 20)]).get_data(as_text=True)
    assert "文件过大" in html and "不能超过" in html


def test_workers_can_read_but_not_upload(client, login, make_file, db_session) -> None:
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    login("worker")
    library = client.get("/library/").get_data(as_text=True)
    assert "班组安全检查办法" in library and "上传文档" not in library
    assert client.post("/library/upload", data={}).status_code in (400, 403)


def test_document_page_has_contents_anchors_and_status(client, login, make_file, db_session) -> None:
    ingest_paths([make_file("班组安全检查办法.md", RULES), make_file("新条例.md", REPEALER)], db_session)
    db_session.commit()
    old = db_session.scalar(select(Document).where(Document.title == "班组安全检查办法"))
    login("worker")
    html = client.get(f"/library/{old.id}").get_data(as_text=True)
    assert 'id="art-1"' in html and 'id="art-3"' in html and 'href="#art-1"' in html
    assert "第一章 总则" in html
    assert "已废止" in html and "2026-05-01" in html and "新条例" in html


def test_html_upload_with_script_is_stored_as_text_and_shown_escaped(client, login, db_session) -> None:
    login("admin")
    page = (
        "<title>脚本测试</title><script>alert('x')</script><p>第一条 a&lt;b 时停止作业。</p><p>第二条 完。</p>"
    ).encode()
    upload(client, [("脚本测试.html", page)])
    document = db_session.scalar(select(Document).where(Document.title == "脚本测试"))
    assert "alert" not in document.articles[0].text
    html = client.get(f"/library/{document.id}").get_data(as_text=True)
    assert "a&lt;b 时停止作业" in html
    assert not re.search(r"<script>alert", html)


def test_admin_overrides_type_and_removes(client, login, make_file, db_session) -> None:
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    document_id = db_session.scalar(select(Document.id))
    login("admin")
    token = csrf_token(client, f"/library/{document_id}")
    client.post(f"/library/{document_id}/type", data={"csrf_token": token, "doc_type": "部门规章"})
    db_session.expire_all()
    assert db_session.get(Document, document_id).doc_type == "部门规章"
    client.post(f"/library/{document_id}/remove", data={"csrf_token": token, "confirmed": "1"})
    db_session.expire_all()
    assert db_session.get(Document, document_id) is None
    assert client.get(f"/library/{document_id}").status_code == 404


def test_admin_records_a_newer_version_the_library_does_not_hold(client, login, make_file, db_session, app) -> None:
    from kb import knowledge_base

    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    db_session.commit()
    document_id = db_session.scalar(select(Document.id))
    login("admin")
    token = csrf_token(client, f"/library/{document_id}")
    page = client.post(
        f"/library/{document_id}/newer",
        data={"csrf_token": token, "name": "班组安全检查办法（2026年修订）", "effective": "2026-03-01"},
        follow_redirects=True,
    ).get_data(as_text=True)
    db_session.expire_all()
    document = db_session.get(Document, document_id)
    # In force already: the held version is superseded although no successor is stored, and
    # search labels it so nobody takes it for the rule in force.
    assert document.status == "superseded" and document.superseded_by_id is None
    assert "本库尚未收录" in page and "班组安全检查办法（2026年修订）" in page
    hits = knowledge_base(app).search("班组安全检查", status="superseded").hits
    assert hits and {h.status for h in hits} == {"superseded"}

    # A date still to come leaves it current until then; clearing restores it.
    client.post(f"/library/{document_id}/newer", data={"csrf_token": token, "name": "下一版", "effective": "2999-01-01"})
    db_session.expire_all()
    assert db_session.get(Document, document_id).status == "current"
    client.post(f"/library/{document_id}/newer", data={"csrf_token": token, "name": "", "confirmed": "1"})
    db_session.expire_all()
    document = db_session.get(Document, document_id)
    assert document.status == "current" and document.newer_version is None
    # (workers get 403 on this route: tests/test_route_guards.py walks every POST route)


def test_init_applies_a_newer_version_whose_date_has_come(app, make_file, db_session) -> None:
    from datetime import date

    from corpus.cli import apply_due_newer_versions

    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)
    document = db_session.scalar(select(Document))
    document.newer_version, document.newer_version_effective = "新版", date(2020, 1, 1)
    db_session.commit()
    assert document.status == "current"  # recorded behind the library's back: nothing recomputed yet
    assert apply_due_newer_versions in app.extensions["upgrade_steps"]
    apply_due_newer_versions()
    db_session.expire_all()
    assert db_session.get(Document, document.id).status == "superseded"


def test_a_newer_version_cannot_take_effect_before_this_one_and_the_form_shows_the_record(
        client, login, make_file, db_session) -> None:
    ingest_paths([make_file("班组安全检查办法.md", RULES)], db_session)  # 施行 2025-04-01
    db_session.commit()
    document_id = db_session.scalar(select(Document.id))
    login("admin")
    token = csrf_token(client, f"/library/{document_id}")
    page = client.post(f"/library/{document_id}/newer", data={"csrf_token": token, "name": "修订版",
                                                               "effective": "2020-01-01"},
                       follow_redirects=True).get_data(as_text=True)
    assert "新版本的施行日期（2020-01-01）应晚于本版本的施行日期（2025-04-01）" in page
    db_session.expire_all()
    document = db_session.get(Document, document_id)
    assert document.newer_version is None and document.status == "current"
    assert "已被新版本取代" not in page

    for day in ("2999-01-01", "2025-06-01"):  # still to come, and in force already (this one superseded)
        page = client.post(f"/library/{document_id}/newer", data={"csrf_token": token, "name": "修订版",
                                                                   "effective": day},
                           follow_redirects=True).get_data(as_text=True)
        form = page[page.index('class="newer-version"'):]
        form = form[:form.index("</form>")]
        assert 'value="修订版"' in form and f'value="{day}"' in form  # change the date without retyping the name
        assert f"当前登记：修订版，{day} 起施行" in form


def test_the_library_lists_the_loaded_versions_date_beside_the_first_effective_date(
    client, login, make_file, db_session
) -> None:
    """An amended law keeps its first 施行 date in its closing article (安全生产法 2021 text: 2002-11-01):
    the list said only that, as if the 2002 text were loaded."""
    law = make_file(
        "示例安全法(2021-06-10).md",
        "# 中华人民共和国示例安全法\n\n2002年6月29日 全国人大常委会通过\n\n"
        "2021年6月10日 全国人大常委会《关于修改的决定》第三次修正\n\n"
        "<!-- INFO END -->\n\n第一条 为了示例，制定本法。\n\n第二条 本法自2002年11月1日起施行。\n",
    )
    rules = make_file("班组安全检查办法.md", RULES)
    ingest_paths([law, rules], db_session)
    db_session.commit()
    login("worker")
    page = " ".join(client.get("/library/").get_data(as_text=True).split())
    assert "2002-11-01 施行，2021-06-10 修改" in page
    assert "2025-04-01 施行<" in page  # a text never changed shows its one date
