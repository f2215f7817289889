"""Text analysis shared by indexing and querying.

One analyzer for documents and queries: the corpus normaliser (pinyin stripping,
Traditional → Simplified, full-width → half-width), jieba in search mode with the
team's domain dictionary, lower-casing and a stop list. Synonyms are not applied
here: they are expanded at query time (`kb.query`) so precision is not drowned.

The synonym table is kb/data/synonyms.txt plus the mine's own lines (本矿用语, kept in the
database by kb.mine_words), parsed alike; every synonym word is also a dictionary word. A
process analyses with the mine's lines its live index was built with (`use_mine_lines`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
from whoosh.analysis import Composable, Filter, LowercaseFilter, Token, Tokenizer

from corpus.normalize import normalize

log = logging.getLogger(__name__)
DATA = Path(__file__).with_name("data")
DEFAULT_WORD_FREQ = 3000

# A token must carry a letter, digit or CJK ideograph; jieba also yields punctuation.
_WORDLIKE = re.compile(r"[0-9a-zA-Z\u3400-\u9fff]")
_NUMBER = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?")  # not the 4 of CH4 or the 2 of CO2

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
# The mine's own synonym lines (kb.mine_words keeps them in the database), after the shipped ones.
_mine_lines: tuple[str, ...] = ()

# jieba reports a cache it cannot write (another user's /tmp/jieba.cache) with a traceback on
# stderr; the cache is only a speed-up, so its messages are kept quiet (see `use_cache_dir`).
jieba.setLogLevel(logging.CRITICAL)
_cache_dir: Path | None = None


def data_lines(name: str) -> Iterator[str]:
    """Non-empty, non-comment lines of a data file."""
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop list (kb/data/stopwords.txt)."""
    return frozenset(data_lines("stopwords.txt"))


@dataclass(frozen=True)
class SynonymTable:
    """Query-time expansions: term → ((alternative, weight), ...)."""

    expansions: dict[str, tuple[tuple[str, float], ...]]

    def expand(self, term: str) -> tuple[tuple[str, float], ...]:
        """Alternatives for an analysed term, without the term itself."""
        return self.expansions.get(term, ())


EQUIVALENT_WEIGHT = 0.6
ONE_WAY_WEIGHT = 0.8


def split_line(line: str) -> tuple[list[str], list[str] | None]:
    """A synonym line's words: (equivalents, None) for `a b c`, (left, right) for `a b => x y`."""
    if "=>" in line:
        left, right = line.split("=>", 1)
        return left.split(), right.split()
    return line.split(), None


def _parse_synonyms(lines: list[str]) -> dict[str, dict[str, float]]:
    """Parse `a b c` (equivalents) and `a b => x y` (one-way) lines."""
    table: dict[str, dict[str, float]] = {}

    def add(source: str, target: str, weight: float) -> None:
        if source != target:
            slot = table.setdefault(source, {})
            slot[target] = max(weight, slot.get(target, 0.0))

    for line in lines:
        left, right = split_line(line)
        sources = [w.lower() for w in left]
        targets, weight = ([w.lower() for w in right], ONE_WAY_WEIGHT) if right is not None else (sources, EQUIVALENT_WEIGHT)
        for src in sources:
            for dst in targets:
                add(src, dst, weight)
    return table


def expansion_pairs(lines: list[str]) -> set[tuple[str, str]]:
    """Every (word, alternative) the lines give, as the table holds them."""
    return {(src, dst) for src, slot in _parse_synonyms(lines).items() for dst in slot}


def mine_lines() -> tuple[str, ...]:
    """The mine's synonym lines this process analyses with."""
    return _mine_lines


def synonym_lines() -> list[str]:
    """The shipped lines (kb/data/synonyms.txt), then the mine's own."""
    return [*data_lines("synonyms.txt"), *_mine_lines]


def use_mine_lines(lines: tuple[str, ...] | list[str]) -> bool:
    """Analyse with these mine lines from now on (synonym table and dictionary); True when they
    differ from the ones in use. The jieba tokenizer is rebuilt on next use."""
    global _mine_lines, _tokenizer
    lines = tuple(lines)
    with _lock:
        if lines == _mine_lines:
            return False
        _mine_lines = lines
        _tokenizer = None
    return True


def synonyms() -> SynonymTable:
    """The synonym table: kb/data/synonyms.txt and the mine's lines in use."""
    return _synonym_table(_mine_lines)


