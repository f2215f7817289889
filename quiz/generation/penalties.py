"""Legal liability for managers (issue 16): the fine a penalty article sets for a violation, asked as a single choice.

Penalty articles (违反本法规定，…的，责令…，处…罚款; the 法律责任 chapters) are no rule anyone follows, so no other
generator asks them (`articles.worth_asking`, `relevance._PENALTY`), yet 管理人员 are examined on them. For a run for
managers (`relevance.MANAGERS`) only, `single_fine` asks the fine range of one violation:

    违反本法规定，…未按照规定办理使用登记的，责令限期改正；…，处（　　）罚款。   A. 一万元以上十万元以下  B. …

A list article's lead (…有下列行为之一的，…处…罚款) takes one item as its case (`case_sentence`). The wrong options
are fine ranges other penalty articles set (fines beside fines), of the same unit (万元 beside 万元), numerals and magnitude
(an upper bound within five times the key's), none stated anywhere in the article asked nor repeating an amount of the stem.

Not asked: a fine on a committee, an agency or an official (`official_fine`: 职业病诊断鉴定委员会组成人员收受…), a fine
on a party a coal mine never is (`relevance.not_a_mines_party`: an 电梯制造单位, a 经营单位 selling scrapped equipment,
an inspection body; managers' blind read 3, T23 and T27), and a
fine a later document in force sets anew for the same case on the same party (`fined_party`) (`superseded_fine`:
事故报告和调查处理条例 (2007) 第三十七条's 重大事故 fine, where 安全生产法 (2021) 第一百一十四条 and 煤矿安全生产条例 (2024)
第六十七条 fine it higher).
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from functools import lru_cache

from quiz.bank.text import BLANK
from quiz.generation.relevance import MANAGERS, current_audience, mines_run, not_a_mines_party
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import short_title

_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
#: 处二万元以上十万元以下罚款, 处5万元以上30万元以下的罚款: the fine range (group 1).
FINE = re.compile(rf"处({_NUMBER}(?:万)?元以上{_NUMBER}(?:万)?元以下)(?:的)?罚款")
_BOUNDS = re.compile(rf"({_NUMBER})(万)?元以上({_NUMBER})(万)?元以下")
#: The lead of a list of violations, which one item completes: 有下列行为之一的 / 有下列情形之一的.
_LIST_CASE = re.compile(r"有下列(?:行为|情形)之一的")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*")
_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def _number(text: str) -> Decimal:
    """二十 → 20, 五千 → 5000, 30 → 30."""
    if text[0].isdigit():
        return Decimal(text)
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (digit or 1) * _UNITS[char]
            digit = 0
    return Decimal(total + digit)


def fine_bounds(fine: str) -> tuple[Decimal, Decimal, str]:
    """(lower, upper) in yuan and the unit written (万元 or 元) of a fine range such as 二万元以上十万元以下."""
    match = _BOUNDS.fullmatch(fine)
    if match is None:
        raise ValueError(fine)
    low, low_wan, high, high_wan = match.groups()
    scale = Decimal(10000)
    return (_number(low) * (scale if low_wan else 1), _number(high) * (scale if high_wan else 1),
            "万元" if high_wan else "元")


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]


def case_sentence(lead: str, item: str) -> str:
    """The lead of a list of violations with one item as its case: 特种设备使用单位有下列行为之一的 + （一）使用…的；
    → 特种设备使用单位使用…的 (the lead's end mark dropped). A clause of the lead that the item opens with again is said
    once (`said_again`: 发生特种设备事故，有下列情形之一的 + 发生特种设备事故时，不立即组织抢救… → 发生特种设备事故时，…)."""
    case = _ITEM.sub("", item).rstrip("；;。")
    found = _LIST_CASE.search(lead)
    if found is None:
        return lead.rstrip("：:。；;")
    return (said_again(lead[: found.start()], case) + case + lead[found.end() :]).rstrip("：:。；;")


_SHORTEST_REPEAT = 4  # 发生事故 and longer: a shorter shared opening (违反, 对于) is no clause said twice


def said_again(before: str, case: str) -> str:
    """`before` (a lead up to where its case goes) without its last clauses that `case` opens with again: the lead
    says when (发生特种设备事故，) and the item repeats it with more (发生特种设备事故时，…), trainer-narrowed read 1, T16."""
    while before.endswith("，"):
        clause = before[:-1].rsplit("，", 1)[-1]
        if len(clause) < _SHORTEST_REPEAT or not case.startswith(clause):
            break
        before = before[: -len(clause) - 1]
    return before


def fine_slots(text: str) -> list[tuple[str, str]]:
    """(sentence, fine) of each violation an article fines: a sentence up to the fine's clause (its ；), with no list,
    or a list's lead with each of its items as the case (`case_sentence`). Of a sentence fining two parties (对单位处…；
    对主要负责人处…) each fine is a slot, the first shown in the second's. Sentences after a 前款 or leaning on one
    are left out."""
    slots: list[tuple[str, str]] = []
    lines = _lines(text)
    for at, line in enumerate(lines):
        if _ITEM.match(line):
            continue
        for whole in re.findall(r"[^。]+[。：:]?", line):
            fines = FINE.findall(whole)
            if not fines or len(set(fines)) != len(fines) or re.search(r"前款|本条|依照|前项", whole):
                continue
            if any(whole.count(fine) != 1 for fine in fines):
                continue
            for fined in FINE.finditer(whole):
                cut = whole.find("；", fined.end())
                sentence = whole[:cut] if cut >= 0 else whole  # 处…罚款；有违法所得的，没收违法所得: the fine's clause
                fine = fined.group(1)
                if _LIST_CASE.search(sentence):
                    items = []
                    for following in lines[at + 1 :]:
                        if not _ITEM.match(following):
                            break
                        items.append(following)
                    slots += [(case_sentence(sentence, item), fine) for item in items if "下列" not in item]
                elif "下列" not in sentence:
                    slots.append((sentence.rstrip("。：:"), fine))
    return slots


def graded_slots(text: str) -> list[tuple[str, str, list[str]]]:
    """(sentence, fine, the other items' fines) of each item of a list that grades fines (事故发生单位对事故发生负有责任的，
    依照下列规定处以罚款： (一) a general accident, 10万元以上20万元以下; …): the lead's last sentence, its colon and
    the item. The other grades' fines are wrong for this grade, and the fairest wrong options."""
    lines = _lines(text)
    out: list[tuple[str, str, list[str]]] = []
    for at, line in enumerate(lines):
        if _ITEM.match(line) or not line.endswith(("：", ":")) or FINE.search(line) or "下列" not in line:
            continue
        lead = re.split(r"[。；]", line)[-1]
        items = []
        for following in lines[at + 1 :]:
            if not _ITEM.match(following):
                break
            items.append(_ITEM.sub("", following).rstrip("；;。"))
        fines = [FINE.findall(item) for item in items]
        if len(items) < 2 or any(len(found) != 1 for found in fines):
            continue
        for item, (fine,) in zip(items, fines, strict=True):
            out.append((lead + item, fine, [f for (f,) in fines if f != fine]))
    return out


