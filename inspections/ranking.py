"""Which articles a hidden-danger finding violates, ranked for a safety officer.

Takes the knowledge base's public search (kb.knowledge_base(app).search) and reorders its
hits by what an inspection ledger needs, in this order:

1. Only rules can be violated: documents the corpus says have no force (corpus.documents.has_force:
   case write-ups, news/notices) are left out, and so are clauses that state a purpose, a scope,
   a closing line or a penalty (a penalty article is what follows a violation, not what was violated).
2. Current versions first. An article of a superseded or repealed document is never first:
   it is listed apart (``older``) for reference only, and chosen only by hand.
3. Normative wording is preferred: an article saying 必须, 严禁, 不得, 应当 or 禁止 has its
   search score multiplied by ``NORMATIVE_BOOST``.
4. Standards (GB, AQ, MT … numbered documents) are listed apart from regulations; the
   suggested 依据 is the first regulation, or the first standard when no regulation matched.
5. The finding's wording is matched sentence by sentence against each article (``alignment``):
   what it is about — the kind of place it names (采煤工作面, not 1305) and what went wrong —
   against the article's rule; a short rule the finding restates whole (严禁裸露爆破) beats a long
   one sharing a few words; an item of a normative list (有下列情况之一的，严禁…：（五）风量不足)
   counts as normative; and a value the finding reports (甲烷浓度1.2%) favours the sentence whose
   limit it breaks (达到1.0%时，必须停止…) over one that only names the same thing.
6. A rule for a kind of mine the finding does not name — a document or an article whose lead
   says 突出矿井, 冲击地压 or 露天煤矿 — counts at ``NARROWER``: "回风巷甲烷传感器吊挂位置…" breaks the
   规程's sensor rule, not the 突出 mine's ventilation system that also places a sensor.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from corpus.documents import has_force

NORMATIVE = re.compile(r"必须|严禁|不得|应当|禁止")
NORMATIVE_BOOST = 1.3
# A technical standard is named by its number: GB 6441-2025, GB/T 13861, AQ 1029, MT/T 1131.
STANDARD_TITLE = re.compile(r"(?<![A-Za-z])(?:GBZ|GB|AQ|MT|DB\d{0,6})\s*(?:/\s*[TZ])?\s*\d{2,}")
# Clauses nobody violates: purpose (为…制定本规定), scope (本规定适用于), closing (起施行, 负责解释),
# a list of what counts as 严重“三违” (之一的，属于), and the consequence of a violation (按…处理, 罚款, 追究责任, 处分).
NOT_VIOLATED = re.compile(
    r"^[^\n]{0,80}制定本[\u4e00-\u9fff]{0,6}[。.]?\s*$|^本[\u4e00-\u9fff]{0,6}适用于|起施行|负责解释"
    r"|之一的，属于|^违反本[\u4e00-\u9fff]{0,6}的|按照?[^。；\n]{0,24}处理|罚款|追究[^。；\n]{0,8}责任|给予[^。；\n]{0,12}处分"
)
# A finding and the rule it breaks share wording: "带电检修…开关" and "检修井下电气设备必须先停电，
# 不准带电作业". The share of the finding's character pairs found in the article's best sentence
# (a normative sentence counts in full, another at NON_NORMATIVE_SENTENCE) weighs ALIGNMENT
# against the search score scaled to the best hit.
ALIGNMENT = 0.75
NON_NORMATIVE_SENTENCE = 0.6
SENTENCE = re.compile(r"[。；;！!\n]")
NORMATIVE_SENTENCE = re.compile(r"必须|严禁|不得|应当|禁止|不准|不能|要|方可|方准|至少|不少于")
# Words of a finding that say something is missing or wrong, not what it is about.
FINDING_NOISE = re.compile(r"[未无没有不被的了在和与及或将即仍也已个名\d\sA-Za-z%.，、“”\"'（）()：:]+")
# A notebook line often starts with where it was seen: "3102回风巷…", "采区变电所馈电开关…".
# The place is kept as the finding's site; the words after it are what was wrong.
PLACE = re.compile(
    r"^\s*(?P<site>[0-9A-Za-z#\-]*[\u4e00-\u9fff0-9#]{0,6}?"
    r"(?:工作面|顺槽|回风巷|运输巷|轨道巷|大巷|石门|上山|下山|车场|变电所|配电点|硐室|井口|井底|绞车房|泵房|联络巷|巷))"
    r"(?:处(?!理)|内|中|的)?[，,\s]*"
)
# Words written two ways in notebooks and rules, read as one for the wording match.
SAME_WORDS = (("瓦斯浓度", "甲烷浓度"),)
# A short rule restated whole: the share of the sentence's own pairs the finding holds, weighed by
# PRECISION against the share of the finding the sentence holds.
PRECISION = 0.8
CLAUSE = re.compile(r"[，,：:]")
# The pairs of the normative words themselves say nothing about what a rule is about.
NORMATIVE_PAIRS = frozenset({"严禁", "必须", "不得", "应当", "禁止", "不准", "不能", "方可", "方准", "至少", "不少"})
# A list of cases under a normative lead-in: "有下列情况之一的，严禁装药、爆破：" then （一）… (1.…).
LIST_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])")
# A value with its unit: 1.2%, 8‰, 30min, 0.5m/s. The article's sentence states the limit after
# words saying which side breaks it.
VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*(%|‰|m/s|mm|m|min|h|MPa|kV|V|℃)")
LIMIT = re.compile(r"(达到|超过|大于|高于|不得超过|不超过|不应超过|不得大于|不大于|不得小于|不小于|不得低于|不低于|"
                   r"不少于|不得少于|至少)\s*(?:或者超过)?\s*(\d+(?:\.\d+)?)\s*(%|‰|m/s|mm|m|min|h|MPa|kV|V|℃)")
AT_LEAST = ("达到", "超过", "大于", "高于")  # the limit is broken at or above it
AT_MOST = ("不得超过", "不超过", "不应超过", "不得大于", "不大于")  # broken above it
NOT_BELOW = ("不得小于", "不小于", "不得低于", "不低于", "不少于", "不得少于", "至少")  # broken below it
LIMIT_BOOST = 0.5
PLACE_WEIGHT = 1.0  # a sentence whose limit the finding's value breaks: its share × (1 + LIMIT_BOOST)
# Kinds of mine (or of seam) a rule may be written for alone: the words that say so in a title or
# an article's lead, and the words by which a finding says it is about that kind.
SPECIAL_KINDS = (
    (re.compile(r"煤与瓦斯突出|突出矿井|突出煤|突出危险|防突"), ("突出", "防突")),
    (re.compile(r"冲击地压"), ("冲击地压", "防冲")),
    (re.compile(r"露天煤矿|露天矿"), ("露天",)),
)
LEAD = re.compile(r"[。；;：:\n]")
NARROWER = 0.5
CANDIDATES = 40
SHOWN = 5
EXCERPT = 160


class SearchesArticles(Protocol):
    """The part of kb's KnowledgeBase this module uses: search(q, per_page=…) -> results with .hits."""

    def search(self, q: str, doc_type: str | None = None, status: str | None = None,
               page: int = 1, per_page: int = 10): ...  # noqa: ANN201, E704


