"""Legal liability for managers (issue 16): the fine a penalty article sets for a violation, asked as a single choice.

Penalty articles (违反本法规定，…的，责令…，处…罚款; the 法律责任 chapters) are no rule anyone follows, so no other
generator asks them (`articles.worth_asking`, `relevance._PENALTY`), yet 管理人员 are examined on them. For a run for
managers (`relevance.MANAGERS`) only, `single_fine` asks the fine range of one violation:

    违反本法规定，特种设备使用单位使用特种设备未按照规定办理使用登记的，责令限期改正；逾期未改正的，责令停止使用有关
    特种设备，处（　　）罚款。   A. 一万元以上十万元以下  B. …

A list article's lead (…有下列行为之一的，…处…罚款) takes one item as its case (`case_sentence`). The wrong options
are fine ranges other penalty articles set (fines beside fines), of the same unit (万元 beside 万元), numerals and magnitude
(an upper bound within ten times the key's), none stated anywhere in the article asked.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from functools import lru_cache

from quiz.bank.text import BLANK
from quiz.generation.relevance import MANAGERS, current_audience
from quiz.generation.theory import article_question, article_rng, choice_options, short_title

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
    → 特种设备使用单位使用…的 (the lead's end mark dropped)."""
    case = _ITEM.sub("", item).rstrip("；;。")
    return _LIST_CASE.sub(lambda _: case, lead, count=1).rstrip("：:。；;")


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
    依照下列规定处以罚款： (一)发生一般事故的，处10万元以上20万元以下的罚款；…): the lead's last sentence, its colon and
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


def fine_distractors(fine: str, article: str, ranges: list[str], rng: random.Random, graded: list[str] = ()) -> list[str]:
    """Three other fine ranges from `ranges` of the same unit, numerals (3万元 beside 5万元, 一万元 beside 五万元: a
    key alone in its script gives itself away) and magnitude (upper bound within ten times the key's), no two of one
    value, none stated in `article` (flattened) but the other grades' (`graded`), which come first: the wrong
    options of `single_fine`."""
    low, high, unit = fine_bounds(fine)
    seen = {(low, high)}
    out = []
    for candidate in graded:
        if fine_bounds(candidate)[:2] not in seen:
            seen.add(fine_bounds(candidate)[:2])
            out.append(candidate)
    rng.shuffle(out)
    first, out = out[:3], []
    for candidate in sorted(set(ranges)):
        c_low, c_high, c_unit = fine_bounds(candidate)
        if (c_unit != unit or candidate[0].isdigit() != fine[0].isdigit() or (c_low, c_high) in seen
                or not high / 10 <= c_high <= high * 10 or candidate in article):
            continue
        seen.add((c_low, c_high))
        out.append(candidate)
    rng.shuffle(out)
    return (first + out)[:3]


def corpus_fines(text: str) -> list[str]:
    """Every fine range a text sets (`FINE`)."""
    return FINE.findall(re.sub(r"\s+", "", text))


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
        wrong = fine_distractors(fine, article, list(own), rng, graded)
        if len(wrong) < 3:
            wrong = fine_distractors(fine, article, list(own + _fines_in(pools.flat_corpus)), rng, graded)
        if len(wrong) < 3:
            continue
        stem = f"根据《{short_title(record.title)}》{record.label}，" + sentence.replace(fine, BLANK, 1) + "。"
        options, answer = choice_options([fine], wrong, rng)
        return article_question(record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
                                {"sentence": sentence, "fine": fine})
    return None
