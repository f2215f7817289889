"""False statements a run for managers narrowed to documents asks of a rule's conditions (issue 16, exam coverage):
a precondition put after the act, a permission's open choice narrowed to one party, an import rule's domestic
reference made the exporter's, and a scrapped item's registration changed instead of cancelled.

A managers' exam on one law (the 特种设备安全管理 bank) asks these of its 使用 and 进口 articles; a frontline run never
does, so they are made only inside `syllabus.narrowed_to_documents(True)` for `relevance.MANAGERS` and the default
runs stay byte-identical. Each is one recorded change the verifier allows (`verify._allowed_change`):

* `precondition`: X的，应当A，方可B (…改装后，应当重新登记，方可使用) stated as 可以先B，再A:
  what the law makes a condition of the act is no follow-up after it. Not for a sentence that opens a list (…方可从事
  充装活动：) nor one that leans on the paragraph before it (前款规定…);
* `only_one`: 可以委托A或者其他B (业主可以委托物业公司或者其他管理人) stated as 只能委托A: the law leaves the choice open;
* `domestic`: what an imported item must meet or be written in (符合我国安全技术规范, 采用中文) stated as the exporting
  country's (`DOMESTIC`);
* `cancelled`: a scrapped item's registration (办理使用登记证书注销手续) stated as changed (变更).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation.records import ArticleRecord, Change, GeneratedQuestion
from quiz.generation.relevance import MANAGERS, current_audience
from quiz.generation.syllabus import narrowed
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.questions import article_question
from quiz.generation.theory.stems import short_title


def _on() -> bool:
    return narrowed() and current_audience() == MANAGERS


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sentences(text: str) -> list[str]:
    """The article's sentences (split after 。 and ；), each flat, without its closing mark."""
    out = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[。；])", _flat(line)):
            if sentence:
                out.append(sentence)
    return out


def _prefix(record: ArticleRecord) -> str:
    return f"根据《{short_title(record.title)}》{record.label}，"


def _false(record: ArticleRecord, generator: str, seed: str, sentence: str, change: Change, what: str,
           pools: TheoryPools) -> GeneratedQuestion | None:
    """A false statement: `sentence` with `change` made once, never a sentence of the corpus in force."""
    kept = sentence.rstrip("。；")
    if kept.count(change.original) != 1:
        return None
    statement = kept.replace(change.original, change.replacement)
    if _flat(statement) in pools.flat_corpus:
        return None
    explanation = f"错误。题中把原文的“{change.original}”改成了“{change.replacement}”：{what}原文：“{kept}。”"
    return article_question(record, generator, seed, "judge", f"{_prefix(record)}{statement}。", JUDGE_OPTIONS, ("B",),
                            explanation, {"sentence": kept, "truth": False, "position": 2}, change)


def _first_false(record: ArticleRecord, pools: TheoryPools, seed: str, generator: str,
                 changes_of: Callable[[str], Iterable[Change | None]], what: str) -> GeneratedQuestion | None:
    """The first false statement (`_false`) one of the article's sentences gives with a change `changes_of` finds
    in it, in a narrowed managers run only."""
    if not _on():
        return None
    for sentence in _sentences(record.text):
        for change in changes_of(sentence):
            if change is not None and (question := _false(record, generator, seed, sentence, change, what, pools)):
                return question
    return None


# --------------------------------------------------------------------------- precondition

# 应当A，方可B。 — A holds no other duty or clause break, B is a short act closing the sentence.
_PRECONDITION = re.compile(r"应当([^，。；：:应]{2,40}(?:，[^，。；：:应]{2,30})?)，方可([^，。；：:]{2,12})[。；]?$")
_LIST_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_LEANS_ON = re.compile(r"^(?:前款|前[一二三四五六七八九十]+款|依照前|按照前|上述)")


def precondition_change(sentence: str) -> Change | None:
    """The change stating a sentence's 应当A，方可B as 可以先B，再A, or None."""
    if _LEANS_ON.match(sentence) or _LIST_ITEM.match(sentence):
        return None
    found = _PRECONDITION.search(sentence)
    if not found:
        return None
    duty, act = found.group(1), found.group(2)
    return Change("precondition", f"应当{duty}，方可{act}", f"可以先{act}，再{duty}")


