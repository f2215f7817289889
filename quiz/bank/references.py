"""Articles a trainer names in a question's own words (its 解析): 《煤矿安全规程》第四百七十八条, 规程第478条.

Pure text reading, no database: `quiz.bank.citations` looks the references up in the library.
A number is read whole, so 第四十条 is article 40 and never article 4; 第十条之一 keeps its 之一.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.numerals import NUMERAL_CHARS, parse_chinese_number

_REFERENCE = re.compile(
    rf"(?:《(?P<title>[^》]{{1,80}})》\s*)?第(?P<number>[{NUMERAL_CHARS}]+)条(?:之(?P<sub>[一二三四五六七八九十]+))?"
)


@dataclass(frozen=True)
class ArticleReference:
    """第`number`条 (之`sub`), of the document titled `title` when 《》 name one just before it."""

    number: int
    sub: int | None = None
    title: str = ""


def article_references(text: str) -> list[ArticleReference]:
    """Every article reference in `text`, in order, each once."""
    found: list[ArticleReference] = []
    for match in _REFERENCE.finditer(text or ""):
        try:
            number = parse_chinese_number(match.group("number"))
        except ValueError:
            continue
        sub = parse_chinese_number(match.group("sub")) if match.group("sub") else None
        title = (match.group("title") or "").strip()
        reference = ArticleReference(number, sub, title)
        if number > 0 and reference not in found:
            found.append(reference)
    return found


def without_references(text: str) -> str:
    """`text` with its article references taken out (what is left says what the rule is about)."""
    return _REFERENCE.sub(" ", text or "")


def shared_bigrams(a: str, b: str) -> int:
    """How many pairs of adjacent Chinese characters of `a` also occur in `b`."""
    return len(_bigrams(a) & _bigrams(b))


def _bigrams(text: str) -> set[str]:
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}