#: How far a wrong fine's upper bound may stand from the key's: a person's 3万–15万元 beside 50万–100万元 is a company's
#: fine and teaches nothing (managers' blind read 3, T16).
MAGNITUDE = 5
_AMOUNT_BEFORE = r"(?<![\d.一二两三四五六七八九十百千])"


def _figures(fine: str) -> list[str]:
    """The two amounts of a fine range as written: 50万元以上100万元以下 → 50万元, 100万元."""
    low, low_wan, high, high_wan = _BOUNDS.fullmatch(fine).groups()
    return [low + (low_wan or "") + "元", high + (high_wan or "") + "元"]


def in_stem(candidate: str, stem: str) -> bool:
    """Whether an amount of `candidate` stands in `stem` (the company's 50万元 repeated in a person's wrong option)."""
    return any(re.search(_AMOUNT_BEFORE + re.escape(figure), stem) for figure in _figures(candidate))


def fine_distractors(fine: str, article: str, ranges: list[str], rng: random.Random, graded: list[str] = (),
                     stem: str = "") -> list[str]:
    """Three other fine ranges from `ranges` of the same unit, numerals (3万元 beside 5万元, 一万元 beside 五万元: a
    key alone in its script gives itself away) and magnitude (upper bound within `MAGNITUDE` times the key's), no two
    of one value, none stated in `article` (flattened) but the other grades' (`graded`), which come first, and none
    repeating an amount of `stem` (`in_stem`): the wrong options of `single_fine`."""
    low, high, unit = fine_bounds(fine)
    seen = {(low, high)}
    out = []
    for candidate in graded:
        if fine_bounds(candidate)[:2] not in seen and not in_stem(candidate, stem):
            seen.add(fine_bounds(candidate)[:2])
            out.append(candidate)
    rng.shuffle(out)
    first, out = out[:3], []
    for candidate in sorted(set(ranges)):
        c_low, c_high, c_unit = fine_bounds(candidate)
        if (c_unit != unit or candidate[0].isdigit() != fine[0].isdigit() or (c_low, c_high) in seen
                or not high / MAGNITUDE <= c_high <= high * MAGNITUDE or candidate in article or in_stem(candidate, stem)):
            continue
        seen.add((c_low, c_high))
        out.append(candidate)
    rng.shuffle(out)
    return (first + out)[:3]


