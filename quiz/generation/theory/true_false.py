"""True/false questions (`judge`): a rule stated true (`true_statement`: shortened where it stays true, a bound in other
words, `paraphrase`) or false with one safety-relevant change (`false_changes`: a figure, a limit, the action, the
place, the staffing, a modal), by a seeded coin (`TRUE_WHEN_FALSE_CAN_BE`); an article with no false statement that
teaches is stated true only with a statement worth making (`_strong_truth`, `fitted`)."""

from __future__ import annotations

import random
import re

from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation import articles as read
from quiz.generation.bounds import flip_reads_as_rule
from quiz.generation.records import ArticleRecord, Change, GeneratedQuestion
from quiz.generation.relevance import (
    another_bodys_duty,
    asks_agencies,
    frontline_first,
    not_a_rule,
    others_duty,
    worth_a_worker,
)
from quiz.generation.similarity import bigrams
from quiz.generation.staffing import staffing_changes
from quiz.generation.theory.number_distractors import number_distractors
from quiz.generation.theory.numbers import blank_number, fixed_word, single_number
from quiz.generation.theory.parties import single_party
from quiz.generation.theory.pools import TheoryPools, rule_elsewhere
from quiz.generation.theory.questions import article_question, article_rng
from quiz.generation.theory.stems import carried_party, refers_back, stem_prefix
from quiz.generation.theory.term_questions import blank_term, single_term

_KEEP_WHOLE = re.compile(r"但|除外|否则|或者|不得|严禁|禁止|不准")
_DUTY = re.compile(r"应当|必须|不得|严禁|禁止|不准|有权")


# Bounds before a figure a true statement may say in other words without changing the rule (the verifier reads them
# back): 大于或者等于0.0024% = 不小于0.0024%. 不得小于 stays (长度不得低于5m reads oddly). A prohibition keeps its
# article's word, 严禁 as 严禁 and 禁止 as 禁止: a stem citing an article uses its words (trainer's read 2, T25).
PARAPHRASES = (("大于或者等于", "不小于"), ("小于或者等于", "不大于"),
               ("不得低于", "不得小于"), ("不得超过", "不得大于"), ("不得大于", "不得超过"))


def paraphrase(statement: str) -> str:
    """`statement` with its first bound before a figure (`PARAPHRASES`) said in other words."""
    found = []
    for old, new in PARAPHRASES:
        index = statement.find(old)
        if index < 0 or not re.match(r"[\d一二两三四五六七八九十]", statement[index + len(old) :]):
            continue
        found.append((index, old, new))
    if not found:
        return statement
    index, old, new = min(found)
    return statement[:index] + new + statement[index + len(old) :]


# A second verb on the first one's object (制定矿山事故防范措施，并组织落实; 编制…规划，并组织实施; …预案，并定期组织演练):
# the half that makes the duty more than a platitude, so the statement keeps it (managers' blind read, T31). A duty with
# its own object (…，并装设通风装置) may still be dropped.
_SAME_OBJECT = re.compile(r"^[^，、。；]{0,8}?(?:落实|实施|执行|演练|修改|修订|评审|完善|更新|补充)$")


def true_statement(sentence: str) -> str:
    """A true statement that is not the sentence word for word where it can be: the rule without a trailing
    ，并… duty (必须A，并B → 必须A), which stays true, and a bound in other words (`paraphrase`)."""
    head, mark, tail = sentence.partition("，并")
    if mark and len(head) >= 12 and _DUTY.search(head) and not _KEEP_WHOLE.search(tail) and not _SAME_OBJECT.match(tail):
        return paraphrase(head)
    return paraphrase(sentence)


# The share of the articles with a false statement that teaches (`false_changes`) that are stated true instead. Every
# article without one but with a statement worth making (`_strong_truth`) is stated true: over the default scope a
# third of the judged articles, so a third of the rest keeps true and false near half each.
TRUE_WHEN_FALSE_CAN_BE = 0.2


