"""Multiple choice from enumerations: items of the cited list against changed items or items of sibling lists.

A list is a lead-in ending with a colon and its items （一）（二）…. Correct options are
2–3 items of the cited list. A list of requirements gets, as wrong options, its own other
items with one safety-relevant fact changed (`changed_items`), never a rule borrowed from
another article (液力偶合器严禁使用可燃性传动介质 beside 第一百四十四条 would be right there).
A list of things, situations or penalties gets single items of other lists that do not read
as rules, kept only when they are plausible and certainly wrong:

* plausible (`plausibility`): the same shape as the cited items (a noun phrase for a list of
  图件 or 条款, a situation ending in 的 for a list of 情形, a requirement for a list of
  要求) and of like length, from a list on the same topic: its lead-in shares content words
  or its head noun (图件/图纸, 材料/资料 …) with the cited lead-in, same document first,
  then documents of the same field; below `PLAUSIBLE` the question is skipped rather than
  given an off-topic distractor a worker could rule out without knowing the rule;
* certainly wrong: never stated in the cited article, never containing or contained in a
  cited item nor resembling one, never from the 20 articles either side of the cited one
  in the same document (they regulate the same thing, so their items might be right too).
"""

from __future__ import annotations

import random
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from quiz.generation import articles as read
from quiz.generation.bounds import flip_reads_as_rule
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import not_a_rule, worth_a_worker
from quiz.generation.similarity import bigrams, similarity
from quiz.generation.syllabus import narrowed, qualifier_changes
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.number_distractors import number_distractors
from quiz.generation.theory.numbers import fixed_word
from quiz.generation.theory.pools import rule_elsewhere
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import stem_prefix

_CATCH_ALL_ITEM = ("其他", "其它", "等")
_RULE = re.compile(r"应当|必须|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|须|方可|可以|有权")
_NEIGHBOURS = 20
PLAUSIBLE = 1.0  # the least `plausibility` a distractor needs
VERY_PLAUSIBLE = 1.5  # enough for a second distractor from the same sibling list


def _usable_item(item: str) -> bool:
    return 4 <= len(item) <= 36 and not any(word in item for word in _CATCH_ALL_ITEM) and "：" not in item


def _named_with_etc(item: str) -> bool:
    """An item naming its kinds with 等 inside (质量保证、安全管理和岗位责任等制度): no catch-all, for a narrowed run."""
    return 4 <= len(item) <= 36 and "：" not in item and not re.search(r"其他|其它|等$", item)