def corpus_fines(text: str) -> list[str]:
    """Every fine range a text sets (`FINE`)."""
    return FINE.findall(re.sub(r"\s+", "", text))


#: The employer (the mine) fined: 生产经营单位, 用人单位, 煤矿企业, 特种设备使用单位, 事故发生单位.
_EMPLOYERS = ("生产经营单位", "用人单位", "煤矿企业", "煤矿", "使用单位", "事故发生单位")
#: Its leaders and managers, fined beside it (对其直接负责的主管人员…处…).
_LEADERS = ("主要负责人", "安全生产管理人员", "直接负责的主管人员", "其他直接责任人员", "矿长")
#: Words of a third party (an agency, a maker, a carrier, a committee's members) named before the employer.
_THIRD = re.compile(r"机构|委员会|人员|部门|检验|检测|制造|施工|销售|充装|承运|托运|设计|建设单位|服务|医疗|机关")
#: The grade of the accident a fine is set for: 发生重大事故 (not 存在重大事故隐患).
_GRADE = re.compile(r"发生(特别重大|重大|较大|一般)事故")


def fined_party(sentence: str, fine: str) -> str | None:
    """"employer" or "leader": whom `fine` in `sentence` (the stem's text) falls on, where the stem
    names the employer (`_EMPLOYERS`) as the violator, no third party before it; a fine set 对X处 falls on X (对其直接
    负责的主管人员…处: a leader; 对机构处: none). None for a third party's fine or a stem naming nobody (违反本法规定，未进行
    型式试验的: a maker's duty)."""
    clause = re.sub(r"^违反本(?:法|条例|规定|办法)规定，", "", sentence)
    clause = clause[clause.find("发现") + 2:] if "发现" in clause[:40] else clause
    found = [at for at in (clause.find(term) for term in _EMPLOYERS) if at >= 0]
    if not found or _THIRD.search(clause[: min(found)]):
        return None
    target = re.search(r"对([^，；。对]*?)并?处$", clause[: clause.find(fine)])
    if target and any(term in target.group(1) for term in _LEADERS):
        return "leader"
    if target and _THIRD.search(target.group(1)):
        return None
    return "employer"


#: A committee, an agency or an official: a party no enterprise's manager is.
_OFFICIAL = re.compile(r"委员会|组成人员|部门|机关|工作人员")
#: Where the violator's name ends: its act begins (收受, 未, 违反…).
_VIOLATOR = re.compile(r"未|不|违反|收受|利用|在|对|擅自|拒|将|向|玩忽|滥用|徇私|有|为|出具|提供|，")


