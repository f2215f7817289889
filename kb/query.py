"""Tolerant query building: user text → a plan of weighted terms, never Whoosh syntax.

Raw input is never handed to Whoosh's parser, so quotes, brackets, AND, * or a
500-character paste cannot fail. The text is normalised and cut by the same analyzer
as the documents; each word becomes a concept whose synonyms (kb/data/synonyms.txt)
are searched at lower weight. Quantities said the worker's way (瓦斯一点五, 一个点, 一米二) are read as
the rules write them first (kb.quantities: 1.5, 1%, 1.2米). Article references such as 安全生产法第五十五条 or
《煤矿安全培训规定》第35条 are recognised so the article can be shown first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from whoosh.query import NullQuery, Or, Query, Term

from corpus.numerals import parse_chinese_number, to_chinese_number
from kb.analysis import normalize, segment, stopwords, synonyms
from kb.clauses import question_cues
from kb.quantities import written_quantities

MAX_QUERY_CHARS = 500
MAX_CONCEPTS = 24
MAX_ALTERNATIVES = 4

FIELD = "body"  # title, chapter path and text of an article (kb.indexing.make_schema)

_NUMERAL = r"[0-9零〇一二两三四五六七八九十百千]+"
_TITLE_END = r"(?:法|条例|规定|规程|细则|办法|标准|解释|决定|制度|准则|规则|通知)"
_REF = re.compile(
    rf"(?:《(?P<quoted>[^《》]{{1,60}})》|(?P<bare>[\u4e00-\u9fffA-Za-z0-9（）()、]{{2,60}}?{_TITLE_END}))"
    rf"\s*(?:的)?\s*第?\s*(?P<num>{_NUMERAL})\s*条"
)
# What kind of answer the question wants; articles holding such an answer get a small bonus.
_ASKS_DURATION = re.compile(
    r"多久|多长时间|多少天|几天|几个月|几年|多少年|期限|何时|什么时候|啥时候|多少小时|几个小时|学时|多少日"
)
_ASKS_DISTANCE = re.compile(r"多远|多近|多深|多高|多宽|多厚|几米|多少米|多少公里|距离多少|隔多少")
_ASKS_QUANTITY = re.compile(r"多少|几|多大|多高|多远|多长|多深|百分之|浓度")
DURATION = re.compile(r"[0-9零一二两三四五六七八九十百]+\s*(?:个)?(?:日|天|小时|个月|月|年|周|学时|分钟)|日内|年内")
QUANTITY = re.compile(
    r"[0-9零一二两三四五六七八九十百千万]+(?:\.\d+)?\s*(?:%|％|m|米|人|元|次|倍|分|℃|ppm|吨|公斤|千克|mm|km|米/秒|m/s|以上|以下)"
)
DISTANCE = re.compile(
    r"[0-9零一二两三四五六七八九十百千]+(?:\.\d+)?\s*(?:m|米|km|公里|mm|毫米|cm|厘米)(?![a-zA-Z0-9/³3])"
)
# An option letter: A. / B、 / C: / (D) / E) at the start or after a space or punctuation.
_OPTION_LETTER = re.compile(r"(?:(?<=^)|(?<=[\s。，；？?！!）)]))[(（]?[A-Ha-h]\s*[.．、:：)）]")
# Query-syntax words of search engines (Whoosh, Lucene): typed in capitals on their own, alone or
# run together (瓦斯 AND OR NOT TO, ANDNOT), they are not words of the question. Symbols are
# dropped by the analyzer already.
_SYNTAX_WORDS = re.compile(r"(?<![A-Za-z0-9])(?:ANDMAYBE|ANDNOT|AND|OR|NOT|TO)+(?![A-Za-z0-9])")
_OLD_VERSION = re.compile(r"旧版|老版|原版|废止|已废|失效|作废|被取代|历史版本|(?:19|20)\d\d\s*版|(?:19|20)\d\d\s*年版")


# First match wins: 多远 asks for a distance, not just any number.
_ASKS = (("duration", _ASKS_DURATION), ("distance", _ASKS_DISTANCE), ("quantity", _ASKS_QUANTITY))

# A question that names its unit (几年, 多少伏, 查几回) wants a number in that unit, not just
# any number: 有效期六年 answers 几年, 六十日前 does not. Asked word → the units rules write.
_NUMBER = r"[0-9零〇一二两三四五六七八九十百千万]+(?:\.\d+)?\s*"
_UNITS = (
    (r"年", r"年|周年"),
    (r"个?月", r"个月|月"),
    (r"天|日", r"日|天|个工作日"),
    (r"个?(?:小时|钟头)", r"小时|h(?![a-zA-Z])"),
    (r"分钟", r"分钟|min"),
    (r"秒", r"秒|s(?![a-zA-Z])"),
    (r"学时|课时", r"学时"),
    (r"岁", r"周岁|岁"),
    (r"米|m(?![a-zA-Z])", r"m(?![a-zA-Z³3/])|米"),
    (r"公里", r"km|公里"),
    (r"伏", r"V(?![a-zA-Z])|伏"),
    (r"度", r"℃|°|度"),
    (r"次|回|遍", r"次"),
    (r"个?人|名", r"人|名"),
    (r"元|块钱|块", r"元"),
    (r"倍", r"倍"),
    (r"吨", r"t(?![a-zA-Z])|吨"),
    (r"分贝", r"dB"),
)
_ASKED_UNIT = re.compile(
    r"(?:几|多少|多长|多大|多高|好多)(" + "|".join(f"(?:{asked})" for asked, _ in _UNITS) + ")",
    re.IGNORECASE,
)


def asked_unit_pattern(text: str) -> re.Pattern[str] | None:
    """The pattern of a number in the unit the question names (几年 → 六年, 3年), or None."""
    match = _ASKED_UNIT.search(text)
    if not match:
        return None
    for asked, written in _UNITS:
        if re.fullmatch(asked, match.group(1), re.IGNORECASE):
            return _unit_pattern(written)
    return None


@lru_cache(maxsize=64)
def _unit_pattern(written: str) -> re.Pattern[str]:
    return re.compile(f"{_NUMBER}(?:{written})")


@dataclass(frozen=True)
class ArticleRef:
    """A reference to a numbered article: document title as typed, article number."""

    title: str
    number: int


@dataclass(frozen=True)
class Concept:
    """One query word, with the synonyms searched in its place at lower weight."""

    term: str
    weight: float
    alternatives: tuple[tuple[str, float], ...] = ()
    maximal: bool = True  # False for sub-words yielded inside a longer word
    retrieve: bool = True  # False: too common to fetch candidates with; still counts in reranking
    start: int = 0
    end: int = 0

    def surface_forms(self) -> tuple[str, ...]:
        """The term and its alternatives, for highlighting and coverage."""
        return (self.term, *(alt for alt, _ in self.alternatives))


@dataclass(frozen=True)
class QueryPlan:
    """Everything the searcher needs from the user's text."""

    raw: str
    text: str  # normalised, truncated
    concepts: tuple[Concept, ...]
    ref: ArticleRef | None = None
    wants_old: bool = False
    answer_type: str = ""  # "duration", "distance", "quantity" or ""
    unit_pattern: re.Pattern[str] | None = None  # a number in the unit asked for (几年, 多少伏)
    extra_terms: tuple[tuple[str, float], ...] = field(default=())  # typo corrections
    cues: frozenset[str] = frozenset()  # what the question asks for (kb.clauses.question_cues)

    @property
    def empty(self) -> bool:
        """True when nothing searchable is left (only punctuation or stop words)."""
        return not self.concepts and self.ref is None

    def highlight_terms(self) -> tuple[str, ...]:
        """Every string worth marking in a snippet, longest first."""
        words = {form for c in self.concepts for form in c.surface_forms()}
        words.update(t for t, _ in self.extra_terms)
        return tuple(sorted((w for w in words if w), key=len, reverse=True))

    def answer_pattern(self) -> re.Pattern[str] | None:
        """The pattern an answering sentence is likely to contain."""
        if self.unit_pattern is not None:
            return self.unit_pattern
        return {"duration": DURATION, "distance": DISTANCE, "quantity": QUANTITY}.get(self.answer_type)


