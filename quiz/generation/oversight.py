"""Items only a run for managers narrowed to documents asks (issue 16, exam coverage): when the law takes effect,
which body supervises or organises, fines as a share of income, and what the state only encourages.

A managers' exam on one law (the 特种设备安全管理 bank) asks these, a frontline run never: so they are made only
inside `syllabus.narrowed_to_documents(True)` for `relevance.MANAGERS`, and the default runs stay byte-identical.

* `in_force`: 本法自（ ）起施行 — wrong options are dates of the same form the document never states (the year or
  the month moved), none making a sentence of a current document;
* `organiser`: an article grading who organises by accident grade (发生较大事故，由X组织…) — the wrong options are
  the bodies it names for the other grades, each false for this grade by the same article;
* `level`: a duty of a government body of one level (…由国务院负责…的部门制定) — the wrong options are the same
  body at other levels the document itself names with it (never 县级人民政府… where it says only 县级以上…), filled
  with a body of another kind when too few, never a level containing the key's (县级以上地方各级 contains 省级) and
  never one the document gives the same act; not asked where the stem's scope fixes the level (对全国…, 报国务院批准),
  and a run keeps at most `LEVEL_CAP` of one document keyed to one level (`capped_levels`);
* `body`: a duty of a body named without a level (负责…的部门应当加强宣传教育) — the wrong options are one body of each
  other kind heading a sentence of the document (a department, an inspection institution, a trade association),
  none the document gives the same act;
* `income_fine`: a fine as a share of last year's income by accident grade (发生较大事故，处上一年年收入百分之四十
  的罚款) — the other grades' shares first, then shares other articles fine, none stated for this grade;
* `barred_period`: the years a penalty bars a new licence or an office (自吊销许可证之日起三年内…不予受理) — other
  periods the article never states;
* `multi_powers`: the powers a supervising body may use in an inspection (可以行使下列职权：) — wrong options are two
  listed powers made stronger than the law gives (查阅、复制 → 没收、销毁, 行政处罚决定 → 刑事处罚决定), the stronger
  words stated nowhere in the document, never a change too small for a long item (`nearly_kept`);
* `encouraged`: 国家鼓励X stated as compulsory (国家强制X), false: what the law only encourages is no duty. Only an
  act a unit chooses (投保, 采用 …) and only where the article sets no duty beside it; 国家支持 (research,
  rewards) is left out: made compulsory it reads absurd and teaches nothing.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from quiz.bank.text import BLANK
from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord, Change, GeneratedQuestion
from quiz.generation.relevance import MANAGERS, current_audience
from quiz.generation.syllabus import narrowed
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import short_title


def _on() -> bool:
    return narrowed() and current_audience() == MANAGERS


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(text: str) -> list[str]:
    return [_flat(line) for line in text.splitlines() if line.strip()]


def _prefix(record: ArticleRecord) -> str:
    return f"根据《{short_title(record.title)}》{record.label}，"


# --------------------------------------------------------------------------- in force

_IN_FORCE = re.compile(r"^本(法|条例|规定|办法|规程|细则)自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
#: The months a law is usually put in force on the 1st of: wrong dates look like real ones.
_MONTHS = (1, 3, 5, 6, 7, 9, 10, 12)


def wrong_dates(year: int, month: int, day: int) -> list[str]:
    """Dates of the key's form near it: the year one or two off, or another month's 1st of the same year."""
    dates = [(year + shift, month, day) for shift in (-1, 1, 2)]
    dates += [(year, m, 1) for m in _MONTHS if m != month]
    return [f"{y}年{m}月{d}日" for y, m, d in dates]


def in_force(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """本法自（ ）起施行: the date the article gives; three dates the document never states, one a year off and two
    another month (`wrong_dates`)."""
    if not _on():
        return None
    lines = _lines(record.text)
    found = _IN_FORCE.match(lines[0]) if lines else None
    if not found:
        return None
    kind, year, month, day = found.group(1), *(int(g) for g in found.group(2, 3, 4))
    key = f"{year}年{month}月{day}日"
    if key not in lines[0]:
        return None  # written with a leading zero (2014年01月01日): wrong options would differ in form
    document = pools.documents.get(record.title, "")
    name = "theory.in_force"
    rng = article_rng(seed, name, record)
    candidates = [d for d in wrong_dates(year, month, day)
                  if d not in document and f"本{kind}自{d}起施行" not in pools.flat_corpus]
    years, months = [d for d in candidates if not d.startswith(str(year))], [d for d in candidates if d.startswith(str(year))]
    if not years or len(months) < 2:
        return None
    wrong = [rng.choice(years), *rng.sample(months, 2)]
    options, answer = choice_options([key], wrong, rng)
    stem = f"{_prefix(record)}本{kind}自{BLANK}起施行。"
    return article_question(record, name, seed, "single", stem, options, answer, f"原文：“本{kind}自{key}起施行。”",
                            {"sentence": f"本{kind}自{key}起施行", "date": key})


# --------------------------------------------------------------------------- who organises by accident grade

_GRADE_ORGANISER = re.compile(r"^(.*?)发生(特别重大|重大|较大|一般)事故[，,]由(.+?)(会同有关部门)?组织(.+?)。$")


def graded_organisers(text: str) -> list[tuple[str, str, str, str]]:
    """(line, grade, body, what follows the body) of each line of an article saying who organises what for an accident
    grade (发生较大事故，由X会同有关部门组织事故调查组进行调查。); the subject of the first line (特种设备) is kept."""
    out = []
    for line in _lines(text):
        found = _GRADE_ORGANISER.match(line)
        if found:
            out.append((line, found.group(2), found.group(3), line[found.end(3) :]))
    return out


def organiser(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """发生较大事故，由（ ）…组织事故调查组进行调查: the body for one grade; the other grades' bodies are wrong."""
    if not _on():
        return None
    graded = graded_organisers(record.text)
    bodies = {body for _, _, body, _ in graded}
    if len(graded) < 4 or len(bodies) != len(graded):
        return None
    name = "theory.organiser"
    rng = article_rng(seed, name, record)
    line, grade, body, rest = rng.choice(graded)
    subject = graded[0][0].split("发生", 1)[0]
    head = line[: line.index("由") + 1]
    sentence = head if head.startswith(subject) else subject + head
    stem = f"{_prefix(record)}{sentence}{BLANK}{rest}"
    wrong = rng.sample(sorted(bodies - {body}), 3)
    options, answer = choice_options([body], wrong, rng)
    explanation = "该条按事故等级规定了组织调查的部门：" + "；".join(line.rstrip("。；") for line, *_ in graded) + "。"
    return article_question(record, name, seed, "single", stem, options, answer, explanation,
                            {"sentence": line, "subject": subject, "grade": grade})


