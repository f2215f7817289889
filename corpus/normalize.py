"""Text normalisation shared by documents and search queries, and the title key of a document.

`normalize` is applied to every stored text and, by the search analyzer, to every query, so
both sides agree: converter pinyin stripped, Traditional → Simplified, full-width letters and
digits → half-width, zero-width characters removed, spaces tidied; line breaks are kept so
display text keeps its paragraphs. It is on the hot path of ingestion and querying: the
OpenCC converter and the tables are built once.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Zero-width and invisible formatting characters that web pages and converters leave behind.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad\u180e"))
_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c",
    ),
    " ",
)
_FULL_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_TABLE = {**_INVISIBLE, **_SPACES, **_FULL_WIDTH, ord("\r"): None}

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv{_TONED}]{{1,4}}(?:ng|n|r)?"
# A pinyin reading a converter put after an ambiguous character: 發(fā)揮, 內（nèi）; all of them when
# it put several (內（nèi）（nèi）), so that normalising twice changes nothing more.
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])(?:[(（]{_SYLLABLE}[)）])+", re.IGNORECASE)
_MULTI_SPACE = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")

_TITLE_SUFFIX = re.compile(
    r"[(（]\s*(?:\d{4}(?:[-.年]\d{1,2}(?:[-.月]\d{1,2}日?)?)?\s*(?:年)?\s*(?:修正|修订|修改|版|本)?"
    r"(?:文本)?)\s*[)）]$"
)
_TITLE_DROP = re.compile(r"[《》〈〉<>「」『』“”\"'\s·・:：,，、.。]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    """The Traditional → Simplified converter, built once (loading its dictionaries is slow)."""
    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Normalise document or query text; keeps line breaks (paragraphs), tidies everything else.

    >>> normalize("發(fā)揮　ＡＢＣ１２３\\u200b")
    '发挥 ABC123'
    """
    text = text.translate(_TABLE)
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    try:
        text = _converter().convert(text)
    except UnicodeEncodeError:  # a lone surrogate (JSON allows "\ud800"): OpenCC takes UTF-8 only
        text = _converter().convert(text.encode("utf-8", "replace").decode("utf-8"))
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_title(title: str) -> str:
    """A display title: normalised, on one line, without surrounding 《》 or trailing punctuation."""
    title = normalize(title.replace("\n", " "))
    title = title.strip(" 《》:：,，。")
    return _MULTI_SPACE.sub(" ", title)


def normalize_title(title: str) -> str:
    """The key that identifies one document across versions and formats.

    Drops 中华人民共和国, book-title marks, spaces and punctuation, and a trailing version or
    date in brackets, so 《中华人民共和国煤炭法》, 煤炭法(2016-11-07) and 煤炭法（2016年修正）
    share the key 煤炭法. A distinguishing suffix such as （二） or （试行） is kept.
    """
    title = normalize(title).replace("\n", "")
    previous = None
    while previous != title:
        previous = title
        title = _TITLE_SUFFIX.sub("", title.strip())
    title = _TITLE_DROP.sub("", title)
    if title.startswith("中华人民共和国") and len(title) > len("中华人民共和国"):
        title = title[len("中华人民共和国") :]
    return title.lower()
