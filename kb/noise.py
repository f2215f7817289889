"""Markup and code pasted around a question (kb.qa.ask): 瓦斯超限怎么办<img src=x onerror=alert(1)> asks
what 瓦斯超限怎么办 asks.

HTML tags (a <script> or <style> block with its content) and character entities (&lt;, &nbsp;)
go. A run of ASCII that reads as code (it holds a code character: quotes, =, ;, brackets, $, a call
like alert(, ://) keeps only what a question may say in ASCII: words the library knows (CO, CH4,
kV) and quantities (1.5%, 4m/s); its other words (onerror, alert, jndi) would count as things the
library does not know and its numbers (1=1, 7*7) as values asked. ASCII that is no code (O2低于18%,
瓦斯 AND 甲烷) is left as typed: kb.query reads it as it always has.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_BLOCK = re.compile(r"<\s*(script|style)\b[^>]*>.*?(?:<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
_OPEN_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][\x20-\x7e]*")  # a tag never closed: to where the ASCII ends
_RUN = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")  # ASCII, spaces inside
_CODE = re.compile(r"[\"'`=;{}\[\]<>$\\|^~@]|[A-Za-z0-9_]\(|://|&&")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./][A-Za-z0-9]+)*%?")
_QUANTITY = re.compile(r"\d+(?:\.\d+)?(?:%|[A-Za-z/]+)|\d+\.\d+")
_FORMULA = re.compile(r"[A-Z][a-z]?\d[A-Za-z\d]*")  # O2, CH4, H2S, CO2


def without_noise(text: str, known: Callable[[str], bool]) -> str:
    """`text` without HTML tags and entities, and with the runs of code in it cut to the words
    `known` (a word of the library) and the quantities they hold."""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    if "<" in text:
        text = _OPEN_TAG.sub("", _TAG.sub("", _BLOCK.sub("", text)))
    return _RUN.sub(lambda run: _kept(run.group(0), known), text)


def _kept(run: str, known: Callable[[str], bool]) -> str:
    if not _CODE.search(run):
        return run
    kept = [t for t in _TOKEN.findall(run) if _QUANTITY.fullmatch(t) or _FORMULA.fullmatch(t) or _word(t, known)]
    return f" {' '.join(kept)} " if kept else ""


def _word(token: str, known: Callable[[str], bool]) -> bool:
    """A word of two or more characters holding a letter that the library knows (a lone letter or
    a bare number in code is none)."""
    return len(token) >= 2 and any(c.isalpha() for c in token) and known(token.lower())
