"""Generation over the whole ../shared corpus and the catalogue: thousands of questions, zero failures."""

from __future__ import annotations

from collections import Counter

import pytest

from corpus import hazards as hz
from quiz.generation import articles as read
from quiz.generation.articles import worth_asking
from quiz.generation.hazard import DISTRACTOR_2025, STANDARD_2025
from quiz.generation.lists import item_shape, lead_head, lead_overlap, list_shape, multi_enumeration
from quiz.generation.pipeline import DEFAULT_HAZARD_GENERATORS, hazard_batch, pick, theory_batch
from quiz.generation.records import dumps
from quiz.generation.relevance import ARTICLE_THRESHOLD, article_relevance
from quiz.generation.terms import FAMILY
from quiz.generation.verify import Verifier, stem_key
from tests.generation.conftest import SEED

pytestmark = pytest.mark.slow


def test_thousands_of_theory_questions_all_pass_the_verifier(theory, shared_records):
    # Issue 16: procedure, penalties and subject-less sentences are no longer asked, and each fact once (blind read).
    # Blind read 2: no party question on a person key, no document name or place asked as a term, single choice
    # only among terms that do the same job, who bears a duty only for the mine's own work (1,501 at seed 2026).
    # 1450 -> 1250 (1275) after blind read 3: a sentence a blank or choice asks is no longer also a true/false item
    # (177 judge items at seed 2026); a default run still fills its true/false half from other sentences.
    # 1250 -> 820 (854) after blind read 4: an article whose only false statement would make a duty to know,
    # comply or plan a 不必 gets no false item, and a true one only when it states a worker's own duty or no blank or
    # choice asks it (so true and false stay balanced): 371 judge items at seed 2026 against 787.
    # 842 -> 816 after blind read 5: no gas inside a fixed phrase or beside words no other gas is found with, no mine key
    # beside bodies that are no mine, no supervisory duty beside trades (T16, T19, T22).
    # 816 -> 805 after blind read 6: items not worth a miner's time (inspection bodies, 补报, laboratory figures) and no
    # permission to use what the sentence condemns (可以使用应当淘汰的设备: T22).
    # 805 -> 787 after blind read 7: no false figure where the words give no unsafe direction, records' retention
    # periods, no choice whose distractors cross a figure of the clause, nothing but machines after 操作 (T4-T39).
    # 931 -> 916 after blind read 8: the leadership's meetings, reports and own qualification, public rides, a blank with
    # a second answer at its place or its head named again, training beside training as distractors (T7-T38).
    assert len(theory.questions) >= 780
    report = Verifier(shared_records).verify(theory.questions)
    assert report.ok, [str(f) for f in report.failures[:10]]
    # The verifier also re-checks the raw candidates: a generator that needs filtering is a generator bug.
    assert len(theory.rejected) <= theory.candidates // 200, [str(f) for f in theory.rejected[:10]]


