"""Typo correction: pinyin-input slips are homophones, so a candidate that sounds the same wins."""

from __future__ import annotations

import pytest

from kb.spelling import NEAR_SOUND, OTHER_SOUND, SAME_SOUND, Vocabulary, corrections, sound_similarity, suggestion

# Document frequencies of a small library; 报告 is far more frequent than 爆破, as in real rules.
DF = {
    "报告": 346,
    "爆破": 232,
    "突破": 4,
    "瓦斯": 393,
    "工伤": 93,
    "学时": 3,
    "落实": 81,
    "快速": 12,
    "自救器": 16,
    "安全帽": 2,
    "安全法": 245,
    "高瓦斯": 40,
    "低瓦斯": 12,
    "登记": 65,
    "设计": 352,
    "敲帮问顶": 5,
    "煤矿": 900,
    "煤巷": 30,
    "防突": 60,
    "培训": 300,
    "再培训": 5,
    "上岗": 50,
    "单体支柱": 20,
    "体制": 30,
    "一炮三检": 3,
    "停工留薪期": 6,
    "负责人": 500,
    "责任": 400,
    "防虫": 4,
}
DOMAIN = frozenset(
    {
        "单体支柱",
        "一炮三检",
        "停工留薪期",
        "负责人",
        "爆破",
        "瓦斯",
        "工伤",
        "自救器",
        "安全帽",
        "高瓦斯",
        "低瓦斯",
        "敲帮问顶",
        "煤矿",
        "防突",
        "煤巷",
    }
)


@pytest.fixture(scope="module")
def words() -> Vocabulary:
    return Vocabulary(DF, DOMAIN)


def fixed(text: str, words: Vocabulary) -> str:
    return suggestion(text, corrections(text, words))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("报破前要查几次瓦斯", "爆破前要查几次瓦斯"),  # the homophone beats the far more frequent 报告
        ("受伤了算不算公伤", "受伤了算不算工伤"),  # 公伤 is a word the segmenter keeps whole
        ("新工人培训要多少学实", "新工人培训要多少学时"),  # not 落实, which is more frequent
        ("自就器要多快戴好", "自救器要多快戴好"),  # a particle (就) inside a domain word
        ("戴安全冒", "戴安全帽"),  # not 安全法
        ("登计要带什么", "登记要带什么"),  # not 设计
        ("敲帮问项是什么制度", "敲帮问顶是什么制度"),  # a slip of the finger in a long domain word
        ("单体制柱怎么支", "单体支柱怎么支"),  # the slip left words the segmenter knows (体制)
        ("一炮三坚是什么", "一炮三检是什么"),  # a word holding a numeral, the numeral untouched
        ("停工留新期工资照发吗", "停工留薪期工资照发吗"),  # five characters
    ],
)
def test_a_pinyin_slip_is_corrected_to_the_word_that_sounds_the_same(typed: str, meant: str, words: Vocabulary):
    assert fixed(typed, words) == meant


@pytest.mark.parametrize(
    "text",
    [
        "自救器要多快戴好",  # 快戴 is not 快速
        "低瓦斯矿一个班查几次",  # 低 and 高 sound nothing alike: never swap a short word's meaning
        "煤巷放炮人要躲多远",  # 煤巷 is a word of its own
        "没培训过能不能上岗",  # a negation, not 再培训
        "合同里写出事自负责任算数吗",  # 负责任 starts inside 自负: no 负责人 there
        "局扇停了一阵能直接开吗",  # an everyday word missing from the rules is no typo (一整)
        "罚款十万元还是五十万元",  # numbers are never changed
    ],
)
def test_words_that_are_no_typo_stay(text: str, words: Vocabulary):
    assert fixed(text, words) in ("", text.replace("自就器", "自救器"))


def test_sound_similarity_reads_the_character_as_the_word_does():
    assert sound_similarity("报", "爆破", 0) == SAME_SOUND
    assert sound_similarity("诗", "瓦斯", 1) == NEAR_SOUND  # shi / si: sh and s are confused
    assert sound_similarity("身", "卷上", 0) == OTHER_SOUND  # a rare reading of 身 does not count
    assert sound_similarity("a", "爆破", 0) == OTHER_SOUND


def test_among_words_that_sound_alike_the_one_used_with_the_other_words_wins():
    words = Vocabulary({"学士": 50, "学时": 3, "培训": 300}, frozenset())
    beside = {("学时", "培训"): 3, ("学士", "培训"): 0}

    def together(word: str, others: list[str]) -> int:
        return sum(beside.get((word, other), 0) for other in others)

    assert fixed("新工人培训要多少学实", words) == "新工人培训要多少学士"  # frequency alone
    found = corrections("新工人培训要多少学实", words, together)
    assert suggestion("新工人培训要多少学实", found) == "新工人培训要多少学时"


def test_a_stretch_the_library_uses_is_no_typo(words: Vocabulary):
    # 防冲 is not a dictionary word, but the rock-burst rules use it: it is not 防虫.
    assert fixed("谁来管防冲", words) == "谁来管防虫"  # without knowing the library's text
    found = corrections("谁来管防冲", words, indexed=lambda text: 12 if text == "防冲" else 0)
    assert found == []


def test_context_decides_for_everyday_words_and_real_word_slips():
    words = Vocabulary(
        {"作人": 5, "刮板输送机": 40, "工伤": 90, "工商": 20, "单位": 900, "局扇": 0}, frozenset({"工伤", "局扇"})
    )
    beside = {("工伤", "单位"): 60, ("工商", "单位"): 4}

    def together(word: str, others: list[str]) -> int:
        return sum(beside.get((word, other), 0) for other in others)

    def indexed(word: str) -> int:
        return words.df.get(word, 0)

    def fixed_in_context(text: str) -> str:
        return suggestion(text, corrections(text, words, together, indexed))

    # 作人 sounds like 坐人 but is an everyday word never found beside the question's words.
    assert fixed_in_context("刮板输送机上能坐人不") == ""
    # 工商 is a real word, but 工伤 reads beside 单位 fifteen times as often.
    assert fixed_in_context("单位不给报工商怎么办") == "单位不给报工伤怎么办"
    # A colloquial word of the team's lexicon (in no article) is still reached by sound.
    assert fixed_in_context("举扇停了咋办") == "局扇停了咋办"


def test_words_mixing_letters_or_digits_never_break_the_sound_comparison():
    # pinyin keeps "co2" as one item; reading such a word by position once raised IndexError
    # for an exam stem (发泡倍数在20~200之间…).
    assert sound_similarity("氧", "co2气", 1) == OTHER_SOUND
    assert sound_similarity("器", "co2气", 3) == SAME_SOUND


def test_exam_stems_with_ranges_and_symbols_search_without_error(kb):
    for stem in ("发泡倍数在20~200之间的泡沫称为高倍数泡沫。", "CO2浓度超过0.5%~1.5%", "《》（）A.B.C.~~"):
        kb.search(stem)
