"""Word files whose text is not in plain body paragraphs: altChunk (embedded HTML, MHT, text),
text boxes, content controls and tables. The .docx files are written here with zipfile."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest

from corpus.readers import UnreadableDocument, read_bytes
from corpus.structure import parse_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"

LAW_HTML = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>社会保险法</title></head><body>
<h1>中华人民共和国社会保险法</h1>
<h2>第一章 总则</h2>
<p>第一条 这部示例法说明职工和单位在社会保险中各有哪些权利和义务。</p>
<p>第二条 示例中的社会保险分为养老、医疗、工伤、失业、生育五类。</p>
<h2>第二章 工伤保险</h2>
<p>第三条 工伤保险人人要参加，由用人单位缴纳工伤保险费，个人一分不出。</p>
<script>alert("x")</script>
</body></html>"""


def _docx(body_xml: str, chunks: dict[str, tuple[str, str, bytes]] | None = None) -> bytes:
    """A minimal .docx: python-docx's default package with `body_xml` as the body and extra
    altChunk parts {rel id: (part name, content type, bytes)}."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    chunks = chunks or {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, rest = text.split("<w:body>", 1)
                tail = rest[rest.index("<w:sectPr") :]
                data = f"{head}<w:body>{body_xml}{tail}".encode()
            elif info.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="{rid}" Type="{CHUNK_REL}" Target="{name}"/>'
                    for rid, (name, _kind, _blob) in chunks.items()
                )
                data = data.decode("utf-8").replace("</Relationships>", rels + "</Relationships>").encode()
            elif info.filename == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/word/{name}" ContentType="{kind}"/>' for name, kind, _blob in chunks.values()
                )
                data = data.decode("utf-8").replace("</Types>", overrides + "</Types>").encode()
            target.writestr(info.filename, data)
        for name, _kind, blob in chunks.values():
            target.writestr(f"word/{name}", blob)
    return out.getvalue()


def _p(text: str) -> str:
    return f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{text}</w:t></w:r></w:p>'


def _chunk(rid: str) -> str:
    return f'<w:altChunk xmlns:w="{W_NS}" xmlns:r="{R_NS}" r:id="{rid}"/>'


def test_a_law_held_in_an_embedded_html_part_loads_its_articles(tmp_path: Path) -> None:
    data = _docx(_chunk("rIdAlt1"), {"rIdAlt1": ("afchunk.htm", "text/html", LAW_HTML.encode("gb18030"))})
    path = tmp_path / "社会保险法.docx"
    path.write_bytes(data)
    document = parse_file(path)
    assert [a.label for a in document.articles] == ["第一条", "第二条", "第三条"]
    assert document.articles[2].path == ("第二章 工伤保险",)
    assert "由用人单位缴纳工伤保险费" in document.articles[2].text
    assert "alert" not in read_bytes(data, path.name).text


def test_body_paragraphs_and_chunks_keep_their_order() -> None:
    text_part = "第二条 每个采煤工作面至少要有2个畅通的安全出口。".encode()
    mht = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n'
        "------=_NextPart\r\n"
        'Content-Type: text/html; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes("<html><body><p>第三条 井下严禁使用灯泡取暖。</p></body></html>".encode()).decode()
        + "\r\n------=_NextPart--\r\n"
    ).encode()
    body = (
        _p("第一条 为了保障安全生产，制定本规定。")
        + _chunk("rIdA")
        + _chunk("rIdB")
        + _p("第四条 本规定自发布之日起施行。")
    )
    data = _docx(body, {"rIdA": ("part1.txt", "text/plain", text_part), "rIdB": ("part2.mht", "message/rfc822", mht)})
    lines = read_bytes(data, "规定.docx").text.splitlines()
    assert [line[:3] for line in lines] == ["第一条", "第二条", "第三条", "第四条"]


def test_text_boxes_content_controls_and_table_cells_are_read_once() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    box = (
        f'<w:p xmlns:w="{W_NS}" xmlns:mc="{mc}" xmlns:wps="{wps}"><w:r><w:t>正文前</w:t></w:r><w:r>'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        f"<w:p><w:r><w:t>第一条 文本框里的条文。</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>第一条 文本框里的条文。</w:t></w:r></w:p>"
        f"</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    sdt = f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent>{_p("第二条 内容控件里的条文。")}</w:sdtContent></w:sdt>'
    table = (
        f'<w:tbl xmlns:w="{W_NS}"><w:tr><w:tc>{_p("设施")}</w:tc><w:tc>{_p("周期")}</w:tc></w:tr>'
        f"<w:tr><w:tc>{_p('风门')}</w:tc><w:tc>{_p('每班')}</w:tc></w:tr></w:tbl>"
    )
    text = read_bytes(_docx(box + sdt + table), "框.docx").text
    assert text.splitlines() == [
        "正文前",
        "第一条 文本框里的条文。",
        "第二条 内容控件里的条文。",
        "| 设施 | 周期",
        "| 风门 | 每班",
    ]


def test_a_word_file_with_no_text_anywhere_is_refused_saying_why() -> None:
    empty_html = b"<html><body><p> </p></body></html>"
    data = _docx(_p(" ") + _chunk("rIdE"), {"rIdE": ("empty.html", "text/html", empty_html)})
    with pytest.raises(UnreadableDocument, match="Word 文件中没有可读的文字.*文本框和嵌入的网页内容"):
        read_bytes(data, "空.docx")


def test_ingest_names_the_empty_file_and_loads_the_chunked_one(runner, tmp_path: Path) -> None:
    folder = tmp_path / "laws"
    folder.mkdir()
    (folder / "社会保险法.docx").write_bytes(
        _docx(_chunk("rIdAlt1"), {"rIdAlt1": ("afchunk.htm", "text/html", LAW_HTML.encode("gb18030"))})
    )
    (folder / "空白.docx").write_bytes(_docx(_p("")))
    result = runner.invoke(args=["ingest", str(folder), "--json"])
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["added"] == 1
    [failed] = summary["failed"]
    assert failed["path"].endswith("空白.docx") and "没有可读的文字" in failed["reason"]


def test_an_altchunk_part_is_checked_like_any_archive() -> None:
    """A Word file embedded as a chunk goes through core.archives too: a broken one is skipped,
    the rest of the document still loads."""
    data = _docx(
        _p("第一条 正文。") + _chunk("rIdD"),
        {
            "rIdD": (
                "inner.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                b"PK\x03\x04broken",
            )
        },
    )
    assert read_bytes(data, "嵌套.docx").text == "第一条 正文。"