def judge(
    record: ArticleRecord, pools: TheoryPools, seed: str, truth: bool | None = None
) -> GeneratedQuestion | None:
    """A true statement (the rule, shortened where it stays true) or a false one with one safety-relevant change.

    A false statement changes one fact a careless worker could believe (`false_changes`: a figure, a limit, the
    action to take, where a thing is set, a prohibition made a permission, a skippable act made a dispensation);
    a changed figure, limit, action or place goes before a flipped modal. A third of such articles
    (`TRUE_WHEN_FALSE_CAN_BE`), by the seeded coin, get a true statement instead. An article with no false statement
    that teaches (its only one would be weak, 不必熟练掌握…, blind read 4, or there is none) is stated true when nothing
    else asks it and it has a statement worth making (`_strong_truth`); never a weak false statement in its place, so
    true and false stay balanced over a run. A sentence
    another generator asks of the same article (a blank or choice, which the run keeps before a true/false item)
    is stated only when no other sentence will do. `truth` asks for the true (True) or the false (False) statement
    whatever the coin (`pipeline.balanced_judges`, when a run's verified items lean one way); a false one only where
    the article has a false statement that teaches, else None.
    """
    name = "theory.judge"
    rng = article_rng(seed, name, record)
    statements = frontline_first([
        s for s in read.sentences(record.text)
        if len(s) <= 90 and read.NORMATIVE.search(s) and worth_a_worker(s) and not refers_back(s)
        and not pools.figures.older(record, s)
    ])
    if not statements:
        return None
    rng.shuffle(statements)
    coin = rng.random()
    # A sentence a blank or choice of the article asks is left to it where the article has others: the run keeps
    # those before a judge item on the same sentence, and a false statement lost that way while a true one moves to
    # another sentence would tip the balance. True and false are drawn from the same sentences.
    asked = asked_elsewhere(record, pools, seed)
    statements = [s for s in statements if s not in asked] or statements
    candidates = [(s, c) for s in statements if (c := false_changes(s, record, pools, rng))]
    # An article with no false statement that teaches is stated true when it has a statement worth making; one with
    # such a false statement gets it but for `TRUE_WHEN_FALSE_CAN_BE` of its coin, so true and false stay balanced.
    if truth is None:
        truth = coin < TRUE_WHEN_FALSE_CAN_BE or not candidates
    if truth:
        if not candidates:
            statements = [s for s in statements if _strong_truth(s, alone=not asked)]
            if not statements:
                return None
        sentence = statements[0]
        statement = true_statement(sentence)
        return article_question(record, name, seed, "judge", stem_prefix(record, sentence) + statement + "。", JUDGE_OPTIONS,
                                ("A",), f"正确。原文：“{sentence}。”", {"sentence": sentence, "truth": True})
    if not candidates:
        return None  # a weak false statement teaches nothing, and a true one instead would tip the balance
    # A changed fact before a flipped modal.
    sentence, changes = min(candidates, key=lambda sc: all(c.kind == "modal" for _, c in sc[1]))
    if any(c.kind != "modal" for _, c in changes):
        changes = [(i, c) for i, c in changes if c.kind != "modal"]
    index, change = rng.choice(changes)
    statement = sentence[:index] + change.replacement + sentence[index + len(change.original) :]
    explanation = (
        f"错误。题中把原文的“{change.original}”改成了“{change.replacement}”。原文：“{sentence}。”"
    )
    return article_question(
        record,
        name,
        seed,
        "judge",
        stem_prefix(record, sentence) + statement + "。",
        JUDGE_OPTIONS,
        ("B",),
        explanation,
        {"sentence": sentence, "truth": False, "position": index},
        change,
    )


def asked_elsewhere(record: ArticleRecord, pools: TheoryPools, seed: str) -> set[str]:
    """The sentences of the article a blank or single choice asks (the run keeps those before a judge item on them)."""
    asked = set()
    for generator in (blank_number, single_number, single_party, single_term, blank_term):
        question = generator(record, pools, seed)
        if question is not None and question.inputs.get("sentence"):
            asked.add(question.inputs["sentence"])
    return asked


def _strong_truth(sentence: str, alone: bool) -> bool:
    """A true statement worth making where the article has no false one that teaches, and only when no blank or
    choice asks the article (`alone`: else it is asked already, and true items would outnumber false ones): a duty,
    ban on what its word condemns (不得谎报), a duty or right a worker carries (井下作业人员必须熟练掌握自救器的使用方法), a duty to check or report
    (`read.duty_to_act`: 应当对其进行全面检查，…方可继续使用), or a named employer's duty about an act (特种设备使用单位
    应当建立…制度) — never a state body's, a principle, compliance or a manner (应当坚持…原则, 应当严格执行…)."""
    if not alone or not _DUTY.search(sentence) and not read.ALLOCATED.search(sentence) and not _ANSWERS_FOR.match(sentence):
        return False
    # 电梯制造单位委托其他单位…的，应当…: the party opens a condition, its duty follows.
    found = read.subject(sentence) or read.subject(_PARTY_CONDITION.sub(r"\1", sentence))
    if not found and (several := read.series_class(sentence)):
        found = ("", several)  # 安全管理人员、检测人员和作业人员应当…: their class, never the state's
    if found and found[1] == "state" and not asks_agencies():
        return False
    if read.condemned_ban(sentence):
        return True  # 任何单位和个人对事故不得迟报、谎报或者瞒报: its false twin condemns itself, the ban is worth stating
    answers = _ANSWERS_FOR.match(sentence)
    if answers and read.party_class(answers.group(1)) in {"employer", "worker"}:
        return True  # 煤矿企业主要负责人是本企业安全生产第一责任人，对…全面负责: who answers for safety
    allocated = read.ALLOCATED.search(sentence)
    if allocated and read.party_class(allocated.group(1) or allocated.group(2)) in {"employer", "worker"}:
        return True  # …维护保养义务由特种设备出租单位承担: who bears a duty in a case is the fact a worker must know
    return (bool(found and found[1] == "worker") or read.duty_to_act(sentence) or bool(found) and read.states_an_act(sentence)
            or not found and fitted(sentence))