def test_every_theory_kind_is_produced(theory):
    kinds = Counter(q.type for q in theory.questions)
    # Multi items: a list whose wrong options could only be flipped modals (不必, 允许) or a limit before no figure
    # is not asked (blind read).
    # Single choice: fewer since blind read 2 (no person key as who, no place or document as a term, terms only
    # beside terms of the same job, who bears a duty only for the mine's own work and not given away by the
    # sentence, no business licence as a term): 173 at seed 2026.
    # Multi 20 -> 19 after blind read 3: articles on specialist work (shaft sinking by 钻井法/冻结法, 下料孔, the
    # rescue brigade) are lists, and they are no longer asked.
    # Single 160 -> 145 after blind read 3: terms only beside terms of their kind (no conveyance beside a stop
    # device, no fan beside a door, no pipework beside a network) and no party the document's title names: 149.
    # Judge 800 -> 760 (781): no true/false item on a sentence a blank or choice of the run asks (blind read 3).
    # Single 145 -> 138 (142): a structure's figure (吊桶速度, 库房容量) is not asked where the article has a rule a worker
    # acts on, though only the structure's figure had three distractors.
    # Single 138 -> 124 (127) after blind read 4: a term beside terms of its job only (supports apart from machines,
    # air, fire and water structures apart: none of these has four families), no member of a series left open by 等,
    # no gas in a rule about harmful gases in general (T14, T23, T40).
    # Judge 760 -> 350 (371), multi 19 -> 15 (16) after blind read 4: no false statement or wrong option makes a duty
    # to know, comply or plan a 不必 (a list whose other changes were such flips is not asked).
    # Single 128 -> 103 after blind read 5: no gas inside a fixed phrase (有瓦斯喷出) or beside words no other gas is
    # found with, no mine key beside bodies that are no mine, no supervisory duty beside trades (T16, T19, T22).
    # Multi 15 -> 14 after blind read 6: a design or laboratory figure of a list item (TBM脱困扭矩, 开采深度, water
    # quality) is never the changed item, and a list left with one other fact to change is not asked (T21).
    # Judge 356 -> 349 after blind read 6: no permission to use what the sentence condemns (可以使用应当淘汰的设备,
    # 允许使用过期…的爆炸物品: T22); such an article states its ban as a true statement where it has no other.
    # Judge 345 -> 340, multi 14 -> 12 after blind read 7: a changed figure moves the way that makes the rule laxer, and
    # one whose words say neither way is not changed (T33); 不符合要求的严禁发放使用 is not made a permission (T30).
    # Single 104 -> 96 after blind read 8: no training option beside a training key (职业卫生培训 beside 安全生产教育和
    # 培训, each a duty in force: T33); those articles are stated as true/false instead.
    # Single 91 -> 87 after blind read 12: a count of 1 per period (每周至少检查（ ）次) is not asked, as a blank or a
    # choice (T3, managers' read 4 T30); a period said in words is blanked instead (每（ ）至少检查1次).
    # Single 85 -> 78 after blind read 14: one who-question per set of four posts in a run (the blaster's three duties
    # offered 班组长, 瓦斯检查工, 安全检查工 each; genfix13's leftovers), no term closing a pair of one-character members
    # (防、（排水系统）, managers' read 5 T18), no system another article sets at the key's place (T20).
    # Single 78 -> 77 after blind read 15: no system a rule requires at a wider class of the key's place (every 采掘工作面
    # beside a face with 冲击地压 danger, T2); that article is asked as a blank instead.
    # Multi 12 -> 11 after managers' read 6: a bound is turned round only where the result reads as a rule (no ceiling
    # made a floor, 高压不少于10000V, as a wrong option: T26), so a list whose only changes were such flips is not asked.
    # Judge 460 -> 485 after cov7 (issue 16): what a place or a machine must be fitted with, no party at its head, is
    # stated true where no false statement teaches (the fans' 设备开停传感器 rule); floor 330 -> 470.
    # Judge 485 -> 459 after trainer audit 4: the office's planning, institutional, investigation, revision and reporting
    # work (建立…制度, 水文地质类型每3年修订, 建立降水量观测站) is a manager's question (`relevance.office_work`); floor 470 -> 450.
    assert kinds["blank"] >= 200 and kinds["single"] >= 77 and kinds["judge"] >= 450 and kinds["multi"] >= 11
    changes = Counter(q.change.kind for q in theory.questions if q.change)
    # Issue 16: a false statement changes a number, a modal (严禁 → 可以), a limit or an action; never who does it. A limit
    # turned round is rare since a trigger is no longer changed (genfix: 倾角不大于45°时 and 最高…不超过3.0%时 name when a rule
    # applies, tests/generation/test_leftovers.py), and this seed draws none: none of the changes may touch a trigger.
    assert {"modal", "number", "action"} <= set(changes) and "party" not in changes
    assert not [q.stem for q in theory.questions if q.change and q.change.kind in ("limit", "number")
                and read.in_condition(q.inputs["sentence"], q.inputs["position"])]
    judged = Counter(q.answer for q in theory.questions if q.type == "judge")
    # True and false balanced: 45-55% -> issue 16's 40-60% band after blind read 4, since an article whose only
    # false statement is weak may still state a ban or duty true when nothing else asks it (53% at seed 2026).
    assert 0.4 <= judged[("A",)] / sum(judged.values()) <= 0.6