@dataclass(frozen=True)
class Basis:
    """One article a finding may violate (a snapshot: the ledger keeps it if the library changes)."""

    article_id: int
    citation: str  # 《title》第N条
    title: str
    article: str
    status: str  # current / superseded / repealed
    status_label: str
    doc_type: str
    excerpt: str
    normative: bool
    standard: bool
    score: float


@dataclass(frozen=True)
class Ranked:
    """The ranked candidates of one finding."""

    regulations: tuple[Basis, ...]  # current laws, rules, mine rules — the first is the suggestion
    standards: tuple[Basis, ...]  # current technical standards
    older: tuple[Basis, ...]  # superseded or repealed: for reference only, never suggested

    @property
    def suggested(self) -> Basis | None:
        """The 依据 proposed for the finding: never an old version."""
        if self.regulations:
            return self.regulations[0]
        return self.standards[0] if self.standards else None

    def all(self) -> tuple[Basis, ...]:
        """Every candidate, in the order the edit page lists them."""
        return self.regulations + self.standards + self.older


def is_standard(title: str) -> bool:
    """True for a numbered technical standard (GB, GB/T, AQ, MT …)."""
    return bool(STANDARD_TITLE.search(title))


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _same_words(text: str) -> str:
    for variant, usual in SAME_WORDS:
        text = text.replace(variant, usual)
    return text