@lru_cache(maxsize=2)
def _synonym_table(mine: tuple[str, ...]) -> SynonymTable:
    table = _parse_synonyms([*data_lines("synonyms.txt"), *mine])
    return SynonymTable({k: tuple(sorted(v.items())) for k, v in table.items()})


def _dictionary_words() -> Iterator[tuple[str, int]]:
    """Domain dictionary entries plus every synonym, so they are cut whole. A frequency set in
    the dictionary wins over the default given to synonym and stop words."""
    given: set[str] = set()
    for line in data_lines("dictionary.txt"):
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else DEFAULT_WORD_FREQ
        given.add(parts[0])
        yield parts[0], freq
    for line in synonym_lines():
        left, right = split_line(line)
        for word in [*left, *(right or ())]:
            if len(word) > 1 and _WORDLIKE.search(word) and word not in given:
                yield word, DEFAULT_WORD_FREQ
    # Multi-character stop words are cut whole (能不能, not 能 + 不能) so they drop cleanly.
    for word in data_lines("stopwords.txt"):
        if len(word) > 1 and word not in given:
            yield word, DEFAULT_WORD_FREQ


def use_cache_dir(folder: Path | None) -> None:
    """Keep jieba's dictionary cache (jieba.cache) in `folder` (kb.init_app: DATA_DIR/cache),
    created with this process's rights, instead of the shared /tmp, where another user's file
    cannot be replaced. Takes effect when the tokenizer is next built."""
    global _cache_dir
    _cache_dir = folder


def segmenter() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the domain dictionary (loaded once)."""
    global _tokenizer
    tk = _tokenizer
    if tk is None:
        with _lock:
            tk = _tokenizer
            if tk is None:
                tk = jieba.Tokenizer()
                tk.tmp_dir = _cache_folder()
                tk.initialize()
                for word, freq in _dictionary_words():
                    tk.add_word(word, freq)
                _tokenizer = tk
    return tk


def _cache_folder() -> str | None:
    """The folder for jieba's cache, made if need be; None (jieba's default) when there is none
    or it cannot be made: the tokenizer then works without a cache, quietly."""
    if _cache_dir is None:
        return None
    try:
        _cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.info("jieba cache folder %s cannot be made (%s); the dictionary is built without it", _cache_dir, exc)
    return str(_cache_dir)


def dictionary_words() -> frozenset[str]:
    """The domain vocabulary (dictionary and synonym words)."""
    return frozenset(word for word, _ in _dictionary_words())


def segment(text: str) -> Iterator[tuple[str, int, int]]:
    """Normalise `text` and cut it in search mode: (word, start, end) in the normalised text.

    Like jieba's search mode, but every dictionary word inside a longer word is yielded,
    not only its 2- and 3-character ones (安全生产责任制 → … 安全生产, 责任制, …). A number
    is one word, decimals included, and apart from its unit: 1.5% → 1.5, not 1 and 5;
    20m → 20 and m, so that 20米 and 20m meet.
    """
    normalized = normalize(text)
    offset = 0
    for match in _NUMBER.finditer(normalized):
        yield from _cut(normalized[offset : match.start()], offset)
        yield match.group(0), match.start(), match.end()
        offset = match.end()
    yield from _cut(normalized[offset:], offset)


def _cut(text: str, start: int) -> Iterator[tuple[str, int, int]]:
    tk = segmenter()
    freq = tk.FREQ
    stops = stopwords()
    for word in tk.cut(text, HMM=False) if text else ():
        end = start + len(word)
        if _WORDLIKE.search(word):
            size = len(word)
            if size > 2 and word not in stops:
                for n in range(2, size):
                    for i in range(size - n + 1):
                        gram = word[i : i + n]
                        if freq.get(gram):
                            yield gram, start + i, start + i + n
            yield word, start, end
        start = end


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer over `segment`; positions are character offsets of the normalised text."""

    def __call__(  # noqa: PLR0913 - Whoosh's tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word, start, end in segment(value):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + start
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class DomainStopFilter(Filter):
    """Drops stop words; reads the list at run time so a pickled schema never freezes it."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stops = stopwords()
        for token in tokens:
            if token.text in stops:
                if token.removestops:
                    continue
                token.stopped = True
            yield token


def analyzer() -> Composable:
    """The analyzer used by every text field of the index and by query building."""
    return JiebaTokenizer() | LowercaseFilter() | DomainStopFilter()


def terms(text: str) -> list[str]:
    """Analysed terms of `text` in order, stop words removed (duplicates kept)."""
    return [t.text for t in analyzer()(text)]
