"""Text normalisation for question banks: cell cleaning, blanks, numbered stems and comparison keys.

Stored text keeps Chinese punctuation (，。（）) but loses the noise vendors leave behind:
full-width letters and digits, tabs, non-breaking and zero-width spaces, `(  )` blanks
in five spellings. Keys for duplicate detection and search go further and drop
everything but letters, digits, hanzi and what gives a limit its meaning (a decimal
point, % and ‰), so 全角/半角, spacing and punctuation never matter but 1.5 is not 15.
Every function here is idempotent: cleaning cleaned text changes nothing, which is
what makes export → import a faithful round trip.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

BLANK = "（ ）"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Full-width letters and digits only: Chinese punctuation stays as the author wrote it.
_FULL_ALNUM = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF5B) if chr(cp).isalnum()}
_FULL_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACES = re.compile(r"[ \t\xa0\u3000\u2002-\u200a]+")
_BLANK_RE = re.compile(r"[（(][ \t\xa0\u3000]*[）)]|_{2,}|＿{2,}|﹍{2,}")
_NUMBER_RE = re.compile(
    r"""^\s*(?:第\s*)?
    (?:[（(]\s*(?P<p>\d{1,5})\s*[）)]      # （1）
      |(?P<n>\d{1,5})\s*(?:题)?\s*(?P<sep>[.．、,，:：)）\t]|\s)  # 1.  1、 1， 1) 1<tab> 1<space>
    )\s*""",
    re.VERBOSE,
)
_BARE_NUMBER_RE = re.compile(r"^\s*(?P<n>\d{1,5})(?=[^\d.．%％])")
# Everything but letters, digits, hanzi, % and ‰, and a point that is not a decimal point (between two digits).
_KEY_DROP = re.compile(r"[^\w.%‰]|_|(?<!\d)\.|\.(?!\d)", re.UNICODE)


def half_width(text: str) -> str:
    """Every full-width ASCII character (letters, digits, punctuation, space) to half width."""
    return text.translate(_FULL_ASCII)


def clean_text(value: object) -> str:
    """Tidy a cell for storage: full-width letters/digits to half width, spaces collapsed,
    blanks written as （ ）, zero-width characters removed, lines trimmed."""
    if value is None:
        return ""
    text = str(value).translate(_ZERO_WIDTH).translate(_FULL_ALNUM)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_RE.sub(BLANK, text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def split_number(text: str) -> tuple[int | None, str, bool]:
    """Split a leading question number off a stem: "12、下列…" → (12, "下列…", True).

    The flag is True for a number with a clear separator (、 ， tab, "（1）"). It is
    False for a bare number ("58超硬铝合金…"), one that reads like a decimal
    ("12.1个标准大气压…", "3. 5个…") or a count set off by a space ("2 人以上…"): only the
    caller, who knows the neighbouring rows' numbers, can tell those from a stem that
    starts with a figure.
    """
    match = _NUMBER_RE.match(text)
    if match and text[match.end() :]:
        number = int(match.group("p") or match.group("n"))
        rest = text[match.end() :]
        sep = match.group("sep")
        decimal = sep in {".", "．"} and rest[:1].isdigit()
        counted = sep is not None and sep.isspace() and _MEASURE_WORD_RE.match(rest) is not None
        return number, rest, not (decimal or counted)
    match = _BARE_NUMBER_RE.match(text)
    if match and text[match.end() :].strip():
        return int(match.group("n")), text[match.end() :].lstrip(), False
    return None, text, False


_MARKED_NUMBER = re.compile(r"^\s*(?:第\s*)?(?P<n>\d{1,5})\s*题?\s*(?P<sep>[、．.）)])(?P<space>\s*)(?=\S)")
# What follows a figure that counts or measures: 5个, 2 人, 10 分钟, 6小时, 3倍, 1千伏 (words), 20%, 0.5m (units).
_MEASURE_WORD = "小时|分钟|[个人名位次回遍天日年月周时分秒米倍台件条项款处级吨克升度元万千百层班组块根把道张辆节段排孔眼份批只套盏座副架口片支伏安瓦帕毫厘公成]"
_MEASURE_WORD_RE = re.compile(_MEASURE_WORD)
_DECIMAL_RE = re.compile(r"\d+[.．]\d")
_QUANTITY_RE = re.compile(r"\d+(?:[.．]\d+)?\s*(?:" + _MEASURE_WORD + r"|[%％‰℃°A-Za-zμΩ㎡㎥])")


def split_marked_number(text: str) -> tuple[int | None, str, bool]:
    """A question number marked as one, split off a stem: digits followed by 、 ． . ） or )
    ("1、井下…" → (1, "井下…", False), "12)下列…", "2．井下…"); (None, text, False) when there is none.

    A number that is part of the content is not one: no mark ("3条…", "2 人以上") or a decimal
    ("1.5%的瓦斯…", "0.5m"), the point followed by a digit. The flag marks the reading in between,
    a point, a space, then a figure ("3. 5个…"): question 3 about 5个, or 3.5个 with a stray space.
    Only the sheet can tell (`quiz.bank.importer`): whether its stems are numbered, the row before.
    """
    match = _MARKED_NUMBER.match(text)
    if not match:
        return None, text, False
    rest = text[match.end() :]
    number = int(match.group("n"))
    if match.group("sep") in ".．" and rest[:1].isdigit():
        if not match.group("space"):
            return None, text, False  # 1.5%: a decimal
        return number, rest, _DECIMAL_RE.match(rest) is None  # 3. 5个; but 3. 0.5m is question 3
    return number, rest, False


def starts_with_quantity(text: str) -> bool:
    """Whether `text` opens with a figure and its unit or measure word: "5个工作日", "2 人", "0.5m", "20%"."""
    return _QUANTITY_RE.match(text) is not None


def strip_marked_number(text: str) -> str:
    """A stem without its marked question number ("1、井下…" → "井下…"; see `split_marked_number`),
    on any row, however many rows of the sheet are numbered.

    A number that is part of the content stays: one with no mark ("3条…", "2 人以上") and a
    decimal ("1.5%的瓦斯…", "0.5m"). Without the sheet, so does the ambiguous "3. 5个…".
    """
    number, rest, ambiguous = split_marked_number(text)
    return text if number is None or ambiguous else rest


def comparison_key(text: str) -> str:
    """Text reduced to what matters for equality: NFKC, case-folded, only letters, digits, hanzi,
    decimal points, % and ‰ (1.5米 is not 15米, nor 1.0% 10%; "吸烟." is "吸烟。")."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


