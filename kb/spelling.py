"""Typo tolerance and "did you mean" (您是不是要找) from the index's own vocabulary.

Most typos in Chinese input are one wrong character, usually a homophone picked from
the pinyin input method (瓦思 for 瓦斯, 报破 for 爆破, 公伤 for 工伤). The segmenter
then falls apart into single characters there, or keeps a word no article contains. We
look at short windows of the query around such characters and at unknown words and, when
a window is not an indexed word, look for indexed words of the same length that differ by
exactly one character. A candidate that sounds the same wins (pypinyin readings, all of
a character's readings counted, then the usual dialect confusions zh/z, n/l, ang/an …);
one that does not is taken only for a domain word (a slip of the finger in 冒顶片帮),
never for an everyday word (快戴 is not 快速).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from pypinyin import Style, lazy_pinyin, pinyin
from whoosh.searching import Searcher

from kb.analysis import dictionary_words, segment, segmenter, stopwords, synonyms

MIN_DF = 2
MAX_QUERY_CHARS = 24  # longer input is quoted text, not a hurried question
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万0123456789")
# Function words and negations that are never typos for part of a word (了 beside 危险 is not
# 危险源; 没 before 培训 is not 再培训).
PARTICLES = frozenset(
    "的了着过吗呢吧啊呀嘛么哦是在和与及或而并也还就都又被把给对向从于由为以之其该此这那个些我你他她它咱俺请让会能可要得地没不未别"
)
MAX_WORD = 5  # 停工留薪期, 防隔水煤柱
SPAN_SIZES = (5, 4, 3)  # any stretch of the question this long may hide a domain word
# Sounds that speakers of many dialects (and their typing) do not tell apart.
FUZZY_SOUNDS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ang", "an"), ("eng", "en"), ("ing", "in"), ("n", "l"))
SAME_SOUND, NEAR_SOUND, OTHER_SOUND = 2, 1, 0
LONG_WORD = 4
PIECES, WHOLE, SPAN = 0, 1, 2  # where a typo window came from (corrections)
MAX_CONTEXT_CHECKS = 5
MIN_SUPPORT = 1  # articles holding the corrected word and another word of the question
# A real word is replaced only when the other reads far more often beside the question's words.
REAL_WORD_RATIO, REAL_WORD_MIN = 3, 3


@cache
def reading(char: str) -> str:
    """The usual toneless pinyin of a character, the one an input method offers it for
    (长 → chang); "" for anything but hanzi."""
    if not "\u3400" <= char <= "\u9fff":
        return ""
    return pinyin(char, style=Style.NORMAL)[0][0]


@cache
def word_readings(word: str) -> tuple[str, ...]:
    """Toneless pinyin of each character of a word, read as a phrase (爆破 → bao po)."""
    return tuple(lazy_pinyin(word, style=Style.NORMAL))


def _fuzzy(syllable: str) -> str:
    for a, b in FUZZY_SOUNDS:
        if a in ("zh", "ch", "sh"):
            syllable = b + syllable[2:] if syllable.startswith(a) else syllable
        elif a == "n":  # initial n/l only
            syllable = "l" + syllable[1:] if syllable.startswith("n") and not syllable.startswith("ng") else syllable
        elif syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
    return syllable


def sound_similarity(typed: str, word: str, i: int) -> int:
    """How alike the typed character sounds to character `i` of `word` as read in that word:
    SAME_SOUND, NEAR_SOUND (after the dialect confusions) or OTHER_SOUND."""
    phrase = word_readings(word)
    # lazy_pinyin keeps a run of letters or digits as one item (CO2): read such words by character.
    a, b = reading(typed), phrase[i] if len(phrase) == len(word) else reading(word[i])
    if not a:
        return OTHER_SOUND
    if a == b:
        return SAME_SOUND
    return NEAR_SOUND if _fuzzy(a) == _fuzzy(b) else OTHER_SOUND


@dataclass(frozen=True)
class Correction:
    """Replace text[start:end] (the typo) by `word`."""

    start: int
    end: int
    typo: str
    word: str
    df: int


class Vocabulary:
    """Indexed words of 2–5 characters that are dictionary words, keyed by one-character wildcards."""

    def __init__(self, df: dict[str, int], domain: frozenset[str]) -> None:
        self.df = df
        self.domain = domain
        self.by_pattern: dict[str, list[str]] = defaultdict(list)
        for word in df:
            for i in range(len(word)):
                self.by_pattern[word[:i] + "?" + word[i + 1 :]].append(word)

    @classmethod
    def from_index(cls, searcher: Searcher, fieldname: str = "body") -> Vocabulary:
        """The words of a Whoosh index that the segmenter or the domain dictionary knows."""
        return cls.from_terms(
            (btext.decode("utf-8") if isinstance(btext, bytes) else btext, info.doc_frequency())
            for btext, info in searcher.reader().iter_field(fieldname)
        )

    @classmethod
    def from_terms(cls, pairs: Iterable[tuple[str, int]]) -> Vocabulary:
        """The indexed words (word, document frequency) that the segmenter or the domain dictionary knows."""
        known = segmenter().FREQ
        domain = dictionary_words()
        df: dict[str, int] = {}
        for word, count in pairs:
            if not 2 <= len(word) <= MAX_WORD:
                continue
            in_domain = word in domain
            if count >= (1 if in_domain else MIN_DF) and (known.get(word) or in_domain):
                df[word] = count
        # The team's colloquial words (局扇, 猴车) are no article's words, but a slip of one is
        # still worth repairing: its synonyms carry it to the rules.
        for word in domain:
            if 2 <= len(word) <= MAX_WORD and word not in df:
                df[word] = 0  # only ever reached by sound (corrections)
        return cls(df, domain)

    def candidates(self, window: str) -> list[tuple[str, int, int]]:
        """Indexed words differing from `window` in exactly one character, with how alike the
        two characters sound and the word's document frequency; likeliest first."""
        found: dict[str, tuple[int, int]] = {}
        for i in range(len(window)):
            for word in self.by_pattern.get(window[:i] + "?" + window[i + 1 :], ()):
                if word != window:
                    found[word] = (sound_similarity(window[i], word, i), self.df[word])
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
        return [(word, df, sound) for word, (sound, df) in ranked]


