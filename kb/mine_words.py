"""本矿用语: the mine's own synonym lines, kept in the database by trainers (page and CLI).

The shipped table (kb/data/synonyms.txt) is the project's and changes with upgrades; a mine's
words live in `kb_mine_words` (in backups, untouched by upgrades), in the same two forms:
equivalents `甲 乙 丙` and one-way `口语 … => 条文用语 …`. The analyzer reads both through the one
parser (kb.analysis) and the index fingerprint covers the mine's lines, so after a change the
index is rebuilt beside the live one (kb.word_rebuild, `init`, the repair at start).

A process analyses with the lines its live index was built with (the index records them):
`follow` takes them whenever a process opens a new index generation. Services flush; callers commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.audit import record
from corpus.normalize import normalize
from kb.analysis import data_lines, expansion_pairs, split_line, terms, use_mine_lines
from kb.indexing import IndexUnavailable, current_format
from kb.models import MAX_LINE, MineWord

MIN_WORD = 2  # one character would tie unrelated articles together (顶 is in 顶板, 顶替, 屋顶 …)
MAX_WORD = 20
ARROWS = ("＝＞", "＝>", "=＞", "->", "→", "⇒")  # typed for =>

FORMAT_MESSAGE = "格式不对：互为同义的词用空格隔开（如“局扇 局部通风机”），口语到条文用语写成“口语 => 条文用语”，=> 两边都要有词。"


class Library(Protocol):
    """What the checks ask of the library (a KnowledgeBase over the live index, either backend)."""

    def df(self, term: str) -> int: ...  # articles holding an analysed term

    def together(self, word: str, others: list[str]) -> int: ...  # articles holding word and one of others

    def candidates(  # the best articles holding all `terms` (require_all), with their stored fields
        self, terms: list[tuple[str, float]], limit: int, doc_type: str | None = None, status: str | None = None,
        require_all: bool = False,
    ) -> list[tuple[dict, float]]: ...


@dataclass(frozen=True)
class Refusal:
    """A line not added and why, in Chinese."""

    line: str
    message: str


def canonical(text: str) -> str:
    """A line as stored: normalised (full-width, Traditional), words one space apart, ` => ` between sides."""
    text = normalize(text).strip()
    for arrow in ARROWS:
        text = text.replace(arrow, "=>")
    left, right = split_line(text)
    return " ".join(left) if right is None else f"{' '.join(left)} => {' '.join(right)}"


def shipped_lines() -> list[str]:
    """The project's synonym lines (kb/data/synonyms.txt)."""
    return list(data_lines("synonyms.txt"))


def stored_lines(session: Session) -> tuple[str, ...]:
    """The mine's lines, oldest first."""
    return tuple(session.scalars(select(MineWord.line).order_by(MineWord.id)))


PHRASE_CANDIDATES = 500  # articles holding all of a word's analysed parts read for the word itself


def occurs(library: Library, word: str) -> bool:
    """Whether some article of the library holds `word` as a whole: among the articles holding
    every analysed part of it, one whose text (title, headings or body, normalised as the
    indexer normalises) contains the word itself. Parts found apart do not count: 审计不存在的
    词语 is not in the library because 词语 and 存在 are."""
    found = list(dict.fromkeys(terms(word)))
    if not found or any(library.df(part) == 0 for part in found):
        return False
    wanted = normalize(word).lower()
    for fields, _score in library.candidates([(part, 1.0) for part in found], PHRASE_CANDIDATES, require_all=True):
        text = " ".join(str(fields.get(name) or "") for name in ("title", "path", "text"))
        if wanted in normalize(text).lower():
            return True
    return False


def check(line: str, library: Library, mine: Sequence[str] = ()) -> str | None:
    """Why `line` (canonical) cannot be added, or None when it can."""
    if not line:
        return "请填写词语。"
    left, right = split_line(line)
    if line.count("=>") > 1 or (right is not None and not (left and right)):
        return FORMAT_MESSAGE
    if right is None and len(left) < 2:
        return "互为同义的一行至少要有两个词，用空格隔开。" + "口语到条文用语写成“口语 => 条文用语”。"
    if len(line) > MAX_LINE:
        return f"一行最多 {MAX_LINE} 个字，请分成几行。"
    for word in [*left, *(right or ())]:
        if len(word) < MIN_WORD:
            return f"“{word}”只有一个字：单字会把许多不相干的条文连到一起，请写成词语。"
        if len(word) > MAX_WORD:
            return f"“{word}”太长（最多 {MAX_WORD} 个字）。"
        if not terms(word):
            return f"“{word}”是检索时忽略的虚词，不能作同义词。"
    try:
        wanted = right if right is not None else left
        if not any(occurs(library, word) for word in wanted):
            return f"条文里没有“{'”“'.join(wanted)}”这个词，检索不到。"
    except IndexUnavailable as exc:
        return f"暂时无法核对条文用语：{exc.message}"
    pairs = expansion_pairs([line])
    if pairs <= expansion_pairs(shipped_lines()):
        return "程序自带的词表已经有这一行（或已包含这些说法），不必再加。"
    if pairs <= expansion_pairs(list(mine)):
        return "本矿用语里已经有这一行（或已包含这些说法）。"
    return None


def add(session: Session, text: str, library: Library, actor_id: int | None = None) -> tuple[list[str], list[Refusal]]:
    """Add every good line of `text` (one per line); a bad line is refused with its reason and
    never stops or undoes the others. Returns (added, refused); flushes, the caller commits."""
    mine = list(stored_lines(session))
    added: list[str] = []
    refused: list[Refusal] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        line = canonical(raw)
        message = check(line, library, mine)
        if message:
            refused.append(Refusal(raw.strip(), message))
            continue
        word = MineWord(line=line, created_by=actor_id)
        session.add(word)
        session.flush()
        record("kb.word.add", "kb_mine_word", word.id, line, actor_id=actor_id, session=session)
        mine.append(line)
        added.append(line)
    session.flush()
    return added, refused


def remove(session: Session, word_id: int, actor_id: int | None = None) -> str | None:
    """Delete one of the mine's lines; returns it, or None when there was none. Flushes."""
    line = session.scalar(select(MineWord.line).where(MineWord.id == word_id))
    if line is None:
        return None
    session.execute(delete(MineWord).where(MineWord.id == word_id))
    record("kb.word.remove", "kb_mine_word", word_id, line, actor_id=actor_id, session=session)
    session.flush()
    return line


def apply(session: Session) -> bool:
    """Analyse with the stored lines from now on (before a rebuild); True when they changed."""
    return use_mine_lines(stored_lines(session))


def follow(index_format: str | None, index_lines: tuple[str, ...]) -> bool:
    """Analyse with the lines the live index was built with (it records them beside its
    fingerprint); True when the lines in use changed. Called when a process opens an index
    generation, so every process and server takes new words together with the index built with them."""
    if not index_format or current_format(index_lines) != index_format:
        return False  # no index, or one of another code version: init rebuilds it
    return use_mine_lines(index_lines)