def chinese_number(text: str) -> int | None:
    """Parse 55, 五十五, 一百零七 into an int; None when it is not a number."""
    try:
        return parse_chinese_number(text)
    except ValueError:
        return None


def find_reference(text: str) -> tuple[ArticleRef | None, str]:
    """Detect an article reference; return it and the text with the reference removed."""
    match = _REF.search(text)
    if not match:
        return None, text
    number = chinese_number(match.group("num"))
    title = (match.group("quoted") or match.group("bare") or "").strip()
    if not number or not title:
        return None, text
    rest = (text[: match.start()] + " " + text[match.end() :]).strip()
    return ArticleRef(title=title, number=number), rest


def strip_option_letters(text: str) -> str:
    """An exam question pasted with its options (…（ ）。A.一般事故 B.较大事故): the option
    texts stay, their letters go. A lone A or B is the rarest "word" in a library of
    Chinese rules and would otherwise fetch articles that happen to number items a), b)."""
    return _OPTION_LETTER.sub(" ", text)


def strip_syntax_words(text: str) -> str:
    """AND, OR, NOT, TO typed as search-engine operators go: nothing is searched for them, and
    they count neither as words the library lacks (kb.relevance's floor, ask's confidence)."""
    return _SYNTAX_WORDS.sub(" ", text)


