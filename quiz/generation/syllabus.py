"""Items only a run the trainer narrowed to documents asks: what a law is for, what it does not apply to, and lists
of conditions with nothing to change but their qualifiers.

A frontline run over the documents a mine trains on leaves these out: a law's purpose and scope are no rule anyone
follows, and a list of a licence's conditions names nothing a worker does. But a trainer who chose the syllabus
(`run.py generate --document …`) prepares an exam that asks them (the managers' 特种设备安全管理 bank asks the purpose,
the scope and the conditions of its law), so inside `narrowed_to_documents(True)` these generators run too:

* the purpose article (为了…，制定本法): a multiple choice on the aims it lists; a wrong option is a listed aim whose
  object is changed to a business interest no safety law states (保障… → 保障生产经营单位的经济效益), never another
  law's aim, which may hold here too; only for documents whose aims speak of safety (a law promoting an industry
  may well state a business aim);
* the scope article: a false statement that the law applies where its text says it does not (…不适用本法), and
  what an activity it applies to includes (生产（包括设计、制造…）), the activities named beside it as wrong options;
* the terms an article defines (X，是指…): a false statement giving one term's definition to another it defines;
* a principle (坚持…的原则, …的方针): a multiple choice on its members; a wrong option is a member changed into one the
  law does not state (先探后掘 → 先掘后探, 安全第一 → 效益第一);
* a list of conditions or duties (`lists.multi_enumeration`): wrong options made from listed items whose qualifier is
  made stricter than the law says (与生产相适应的 → 取得高级职称的 for people, 自有产权的 for equipment and premises;
  健全的 → 经主管部门备案的), when no number, modal or action of the list can be changed.
The default run never makes them: it stays byte-identical.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation.records import ArticleRecord, Change, GeneratedQuestion
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import short_title

_NARROWED: ContextVar[bool] = ContextVar("narrowed", default=False)


@contextmanager
def narrowed_to_documents(on: bool) -> Iterator[None]:
    """Inside the block, generators also make the items of a run narrowed to documents (`narrowed`)."""
    token = _NARROWED.set(on)
    try:
        yield
    finally:
        _NARROWED.reset(token)


def narrowed() -> bool:
    """Whether the run was narrowed to documents by the trainer (`narrowed_to_documents`)."""
    return _NARROWED.get()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- purpose

_PURPOSE = re.compile(
    r"^为了?(?P<aims>[^。]+?)，(?:(?:根据|依据)[^。]*?，)?制定本(?P<kind>法|条例|规定|办法|规程|细则|实施办法)。?$"
)
# Aims of a safety document speak of safety, accidents, harm or health: a business aim is then certainly not one.
_SAFETY_AIM = re.compile(r"安全|事故|危害|职业病|健康")
# A listed aim changed into a business interest: the aim's verb kept, its object replaced.
AIM_CHANGES = {
    "保障": ("生产经营单位的经济效益", "企业的生产经营自主权"),
    "保护": ("生产经营单位的经济效益", "企业的生产经营自主权"),
    "维护": ("生产经营单位的经济效益", "企业的生产经营自主权"),
    "促进": ("企业经济效益的提高", "企业生产规模的扩大"),
}


def purpose_aims(text: str) -> tuple[list[str], str] | None:
    """The aims a purpose article lists (为了A，B，C，制定本法 → [A, B, C]) and what the document calls itself (法)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1:
        return None
    found = _PURPOSE.match(_flat(lines[0]))
    if not found:
        return None
    aims = [a for a in found.group("aims").split("，") if a]
    return aims, found.group("kind")


def changed_aims(aim: str) -> list[str]:
    """`aim` with its object replaced by a business interest (`AIM_CHANGES`), or none when its verb has no change."""
    for verb, objects in AIM_CHANGES.items():
        if aim.startswith(verb):
            return [verb + obj for obj in objects]
    return []