def _windows(
    pieces: list[tuple[str, int, int]], singles: set[int], weak: set[int], bridge: set[int] = frozenset()
) -> list[tuple[int, int]]:
    """Candidate typo windows: runs of suspect single characters, or a word plus one single.

    `singles` are lone characters that are not stop words; `weak` are lone stop-word
    characters (几, 的), suspect only right beside a word (通风 + 几 → 通风机); `bridge`
    are lone particles a run may pass through but not end on (自就器 → 自救器).
    """
    out: list[tuple[int, int]] = []
    for i, (_, s, e) in enumerate(pieces):
        if s not in singles and s not in weak:
            continue
        if s in singles:
            j = i
            inside = singles | weak | bridge
            while j + 1 < len(pieces) and pieces[j + 1][1] in inside and pieces[j + 1][1] == pieces[j][2]:
                j += 1
            for k in range(i + 1, min(j, i + 3) + 1):
                if pieces[k][1] not in bridge:
                    out.append((s, pieces[k][2]))
        for n in (i - 1, i + 1):
            if 0 <= n < len(pieces):
                ns, ne = pieces[n][1], pieces[n][2]
                lo, hi = min(s, ns), max(e, ne)
                if (ne == s or ns == e) and 2 < hi - lo <= 4 and ns not in singles and ns not in weak:
                    out.append((lo, hi))
    return out


def corrections(
    text: str,
    vocabulary: Vocabulary,
    together: Callable[[str, list[str]], int] | None = None,
    indexed: Callable[[str], int] | None = None,
) -> list[Correction]:
    """Non-overlapping one-character corrections for the normalised query `text`.

    When several candidates sound equally right (学实 → 学时 or 学士), the one found in
    the most articles beside the question's other words wins (`together(word, others)`
    counts them); without `together`, the most frequent word. A stretch the library itself
    uses (`indexed(text)` > 0: 防冲 in the rock-burst rules) is no typo, even when the
    segmenter does not know it as a word.

    Only short questions are corrected: a pasted exam question or rule quotes the text
    (with blanks such as （ ）), and "correcting" it would change its meaning. Numerals
    are never changed (十万元 must not become 五十万元); a word holding one may be (一炮三坚).
    """
    if len(text) > MAX_QUERY_CHARS or any(mark in text for mark in "（()）_＿"):
        return []
    stops = stopwords()
    table = synonyms()
    pieces = list(segment(text))
    pieces = [
        (w, s, e)
        for w, s, e in pieces
        if not any(ps <= s and e <= pe and (pe - ps) > (e - s) for _, ps, pe in pieces)
        and (w.lower() not in stops or e - s == 1)
    ]
    cjk = [(w, s, e) for w, s, e in pieces if e - s == 1 and "\u3400" <= w <= "\u9fff"]
    # A deliberate single-character word (跑, 逃) has synonyms; anything else alone is suspect.
    singles = {s for w, s, e in cjk if w not in stops and not table.expand(w)}
    weak = {s for w, s, e in cjk if w in stops and w not in PARTICLES}
    bridge = {s for w, s, e in cjk if w in PARTICLES}
    # A whole word that no article contains and that is no deliberate colloquial word (it
    # has no synonyms) may be a homophone slip the segmenter happened to know (公伤).
    unknown = [
        (s, e)
        for w, s, e in pieces
        if 2 <= e - s <= MAX_WORD and w not in vocabulary.df and w not in stops and not table.expand(w)
    ]
    # A slip may also leave words the segmenter knows (单体制柱 → 单体/制柱): a stretch of
    # whole pieces of the question can hide a longer domain word that sounds the same
    # (not one that starts inside a word: 自负|责任 holds no 负责人).
    starts, ends = {s for _, s, _ in pieces}, {e for _, _, e in pieces}
    spans = [
        (s, s + n)
        for n in SPAN_SIZES
        for s in range(len(text) - n + 1)
        if s in starts and s + n in ends and all("\u3400" <= ch <= "\u9fff" for ch in text[s : s + n])
    ]
    suspects = singles | weak | bridge
    found: list[Correction] = []
    taken: set[int] = set()
    windows = (
        [(s, e, PIECES) for s, e in _windows(pieces, singles, weak, bridge)]
        + [(s, e, WHOLE) for s, e in unknown]
        + [(s, e, SPAN) for s, e in spans]
    )
    for start, end, whole in sorted(windows, key=lambda w: (w[0] - w[1], w[2])):
        window = text[start:end]
        span = set(range(start, end))
        if span & taken or window in vocabulary.df or (indexed is not None and indexed(window)):
            continue
        options = [
            (word, df, sound)
            for word, df, sound in vocabulary.candidates(window)
            if (df or sound >= NEAR_SOUND)
            and _plausible(word, window, start, sound, whole, singles, suspects, vocabulary.domain)
        ]
        if options:
            best = [o for o in options if o[2] == options[0][2]][:MAX_CONTEXT_CHECKS]
            others = _other_words(pieces, start, end, stops)
            if indexed is not None:
                others = [w for w in others if indexed(w)]
            if together is not None:
                # The likeliest word reads beside the question's other words; an everyday word
                # must do so somewhere in the library (坐人 is not 作人 beside 刮板机), and with
                # nothing else in the question to go by only a domain word is taken.
                support = {o[0]: together(o[0], others) if others else 0 for o in best}
                best = [o for o in best if o[0] in vocabulary.domain or support[o[0]] >= MIN_SUPPORT]
                best.sort(key=lambda o: (-support[o[0]], -o[1]))
            if not best:
                continue
            word, df, _ = best[0]
            found.append(Correction(start, end, window, word, df))
            taken |= span
    if together is not None:
        found += _real_word_slips(pieces, vocabulary, together, taken, stops)
    return sorted(found, key=lambda c: c.start)