def plan_query(raw: str) -> QueryPlan:
    """Turn any user input into a QueryPlan; never raises on odd input."""
    raw = raw or ""
    text = written_quantities(normalize(raw[:MAX_QUERY_CHARS]).strip())
    ref, rest = find_reference(text)
    rest = strip_syntax_words(strip_option_letters(rest))
    concepts = _concepts(rest)
    answer_type = next((kind for kind, asks in _ASKS if asks.search(rest)), "")
    return QueryPlan(
        raw=raw,
        text=text,
        concepts=concepts,
        ref=ref,
        wants_old=bool(_OLD_VERSION.search(text)),
        answer_type=answer_type,
        unit_pattern=asked_unit_pattern(rest) if answer_type else None,
        cues=question_cues(rest),
    )


_CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
NUMERAL_WEIGHT = 0.9
_SMALL_NUMBER = re.compile(r"(?<![0-9.])[1-9][0-9]?(?![0-9.])")  # ages, days, months: not 1.5 or 2025


def numeral_forms(word: str) -> tuple[tuple[str, float], ...]:
    """Other ways of writing a whole number: workers type 18 and 30, laws write 十八 and 三十;
    workers type 瓦斯到1%, rules write 1.0%."""
    if word.isdigit() and 0 < int(word) < 10000:
        forms = [(to_chinese_number(int(word)), NUMERAL_WEIGHT)]
        if int(word) < 100:
            forms.append((f"{int(word)}.0", NUMERAL_WEIGHT))
        return tuple(forms)
    if len(word) > 1 and _CHINESE_NUMERAL.fullmatch(word) and (number := chinese_number(word)):
        return ((str(number), NUMERAL_WEIGHT),)
    return ()