def official_fine(sentence: str, fine: str) -> bool:
    """Whether `fine` falls on a committee, an agency or an official (职业病诊断鉴定委员会组成人员收受…财物的): its
    violator (the sentence up to its act, `_VIOLATOR`; after a 发现), or the X of 对X处 before the fine, is one (`_OFFICIAL`). Other third
    parties' fines (a maker's 型式试验, an inspection body's) are `relevance.not_a_mines_party`'s to refuse."""
    clause = re.sub(r"^违反本(?:法|条例|规定|办法)规定，", "", sentence)
    target = re.search(r"对([^，；。对]*?)并?处$", clause[: clause.find(fine)])
    if target:
        return bool(_OFFICIAL.search(target.group(1)))
    clause = clause[clause.find("发现") + 2:] if "发现" in clause[:40] else clause
    return bool(_OFFICIAL.search(_VIOLATOR.split(clause, maxsplit=1)[0]))


def _grade(sentence: str) -> str | None:
    found = _GRADE.search(sentence)
    return found.group(1) if found else None


def _pairs(sentence: str) -> set[str]:
    """The character pairs of the violation clause (up to its first 的，), the parties' names taken out."""
    clause = re.sub(r"^违反本(?:法|条例|规定|办法)规定，", "", sentence).split("的，")[0]
    clause = re.sub("|".join(_EMPLOYERS + _LEADERS), "", clause)
    return {clause[at : at + 2] for at in range(len(clause) - 1)}


@lru_cache(maxsize=4)
def _cases(penalties: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str, str, str, str | None, frozenset], ...]:
    """(title, version, fine, party, grade, pairs) of every fine on the employer or its managers in `penalties`."""
    out = []
    for title, version, text in penalties:
        for sentence, fine in fine_slots(text) + [(s, f) for s, f, _ in graded_slots(text)]:
            party = fined_party(sentence, fine)
            if party:
                out.append((title, version, fine, party, _grade(sentence), frozenset(_pairs(sentence))))
    return tuple(out)


def superseded_fine(record, sentence: str, fine: str, penalties) -> bool:  # noqa: ANN001 - ArticleRecord
    """Whether a later document in force (`penalties`: (title, version, text)) sets another fine for the case of
    `sentence`: on the same party (`fined_party`) for the same accident grade (发生重大事故), or for a violation sharing
    60% of its character pairs (`_pairs`). A fine on a party not told (对负有责任的单位: 特种设备安全法 第九十条, a special
    law 安全生产法 第二条 leaves in force) is never superseded."""
    party, grade, pairs = fined_party(sentence, fine), _grade(sentence), _pairs(sentence)
    for title, version, other, other_party, other_grade, other_pairs in _cases(tuple(penalties)):
        if (title == record.title or version <= (record.version or "") or other_party != party
                or fine_bounds(other)[:2] == fine_bounds(fine)[:2]):
            continue
        if (grade and grade == other_grade) or (
                not grade and not other_grade and pairs and len(pairs & other_pairs) >= 0.6 * len(pairs)):
            return True
    return False


@lru_cache(maxsize=8)
def _fines_in(text: str) -> tuple[str, ...]:
    return tuple(corpus_fines(text))


def single_fine(record, pools, seed: str):  # noqa: ANN001 - ArticleRecord, TheoryPools -> GeneratedQuestion | None
    """The fine range of one violation an article fines, with three other ranges (`fine_distractors`): for a run for
    managers only."""
    if current_audience() != MANAGERS:
        return None
    name = "theory.single_fine"
    slots = [(sentence, fine, []) for sentence, fine in fine_slots(record.text)] + graded_slots(record.text)
    if not slots:
        return None
    rng = article_rng(seed, name, record)
    rng.shuffle(slots)
    article = re.sub(r"\s+", "", record.text)
    own = _fines_in(pools.documents.get(record.title, ""))
    for sentence, fine, graded in slots:
        if (official_fine(sentence, fine) or mines_run() and not_a_mines_party(sentence)
                or superseded_fine(record, sentence, fine, pools.penalties)):
            continue
        asked = sentence.replace(fine, BLANK, 1)
        wrong = fine_distractors(fine, article, list(own), rng, graded, asked)
        if len(wrong) < 3:
            wrong = fine_distractors(fine, article, list(own + _fines_in(pools.flat_corpus)), rng, graded, asked)
        if len(wrong) < 3:
            continue
        stem = f"根据《{short_title(record.title)}》{record.label}，" + asked + "。"
        options, answer = choice_options([fine], wrong, rng)
        return article_question(record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
                                {"sentence": sentence, "fine": fine})
    return None
