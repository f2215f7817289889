"""Normalisation shared by documents and queries, and the title key of a document."""

from __future__ import annotations

import pytest

from corpus.normalize import clean_title, normalize, normalize_title


def test_strips_converter_pinyin_and_converts_to_simplified() -> None:
    assert normalize("發(fā)揮黨建引領(lǐng)作用，內(nèi)網(wǎng)") == "发挥党建引领作用，内网"


def test_keeps_brackets_that_are_not_pinyin() -> None:
    assert normalize("提高班組建設水平(煤礦黨建工作)") == "提高班组建设水平(煤矿党建工作)"
    assert normalize("第五条（一）") == "第五条（一）"


def test_full_width_letters_and_digits_become_half_width() -> None:
    assert normalize("ＧＢ／Ｔ　２５２１７") == "GB／T 25217"


def test_zero_width_and_odd_spaces_are_cleaned_but_paragraphs_kept() -> None:
    text = "第一条\u200d\u00a0为了\ufeff加强\r\n\n\n\n第二条  本法"
    assert normalize(text) == "第一条 为了加强\n\n第二条 本法"


def test_query_and_document_agree() -> None:
    assert normalize("煤礦 瓦斯（wǎ） 檢查") == normalize("煤矿 瓦斯 检查")


@pytest.mark.parametrize(
    "title",
    ["《中华人民共和国煤炭法》", "煤炭法(2016-11-07)", "煤炭法（2016年修正）", "中華人民共和國煤炭法", "煤 炭 法"],
)
def test_versions_and_formats_share_one_key(title: str) -> None:
    assert normalize_title(title) == "煤炭法"


def test_distinguishing_suffixes_stay_in_the_key() -> None:
    first = normalize_title("关于办理危害生产安全刑事案件适用法律若干问题的解释")
    second = normalize_title("关于办理危害生产安全刑事案件适用法律若干问题的解释（二）")
    assert first != second
    assert normalize_title("煤矿重大安全生产隐患认定办法（试行）").endswith("（试行）")


def test_clean_title_drops_book_marks_and_line_breaks() -> None:
    assert clean_title("《煤矿安全规程》\n") == "煤矿安全规程"
