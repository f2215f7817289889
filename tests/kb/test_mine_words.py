"""本矿用语: the mine's own synonym lines are checked, merged into the analyzer's table and
dictionary, and counted in the index fingerprint."""

from __future__ import annotations

import pytest

from kb import mine_words
from kb.analysis import mine_lines, segment, synonyms, use_mine_lines
from kb.indexing import build_index, current_format, index_format, live_mine_words, needs_rebuild
from tests.kb.conftest import library_records

# 标识卡 is in 煤矿安全规程 第十条 of the test library; nobody there says 身份卡.
LINE = "身份卡 => 标识卡"


pytestmark = pytest.mark.usefixtures("shipped_words")  # the analyzer is process-wide (tests/kb/conftest.py)


def test_lines_are_stored_in_one_form():
    assert mine_words.canonical(" 身份卡　 →标识卡 ") == LINE
    assert mine_words.canonical("身份卡 ＝＞ 标识卡") == LINE
    assert mine_words.canonical("局扇  局部通风机") == "局扇 局部通风机"


def test_a_good_line_passes(kb):
    assert mine_words.check(LINE, kb) is None
    assert mine_words.check("身份卡 标识卡", kb) is None


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("", "请填写"),
        ("=> 标识卡", "格式不对"),
        ("身份卡 =>", "格式不对"),
        ("身份卡 => 标识卡 => 矿灯", "格式不对"),
        ("身份卡", "至少要有两个词"),
        ("卡片 => 卡", "只有一个字"),
        ("的 => 标识卡", "只有一个字"),
    ],
)
def test_a_bad_line_says_what_is_wrong(kb, line, says):
    message = mine_words.check(line, kb)
    assert message and says in message


def test_a_rule_word_absent_from_the_library_is_refused(kb):
    assert mine_words.check("身份卡 => 登记牌", kb) == "条文里没有“登记牌”这个词，检索不到。"
    assert mine_words.check("身份卡 => 登记牌 标识卡", kb) is None  # one rule word found is enough


def test_duplicates_of_shipped_or_stored_lines_are_refused(kb):
    shipped = mine_words.shipped_lines()
    one_way = next(line for line in shipped if "=>" in line)
    assert "程序自带" in mine_words.check(mine_words.canonical(one_way), kb)
    assert "本矿用语里已经有" in mine_words.check(LINE, kb, mine=[LINE])
    assert "本矿用语里已经有" in mine_words.check("身份卡 => 标识卡", kb, mine=["身份卡 人员卡 => 标识卡"])


def test_the_merged_table_holds_the_mine_expansion_and_the_dictionary_its_words():
    assert ("标识卡", 0.8) not in synonyms().expand("身份卡")
    assert "身份卡" not in [word for word, _, _ in segment("领身份卡")]
    assert use_mine_lines([LINE]) is True
    assert use_mine_lines([LINE]) is False  # unchanged
    assert ("标识卡", 0.8) in synonyms().expand("身份卡")
    assert "身份卡" in [word for word, _, _ in segment("领身份卡")]
    use_mine_lines(())
    assert synonyms().expand("身份卡") == ()


def test_the_fingerprint_changes_with_a_mine_line(tmp_path):
    shipped = current_format()
    assert current_format([LINE]) != shipped
    root = tmp_path / "index"
    build_index(root, library_records()[:2])
    assert not needs_rebuild(root)
    use_mine_lines([LINE])
    assert current_format() == current_format([LINE]) and needs_rebuild(root)
    use_mine_lines(())
    assert current_format() == shipped and not needs_rebuild(root)


def test_a_process_follows_the_lines_its_index_was_built_with(tmp_path):
    root = tmp_path / "index"
    use_mine_lines([LINE])
    build_index(root, library_records()[:2])
    built = index_format(root)
    assert live_mine_words(root) == (LINE,)  # the index records the lines it was cut with
    use_mine_lines(())  # another process, started with the shipped table alone
    assert mine_words.follow(built, ("其他 说法",)) is False  # lines that do not give the index's fingerprint
    assert mine_lines() == ()
    assert mine_words.follow(built, live_mine_words(root)) is True
    assert mine_lines() == (LINE,)
    use_mine_lines(())
    build_index(root, library_records()[:2])
    assert live_mine_words(root) == ()
    use_mine_lines([LINE])
    assert mine_words.follow(index_format(root), ()) is True and mine_lines() == ()


def test_adding_keeps_the_good_lines_beside_a_bad_one(kb, db_session):
    added, refused = mine_words.add(db_session, f"{LINE}\n卡片 => 卡\n\n身份卡 => 登记牌", kb)
    db_session.commit()
    assert added == [LINE]
    assert [r.line for r in refused] == ["卡片 => 卡", "身份卡 => 登记牌"]
    assert mine_words.stored_lines(db_session) == (LINE,)
    added, refused = mine_words.add(db_session, LINE, kb)
    assert not added and "已经有" in refused[0].message


def test_a_rule_word_made_of_real_words_must_occur_as_a_whole(kb):
    # 矿灯 and 标识卡 are both in the library (第十条), and 瓦斯 elsewhere; the compounds are not.
    for made_up in ("矿灯标识卡", "标识卡瓦斯", "瓦斯矿灯"):
        assert mine_words.check(f"刷脸机 => {made_up}", kb) == f"条文里没有“{made_up}”这个词，检索不到。"
    assert mine_words.check("刷脸机 => 自救器和标识卡", kb) is None  # a phrase the article holds