def test_coverage_of_relevant_normative_articles(theory, shared_records):
    normative = {
        r.key for r in shared_records if worth_asking(r.text) and article_relevance(r.text, r.path) >= ARTICLE_THRESHOLD
    }
    covered = {q.inputs["article"] for q in theory.questions} & normative
    # Issue 16 narrowed what is asked: agency procedure and penalties not at all (those articles are out of
    # the denominator), sentences without their own subject not, and true/false only where a false statement
    # is possible (so the two stay balanced). Before: 81% of all normative articles; now about 68% of the
    # relevant ones; after the blind read (management and design duties scored lower, no term the sentence
    # nearly names, no list offering only flipped modals) about 64%; after blind read 2 (no place or document
    # name asked as a term, no person key as who, no who-question the sentence gives away) about 60%.
    # 0.58 -> 0.35 after blind read 4: 37% at seed 2026, against 60% before. Most articles had been covered by a
    # true/false item whose false form was a weak 不必 (a duty to know, comply, keep a system); those are no longer
    # asked false, and asked true only where balance allows (see `theory.judge`). Exam-article coverage at the
    # default run holds (bench/generation_quality.py: 26-27 of 121 against 28).
    assert len(covered) / len(normative) >= 0.35


def test_no_question_quotes_a_table_or_ocr_text(theory):
    for question in theory.questions:
        text = question.stem + "".join(o.text for o in question.options) + "".join(question.answer)
        assert "|" not in text and "<!--" not in text and "$" not in text and "\\" not in text


def test_every_question_carries_what_regenerates_it(theory, hazards):
    for question in theory.questions + hazards.questions:
        assert question.generator and question.seed == SEED and question.inputs
    for question in theory.questions:
        assert question.citation.article.startswith("第") and question.citation.version


def test_same_seed_same_questions_other_seed_other_questions(
    shared_records, shared_pools, theory, hazard_data, hazards
):
    again = theory_batch(shared_records, SEED, shared_pools)
    assert dumps(again.questions) == dumps(theory.questions)
    assert dumps(hazard_batch(hazard_data, SEED).questions) == dumps(hazards.questions)
    other = theory_batch(shared_records, "another seed", shared_pools)
    assert {stem_key(q.stem) for q in other.questions} != {stem_key(q.stem) for q in theory.questions}
    assert [q.stem for q in pick(theory.questions, 40, "s")] == [q.stem for q in pick(again.questions, 40, "s")]


def test_hazard_questions_all_pass_the_verifier(hazards, hazard_data):
    report = Verifier((), hazard_data).verify(hazards.questions)
    assert report.ok, [str(f) for f in report.failures[:10]]
    assert not hazards.rejected, [str(f) for f in hazards.rejected[:10]]
    produced = Counter(q.generator for q in hazards.questions)
    expected = set(DEFAULT_HAZARD_GENERATORS) - ({"hazard.violation"} if "violations" in hazard_data.missing else set())
    assert set(produced) == expected


def test_hazard_rules_of_hazards_md(hazards, hazard_data):
    for question in hazards.questions:
        texts = {o.text for o in question.options}
        assert not texts & {"其他伤害", "其他爆炸", "以上都对", "以上都不对"}
        if question.generator == "hazard.accident_type":
            hazard = hazard_data.catalogue.get(question.inputs["hazard"])
            # The GB 6441-2025 class where confirmed, else the coal-mine category (HAZARDS.md §1).
            assert not hazard.disputed and (STANDARD_2025 in question.stem or "按煤矿事故统计分类" in question.stem)
            wrong = {o.text for o in question.options if o.key not in question.answer}
            alternatives = {DISTRACTOR_2025.get(c) for c in hazard.accident_type_alt}
            assert not wrong & alternatives.union(*(hz.COAL_OF_1986[c] for c in hazard.accident_type_alt))
        if question.generator == "hazard.lec":
            d = hz.lec_score(*(question.inputs[k] for k in ("L", "E", "C")))
            assert not hz.on_band_boundary(d, hazard_data.model)
        if question.generator == "hazard.major":
            assert "版" in question.stem and "不得用于考试" in question.explanation
        if question.generator == "hazard.control":
            assert not any(word in t for t in texts for word in hz.CATCH_ALL_CONTROLS)