def multi_purpose(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """下列属于制定本法的目的的有（ ）: 2–3 listed aims; 2 aims changed into a business interest the law does not state."""
    if not narrowed():
        return None
    parsed = purpose_aims(record.text)
    if parsed is None:
        return None
    aims, kind = parsed
    if len(aims) < 2 or not any(_SAFETY_AIM.search(a) for a in aims):
        return None
    name = "theory.purpose"
    rng = article_rng(seed, name, record)
    changes = [(aim, changed) for aim in aims for changed in changed_aims(aim)
               if _flat(changed) not in pools.flat_corpus]
    rng.shuffle(changes)
    # Two different aims changed first: two changes of one aim would both stand beside its original.
    seen: set[str] = set()
    firsts = [pair for pair in changes if not (pair[0] in seen or seen.add(pair[0]))]
    changes = firsts + [pair for pair in changes if pair not in firsts]
    chosen: list[tuple[str, str]] = []
    for aim, changed in changes:
        if changed not in {c for _, c in chosen}:
            chosen.append((aim, changed))
        if len(chosen) == 2:
            break
    if len(chosen) < 2:
        return None
    correct = rng.sample(aims, min(len(aims), rng.choice((2, 3))))
    options, answer = choice_options(correct, [c for _, c in chosen], rng)
    stem = f"根据《{short_title(record.title)}》{record.label}，下列属于制定本{kind}的目的的有（ ）。"
    explanation = (
        f"该条所列制定本{kind}的目的：" + "；".join(aims) + "。"
        + "".join(f"“{changed}”不对，原文为“{aim}”。" for aim, changed in chosen)
    )
    inputs = {"aims": aims, "changed": [list(pair) for pair in chosen]}
    return article_question(record, name, seed, "multi", stem, options, answer, explanation, inputs)


# --------------------------------------------------------------------------- scope

_NOT_APPLIED = re.compile(r"不适用本(?:法|条例|规定|办法|规程|细则)")


def scope_judge(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: what the law's text says it does not apply to, stated as applying (…不适用本法 → …适用本法)."""
    if not narrowed():
        return None
    for line in (line.strip() for line in record.text.splitlines()):
        for sentence in re.split(r"(?<=[。；])", line):
            found = _NOT_APPLIED.search(sentence)
            if not found or len(sentence) > 90 or sentence.count("不适用") != 1:
                continue
            sentence = sentence.rstrip("。；")
            change = Change("scope", "不适用", "适用")
            statement = sentence.replace("不适用", "适用")
            if _flat(statement) in pools.flat_corpus:
                continue
            explanation = f"错误。题中把原文的“不适用”改成了“适用”。原文：“{sentence}。”"
            stem = f"根据《{short_title(record.title)}》{record.label}，{statement}。"
            inputs = {"sentence": sentence, "truth": False, "position": found.start()}
            return article_question(record, "theory.scope", seed, "judge", stem, JUDGE_OPTIONS, ("B",), explanation,
                                    inputs, change)
    return None


# An activity of a scope sentence and what it includes, then the activities named beside it:
# X的生产（包括设计、制造…）、经营、使用… 适用本法.
_INCLUDES = re.compile(r"（包括([^）]+)）((?:、[\u4e00-\u9fa5]{2,4}(?=[、和（，]))+)")
_APPLIED = re.compile(r"(?<!不)适用本(法|条例|规定|办法|规程|细则)")


def scope_includes(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """适用本法的X包括（ ）: what the scope article says an activity includes; wrong options are the activities it
    names beside it (经营, 使用 beside 生产（包括设计、制造…）), which the text keeps apart."""
    if not narrowed():
        return None
    name = "theory.scope_includes"
    for sentence in re.split(r"(?<=[。；])", _flat(record.text)):
        applied, found = _APPLIED.search(sentence), _INCLUDES.search(sentence)
        if not applied or not found or found.start() > applied.start():
            continue
        head = re.split(r"[，、对在]", sentence[: found.start()])[-1]
        parts = found.group(1).split("、")
        beside = [a for a in found.group(2).split("、") if a and a not in parts]
        if len(parts) < 3 or len(beside) < 2 or not 2 <= len(head) <= 10:
            continue
        rng = article_rng(seed, name, record)
        correct = rng.sample(parts, min(len(parts), rng.choice((2, 3))))
        wrong = rng.sample(beside, 2)
        options, answer = choice_options(correct, wrong, rng)
        stem = f"根据《{short_title(record.title)}》{record.label}，适用本{applied.group(1)}的{head}包括（ ）。"
        explanation = (f"该条规定：{head}（包括{found.group(1)}）；" + "、".join(wrong) + f"与{head}并列，不在其内。")
        inputs = {"sentence": sentence.rstrip("。；"), "includes": parts, "beside": beside}
        return article_question(record, name, seed, "multi", stem, options, answer, explanation, inputs)
    return None


# --------------------------------------------------------------------------- definitions

# A definition line: （一）X，是指…。 or 本法所称X，是指… (X a term of 2–14 characters).
_DEFINITION = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)])?(?:本(?:法|条例|规定|办法|规程|细则)所称)?"
                         r"([\u4e00-\u9fa5]{2,14})，是指([^。]+)。?$")