def _other_words(pieces: list[tuple[str, int, int]], start: int, end: int, stops: frozenset[str]) -> list[str]:
    """The question's words of two or more characters outside text[start:end] (typo context)."""
    return [w for w, s, e in pieces if (e <= start or s >= end) and w not in stops and e - s > 1]


def _real_word_slips(
    pieces: list[tuple[str, int, int]],
    vocabulary: Vocabulary,
    together: Callable[[str, list[str]], int],
    taken: set[int],
    stops: frozenset[str],
) -> list[Correction]:
    """A slip that is itself a word (报工商 for 报工伤): taken only for a domain word that sounds
    exactly the same and is found beside the question's other words far more often."""
    found = []
    for word, start, end in pieces:
        if (
            not 2 <= end - start <= MAX_WORD
            or word in stops
            or word in vocabulary.domain
            or set(range(start, end)) & taken
        ):
            continue
        options = [w for w, _, sound in vocabulary.candidates(word) if sound == SAME_SOUND and w in vocabulary.domain]
        if not options:
            continue
        others = _other_words(pieces, start, end, stops)
        if not others:
            continue
        scored = sorted(((together(w, others), w) for w in options[:MAX_CONTEXT_CHECKS]), reverse=True)
        count, best = scored[0]
        if count >= REAL_WORD_RATIO * together(word, others) + REAL_WORD_MIN:
            found.append(Correction(start, end, word, best, vocabulary.df[best]))
    return found


def _plausible(  # noqa: PLR0913 - one candidate against everything known of its window
    word: str,
    window: str,
    start: int,
    sound: int,
    whole: int,
    singles: set[int],
    suspects: set[int],
    domain: frozenset[str],
) -> bool:
    """Whether `word` is a believable correction of `window` (they differ in one character)."""
    at = next(i for i in range(len(word)) if word[i] != window[i])
    if window[at] in NUMERALS or word[at] in NUMERALS:
        return False  # numbers are never "corrected": 十万元 is not a typo for 五十万元
    if whole == SPAN:
        return sound >= NEAR_SOUND and len(word) >= 3 and word in domain
    if whole == WHOLE:
        # A word the segmenter knows is only a slip for a domain word that sounds exactly the
        # same (公伤 → 工伤); everyday words missing from the rules (一阵, 趁机) are no typos.
        return sound == SAME_SOUND and word in domain
    changed = at + start
    if changed not in suspects:
        return False
    if sound >= NEAR_SOUND:
        # A lone stop-word character (几, 就) is only taken for a typo inside a domain word.
        return changed in singles or word in domain
    # A slip of the finger is believable in a long domain word (敲帮问项), not in a short
    # one: 低瓦斯 is not a typo for 高瓦斯.
    return len(word) >= LONG_WORD and word in domain


def suggestion(text: str, found: list[Correction]) -> str:
    """The query with every correction applied, or "" when there is none."""
    if not found:
        return ""
    out, last = [], 0
    for c in found:
        out.append(text[last : c.start])
        out.append(c.word)
        last = c.end
    out.append(text[last:])
    return "".join(out)
