"""Whether a current rule gives the act of a party question to a party option, or to a class of party containing it.

A rule for a class of parties binds every party of the class. 安全生产法 names 应急管理部门 among the 负有安全生产监督
管理职责的部门 and has those departments check the acceptance of a project's safety facilities, so beside
工会有权对…安全设施…三同时进行监督 the option 应急管理部门 is as true as the key (managers' blind
read 7, T8). The classes come from the corpus itself (`containment`):

* a definition naming what a class takes in (甲部门和乙部门，统称丙部门);
* a usage putting a party among others of a class (甲部门和其他丙部门, 甲单位以及其他丙单位);
* a qualified name inside its plain one (县级以上人民政府甲部门 is a 甲部门, 某项目的施工单位 a 施工单位), when the plain
  name stands on its own somewhere in the corpus;
* the names a mine's rules give the employer (`EMPLOYER_NAMES`: 煤矿企业, 生产经营单位, 用人单位 …), one party there.

An act is given to a party when a current sentence has the party (or its class) bear a duty or a right (应当, 必须, 有权,
负责 …) whose predicate holds the act's verb (the last word of the question's first clause: 监督 of …进行监督) while that
sentence or the one before it names the act's object (a four-character run of the clause: 安全设施, 同时设计). A party no
current sentence gives the act stays a fair wrong option (劳务派遣单位 beside the union's right to oversee the same).

Shared by the generator (`theory.parties.party_distractors`) and the verifier (`verify.Verifier._single_party`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.generation import articles as read

# The names a coal mine's rules give the employer itself (用人单位, 生产经营单位 and 煤矿企业 are one party there).
EMPLOYER_NAMES = frozenset({"煤矿企业", "煤矿", "矿山企业", "煤炭企业", "用人单位", "生产经营单位"})
_PARTY = rf"[\u4e00-\u9fa5]{{2,30}}?(?:{read._SUBJECT_TAILS})"
# 甲部门和乙部门，统称丙部门: the members before, the class after.
_DEFINED = re.compile(rf"([\u4e00-\u9fa5、]{{2,80}})，统称({_PARTY})(?=[。；，])")
# 甲部门和其他丙部门: the party before is one of the class after.
_AMONG = re.compile(rf"({_PARTY})(?:和|及|以及|或者|或|等)其他({_PARTY})")
# Words that open a clause before a party without being part of its name (由甲部门和其他…, 对甲部门…).
_LEADING = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条)?(?:[并应可]?(?:由|对|向|经|会同|支持|依法|报告|通报|报|及|和|与|或者|或))*")
# A class named by its relation, not its kind (有关部门, 其他单位): any party may be one of them, so it says nothing.
_NO_KIND = ("有关", "相关", "其他", "该", "本")
_DUTY = re.compile(r"^[^，。；：]{0,6}?(?:应当|必须|有权|负责|可以|须|应)")
_FUNCTION = re.compile(r"[的对和与及或、等]|应当|必须|有权|负责|进行|实施|开展|加强")
_RUN = 4
_VERB = 2
# The verb as a verb, not inside a body's name or a remit (安全生产监督管理部门, 监督检查人员).
_NOT_A_NAME = r"(?![^，。；]{0,8}?(?:部门|机构|机关|人员|职责))"
# Runs of the object, apart from each other, the sentence or the one before it must name: one shared run (建设项目) is a
# project of any kind, two (建设项目 and 安全设施) the act's own object.
_OBJECT_RUNS = 2


def _member(name: str) -> str:
    return _LEADING.sub("", name)


@lru_cache(maxsize=4)
def containment(corpus: str) -> dict[str, frozenset[str]]:
    """Each party the corpus places in a class, with the classes it is placed in (definitions and usage; no name
    containment, which `wider` adds)."""
    found: dict[str, set[str]] = {}
    for match in _DEFINED.finditer(corpus):
        members = re.split(r"、|以及|和|及|与|或者", match.group(1).rsplit("。", 1)[-1])
        for member in members:
            if re.search(rf"(?:{read._SUBJECT_TAILS})$", member):
                found.setdefault(_member(member), set()).add(match.group(2))
    for match in _AMONG.finditer(corpus):
        whole = match.group(2)
        if not whole.startswith(_NO_KIND):
            found.setdefault(_member(match.group(1)), set()).add(whole)
    return {party: frozenset(classes - {party}) for party, classes in found.items() if len(party) >= 2}


def _stands_alone(name: str, corpus: str) -> bool:
    """Whether `name` opens a clause somewhere (…。应急管理部门应当…): a party of its own, not only a tail of longer ones."""
    return re.search(r"(?:^|[\n，。；：、]|条)" + re.escape(name) + r"(?:应当|必须|有权|负责|和|、|，|对|依法)", corpus) is not None


def wider(party: str, corpus: str) -> tuple[str, ...]:
    """`party` and every class containing it, nearest first (`containment`, plain names inside qualified ones, the
    employer's names)."""
    return _wider(party, corpus)


@lru_cache(maxsize=4096)
def _wider(party: str, corpus: str) -> tuple[str, ...]:
    classes = containment(corpus)
    seen = [party]
    for name in seen:
        plain = [name[i:] for i in range(1, len(name) - 3)
                 if re.search(rf"(?:{read._SUBJECT_TAILS})$", name[i:]) and _stands_alone(name[i:], corpus)]
        more = [*plain, *sorted(classes.get(name, ())), *(sorted(EMPLOYER_NAMES) if name in EMPLOYER_NAMES else ())]
        seen.extend(m for m in more if m not in seen)
    return tuple(seen)


def act_of(rest: str) -> tuple[str, tuple[str, ...]]:
    """The act of a party question's predicate (`rest`, the sentence after the party): the verb ending its first clause
    (监督 of 有权对…进行监督) and the four-character runs of the clause before it that are no function words (安全设施)."""
    clause = re.split(r"[，。；：]", rest, maxsplit=1)[0]
    if len(clause) < _VERB + _RUN or not re.fullmatch(r"[\u4e00-\u9fa5]{2}", clause[-_VERB:]):
        return "", ()
    verb, body = clause[-_VERB:], clause[: -_VERB]
    runs = tuple(dict.fromkeys(body[i : i + _RUN] for i in range(len(body) - _RUN + 1)
                               if re.fullmatch(r"[\u4e00-\u9fa5]+", body[i : i + _RUN])
                               and not _FUNCTION.search(body[i : i + _RUN])))
    return verb, runs


def given_the_act(candidate: str, rest: str, corpus: str) -> bool:
    """Whether a current sentence of `corpus` (articles flattened, one a line) gives the act of `rest` to `candidate`
    or a class containing it (`wider`)."""
    rest = re.sub(r"\s", "", rest)
    verb, runs = act_of(rest)
    if not verb or not runs or not corpus:
        return False
    own = re.split(r"[，。；：]", rest, maxsplit=1)[0]
    vague = _OF_NO_KIND.search(candidate)
    if vague:  # 国务院有关部门: any department the act is given to may be one of them
        return _gives(re.escape(vague.group(1)), verb, runs, own, corpus)
    return any(_gives(re.escape(name), verb, runs, own, corpus) for name in wider(candidate, corpus))


# A party named by its relation to the matter, not by its kind (国务院有关部门, 相关单位): of its kind, any may be one.
_OF_NO_KIND = re.compile(rf"(?:有关|相关)({read._SUBJECT_TAILS})$")


@lru_cache(maxsize=8192)
def _gives(party: str, verb: str, runs: tuple[str, ...], own: str, corpus: str) -> bool:
    """Whether a sentence of `corpus` has `party` (a pattern) bear a duty or right whose predicate holds `verb`, the
    sentence or the one before it naming `_OBJECT_RUNS` of `runs` apart; the key's own sentence (holding `own`) does not
    count as the one before."""
    for found in re.finditer(party, corpus):
        after = corpus[found.end() : found.end() + 200]
        if not _DUTY.match(after):
            continue
        end = min((at for mark in ("。", "\n") if (at := after.find(mark)) >= 0), default=len(after))
        if not re.search(re.escape(verb) + _NOT_A_NAME, after[:end]):
            continue
        line_start = corpus.rfind("\n", 0, found.start()) + 1
        opening = corpus.rfind("。", line_start, found.start())
        before_start = corpus.rfind("。", line_start, opening) + 1 if opening >= 0 else line_start
        if opening >= 0 and own in corpus[max(before_start, line_start) : opening]:
            before_start = opening + 1  # the key's own sentence names the object anyway
        around = corpus[max(before_start, line_start) : found.end()] + after[:end]
        if _apart([run for run in runs if run in around]) >= _OBJECT_RUNS:
            return True
    return False


def _apart(runs: list[str]) -> int:
    """How many phrases `runs` (in the order of their clause) make, a run overlapping the one before it continuing its
    phrase: 建设项目 and 安全设施 are two, 同时设计 and 时设计施 one."""
    counted, last = 0, ""
    for run in runs:
        if not last or not any(run.startswith(last[i:]) for i in range(1, len(last))):
            counted += 1
        last = run
    return counted