# What a place or a machine must be fitted with (the fans' 设备开停传感器 rule; 采煤机…必须设置…甲烷断电仪;
# a face's return airway 应当安设风流净化水幕): a rule with no party at its head, about a thing a worker sees at work and
# finds missing. Stated true where the article has no false statement that teaches (必须设置 → 不必设置 is no shortcut a
# worker takes: `articles._SKIPPABLE_ACT`), it had gone unasked. Not the office's staffing, bodies, drawings or
# systems (煤矿必须配备…副矿长，设置专门机构; 矿井必须备有…配电系统图; 应急救援队伍应当配备…), nor a vague amount
# (必要的, 相应的): those a worker keeps nothing of. A place of two characters (站内严禁烟火，必须备有…器材) leans on the
# sentence before for which one it is, and is left out.
_FITTED = re.compile(r"(?:必须|应当)(?:设置|装设|安设|安装|配备|设有|装有|备有)(?P<what>[^，。；]*)")
_NOT_FITTINGS = re.compile(r"机构|人员|专人|矿长|总工程师|队伍|图|制度|药品|车辆|^(?:必要|相应|符合要求)")
_FITTED_HEAD = re.compile(r"^[^，。；]*?(?=[，；]|必须|应当|严禁|不得|禁止)")
_SHORTEST_PLACE = 3


def fitted(sentence: str) -> bool:
    """Whether a sentence requires a place or a machine to be fitted with a thing (`_FITTED`), no office matter
    (`_NOT_FITTINGS`), no body of the state or serving it bearing the duty, and its place named in full."""
    found = _FITTED.search(sentence)
    if not found or _NOT_FITTINGS.search(found.group("what")) or another_bodys_duty(sentence):
        return False
    head = _FITTED_HEAD.match(sentence)
    if not head or len(head.group(0)) < _SHORTEST_PLACE:
        return False
    return not read.series_class(sentence)


# A party named as the one who answers for safety (…主要负责人是本企业安全生产第一责任人; …对本单位的安全生产工作全面负责).
_ANSWERS_FOR = re.compile(r"^([\u4e00-\u9fa5]{2,20}?)(?:是[^，。；]{1,12}第一责任人|对[^，。；]{1,20}全面负责)")
_PARTY_CONDITION = re.compile(r"^([\u4e00-\u9fa5]{2,12}?(?:单位|企业|人员))[^，。；]{2,30}的，")


def false_changes(
    sentence: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random
) -> list[tuple[int, Change]]:
    """The safety-relevant single edits of a sentence; none on a state party's duty (agency procedure), and no duty of
    a party outside the mine made a dispensation (`relevance.others_duty`: 变电所或者电厂…不必将停电时间通知矿调度室).

    A limit turned round only as `articles.limit_flips` allows (before a figure, never a minimum made a ceiling) and
    where the result reads as a rule (`bounds.flip_reads_as_rule`: never 最长不少于60日), and
    neither a figure nor a limit that the sentence gives as usual rather than requires (`not_a_rule`) or that names
    when the rule applies (`articles.in_condition`: 在1m以上高处作业时 is the trigger, not the limit)."""
    found = read.subject(sentence) or (read.subject(carried + "应当") if (carried := carried_party(record, sentence)) else None)
    if found and found[1] == "state" and not asks_agencies():
        return []
    out = [(i, Change("modal", old, new)) for i, old, new in read.modal_changes(sentence)]
    limits = [f for f in read.limit_flips(sentence) if not not_a_rule(sentence, f[0]) and not read.in_condition(sentence, f[0])
              and flip_reads_as_rule(sentence, *f, pools.flat_corpus)]
    out += [(i, Change("limit", old, new)) for i, old, new in limits]
    out += [(i, Change("action", old, new)) for i, old, new in read.action_changes(sentence)]
    out += [(i, Change("place", old, new)) for i, old, new in read.place_changes(sentence)]
    out += [(i, Change("staffing", old, new)) for i, old, new in staffing_changes(sentence)]  # 专职 → 专职或者兼职
    for quantity in read.quantities(sentence):
        if (sentence.count(quantity.text) != 1 or fixed_word(sentence, quantity) or not_a_rule(sentence, quantity.start)
                or read.in_condition(sentence, quantity.start)):
            continue  # a figure of the …时 condition is the rule's trigger, not its limit (`articles.in_condition`)
        end = quantity.end + len(quantity.unit)
        context = (sentence[: quantity.start], sentence[end:])
        wrong = number_distractors(quantity, record, pools, rng, count=1, context=context, false_statement=True)
        if wrong and _keeps_order(sentence, quantity, wrong[0]):
            out.append((quantity.start, Change("number", quantity.text, wrong[0])))
    out = [(i, c) for i, c in out if not (c.kind == "modal" and _presupposed(sentence, i, c))]
    out = [(i, c) for i, c in out if not (c.replacement == "不必" and others_duty(sentence, i))]  # 电厂…不必通知
    out = [(i, c) for i, c in out if not (c.kind == "modal" and permitted_under_condition(record.text, sentence, i, c))]
    return [(i, c) for i, c in out if not rule_elsewhere(sentence[:i], c.replacement, sentence[i + len(c.original):], pools)]