def _pairs(text: str, sizes: tuple[int, ...] = (2, 3)) -> set[str]:
    """Character pairs and triples of the wording (the noise of 未, 无, numbers … split it)."""
    grams: set[str] = set()
    for run in FINDING_NOISE.split(_same_words(text)):
        for size in sizes:
            grams.update(run[i : i + size] for i in range(len(run) - size + 1))
    return grams


def sentences(article_text: str) -> list[tuple[str, bool]]:
    """The article's sentences, each with whether it is normative: its own wording says so, or it
    is an item of a list whose lead-in does (…之一的，严禁装药、爆破：（五）采掘工作面风量不足)."""
    found: list[tuple[str, bool]] = []
    lead = False
    for sentence in SENTENCE.split(article_text):
        if not sentence.strip():
            continue
        normative = bool(NORMATIVE_SENTENCE.search(sentence))
        if LIST_ITEM.match(sentence):
            normative = normative or lead
        else:
            lead = normative and sentence.rstrip().endswith(("：", ":"))
        found.append((sentence, normative))
    return found


def breaks_limit(finding: str, sentence: str) -> bool:
    """Whether a value the finding reports breaks a limit the sentence sets in the same unit
    (1.2% against 达到1.0%, 8‰ against 大于7‰, 20min against 至少30min)."""
    values = [(float(v), unit) for v, unit in VALUE.findall(finding.replace("％", "%"))]
    if not values:
        return False
    for side, limit, unit in LIMIT.findall(sentence.replace("％", "%")):
        bound = float(limit)
        for value, have in values:
            if have != unit:
                continue
            if ((side in AT_LEAST and value >= bound) or (side in AT_MOST and value > bound)
                    or (side in NOT_BELOW and value < bound)):
                return True
    return False


def restated(sentence: str, finding_pairs: set[str]) -> float:
    """0–1: how much of the sentence's best clause (split at ，：) the finding restates, by the
    clause's own character pairs (the pairs of 严禁, 必须 … left out)."""
    best = 0.0
    for clause in CLAUSE.split(sentence):
        own = _pairs(clause, (2,)) - NORMATIVE_PAIRS
        if own:
            best = max(best, len(own & finding_pairs) / len(own))
    return best


def alignment(wanted: dict[str, float], article_text: str, finding: str = "") -> float:
    """The finding's wording (`wanted`: gram → weight) against the article's best sentence: the
    weighted share of it the sentence holds, raised by the share of the sentence's own pairs the
    finding holds (a short rule restated whole) and by a limit the finding's value breaks;
    a sentence that is not normative counts at NON_NORMATIVE_SENTENCE."""
    total = sum(wanted.values())
    if not total:
        return 0.0
    mine = _pairs(finding, (2,)) if finding else {g for g in wanted if len(g) == 2}
    best = 0.0
    for sentence, normative in sentences(article_text):
        grams = _pairs(sentence)
        share = sum(w for g, w in wanted.items() if g in grams) / total
        share *= 1 + PRECISION * restated(sentence, mine)
        if finding and breaks_limit(finding, sentence):
            share *= 1 + LIMIT_BOOST
        if not normative:
            share *= NON_NORMATIVE_SENTENCE
        best = max(best, share)
    return best