def multi_enumeration(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """下列属于该条所列的有（ ）: 2–3 items of the cited list and 2 wrong options.

    A list of requirements (`RULE` shape) gets wrong options made from its own other items with one
    safety-relevant fact changed (`changed_items`: a number, 必须 → 不必, 严禁 → 允许 …), never a rule
    borrowed from another article, which would be right too; a list of things, situations or
    penalties gets plausible items of sibling lists that are not rules (`_sibling_items`).
    """
    name = "theory.multi_enumeration"
    rng = article_rng(seed, name, record)
    lists = [
        e for e in read.enumerations(record.text)
        if len(e.lead) <= (120 if narrowed() else 80) and "“" not in e.lead and worth_a_worker(e.lead)
    ]
    rng.shuffle(lists)
    for enumeration in lists:
        items = [i for i in enumeration.items
                 if (_usable_item(i) or narrowed() and _named_with_etc(i)) and not pools.figures.older(record, i)]
        if len(items) < 3:
            continue
        changes: list[tuple[str, str]] = []
        if list_shape(items) == RULE:
            changes = changed_items(enumeration, items, record, pools, rng, 2)
            wrong = [changed for _, changed in changes]
            rest = [i for i in items if i not in {original for original, _ in changes}]
            # A short list keeps a changed number's original among the options (which value is the rule is the
            # question), never a flipped modal's: 严禁人员进入 beside 允许人员进入 is picked without knowing the rule.
            if len(rest) < 2:
                rest = [i for i in items if i not in {o for o, c in changes if _modal_flip(o, c)}]
            items = rest
        else:
            wrong = _sibling_items(enumeration, record, pools, rng, 2)
        if len(wrong) < 2 and narrowed() and list_shape(items) in (RULE, HAVE):
            # A run the trainer narrowed to documents asks a list of conditions too: its qualifiers made stricter.
            changes = qualifier_changes(items, pools, rng, 2)
            wrong = [changed for _, changed in changes]
            rest = [i for i in items if i not in {original for original, _ in changes}]
            items = rest if len(rest) >= 2 else items
        if len(wrong) < 2 or len(items) < 2:
            continue
        correct = rng.sample(items, min(len(items), rng.choice((2, 3))))
        options, answer = choice_options(correct, wrong, rng)
        stem = f"{stem_prefix(record, enumeration.lead)}“{enumeration.lead}”。下列各项中，属于该条所列的有（ ）。"
        explanation = (
            "该条所列："
            + "；".join(f"（{read.to_chinese_number(i + 1)}）{t}" for i, t in enumerate(enumeration.items))
            + "。"
            + "".join(f"“{changed}”不对，原文为“{original}”。" for original, changed in changes)
        )
        inputs = {"lead": enumeration.lead, "sources": [o.text for o in options if o.key not in answer]}
        if changes:
            inputs["changed"] = [list(pair) for pair in changes]
        return article_question(record, name, seed, "multi", stem, options, answer, explanation, inputs)
    return None


def changed_items(
    enumeration: read.Enumeration, items: list[str], record: ArticleRecord, pools: TheoryPools,
    rng: random.Random, count: int,
) -> list[tuple[str, str]]:
    """(item, the item with one fact changed) for `count` different items of the list, or none.

    The change is a number of the same unit (`number_distractors` for a false statement: on the unsafe
    side, not a trivial step), a limit before a figure or an action turned round, or a prohibition made a permission or
    a skippable act a dispensation (`modal_changes`: never 不必处理后方可作业, blind read 4 T20). A worker spots 不必/可以 without knowing the rule, so at
    most one change is a flipped modal and at least one is of another kind: a list offering only
    flipped modals is not asked. The changed item is never stated by any current article, and is one
    sentence (an item of two, one changed, would still state a true rule beside the false one).
    """
    found: list[tuple[str, str, bool]] = []  # (item, changed, is a modal flip)
    shuffled = items[:]
    rng.shuffle(shuffled)
    for item in shuffled:
        if re.search(r"[。；;]", item):
            continue  # one sentence changed beside one kept: half the option would still be a true rule
        modal = [(i, old, new, True) for i, old, new in read.modal_changes(item)]
        # A limit turned round only before a figure, never a minimum made a ceiling (`articles.limit_flips`), nor on a
        # figure the item gives as usual (一般为…): changed, it is no false rule (`not_a_rule`).
        # Nor where the turned bound reads as no rule (`bounds.flip_reads_as_rule`: 高压不少于10000V).
        limits = [f for f in read.limit_flips(item) if not not_a_rule(item, f[0]) and not read.in_condition(item, f[0])
                  and flip_reads_as_rule(item, *f, pools.flat_corpus)]
        # An action reversed with its duty made a permission (必须停止作业 → 可以继续作业, not 必须继续作业: T20).
        facts = [(i, old, new, False) for i, old, new in limits + read.action_changes(item)]
        for quantity in read.quantities(item):
            end = quantity.end + len(quantity.unit)
            if (item.count(quantity.text) != 1 or fixed_word(item, quantity) or not_a_rule(item, quantity.start)
                    or read.in_condition(item, quantity.start)):
                continue  # 四周 (all around) is no count of weeks: 八周 would give the option away; a trigger is no limit
            context = (enumeration.lead + "：" + item[: quantity.start], item[end:])
            wrong = number_distractors(quantity, record, pools, rng, count=1, context=context, false_statement=True)
            facts += [(quantity.start, quantity.text, w, False) for w in wrong]
        rng.shuffle(modal)
        rng.shuffle(facts)
        for index, old, new, is_modal in facts + modal:  # a changed fact first: it teaches more
            changed = item[:index] + new + item[index + len(old) :]
            if rule_elsewhere("", changed, "", pools) or rule_elsewhere(enumeration.lead + "：", changed, "", pools):
                continue
            if _usable_item(changed) and changed not in enumeration.items:
                found.append((item, changed, is_modal))
                break
    facts_first = [f for f in found if not f[2]] + [f for f in found if f[2]][:1]
    chosen = facts_first[:count]
    if len(chosen) < count or all(is_modal for _, _, is_modal in chosen):
        return []
    rng.shuffle(chosen)
    return [(item, changed) for item, changed, _ in chosen]


def _modal_flip(original: str, changed: str) -> bool:
    """Whether `changed` is `original` with its modal flipped (必须 → 不必, 严禁 → 允许 …)."""
    return any(original[:i] + new + original[i + len(old) :] == changed for i, old, new in read.modal_changes(original))


# --------------------------------------------------------------------------- shape


_PENALTY = re.compile(r"罚款|处分|拘留|追究|吊销|没收|从重处罚|予以处罚")
NOUN, CASE, HAVE, PENALTY, RULE = "noun", "case", "have", "penalty", "rule"
# A verb, modal or condition word makes an item a requirement rather than a noun phrase.
_VERBAL = re.compile(
    r"应当|必须|不得|严禁|禁止|不准|不应|可以|方可|经过|符合|具备|具有|取得|进行|实行|实施|建立|制定|组织|采取|设置|"
    r"使用|执行|按照|依照|根据|保证|确保|保持|配备|接受|参加|开展|落实|检查|提供|报告|发现|超过|大于|小于|不低于|"
    r"不少于|不超过|以上|以下|[，,；。]|^(?:有|在|对|将|经|未|不|无|已|由|为|向|从|把|及时|定期)"
)


@lru_cache(maxsize=65536)
def item_shape(item: str) -> str:
    """What an item is: a penalty (…处…罚款), a situation (…的), a condition (有…), a noun phrase
    (矿井充水性图) or a requirement (the rest)."""
    if _PENALTY.search(item):
        return PENALTY
    if item.endswith("的"):
        return CASE
    if item.startswith("有") and not item.startswith("有关"):
        return HAVE
    if len(item) <= 20 and not _VERBAL.search(item):
        return NOUN
    return RULE


def list_shape(items: list[str] | tuple[str, ...]) -> str:
    """The shape most items of a list have (ties: requirement, the least specific)."""
    shapes = [item_shape(i) for i in items]
    return max((RULE, CASE, HAVE, PENALTY, NOUN), key=shapes.count)


# --------------------------------------------------------------------------- topic


# Words every lead-in uses: they cut a lead-in into content words and share nothing of its subject.
_STOP = re.compile(
    r"有下列|下列|以下|如下|之一|情形|情况|应当|必须|可以|遵守|符合|按照|依照|规定|要求|具备|包括|履行|并|及|和|或者|的|"
    r"不得|严禁|禁止|不准|不超过|超过|不小于|小于|大于|低于|不少于|时|"
    r"本法|本条例|本规定|本办法|本细则|第[一二三四五六七八九十百零]+条|[，,、；;。（）()“”《》\d]"
)
# Content bigrams too common in this corpus to mean a shared subject.
_GENERIC = frozenset({"安全", "全生", "生产", "煤矿", "矿井", "井下", "单位", "企业", "工作", "人员", "部门", "有关", "国家",
                      "责令", "令改", "改正", "罚款", "万元", "元以", "处理", "依法", "人民", "政府", "县级", "级以", "以上",
                      "使用", "管理", "作业", "进行", "采用", "设置", "实施", "制定", "措施", "技术", "专项", "批准", "总工",
                      "工程", "程师", "遵守"})
# Head nouns of a lead-in (…下列图纸): synonyms share a class; specific classes say what the items are.
_HEADS = {
    "图": ("图件", "图纸", "图"),
    "条款": ("条款",),
    "材料": ("材料", "资料", "文件"),
    "条件": ("条件",),
    "职责": ("职责", "义务"),
    "权利": ("权利",),
    "因素": ("因素",),
    "内容": ("内容", "事项"),
    "措施": ("措施",),
    "情形": ("情形", "情况", "行为"),
    "要求": ("规定", "要求"),
}
_GENERIC_HEADS = {"情形", "要求", "措施", "内容", "条件"}
# Heads of lists of things a rule requires (drawings, contract clauses, documents, what a document contains): the
# items of another such list are required there too, unlike the rights or duties of another party.
_REQUIRED_THINGS = {"图", "条款", "材料", "内容"}
# Fields of law, by words of the document title: distractors never cross fields.
_FIELDS = (
    ("coal", ("煤矿", "煤炭", "矿山", "瓦斯", "防治水", "矿产")),
    ("labour", ("劳动", "工伤", "工会", "职业病", "有毒物品", "社会保险")),
    ("hazmat", ("危险化学品", "爆炸物品", "特种设备", "消防")),
)


# What a document regulates: a distractor naming one the cited list never names gives itself away
# (特种设备 among the items of a list on 民用爆炸物品).
_SUBJECTS = ("特种设备", "危险化学品", "剧毒化学品", "爆炸物品", "消防", "职业病", "职业中毒", "有毒物品", "工伤", "劳务派遣",
             "矿产资源", "建设工程")


def names_other_subject(candidate: str, cited_lead: str, cited_items: list[str]) -> bool:
    """Whether the candidate names a regulated subject (`_SUBJECTS`) that the cited lead-in and items never name."""
    cited = cited_lead + "".join(cited_items)
    return any(subject in candidate and subject not in cited for subject in _SUBJECTS)


def field_of(title: str) -> str:
    """The field a document belongs to (煤矿安全规程 → coal); general safety law otherwise."""
    for name, words in _FIELDS:
        if any(word in title for word in words):
            return name
    return "general"


@lru_cache(maxsize=65536)
def content_bigrams(lead: str) -> frozenset[str]:
    """Bigrams of the lead-in's content words: stop words cut it into pieces, generic bigrams are dropped."""
    out: set[str] = set()
    for piece in _STOP.split(lead):
        out |= {piece[i : i + 2] for i in range(len(piece) - 1)}
    return frozenset(out - _GENERIC)


@lru_cache(maxsize=65536)
def lead_head(lead: str) -> str:
    """The class of the noun after 下列/以下 (下列防治水图件 → 图), 处罚 for a penalty list, or ""."""
    if _PENALTY.search(lead):
        return "处罚"  # 有下列行为之一的，责令改正，处…罚款: its items are violations
    found = re.search(r"(?:下列|以下|如下)([^，,；;。]*)", lead)
    if not found:
        return ""
    tail = found.group(1)
    for head, words in _HEADS.items():
        if any(word in tail for word in words):
            return head
    return ""


def lead_overlap(a: str, b: str) -> float:
    """Share of the shorter lead-in's content bigrams that the other lead-in has too (0 … 1)."""
    x, y = content_bigrams(a), content_bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def item_overlap(candidate: str, cited_lead: str, cited_items: list[str]) -> float:
    """Share of the candidate's content bigrams found in the cited lead-in or items (0 … 1)."""
    own = content_bigrams(candidate)
    if not own:
        return 0.0
    return len(own & _cited_bigrams(cited_lead, tuple(cited_items))) / len(own)


@lru_cache(maxsize=4096)
def _cited_bigrams(cited_lead: str, cited_items: tuple[str, ...]) -> frozenset[str]:
    return content_bigrams(cited_lead).union(*(content_bigrams(i) for i in cited_items))


@lru_cache(maxsize=4096)
def _cited_shape(cited_items: tuple[str, ...]) -> tuple[str, float]:
    return list_shape(cited_items), statistics.median(len(i) for i in cited_items)


@dataclass(frozen=True)
class Sibling:
    """A list a distractor may come from, seen from the cited list."""

    lead: str
    same_document: bool
    same_field: bool


def plausibility(candidate: str, cited_lead: str, cited_items: list[str], sibling: Sibling) -> float:
    """How plausible `candidate` is as a wrong item of the cited list; 0 when it cannot be one.

    Shape is a gate: the candidate must have the cited list's shape (`list_shape`), a length
    within half to double the cited items' median, and name no regulated subject the cited
    list does not (`names_other_subject`). Topic is the score, the sum of
      lead-in overlap   share of content bigrams the two lead-ins have in common        0 … 1
      item overlap      half the share of the candidate's content bigrams in the cited
                        lead-in and items                                               0 … 0.5
      head noun         same class after 下列 (图件/图纸) or both penalty lists: 0.5,
                        a generic class (情形, 要求, 措施): 0.25
      source            same document 0.5, same field 0.25; another field → 0
    and a candidate sharing nothing of the subject (no lead-in or item overlap, no specific
    head noun) is 0. A distractor needs at least `PLAUSIBLE` (1.0): e.g. same document and
    same head noun (图纸 for 图件), or same field with a head noun and much of the lead-in shared.
    """
    if not (sibling.same_document or sibling.same_field):
        return 0.0
    shape, median = _cited_shape(tuple(cited_items))
    if item_shape(candidate) != shape or names_other_subject(candidate, cited_lead, cited_items):
        return 0.0
    if not median / 2 <= len(candidate) <= median * 2:
        return 0.0
    head = lead_head(cited_lead)
    head_score = 0.0
    if head and head == lead_head(sibling.lead):
        head_score = 0.25 if head in _GENERIC_HEADS else 0.5
    overlap = lead_overlap(cited_lead, sibling.lead)
    items = item_overlap(candidate, cited_lead, cited_items) / 2
    if overlap == 0 and items == 0 and head_score < 0.5:
        return 0.0  # nothing of the subject is shared: an item from there is a giveaway
    return overlap + items + head_score + (0.5 if sibling.same_document else 0.25)


# --------------------------------------------------------------------------- distractors


def covered(candidate: str, item: str) -> float:
    """Share of the candidate's bigrams found in `item`: a short paraphrase inside a long item scores high.

    必须装有前照明灯和尾灯 is 0.7 covered by 必须装设车前照明灯和尾部红灯，随车配灭火器与警示牌
    although their `similarity` is low; such a distractor might be right too.
    """
    own = bigrams(candidate)
    return len(own & bigrams(item)) / len(own)


def _sibling_items(
    enumeration: read.Enumeration, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int
) -> list[str]:
    """The most plausible items of other articles' lists that are certainly not in the cited article.

    One item per sibling list first, so the distractors do not give each other away; a second
    item of one list only when it is `VERY_PLAUSIBLE` (劳动合同法's 条款 for 劳动法's). None when
    fewer than `count` reach `PLAUSIBLE`: the question is then skipped.
    """
    own = list(enumeration.items)
    cited = [i for i in own if _usable_item(i)]
    title = record.key.split("|", 1)[0]
    field = field_of(title)
    flat_article = re.sub(r"\s+", "", record.text)
    head = lead_head(enumeration.lead)
    firsts: list[tuple[float, str, str]] = []
    seconds: list[tuple[float, str, str]] = []
    for key, number, other in pools.lists:
        other_title = key.split("|", 1)[0]
        same_document = other_title == title
        if key == record.key or same_document and abs(number - (record.number or 0)) < _NEIGHBOURS:
            continue
        if head in _REQUIRED_THINGS and lead_head(other.lead) == head:
            continue  # another list of required 图件 (条款, 材料): its items are required there, a worker would pick them
        sibling = Sibling(other.lead, same_document, field_of(other_title) == field)
        items = [i for i in other.items if _usable_item(i)]
        rng.shuffle(items)
        scored = []
        for candidate in items:
            if _RULE.search(candidate):
                continue  # a rule of another article, if offered as wrong, would be right there
            score = plausibility(candidate, enumeration.lead, cited, sibling)
            if score < PLAUSIBLE:
                continue
            if candidate in record.text or re.sub(r"\s+", "", candidate) in flat_article:
                continue
            if any(candidate in i or i in candidate or similarity(candidate, i) >= 0.3 or covered(candidate, i) >= 0.5
                   for i in own):
                continue  # it might say what a cited item says: also right
            scored.append((-score, key, candidate))
        scored.sort(key=lambda entry: entry[0])  # stable: equal scores keep the shuffled order
        firsts += scored[:1]
        seconds += [entry for entry in scored[1:] if -entry[0] >= VERY_PLAUSIBLE]
    chosen: list[str] = []
    for _, _, candidate in sorted(firsts) + sorted(seconds):
        if candidate in chosen or any(similarity(candidate, c) >= 0.3 for c in chosen):
            continue
        chosen.append(candidate)
        if len(chosen) == count:
            return chosen
    return chosen