def turned_precondition(original: str, replacement: str) -> bool:
    """Whether `replacement` is `original`'s 应当A，方可B turned into 可以先B，再A (`precondition_change`)."""
    found = re.fullmatch(r"应当(.+)，方可([^，]+)", original)
    return bool(found) and replacement == f"可以先{found.group(2)}，再{found.group(1)}"


def precondition(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: a condition of an act (应当A，方可B) stated as something done after it (可以先B，再A)."""
    what = "“方可”前的条件不是事后补办的手续，条件未满足之前不得进行该活动。"
    return _first_false(record, pools, seed, "theory.precondition", lambda s: [precondition_change(s)], what)


# --------------------------------------------------------------------------- only one

_OPEN_CHOICE = re.compile(
    r"可以(委托|聘请|选择|交由)([\u4e00-\u9fa5]{2,12}?)或者(其他[\u4e00-\u9fa5]{1,8}?(?:人|单位|机构|组织))"
)


def only_one_change(sentence: str) -> Change | None:
    """The change narrowing 可以委托A或者其他B to 只能委托A, or None."""
    found = _OPEN_CHOICE.search(sentence)
    if not found:
        return None
    verb, first = found.group(1), found.group(2)
    return Change("only_one", found.group(0), f"只能{verb}{first}")


def narrowed_choice(original: str, replacement: str) -> bool:
    """Whether `replacement` is `original`'s 可以V A或者其他B narrowed to 只能V A (`only_one_change`)."""
    found = _OPEN_CHOICE.fullmatch(original)
    return bool(found) and replacement == f"只能{found.group(1)}{found.group(2)}"


def only_one(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: a permission's open choice (可以委托A或者其他B) stated as one party only (只能委托A)."""
    return _first_false(record, pools, seed, "theory.only_one", lambda s: [only_one_change(s)], "法律没有限定只能选这一种。")


# --------------------------------------------------------------------------- domestic reference

#: What an imported item must meet or be written in, and the exporting country's in its place.
DOMESTIC = {"我国安全技术规范": "出口国安全技术规范", "采用中文": "采用出口国文字"}
_IMPORT = re.compile(r"^进口")


def domestic_changes(sentence: str) -> list[Change]:
    """The changes stating what an import must meet or be written in as the exporter's (`DOMESTIC`)."""
    if not _IMPORT.match(sentence):
        return []
    return [Change("domestic", original, replacement) for original, replacement in DOMESTIC.items()
            if original in sentence]


def domestic(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: what an import must meet (我国安全技术规范) or be written in (中文) stated as the exporter's."""
    return _first_false(record, pools, seed, "theory.domestic", domestic_changes, "进口的特种设备适用我国的要求。")


# --------------------------------------------------------------------------- cancelled registration

# The duty itself (…应当依法履行报废义务…办理…注销手续), not a penalty's list item naming its breach (（三）…未依法履行…).
_CANCELLED = re.compile(r"^[^（(未]*应当[^。；]*报废[^。；]*办理[^。；]{0,12}登记[^。；]{0,4}注销")


def cancelled_change(sentence: str) -> Change | None:
    """The change stating a scrapped item's registration cancelled (注销) as changed (变更), or None."""
    found = re.search(r"登记证书注销|注销登记|注销手续", sentence) if _CANCELLED.search(sentence) else None
    return Change("cancelled", found.group(0), found.group(0).replace("注销", "变更")) if found else None


def cancelled(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: a scrapped item's registration cancelled (…使用登记证书注销手续) stated as changed (变更)."""
    what = "报废的特种设备应当注销使用登记，不是变更。"
    return _first_false(record, pools, seed, "theory.cancelled", lambda s: [cancelled_change(s)], what)


def true_twin(question: GeneratedQuestion) -> GeneratedQuestion:
    """A condition's false statement stated true: the sentence it changed, as the article writes it
    (`pipeline.balanced_judges`, when a run leans false and the article has no other true statement to make)."""
    sentence = question.inputs["sentence"]
    prefix = re.match(r"根据《[^》]+》[^，]+，", question.stem).group(0)
    return dataclasses.replace(question, stem=f"{prefix}{sentence}。", answer=("A",), change=None,
                               explanation=f"正确。原文：“{sentence}。”", inputs={**question.inputs, "truth": True})


CONDITION_GENERATORS = {
    "theory.precondition": precondition, "theory.only_one": only_one, "theory.domestic": domestic,
    "theory.cancelled": cancelled,
}
