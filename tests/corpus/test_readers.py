"""Readers: encodings, formats, and input refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.readers import UnreadableDocument, decode_text, html_to_text, read_bytes
from corpus.structure import parse_file
from tests.corpus.conftest import TEXT_RULES


def read(path: Path):
    return read_bytes(path.read_bytes(), path.name)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_decodes_mainland_encodings(make_file, encoding: str) -> None:
    raw = read(make_file("瓦斯检查规定.txt", TEXT_RULES, encoding))
    assert raw.text.startswith("瓦斯检查规定")
    assert "瓦斯检查工必须持证上岗" in raw.text


def test_decodes_big5_and_normalises_to_simplified(make_file) -> None:
    path = make_file(
        "瓦斯檢查規定.txt",
        "瓦斯檢查規定\n第一條 為了防止瓦斯事故，制定本規定。\n第二條 瓦斯檢查工必須持證上崗。\n",
        "big5",
    )
    assert decode_text(path.read_bytes())[1].startswith("big5")
    document = parse_file(path)
    assert document.title == "瓦斯检查规定"
    assert [a.number for a in document.articles] == [1, 2]
    assert document.articles[1].text == "瓦斯检查工必须持证上岗。"


def test_literal_backslash_n_line_ends_become_lines(make_file) -> None:
    text = "".join(line + "\\n\n" for line in TEXT_RULES.splitlines())
    document = parse_file(make_file("规定.txt", text))
    assert [a.text for a in document.articles] == ["为了防止瓦斯事故，制定本规定。", "瓦斯检查工必须持证上岗。"]


def test_empty_file_is_refused(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="空"):
        read(make_file("空.txt", b"  \n"))


def test_binary_file_is_refused(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="二进制|不是文本"):
        read(make_file("数据.txt", bytes(range(256)) * 20))


def test_image_renamed_to_txt_is_refused_with_what_it_is(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="PNG"):
        read(make_file("照片.md", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100))


def test_unsupported_type_is_refused(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="不支持的文件类型 .xlsx"):
        read(make_file("题库.xlsx", b"PK\x03\x04"))


@pytest.mark.parametrize(("name", "hint"), [("规定.doc", "请用 Word 另存为 .docx 后上传"),
                                            ("规定.wps", "另存为 .docx 后上传"),
                                            ("制度汇编.zip", "压缩包请先解压，再上传其中的文件")])
def test_a_refused_type_says_what_to_do(make_file, name, hint) -> None:
    with pytest.raises(UnreadableDocument, match=hint):
        read(make_file(name, b"\xd0\xcf\x11\xe0" + b"\x00" * 100))


def test_docx_headings_articles_and_tables(docx_file: Path) -> None:
    document = parse_file(docx_file)
    assert document.title == "通风设施管理制度"
    assert [a.label for a in document.articles] == ["第一条", "第二条", "第三条"]
    assert document.articles[0].path == ("第一章 总则",)
    assert "| 风门 | 每班" in document.articles[1].text
    assert document.articles[1].has_table


def test_broken_docx_is_refused(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="docx"):
        read(make_file("坏.docx", b"PK\x03\x04 not really a zip"))


def test_pdf_text_layer_with_wrapped_lines_joined(pdf_file: Path) -> None:
    document = parse_file(pdf_file)
    assert document.title == "顶板管理规定"
    assert [a.number for a in document.articles] == [1, 2]
    assert document.articles[0].text == "为了防止冒顶事故，保障职工安全，根据有关规定，制定本规定。"
    assert "1" not in document.articles[1].text.split("\n")  # the page number is not text


def test_html_scripts_styles_and_hidden_text_never_reach_the_text() -> None:
    page = (
        "<html><head><title>测试规定</title><style>p{color:red}</style>"
        "<script>alert('x')</script></head><body>"
        "<p style='display:none'>隐藏的导航</p><script>document.write('注入')</script>"
        "<p>第一条&nbsp;为了<span>测试</span>，制定本规定。</p>"
        '<p onclick="steal()">第二条 本规定自公布之日起施行。</p></body></html>'
    )
    text, title = html_to_text(page)
    assert title == "测试规定"
    assert text == "第一条 为了测试，制定本规定。\n第二条 本规定自公布之日起施行。"
    assert "<" not in text and "alert" not in text and "注入" not in text


def test_html_numbers_split_across_tags_and_lines_are_rejoined() -> None:
    page = (
        "<p>国务院令第\n<span>446</span>\n号，已经<span>2015</span>\n年<span>12</span>月"
        "<span>3</span>日通过</p><p>第<span>一</span>条&#8205; 为了测试\u200d。</p><p>第二条 再测试。</p>"
    )
    document = parse_file_from_html(page)
    assert "国务院令第446号" in document.preamble
    assert "2015年12月3日" in document.preamble
    assert [a.number for a in document.articles] == [1, 2]
    assert document.articles[0].text == "为了测试。"


def parse_file_from_html(page: str):
    from corpus.structure import parse_raw

    return parse_raw(read_bytes(page.encode("utf-8"), "页面.html"))


def test_markdown_comments_tags_and_placeholder_table_headers_are_dropped() -> None:
    text = (
        "# 规程\n\n<!-- OCR 替代表格图片：x.jpg -->\n\n第一条 风速应当符合表1。\n\n"
        "| 列1 | 列2 |\n| --- | --- |\n| 地点 | 风速 |\n\n<script>alert(1)</script>\n\n第二条 《关于修改<规程>的决定》。\n"
    )
    raw = read_bytes(text.encode(), "规程.md")
    assert "OCR" not in raw.text and "列1" not in raw.text and "alert" not in raw.text
    assert "| 地点 | 风速" in raw.text
    assert "<规程>" in raw.text  # not markup: a title inside a title


def test_markdown_with_only_front_matter_says_so(make_file) -> None:
    with pytest.raises(UnreadableDocument, match="front matter"):
        read(make_file("_index.md", "---\nbookCollapseSection: true\n---\n"))