_SEARCH_DROP = re.compile(r"[^\w.%‰]|_", re.UNICODE)


def search_form(text: str) -> str:
    """Text as the bank's search compares it: like `comparison_key`, keeping the decimal point and the
    percent sign, which carry a limit's meaning (1.0% is not 10, 1.5% not 15), but every other point too."""
    return _SEARCH_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def search_key(stem: str, option_texts: Iterable[str]) -> str:
    """What the bank's search looks in: the stem, then the options (a limit is often in an option),
    one per line, so that no match runs from one into the next."""
    return "\n".join(search_form(t) for t in (stem, *option_texts))


def content_key(stem: str, option_texts: Iterable[str]) -> str:
    """Duplicate-detection key: the normalised stem and the set of normalised option texts.

    Options are compared as a set, so the same question with its options shuffled is
    still the same question.
    """
    options = sorted(comparison_key(t) for t in option_texts)
    raw = "\x1f".join([comparison_key(stem), *options])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def split_list(text: str) -> list[str]:
    """Split a list cell ("采煤工、掘进工; 机电工") into trimmed, de-duplicated items."""
    items: list[str] = []
    for part in re.split(r"[、,，;；/|\n]+", clean_text(text)):
        part = part.strip()
        if part and part not in items:
            items.append(part)
    return items
