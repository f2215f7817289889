"""Hostile .xlsx and .docx uploads (zip bombs, entity bombs, truncated and damaged archives)
through every way a file comes in: the guard itself, the roster and bank previews, the
document upload page and the CLI commands. Each is answered with a message, never a 500 or a
traceback. Memory is measured by bench/archive_bombs.py."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from core import archives
from core.archives import ArchiveRefused, check_archive
from tests import bombs
from tests.conftest import csrf_token
from tests.corpus.conftest import finished_upload

# What the person who uploaded each file is told (a part of the message).
EXPECTED = {
    "zip-bomb-1.2GB": "压缩炸弹",
    "lying-sizes": "实际大小超过其声明的大小",
    "many-entries": "文件过多",
    "entity-bomb": "实体炸弹",
    "broken-xml": "",
    "truncated": "不完整或已损坏",
    "damaged": "不完整或已损坏",
}
XLSX_MESSAGES = ("无法读取 Excel", "已拒绝", "已损坏")
DOCX_MESSAGES = ("不是有效的 .docx", "已拒绝", "已损坏")


@pytest.fixture(scope="session")
def xlsx_bombs() -> dict[str, bytes]:
    return bombs.xlsx_bombs()


@pytest.fixture(scope="session")
def docx_bombs() -> dict[str, bytes]:
    return bombs.docx_bombs()


def _told(text: str, kind: str, messages: tuple[str, ...]) -> bool:
    return EXPECTED[kind] in text and any(m in text for m in messages)


# --- the guard ----------------------------------------------------------------------------------


def test_real_office_files_pass() -> None:
    check_archive(bombs.template_xlsx())
    check_archive(bombs.template_docx())


def test_every_limit_is_checked_before_parsing(xlsx_bombs) -> None:
    with pytest.raises(ArchiveRefused, match="解压后过大"):
        check_archive(xlsx_bombs["zip-bomb-1.2GB"])
    with pytest.raises(ArchiveRefused, match="文件过多"):
        check_archive(xlsx_bombs["many-entries"])
    with pytest.raises(ArchiveRefused, match="实体声明"):
        check_archive(xlsx_bombs["entity-bomb"])
    for kind in ("truncated", "damaged"):
        with pytest.raises(ArchiveRefused, match="不完整或已损坏"):
            check_archive(xlsx_bombs[kind])


def test_a_small_entry_with_an_extreme_ratio_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (8 * 1024 * 1024))  # 8 MB in about 8 KB
    with pytest.raises(ArchiveRefused, match="压缩比异常"):
        check_archive(buffer.getvalue())


def test_an_entity_declaration_split_across_chunks_or_in_utf16_is_found(monkeypatch) -> None:
    monkeypatch.setattr(archives, "CHUNK", 7)
    for text, encoding in (("<a/>" * 3 + "<!ENTITY x 'y'>", "utf-8"), ("<!DOCTYPE a><a/>", "utf-16-le")):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", text.encode(encoding))
        with pytest.raises(ArchiveRefused, match="实体声明"):
            check_archive(buffer.getvalue())


def test_entity_bombs_in_other_parts_are_found_too() -> None:
    data = bombs.entity_bomb(bombs.template_xlsx(), "xl/sharedStrings.xml", "sst")
    with pytest.raises(ArchiveRefused, match="sharedStrings"):
        check_archive(data)


# --- the readers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_sheet_and_docx_readers_answer_every_bomb(kind, xlsx_bombs, docx_bombs) -> None:
    from core.sheets import SheetError, read_sheets
    from corpus.readers import UnreadableDocument, read_bytes

    with pytest.raises(SheetError) as sheet_error:
        read_sheets("花名册.xlsx", xlsx_bombs[kind])
    assert _told(str(sheet_error.value), kind, XLSX_MESSAGES)
    with pytest.raises(UnreadableDocument) as doc_error:
        read_bytes(docx_bombs[kind], "规程.docx")
    assert _told(doc_error.value.reason, kind, DOCX_MESSAGES)


def test_the_bank_importer_reports_a_bomb_as_a_file_error(xlsx_bombs) -> None:
    from quiz.bank.importer import parse_files

    report = parse_files([("题库.xlsx", xlsx_bombs["zip-bomb-1.2GB"]), ("题库2.xlsx", xlsx_bombs["entity-bomb"])])
    assert [p.file for p in report.file_errors] == ["题库.xlsx", "题库2.xlsx"]
    assert "压缩炸弹" in report.file_errors[0].reason and "实体炸弹" in report.file_errors[1].reason


# --- web pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role, url, filename", [("admin", "/admin/roster", "花名册.xlsx"),
                                                  ("unit_trainer", "/bank/import", "题库.xlsx")])
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_roster_and_bank_previews_answer_with_a_message(kind, role, url, filename, xlsx_bombs, client, login) -> None:
    login(role)
    token = csrf_token(client, url)
    uploaded = client.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(xlsx_bombs[kind]), filename)},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    preview = client.get(uploaded.headers["Location"], follow_redirects=True)
    assert preview.status_code == 200
    assert _told(preview.get_data(as_text=True), kind, XLSX_MESSAGES)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_document_upload_answers_with_a_message(kind, docx_bombs, client, login, app) -> None:
    login("admin")
    data = {
        "csrf_token": csrf_token(client, "/library/"),
        "doc_type": "",
        "files": [(io.BytesIO(docx_bombs[kind]), "规程.docx")],
    }
    page = finished_upload(client, client.post("/library/upload", data=data, content_type="multipart/form-data"))
    assert page.status_code == 200
    assert _told(page.get_data(as_text=True), kind, DOCX_MESSAGES)
    assert not (Path(app.config["DATA_DIR"]) / "uploads" / "规程.docx").exists()


# --- command line -------------------------------------------------------------------------------


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_cli_imports_answer_with_one_line(kind, xlsx_bombs, docx_bombs, runner, tmp_path) -> None:
    sheet = tmp_path / "花名册.xlsx"
    sheet.write_bytes(xlsx_bombs[kind])
    roster = runner.invoke(args=["import-roster", str(sheet)])
    _no_traceback(roster)
    assert roster.exit_code == 1 and _told(roster.output, kind, XLSX_MESSAGES)

    bank = runner.invoke(args=["import-questions", str(sheet), "--json"])
    _no_traceback(bank)
    errors = json.loads(bank.stdout)["errors"]
    assert len(errors) == 1 and _told(errors[0]["reason"], kind, XLSX_MESSAGES)

    document = tmp_path / "规程.docx"
    document.write_bytes(docx_bombs[kind])
    ingest = runner.invoke(args=["ingest", str(document), "--json"])
    _no_traceback(ingest)
    failed = json.loads(ingest.stdout)["failed"]
    assert len(failed) == 1 and _told(failed[0]["reason"], kind, DOCX_MESSAGES)
