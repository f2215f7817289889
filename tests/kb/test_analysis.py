"""The analyzer: one normaliser and segmenter for documents and queries."""

from __future__ import annotations

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Term

from kb.analysis import analyzer, synonyms, terms


def test_domain_words_stay_whole():
    words = terms("采煤工作面发生冒顶片帮，瓦斯抽采系统和局部通风机都要检查，严禁三违")
    for word in ("采煤工作面", "冒顶片帮", "瓦斯抽采", "局部通风机", "三违"):
        assert word in words


def test_search_mode_also_yields_the_parts_of_long_words():
    words = terms("建立健全全员安全生产责任制")
    assert {"安全生产责任制", "安全生产", "责任制"} <= set(words)


def test_traditional_and_full_width_input_is_normalised():
    assert terms("礦工遇到危險") == terms("矿工遇到危险")
    assert "ch4" in terms("ＣＨ４浓度")


def test_question_words_and_particles_are_stopped():
    words = terms("矿工遇到危险能不能跑吗？怎么办")
    assert "能不能" not in words and "吗" not in words and "怎么办" not in words
    assert "矿工" in words and "跑" in words


def test_punctuation_only_gives_no_terms():
    assert terms("。。。！？（）《》\"'*") == []


def test_synonyms_are_expanded_both_ways_for_equivalents_and_one_way_for_colloquial_words():
    table = synonyms()
    assert "甲烷" in dict(table.expand("瓦斯")) and "瓦斯" in dict(table.expand("甲烷"))
    assert "撤离" in dict(table.expand("跑"))
    assert "跑" not in dict(table.expand("撤离"))


def test_index_and_query_share_the_analyzer_in_ram_storage():
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=analyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(id="1", text="建立健全全员安全生产责任制")
        writer.add_document(id="2", text="礦工應當佩戴自救器")
    with ix.searcher() as searcher:
        assert [h["id"] for h in searcher.search(Term("text", "责任制"))] == ["1"]
        assert [h["id"] for h in searcher.search(Term("text", "矿工"))] == ["2"]


def test_a_number_is_one_word_apart_from_its_unit():
    words = terms("甲烷浓度达到1.5%时，风速不得超过4m/s，距离20米")
    assert "1.5" in words and "1" not in words and "5" not in words
    assert {"4", "m", "20", "米"} <= set(words)  # 20米 and 20m share the number


def test_a_query_for_one_threshold_does_not_match_another():
    storage = RamStorage()
    index = storage.create_index(Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer())))
    with index.writer() as writer:
        writer.add_document(id="a", body="甲烷浓度达到1.5%时，必须停止工作")
        writer.add_document(id="b", body="二氧化碳浓度达到1%，5个工作面")
    with index.searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(Term("body", "1.5"))] == ["a"]


def test_a_frequency_set_in_the_dictionary_wins_over_the_default_for_synonym_words():
    # 进去 is also a synonym-file word; its dictionary frequency keeps 谁先进去 from
    # being cut as 先进 (advanced) + 去.
    assert "先进" not in terms("放完炮谁先进去看")
    assert "先进" in terms("采用先进适用的技术")


def test_a_colloquial_synonym_does_not_eat_the_first_character_of_the_next_word():
    # 出了事 (a synonym for 事故) once cut 出了事故 into 出了事 + 故, losing 事故 itself.
    assert "事故" in terms("出了事故 在场的工友第一步该向谁报告")
    assert "事故" in terms("出事故了谁负责")
    assert "出了事" in terms("出了事怎么办")


def test_getting_out_as_workers_say_it_is_withdrawing():
    # 撤出来 was cut 撤出 + 来, and the typo corrector then offered 测出来 (a synonym-file word for 测定).
    assert "撤出来" in terms("遇到危险了班长能不能让大家先撤出来")
    assert {"撤离", "撤出"} <= set(dict(synonyms().expand("撤出来")))
    assert {"撤离", "撤出"} <= set(dict(synonyms().expand("跑出来")))