# A later clause or sentence opening on the thing a duty acts on, with a duty of its own (…必须佩戴保险带。保险带必须拴在
# 牢固的构件上): it takes the act as done.
_OWN_DUTY = re.compile(r"(?:必须|应当|严禁|不得)")


def _presupposed(sentence: str, index: int, change: Change) -> bool:
    """Whether a duty made a dispensation (必须 → 不必) leaves after it a clause opening on what the act is done to, with
    a duty of its own: 工作人员不必佩戴保险带。保险带必须拴在牢固的构件上 contradicts itself, and the second sentence gives
    the change away (blind read 13, T13). The thing is the act's last two or three characters (保险带 of 佩戴保险带),
    opening the later clause: …不必立即报告；接到报告的人员应当… names the report inside another party's duty and stays."""
    if change.replacement != "不必":
        return False
    start = index + len(change.original)
    act = re.match(r"[^，。；]*", sentence[start:]).group(0)
    rest = sentence[start + len(act) :]
    for size in (3, 2):
        thing = act[-size:]
        if len(act) > size and re.fullmatch(r"[\u4e00-\u9fa5]+", thing) and re.search(
            rf"[，。；]{re.escape(thing)}[^，。；]{{0,6}}?{_OWN_DUTY.pattern}", rest
        ):
            return True
    return False


# A sentence that lets an act be done on a condition: 如果确需…, 特殊情况下…, 经…批准, 方可 ….
_CONDITIONAL_LEAVE = re.compile(r"如果|如需|确需|确因|需要|特殊情况|经[^，。；]{0,30}?(?:批准|同意)|方可|可以|允许")
_ACT_END = re.compile(r"[，。；：]")


def permitted_under_condition(text: str, sentence: str, index: int, change: Change) -> bool:
    """Whether a ban made a permission (不得 → 可以) lets an act that another sentence of the same article allows on a
    condition (…不得进行电焊等作业。如果必须在主要硐室内进行电焊等工作，必须…经矿长批准): the permission is then half
    true, and a reader who knows the article may call it right (managers' blind read 6, T35). The act is the banned
    clause after the modal; the other sentence, of the article or of the statement itself (…不得进行临时改绞。单井筒确需
    临时改绞的，必须…), shares most of its character pairs and says when it may be done."""
    if change.replacement not in {"可以", "允许"}:
        return False
    act = _ACT_END.split(sentence[index + len(change.original):], maxsplit=1)[0]
    if len(act) < 6:
        return False  # 进行作业 alone names no act: …后方可进行作业 is in many articles
    pairs = bigrams(act)
    own = next(p for p in re.split(r"[。；\n]", sentence[index:]) if p)  # the ban's own sentence, from the modal on
    for other in re.split(r"[。；\n]", text + "\n" + sentence):
        other = other.strip()
        if not other or own in other or not _CONDITIONAL_LEAVE.search(other):
            continue
        if len(pairs & bigrams(other)) >= 0.6 * len(pairs):
            return True
    return False


def _keeps_order(sentence: str, quantity: read.Quantity, wrong: str) -> bool:
    """Whether a changed figure stays on the same side of every other figure of its unit in the sentence: 二氧化碳浓度
    超过4.0%，最高浓度不超过3.0% contradicts itself and gives the change away (author's read of seed 5151, 第一百九十七条)."""
    changed = read.quantities(wrong)
    if not changed:
        return True
    new = changed[0].value
    others = [q.value for q in read.quantities(sentence) if q.unit == quantity.unit and q.start != quantity.start]
    return all((new > o) == (quantity.value > o) and (new < o) == (quantity.value < o) for o in others)