def definitions(text: str) -> list[tuple[str, str, str]]:
    """(term, the line as written without its ending 。, the line from the term on) for each definition line."""
    out = []
    for line in (_flat(raw) for raw in text.splitlines()):
        found = _DEFINITION.match(line)
        if found and not line.endswith(("：", ":")):  # …是指具备下列情形之一的矿井： is defined by its list
            out.append((found.group(1), line.rstrip("。；;"), line[found.start(1) :].rstrip("。；;")))
    return out


def definition_judge(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: one term's definition given to another term the same article defines (重大危险源，是指 + what 危险物品
    means): the terms are told apart by the text, so the statement is certainly false."""
    if not narrowed():
        return None
    found = [d for d in definitions(record.text) if not re.search(r"第[一二三四五六七八九十百零]+条", d[2])]
    if not 2 <= len({term for term, _, _ in found}) <= 6:
        return None  # a glossary of many terms mixes classes: a definition given to another class is a giveaway
    name = "theory.definition"
    rng = article_rng(seed, name, record)
    candidates = [(term, sentence) for term, _, sentence in found if len(sentence) <= 120]
    rng.shuffle(candidates)
    for term, sentence in candidates:
        # Another term, not named in this definition and neither containing the other (重大事故, 特别重大事故).
        others = [t for t, _, _ in found if t not in sentence and term not in t and t not in term]
        if not others:
            continue
        other = rng.choice(others)
        statement = other + sentence[len(term) :]
        if _flat(statement) not in pools.flat_corpus:
            break
    else:
        return None
    change = Change("definition", term, other)
    explanation = f"错误。题中把原文的“{term}”改成了“{other}”。原文：“{sentence}。”"
    stem = f"根据《{short_title(record.title)}》{record.label}，{statement}。"
    inputs = {"sentence": sentence, "truth": False, "position": 0}
    return article_question(record, name, seed, "judge", stem, JUDGE_OPTIONS, ("B",), explanation, inputs, change)


# --------------------------------------------------------------------------- principles

# 坚持（遵循、贯彻、按照）A、B、C的原则（方针）, the members between quotes or not.
_PRINCIPLE = re.compile(r"(坚持|遵循|贯彻|按照)“?((?:[\u4e00-\u9fa5]{2,12}、)+[\u4e00-\u9fa5]{2,12})”?的(原则|方针)")
_PRIORITY = re.compile(r"^(.{2,4})(第一|为主)$")
_ORDER = re.compile(r"^先(.{1,3})后(.{1,3})$")
PRIORITY_CHANGES = {"第一": "效益第一", "为主": "治理为主"}


def changed_members(members: list[str]) -> list[tuple[str, str]]:
    """(member, the member changed) for each member of a principle that can be changed into one the law does not
    state: an order turned round (先探后掘 → 先掘后探), a priority given to something else (安全第一 → 效益第一,
    预防为主 → 治理为主). Not what goes first and what follows swapped (区域…先行、局部…补充 → 局部…先行): the changed
    member keeps most of its words, and a reader checking options against the corpus finds it nearly stated."""
    out: list[tuple[str, str]] = []
    for member in members:
        order = _ORDER.match(member)
        if order:
            out.append((member, f"先{order.group(2)}后{order.group(1)}"))
            continue
        priority = _PRIORITY.match(member)
        if priority and PRIORITY_CHANGES[priority.group(2)] != member:
            out.append((member, PRIORITY_CHANGES[priority.group(2)]))
    return [(m, c) for m, c in out if c not in members]


def multi_principle(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """…应当坚持的原则（方针）有（ ）: members of the principle the article names; 2 members changed (`changed_members`)
    into ones no current article states."""
    if not narrowed():
        return None
    name = "theory.principle"
    for sentence in re.split(r"(?<=[。；])", _flat(record.text)):
        found = _PRINCIPLE.search(sentence)
        if not found:
            continue
        members = found.group(2).split("、")
        changes = [(m, c) for m, c in changed_members(members) if c not in pools.flat_corpus]
        subject = re.split(r"应当|必须|，", sentence[: found.start()])[0]
        if len(changes) < 2 or not 2 <= len(subject) <= 16 or subject.startswith(("国家", "县级", "省")):
            continue
        rng = article_rng(seed, name, record)
        chosen = rng.sample(changes, 2)
        correct = rng.sample(members, min(len(members), rng.choice((2, 3))))
        options, answer = choice_options(correct, [c for _, c in chosen], rng)
        verb, kind = found.group(1), found.group(3)
        modal = "必须" if "必须" in sentence[: found.start()] else "应当"
        stem = f"根据《{short_title(record.title)}》{record.label}，{subject}{modal}{verb}的{kind}有（ ）。"
        explanation = (f"该条规定{subject}{verb}“{found.group(2)}”的{kind}。"
                       + "".join(f"“{changed}”不对，原文为“{member}”。" for member, changed in chosen))
        inputs = {"sentence": sentence.rstrip("。；"), "members": members, "changed": [list(pair) for pair in chosen]}
        return article_question(record, name, seed, "multi", stem, options, answer, explanation, inputs)
    return None


# --------------------------------------------------------------------------- lists of conditions

# A qualifier made stricter than the law says: the people (equipment, premises) "suited to the work" made ones of a
# rank (ownership) the law never asks; a "sound" system made one filed with an authority.
QUALIFIER_CHANGES = (
    (re.compile(r"与[^，。；]{1,20}?相适应的(?=[^，。；]*人员$)"), "取得高级职称的"),
    (re.compile(r"与[^，。；]{1,20}?相适应的(?=[^，。；]*(?:设备|仪器|设施|场所)$)"), "自有产权的"),
    (re.compile(r"健全的"), "经主管部门备案的"),
)


def qualifier_changes(items: list[str], pools: TheoryPools, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(item, the item with its qualifier made stricter) for `count` different items, or none; a changed item is
    never stated by a current article."""
    found: list[tuple[str, str]] = []
    shuffled = items[:]
    rng.shuffle(shuffled)
    for item in shuffled:
        for pattern, stricter in QUALIFIER_CHANGES:
            match = pattern.search(item)
            if not match:
                continue
            changed = item[: match.start()] + stricter + item[match.end() :]
            if _flat(changed) not in pools.flat_corpus and changed not in items:
                found.append((item, changed))
                break
    return found[:count] if len(found) >= count else []


SYLLABUS_GENERATORS = {
    "theory.purpose": multi_purpose, "theory.scope": scope_judge, "theory.scope_includes": scope_includes,
    "theory.principle": multi_principle, "theory.definition": definition_judge,
}
