"""Typo tolerance and "did you mean" (您是不是要找) from the index's own vocabulary.

Most typos in Chinese input are one wrong character, usually a homophone picked from
the input method (瓦思 for 瓦斯, 冒顶片邦 for 冒顶片帮). The segmenter then falls
apart into single characters there. We look at short windows of the query around such
single characters and, when a window is not an indexed word, look for indexed words of
the same length that differ by exactly one character.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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
WINDOW_SIZES = (4, 3, 2)


@dataclass(frozen=True)
class Correction:
    """Replace text[start:end] (the typo) by `word`."""

    start: int
    end: int
    typo: str
    word: str
    df: int


class Vocabulary:
    """Indexed words of 2–4 characters that are dictionary words, keyed by one-character wildcards."""

    def __init__(self, searcher: Searcher, fieldname: str = "body") -> None:
        known = segmenter().FREQ
        domain = dictionary_words()
        self.df: dict[str, int] = {}
        self.domain = domain
        self.by_pattern: dict[str, list[str]] = defaultdict(list)
        reader = searcher.reader()
        for btext, info in reader.iter_field(fieldname):
            word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            if not 2 <= len(word) <= 4:
                continue
            df = info.doc_frequency()
            in_domain = word in domain
            if df < (1 if in_domain else MIN_DF) or not (known.get(word) or in_domain):
                continue
            self.df[word] = df
            for i in range(len(word)):
                self.by_pattern[word[:i] + "?" + word[i + 1 :]].append(word)

    def candidates(self, window: str) -> list[tuple[str, int]]:
        """Indexed words differing from `window` in exactly one character, most frequent first."""
        found: dict[str, int] = {}
        for i in range(len(window)):
            for word in self.by_pattern.get(window[:i] + "?" + window[i + 1 :], ()):
                if word != window:
                    found[word] = self.df[word]
        return sorted(found.items(), key=lambda kv: -kv[1])


def _windows(pieces: list[tuple[str, int, int]], singles: set[int], weak: set[int]) -> list[tuple[int, int]]:
    """Candidate typo windows: runs of suspect single characters, or a word plus one single.

    `singles` are lone characters that are not stop words; `weak` are lone stop-word
    characters (几, 的), suspect only right beside a word (通风 + 几 → 通风机).
    """
    out: list[tuple[int, int]] = []
    for i, (_, s, e) in enumerate(pieces):
        if s not in singles and s not in weak:
            continue
        if s in singles:
            j = i
            while j + 1 < len(pieces) and pieces[j + 1][1] in singles | weak and pieces[j + 1][1] == pieces[j][2]:
                j += 1
            for k in range(i + 1, min(j, i + 3) + 1):
                out.append((s, pieces[k][2]))
        for n in (i - 1, i + 1):
            if 0 <= n < len(pieces):
                ns, ne = pieces[n][1], pieces[n][2]
                lo, hi = min(s, ns), max(e, ne)
                if (ne == s or ns == e) and 2 < hi - lo <= 4 and ns not in singles and ns not in weak:
                    out.append((lo, hi))
    return out


def corrections(text: str, vocabulary: Vocabulary) -> list[Correction]:
    """Non-overlapping one-character corrections for the normalised query `text`.

    Only short questions are corrected: a pasted exam question or rule quotes the text
    (with blanks such as （ ）), and "correcting" it would change its meaning. Numerals
    are never touched (十万元 must not become 五十万元).
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
    if not singles and not weak:
        return []
    suspects = singles | weak
    found: list[Correction] = []
    taken: set[int] = set()
    for start, end in sorted(_windows(pieces, singles, weak), key=lambda se: se[0] - se[1]):
        window = text[start:end]
        span = set(range(start, end))
        if span & taken or window in vocabulary.df or any(ch in NUMERALS for ch in window):
            continue
        # A lone stop-word character is only taken for a typo inside a domain word.
        options = [
            (word, df)
            for word, df in vocabulary.candidates(window)
            if any(
                word[i - start] != window[i - start] and (i in singles or word in vocabulary.domain)
                for i in span & suspects
            )
        ]
        if options:
            word, df = options[0]
            found.append(Correction(start, end, window, word, df))
            taken |= span
    return sorted(found, key=lambda c: c.start)


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