# --------------------------------------------------------------------------- government levels

#: Levels of government, and the levels each contains (a body of a contained level does what the container says).
LEVELS = {
    "国务院": (),
    "省、自治区、直辖市人民政府": (),
    "设区的市级人民政府": (),
    "县级人民政府": (),
    "县级以上地方各级人民政府": ("省、自治区、直辖市人民政府", "设区的市级人民政府", "县级人民政府"),
}
_LEVEL = "|".join(re.escape(level) for level in sorted(LEVELS, key=len, reverse=True))
#: A body of one level at the head of a sentence or after 由: 国务院负责特种设备安全监督管理的部门.
_BODY = re.compile(rf"(?:^|由)({_LEVEL})(负责[\u4e00-\u9fa5、]{{2,20}}的部门)")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；])", _flat(text)) if s]


def level_options(level: str) -> list[str]:
    """The levels a wrong option may take for a key of `level`: neither containing it nor contained in it."""
    return [other for other, within in LEVELS.items()
            if other != level and other not in LEVELS[level] and level not in within]


#: Words of a stem that fix the level of the body asked (issue 16, trainer read): the scope a body acts over, or the
#: government a body reports to for approval (a department reports to its own government), with the levels each fits.
_LOCAL = frozenset(LEVELS) - {"国务院"}
SCOPES = (
    (re.compile(r"全国(?!人民代表大会|人大)|报国务院"), frozenset({"国务院"})),
    (re.compile(r"全省|本省"), frozenset({"省、自治区、直辖市人民政府"})),
    (re.compile(r"本行政区域|辖区|本地区"), _LOCAL),
)