def finding_weights(finding: str, texts: list[str]) -> dict[str, float]:
    """The finding's grams weighted by rarity among the candidate articles (a local IDF): a
    pair every candidate holds (工作, 作业) says little, 裸露 or 约时 says much. The grams of the
    place it starts with (采煤工作面) count at PLACE_WEIGHT: where it was seen matters less than
    what was wrong."""
    site, rest = split_site(finding)
    grams = _pairs(finding)
    own = _pairs(rest)
    held = [_pairs(t) for t in texts]
    n = len(held) or 1
    return {g: math.log(1 + n / (1 + sum(g in h for h in held))) * (1.0 if g in own or not site else PLACE_WEIGHT)
            for g in grams}


def split_site(finding: str) -> tuple[str, str]:
    """(site, what was wrong) of a notebook line: "3102回风巷甲烷传感器…" → ("3102回风巷", "甲烷传感器…");
    ("", finding) when it does not start with a place."""
    text = " ".join(finding.split())
    match = PLACE.match(text)
    if match is None or len(text) - match.end() < 4:
        return "", text
    return match.group("site"), text[match.end():]


def subject(finding: str) -> str:
    """What a notebook line is about, for the search and the wording match: the kind of place it
    starts with (采煤工作面, 回风巷 — not the number 1305 or 3102) and what was wrong there."""
    site, rest = split_site(finding)
    return re.sub(r"^[0-9A-Za-z#\-]+", "", site) + rest


def narrower(title: str, article_text: str, finding: str) -> bool:
    """Whether the rule is written for a kind of mine the finding does not name: the document's
    title or the article's lead (up to its first 。：) says 突出矿井, 冲击地压 …, the finding not."""
    lead = title + " " + LEAD.split(article_text.strip(), maxsplit=1)[0]
    return any(kind.search(lead) and not any(w in finding for w in named) for kind, named in SPECIAL_KINDS)


def rank(kb: SearchesArticles, finding: str, shown: int = SHOWN) -> Ranked:
    """The articles `finding` most likely violates (see the module docstring for the order)."""
    text = subject(finding) if split_site(finding)[1] else ""
    if not text:
        return Ranked((), (), ())
    results = kb.search(text, per_page=CANDIDATES)
    found: list[Basis] = []
    seen: set[int] = set()
    top = max((hit.score for hit in results.hits), default=0.0) or 1.0
    wanted = finding_weights(text, [hit.text for hit in results.hits])
    for hit in results.hits:
        if not has_force(hit.doc_type) or NOT_VIOLATED.search(hit.text) or not hit.article or hit.article_id in seen:
            continue
        seen.add(hit.article_id)
        normative = bool(NORMATIVE.search(hit.text))
        found.append(
            Basis(
                article_id=hit.article_id,
                citation=str(hit.citation),
                title=hit.title,
                article=hit.article,
                status=hit.status,
                status_label=hit.status_label,
                doc_type=hit.doc_type,
                excerpt=_excerpt(hit.text),
                normative=normative,
                standard=is_standard(hit.title),
                score=round(
                    ((1 - ALIGNMENT) * hit.score / top + ALIGNMENT * alignment(wanted, hit.text, text))
                    * (NORMATIVE_BOOST if normative else 1.0)
                    * (NARROWER if narrower(hit.title, hit.text, text) else 1.0),
                    4,
                ),
            )
        )
    found.sort(key=lambda b: -b.score)
    current = [b for b in found if b.status == "current"]
    return Ranked(
        regulations=tuple(b for b in current if not b.standard)[:shown],
        standards=tuple(b for b in current if b.standard)[:shown],
        older=tuple(b for b in found if b.status != "current")[:shown],
    )