def _concepts(text: str) -> tuple[Concept, ...]:
    stops = stopwords()
    table = synonyms()
    spans = [(w.lower(), s, e) for w, s, e in segment(text)]
    spans = [(w, s, e) for w, s, e in spans if w not in stops]
    seen: dict[str, Concept] = {}
    for word, start, end in spans:
        if word in seen:
            continue
        maximal = not any(s <= start and end <= e and (e - s) > (end - start) for _, s, e in spans)
        alternatives = tuple((alt, w) for alt, w in table.expand(word) if alt != word) + numeral_forms(word)
        seen[word] = Concept(word, 1.0, alternatives, maximal, start=start, end=end)
    # 不满18岁: synonym phrases are written with Chinese numerals (不满十八岁 → 未成年人), and a
    # number is a word of its own, so the phrase is looked up in the text with them too.
    for word, start, end, expanded in _numeral_phrases(text, seen):
        seen[word] = Concept(word, 1.0, tuple((a, w) for a, w in expanded if a != word), True, start=start, end=end)
        # …and the words it is read from (不满, 18, 岁) are parts of it, as 瓦斯 is of 瓦斯超限:
        # one thing asked about counts once, not once per overlapping piece.
        for other in list(seen.values()):
            if other.maximal and other.term != word and start <= other.start and other.end <= end:
                seen[other.term] = replace(other, maximal=False)
    concepts = list(seen.values())
    if len(concepts) > MAX_CONCEPTS:
        # A pasted paragraph: keep the longest words, which carry the most meaning.
        keep = sorted(concepts, key=lambda c: (-len(c.term), c.start))[:MAX_CONCEPTS]
        concepts = [c for c in concepts if c in keep]
    return tuple(concepts)


def _numeral_phrases(text: str, seen: dict[str, Concept]) -> list[tuple[str, int, int, tuple[tuple[str, float], ...]]]:
    """Synonym phrases read from `text` with its small numbers in Chinese numerals (不满18岁 →
    不满十八岁), as (phrase, start, end in `text`, alternatives). Where phrases overlap (十八岁,
    不满十八, 不满十八岁 in 不满18岁), only the longest is kept: they all name one thing, and
    each would count it again."""
    if not _SMALL_NUMBER.search(text):
        return []
    starts: list[int] = []  # where each character of the variant comes from in `text`
    ends: list[int] = []
    pieces: list[str] = []
    position = 0
    for match in _SMALL_NUMBER.finditer(text):
        pieces.append(text[position : match.start()])
        starts.extend(range(position, match.start()))
        ends.extend(range(position + 1, match.start() + 1))
        numeral = to_chinese_number(int(match.group(0)))
        pieces.append(numeral)
        starts.extend([match.start()] * len(numeral))
        ends.extend([match.end()] * len(numeral))
        position = match.end()
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    table = synonyms()
    found = []
    for word, start, end in segment("".join(pieces)):
        word = word.lower()
        if word not in seen and _CHINESE_NUMERAL.search(word) and (expanded := table.expand(word)):
            found.append((word, starts[start], ends[end - 1], expanded))
    kept: list[tuple[str, int, int, tuple[tuple[str, float], ...]]] = []
    for phrase in sorted(found, key=lambda p: (p[1] - p[2], p[1])):  # longest first
        if all(phrase[2] <= other[1] or other[2] <= phrase[1] for other in kept):
            kept.append(phrase)
    return kept


def query_terms(plan: QueryPlan) -> list[tuple[str, float]]:
    """The weighted words that fetch candidates: words, then their synonyms, then typo fixes.

    Every backend searches an Or of these over the body field (kb.search, kb.pgsearch)."""
    found: list[tuple[str, float]] = []
    for concept in plan.concepts:
        # A word too common to fetch with still brings its (rarer, formal) synonyms along.
        if concept.retrieve:
            found.append((concept.term, concept.weight))
        for alt, weight in concept.alternatives[:MAX_ALTERNATIVES]:
            found.append((alt, concept.weight * weight))
    found.extend(plan.extra_terms)
    return found


def build_query(plan: QueryPlan) -> Query:
    """An Or of weighted Term queries over the body field (Whoosh)."""
    clauses = [Term(FIELD, term, boost=weight) for term, weight in query_terms(plan)]
    if not clauses:
        return NullQuery
    return Or(clauses)