def gives_level_away(stem: str, key_level: str, levels: list[str]) -> bool:
    """Whether a scope word of `stem` (`SCOPES`: 对全国…, 报国务院批准) fits the key's level alone among the levels
    offered: a reader picks the key by the word, not by knowing the law."""
    fitting = set(levels) | {key_level}
    for pattern, fits in SCOPES:
        if pattern.search(stem):
            fitting &= fits
    return fitting == {key_level} and any(pattern.search(stem) for pattern, _ in SCOPES)


def named_levels(department: str, document: str) -> list[str]:
    """The levels the document (flattened) names with `department` as one phrase (县级以上地方各级人民政府负责…的部门);
    one it never names (县级人民政府…, when it says only 县级以上…) is a level a reader rules out as made up."""
    return [lv for lv in LEVELS if lv + department in document]


def other_kinds(flat_document: str, sentences: list[str], mark: str) -> list[str]:
    """Bodies of a kind other than a department heading sentences of the document (`kind_bodies`: 特种设备行业协会,
    检验、检测机构), one of each kind, none the document gives the act marked `mark`: the wrong option a level item
    takes when the document names too few other levels of the key's body."""
    picked: dict[str, str] = {}
    for other, kind in sorted(kind_bodies(flat_document).items()):
        if kind != "department" and not any(other in s and mark in s for s in sentences):
            picked.setdefault(kind, other)
    return list(picked.values())


