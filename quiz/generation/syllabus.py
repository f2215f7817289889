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
* the scope article (…不适用本法): a false statement that the law applies where its text says it does not;
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
from quiz.generation.theory import TheoryPools, article_question, article_rng, choice_options, short_title

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


# --------------------------------------------------------------------------- lists of conditions

# A qualifier made stricter than the law says: the people (equipment, premises) "suited to the work" made ones of a
# rank (ownership) the law never asks; a "sound" system made one filed with an authority.
QUALIFIER_CHANGES = (
    (re.compile(r"与[^，。；、]{1,20}?相适应的(?=[^，。；]*人员$)"), "取得高级职称的"),
    (re.compile(r"与[^，。；、]{1,20}?相适应的(?=[^，。；]*(?:设备|仪器|设施|场所)$)"), "自有产权的"),
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


SYLLABUS_GENERATORS = {"theory.purpose": multi_purpose, "theory.scope": scope_judge}