def test_term_questions_over_the_corpus(theory, shared_records, shared_pools):
    terms = [q for q in theory.questions if q.generator == "theory.single_term"]
    # Blind read 2: only terms that do the same job side by side, no document names or places; no system a
    # mine must keep (必须建立（ ）制度, 598d762) asked as a term: 74 at seed 2026.
    # Blind read 3: terms of narrower kinds (stop devices, fans, networks, pipework each a class): 64 at seed 2026.
    # Blind read 4: supports apart from machines, air/fire/water structures apart, no open series, no gas where the
    # rule is about every harmful gas (T14, T23, T40): 48 at seed 2026.
    # Blind read 5: no gas inside a fixed phrase (有（瓦斯）喷出), none beside words no other gas is found with (T16): 34.
    # Blind read 8: no option that is a kind of the key or a duty in force (training beside training, T33): 27.
    # Blind reads 12 and 13: no design document's contents for the frontline (T22), no option off the theme of the
    # series the blank closes (T25): 24.
    # Blind read 15: no system a rule requires at a wider class of the key's place (every 采掘工作面, T2): 21.
    assert len(terms) >= 21
    assert not [f for f in theory.rejected if f.generator == "theory.single_term"]
    assert Verifier(shared_records).verify(terms).ok
    by_key = {r.key: r for r in shared_records}
    for question in terms:
        record = by_key[question.inputs["article"]]
        key = {o.key: o.text for o in question.options}[question.answer[0]]
        wrong = [o.text for o in question.options if o.key not in question.answer]
        assert question.inputs["sentence"].count(key) == 1
        assert {FAMILY[w][0] for w in wrong} == {FAMILY[key][0]}  # same class
        assert all(FAMILY[w] != FAMILY[key] for w in wrong)  # never a synonym of the key
        assert not any(w in record.text for w in wrong)
    # Same seed, same term questions (alone, a few more: no blank_term took their (article, key) first).
    again = {dumps([q]) for q in theory_batch(shared_records, SEED, shared_pools, ["theory.single_term"]).questions}
    assert {dumps([q]) for q in terms} <= again


def _distractors(question) -> list[str]:
    return [o.text for o in question.options if o.key not in question.answer]


def _lead_of(item: str, pools) -> str:
    return next(other.lead for _, _, other in pools.lists if item in other.items)


@pytest.mark.parametrize(
    ("title", "label"),
    [("煤矿安全规程", "第二百九十一条"), ("特种设备安全监督检查办法", "第十六条"),
     ("煤矿安全规程", "第四百零三条"), ("中华人民共和国劳动法", "第十九条")],
)
def test_list_questions_once_given_away_get_on_topic_distractors_or_none(shared_records, shared_pools, title, label):
    record = next(r for r in shared_records if r.title == title and r.label == label)
    question = multi_enumeration(record, shared_pools, SEED)
    if question is None:
        return
    cited = read.enumerations(record.text)[0]
    changed = {c: o for o, c in question.inputs.get("changed", ())}
    for wrong in _distractors(question):
        if wrong in changed:  # issue 16: a list of rules gets its own items with one fact changed
            assert changed[wrong] in cited.items and wrong not in cited.items
            continue
        lead = _lead_of(wrong, shared_pools)
        assert item_shape(wrong) == list_shape([i for i in cited.items if 4 <= len(i) <= 36]), wrong
        assert lead_overlap(cited.lead, lead) > 0 or lead_head(cited.lead) == lead_head(lead) != "", (wrong, lead)


def test_the_given_away_examples(shared_records, shared_pools):
    def wrong(title: str, label: str) -> list[str]:
        record = next(r for r in shared_records if r.title == title and r.label == label)
        question = multi_enumeration(record, shared_pools, SEED)
        return [] if question is None else _distractors(question)

    assert all("冲击地压" not in w and "烟雾" not in w for w in wrong("煤矿安全规程", "第二百九十一条"))
    assert all("工资" not in w for w in wrong("特种设备安全监督检查办法", "第十六条"))
    assert not {"充电时应当有人值守", "井下严禁安设辅助通风机"} & set(wrong("煤矿安全规程", "第四百零三条"))
    assert not {"国际劳动节", "患病、负伤"} & set(wrong("中华人民共和国劳动法", "第十九条"))