def level(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """（ ）应当及时将…纳入安全技术规范 / …由（ ）制定: the body of one level the article gives a duty; three levels the
    document names with that body (`named_levels`) and never gives the same act (`level_options`); two for the first
    of two bodies sharing the duty (国务院…的部门和省…的部门应当…), where no option may be related to the second either.
    Not asked where a word of the stem fixes the level (对全国…, 报国务院批准: `gives_level_away`)."""
    if not _on() or len(graded_organisers(record.text)) >= 2:
        return None  # who organises by grade is asked by `organiser`, the other grades' bodies beside the key
    name = "theory.level"
    flat_document = pools.documents.get(record.title, record.text)
    document = _sentences(flat_document)
    for sentence in _sentences(record.text):
        found = _BODY.search(sentence)
        if not found:
            continue
        key_level, department = found.group(1), found.group(2)
        # 国务院…的部门和省…的部门应当…: the first asked, the partner kept in the stem; no option related to either.
        partner = re.match(rf"和({_LEVEL}){re.escape(department)}", sentence[found.end() :])
        if sentence.count("负责") != (2 if partner else 1) or not partner and "和" in sentence[found.end() : found.end() + 2]:
            continue
        act = sentence[found.end() + (partner.end() if partner else 0) :].rstrip("。；")
        # What tells the act apart: the object before 由 (特种设备安全技术规范由…制定), else what the body does.
        mark = sentence[: found.start(1)].removesuffix("由") if found.group(0).startswith("由") else act[:6]
        if len(mark) < 2 or len(act) < 2:
            continue
        allowed = set(level_options(key_level)) & (set(level_options(partner.group(1))) if partner else set(LEVELS))
        named = named_levels(department, _flat(flat_document))
        wrong = [other + department for other in LEVELS if other in allowed and other in named
                 and not any(other + department in s and mark in s for s in document)]
        rng = article_rng(seed, name, record)
        needed = 2 if partner else 3
        if wrong and len(wrong) < needed:
            wrong += other_kinds(flat_document, document, mark)[: needed - len(wrong)]
        if len(wrong) < needed:
            continue
        wrong = rng.sample(wrong, min(3, len(wrong)))
        body = sentence[: found.start(1)] + BLANK + sentence[found.end() :]
        if gives_level_away(body, key_level, [w.removesuffix(department) for w in wrong]):
            continue
        options, answer = choice_options([key_level + department], wrong, rng)
        stem = _prefix(record) + body.rstrip("；").removesuffix("。") + "。"
        return article_question(record, name, seed, "single", stem, options, answer, f"原文：“{sentence.rstrip('；。')}。”",
                                {"sentence": sentence.rstrip("；。"), "mark": mark})
    return None


#: At most this many level items of one document keyed to the same level in a run (`capped_levels`).
LEVEL_CAP = 2


def capped_levels(questions: list[GeneratedQuestion], seed: str) -> list[GeneratedQuestion]:
    """The run with at most `LEVEL_CAP` level items of one document keyed to the same level: a document giving only
    the 国务院 duties would otherwise key every such item to it, and a test-wise reader answers them unread. Kept
    first those on an article no other item of the run asks (breadth), then in a seeded order."""
    asked = Counter((q.inputs or {}).get("article") for q in questions)
    groups: dict[tuple, list[int]] = {}
    for index, question in enumerate(questions):
        if question.generator == "theory.level":
            right = next(o.text for o in question.options if o.key == question.answer[0])
            key_level = next((lv for lv in sorted(LEVELS, key=len, reverse=True) if right.startswith(lv)), right)
            groups.setdefault((question.inputs["article"].split("|")[0], key_level), []).append(index)
    order = lambda i: (asked[(questions[i].inputs or {}).get("article")] > 1,  # noqa: E731
                       random.Random(f"{seed}|levels|{questions[i].stem}").random())
    dropped = {i for indexes in groups.values() for i in sorted(indexes, key=order)[LEVEL_CAP:]}
    return [q for i, q in enumerate(questions) if i not in dropped]


# --------------------------------------------------------------------------- bodies of other kinds

#: A body heading a sentence of the document without a level (负责特种设备安全监督管理的部门, 特种设备行业协会).
_KIND_BODY = re.compile(r"^([\u4e00-\u9fa5、]{2,24}?(?:部门|机构|协会))(?:及其[^，。；]{1,12}?)?(?=应当|对|负责(?!人))")
_NOT_ONE_BODY = re.compile(r"由|和|或者|接到|组织|发现|对|其他|有关|^(?:国家|地方|县级|省|设区|国务院)")
#: The kinds of body a wrong option may be beside the key: the supervising department, an inspection or testing
#: institution, a trade association. Other bodies (an enterprise's own 管理机构, a 登记机构) are no kind of these.
BODY_KINDS = (("department", re.compile(r"监督管理[^，。；]*部门$")), ("inspection", re.compile(r"(?:检验|检测)[^，。；]*机构$")),
              ("association", re.compile(r"协会$")))


def kind_bodies(text: str) -> dict[str, str]:
    """The bodies heading sentences of `text` (flattened) of a kind of `BODY_KINDS`, with their kind."""
    out: dict[str, str] = {}
    for sentence in _sentences(text):
        found = _KIND_BODY.match(sentence)
        if not found or _NOT_ONE_BODY.search(found.group(1)):
            continue
        kind = next((kind for kind, pattern in BODY_KINDS if pattern.search(found.group(1))), None)
        if kind:
            out.setdefault(found.group(1), kind)
    return out


def body(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """（ ）应当加强…宣传教育: a duty the article gives a body named without a level; the wrong options are the bodies of
    the other kinds heading sentences of the document (an association beside a department), none containing the
    key or contained in it, none the document gives the same act."""
    if not _on():
        return None
    document = pools.documents.get(record.title, record.text)
    bodies, sentences = kind_bodies(document), _sentences(document)
    name = "theory.body"
    for sentence in _sentences(record.text):
        found = _KIND_BODY.match(sentence)
        if not found or found.group(1) not in bodies or sentence.count(found.group(1)) != 1:
            continue
        key, act = found.group(1), sentence[found.end(1) :].rstrip("。；")
        mark = act[:6]
        fair = [(other, kind) for other, kind in bodies.items() if kind != bodies[key] and other not in key
                and key not in other and not any(other in s and mark in s for s in sentences)]
        rng = article_rng(seed, name, record)
        rng.shuffle(fair)
        wrong = list({kind: other for other, kind in fair}.values())  # one body of each other kind
        if len(wrong) < 2 or len(mark) < 4:
            continue
        options, answer = choice_options([key], wrong, rng)
        stem = f"{_prefix(record)}{BLANK}{act}。"
        return article_question(record, name, seed, "single", stem, options, answer, f"原文：“{key}{act}。”",
                                {"sentence": key + act, "mark": mark})
    return None


# --------------------------------------------------------------------------- fines as a share of income

_SHARE = "百分之[一二三四五六七八九十百]+"
_INCOME_ITEM = re.compile(rf"^[（(][一二三四五六七八九十]+[)）](发生(?:特别重大|重大|较大|一般)事故(?:的)?，处其?上一年年收入)({_SHARE})(的罚款)")
#: Shares by tens, when the corpus fines too few others on income.
_TENS = tuple(f"百分之{n}" for n in ("二十", "三十", "四十", "五十", "六十", "八十", "一百"))
_LEAD_CASE = re.compile(r"^(.+?的，)依照下列规定处以?罚款")


def income_grades(text: str) -> tuple[str, list[tuple[str, str, str]]] | None:
    """(the lead's case, [(item before the share, share, after)]) of a list fining a share of last year's income by
    accident grade, or None."""
    lines = _lines(text)
    for at, line in enumerate(lines):
        lead = _LEAD_CASE.match(line)
        if not lead:
            continue
        items = [m.groups() for m in (_INCOME_ITEM.match(following) for following in lines[at + 1 :]) if m]
        if len(items) >= 2 and len({share for _, share, _ in items}) == len(items):
            return lead.group(1), items
    return None


def income_fine(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """…的，发生较大事故，处上一年年收入（ ）的罚款: the other grades' shares, then shares other articles fine (never
    one this article states) as wrong options."""
    if not _on():
        return None
    graded = income_grades(record.text)
    if graded is None:
        return None
    case, items = graded
    name = "theory.income_fine"
    rng = article_rng(seed, name, record)
    before, share, after = rng.choice(items)
    article = _flat(record.text)
    siblings = [s for _, s, _ in items if s != share]
    others = sorted({s for s in re.findall(rf"年收入({_SHARE})", pools.flat_corpus) if s not in article})
    tens = [s for s in _TENS if s not in article and s not in others]
    rng.shuffle(siblings)
    rng.shuffle(others)
    rng.shuffle(tens)
    wrong = (siblings + others + tens)[:3]
    if len(wrong) < 3:
        return None
    options, answer = choice_options([share], wrong, rng)
    stem = f"{_prefix(record)}{case}{before}{BLANK}{after}。"
    explanation = f"原文：“{case}依照下列规定处以罚款”，其中“{before}{share}{after}”。"
    return article_question(record, name, seed, "single", stem, options, answer, explanation,
                            {"case": case, "item": before + share + after})


# --------------------------------------------------------------------------- periods barred after a penalty

#: …之日起三年内…不予受理, 五年内不得担任…: the years a penalty bars a licence, an office or a new application.
_BARRED = re.compile(r"([一二三四五六七八九十]+年)内[^。；]{0,40}?(?:不得|不予)")
PERIODS = ("一年", "二年", "三年", "五年", "十年")


def barred_period(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """自吊销许可证之日起（ ）内，…不予受理其新的许可申请: the years a penalty bars; other periods (`PERIODS`) the
    article never states as wrong options, none making a sentence of a current document."""
    if not _on():
        return None
    article = _flat(record.text)
    name = "theory.barred_period"
    for sentence in _sentences(record.text):
        found = _BARRED.search(sentence)
        if not found or re.search(r"前款|上述|依照|前项", sentence) or sentence.count(found.group(1)) != 1:
            continue
        if "的，" not in sentence[: found.start()]:
            continue  # the case the ban follows (被依法吊销许可证的，) is in another clause: the stem would lack it
        sentence = sentence.rstrip("。；")
        key, before, after = found.group(1), sentence[: found.start(1)], sentence[found.end(1) :]
        wrong = [p for p in PERIODS if p != key and p not in article and before + p + after not in pools.flat_corpus]
        if len(wrong) < 3:
            continue
        rng = article_rng(seed, name, record)
        options, answer = choice_options([key], rng.sample(wrong, 3), rng)
        return article_question(record, name, seed, "single", f"{_prefix(record)}{before}{BLANK}{after}。", options,
                                answer, f"原文：“{sentence}。”", {"sentence": sentence, "period": key})
    return None


# --------------------------------------------------------------------------- a supervising body's powers

#: A power a supervising body holds, made one no inspection gives it: to seal up and detain made to auction and sell
#: off, an administrative penalty made a criminal one, to seal up a material made to confiscate it.
POWER_CHANGES = (("查封、扣押", "拍卖、变卖"), ("行政处罚决定", "刑事处罚决定"), ("封存", "没收"),
                 ("查阅、复制", "没收、销毁"))


def _longest_run(text: str, other: str) -> int:
    """The length of the longest passage of `text` found in `other`."""
    best = 0
    for start in range(len(text)):
        while start + best < len(text) and text[start : start + best + 1] in other:
            best += 1
    return best


def nearly_kept(changed: str, original: str) -> bool:
    """Whether a changed item keeps 80% of itself as one passage of the original (…的特种设备实施查封、扣押 → …实施
    拍卖、变卖): a reader checking options against the law finds it nearly stated, a change at an item's end too small."""
    return _longest_run(changed, original) >= 0.8 * len(changed)
_POWERS_LEAD = re.compile(r"可以(?:行使下列职权|采取下列(?:临时控制)?措施)[:：]?$")


def multi_powers(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """“…可以行使下列职权：”。下列各项中，属于该条所列的有（ ）: 2–3 listed powers; 2 listed powers, each of another item,
    made stronger than the law gives (`POWER_CHANGES`), the stronger words stated nowhere in the document and the
    change not too small for its item (`nearly_kept`)."""
    if not _on():
        return None
    document = pools.documents.get(record.title, "")
    name = "theory.powers"
    for enumeration in read.enumerations(record.text):
        if not _POWERS_LEAD.search(_flat(enumeration.lead)) or len(enumeration.items) < 4:
            continue
        rng = article_rng(seed, name, record)
        changes: list[tuple[str, str]] = []
        items = list(enumeration.items)
        rng.shuffle(items)
        for power, stronger in POWER_CHANGES:
            if stronger in document:
                continue
            item = next((i for i in items if power in i and i not in {o for o, _ in changes}), None)
            if (item is not None and _flat(item.replace(power, stronger)) not in pools.flat_corpus
                    and not nearly_kept(item.replace(power, stronger), item)):
                changes.append((item, item.replace(power, stronger)))
        rest = [i for i in items if i not in {o for o, _ in changes}]
        if len(changes) < 2 or len(rest) < 2:
            continue
        changes = changes[:2]
        correct = rng.sample(rest, min(len(rest), rng.choice((2, 3))))
        options, answer = choice_options(correct, [c for _, c in changes], rng)
        stem = f"{_prefix(record)}“{enumeration.lead}”。下列各项中，属于该条所列的有（ ）。"
        explanation = ("该条所列：" + "；".join(f"（{read.to_chinese_number(i + 1)}）{t}" for i, t in enumerate(enumeration.items))
                       + "。" + "".join(f"“{c}”不对，原文为“{o}”。" for o, c in changes))
        inputs = {"lead": enumeration.lead, "changed": [list(pair) for pair in changes]}
        return article_question(record, name, seed, "multi", stem, options, answer, explanation, inputs)
    return None


# --------------------------------------------------------------------------- what the state encourages

#: 国家鼓励 + an act a unit chooses to do: made compulsory, a false statement that teaches it is no duty.
_ENCOURAGED = re.compile(r"^国家鼓励((?:[\u4e00-\u9fa5]{0,12}?)(?:投保|采用|使用|参加|建立|开展)[^。；，]{2,30})。$")


def encouraged(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """False: 国家鼓励X stated as 国家强制X, where the article is that sentence alone (no duty set beside it, as 安全生产法
    sets 高危行业 …应当投保 beside its 鼓励)."""
    if not _on():
        return None
    lines = _lines(record.text)
    found = _ENCOURAGED.match(lines[0]) if len(lines) == 1 else None
    if not found:
        return None
    sentence = lines[0].rstrip("。")
    statement = "国家强制" + found.group(1)
    if _flat(statement) in pools.flat_corpus:
        return None
    explanation = f"错误。题中把原文的“鼓励”改成了“强制”：法律只鼓励，不强制。原文：“{sentence}。”"
    return article_question(record, "theory.encouraged", seed, "judge", f"{_prefix(record)}{statement}。", JUDGE_OPTIONS,
                            ("B",), explanation, {"sentence": sentence, "truth": False, "position": 2},
                            Change("encouraged", "鼓励", "强制"))


OVERSIGHT_GENERATORS = {
    "theory.in_force": in_force, "theory.organiser": organiser, "theory.level": level, "theory.body": body,
    "theory.income_fine": income_fine, "theory.encouraged": encouraged, "theory.barred_period": barred_period,
    "theory.powers": multi_powers,
}
