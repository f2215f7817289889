"""Splitting options packed into one cell, in whatever style the vendor chose.

Styles seen in real banks: `**A.正确**B.错误`, `**A:…**B:…`, `**A、… **B、…`, `**A…**B…`,
`A.… B.… C.…` on one line, `（A）…（B）…`, one option per line (with or without letters),
letterless lists separated by `|` or `；`, and JSON arrays from web exports
(`[{"optionContent":"…"}]`, `["…","…"]`, `{"A":"…"}`). Vendors also drop a marker now and then
(`**A化学品仓库B棉织品仓库**C各类仓库`); `_repair` puts back a missing marker only when
the letter sits alone between hanzi and the sequence A, B, C… would otherwise have a gap,
so option texts containing Latin words (MIG焊, LY12) are left alone. The splitter reports
what it found; `quiz.bank.types.validate` decides whether the result can be trusted.
"""

from __future__ import annotations

import ast
import json
import re

from quiz.bank.text import clean_text
from quiz.bank.types import OPTION_KEYS, Option

_LETTER = "A-Ha-h"
_STARRED_LEAD = re.compile(rf"^\s*[（(]?([{_LETTER}])[)）]?\s*(?:[.．、:：,，)）]\s*)?")
_STARRED_UPPER = re.compile(r"^\s*[（(]?([A-H])")
_LINE_LEAD = re.compile(r"^\s*[（(]?([A-H])[)）]?\s*(?:[.．、:：,，)）]|\s)\s*")
_LETTERLESS_SPLIT = re.compile(r"\s*(?:\$;\$|[|｜;；])\s*")
_BRACKETED_LOWER = re.compile(r"[（(][a-h][)）]")
_TEXT_FIELDS = ("optioncontent", "optiontext", "content", "text", "value", "label", "option", "title", "name", "desc")
_KEY_FIELDS = ("optionkey", "key", "letter", "label", "option", "optionlabel", "code", "no")
_RIGHT_FIELDS = ("isright", "iscorrect", "correct", "right", "isanswer", "istrue", "checked")


def split_options(cell: object) -> list[Option]:
    """Options found in one cell, keys as written (gaps and repeats are left for validation)."""
    text = clean_text(cell)
    if not text:
        return []
    if text[0] in "[{":
        structured = _structured(text)
        if structured:
            return structured
    text = _BRACKETED_LOWER.sub(lambda m: m.group(0).upper(), text)  # "(c)" typed for "(C)"
    if "**" in text:
        return _repair(_split_starred(text))
    lines = text.split("\n")
    inline = _split_inline(text.replace("\n", " "))
    if len(lines) > 1:
        by_line = _split_lines(lines)
        # Two options to a line ("(A)xx  (B)yy" / "(C)zz  (D)ww"): the inline reading sees them all.
        if by_line and not (len(inline) > len(by_line) and _LINE_LEAD.match(lines[0])):
            return _repair(by_line)
    if inline:
        return _repair(inline)
    parts = [p for p in _LETTERLESS_SPLIT.split(text) if p]
    if len(parts) >= 2:
        return [Option(OPTION_KEYS[i] if i < len(OPTION_KEYS) else "?", p) for i, p in enumerate(parts)]
    return [Option("A", text)]


def split_stem_options(stem: str) -> tuple[str, list[Option]]:
    """Options written inside the stem cell ("下列…（ ）\\nA.… B.…"), when a bank has no option column.

    Returns the stem without them and the options; no options when the stem holds none.
    An option A that starts a line is preferred to one inside it, so a key written in the
    stem ("…是 （A）") is not taken for the options.
    """
    text = clean_text(stem)
    marker = r"(?:[（(]\s*[Aa]\s*[)）]|A\s*[.．、:：)）])"
    match = re.search(rf"\n{marker}", text) or re.search(rf"(?:^|\s){marker}", text)
    if not match or match.start() == 0:
        return text, []
    options = split_options(text[match.start() :].strip())
    if len(options) < 2:
        return text, []
    return text[: match.start()].strip(), options


def _split_starred(text: str) -> list[Option]:
    options: list[Option] = []
    for chunk in re.split(r"\*\*+", text):
        if not chunk.strip():
            continue
        lead = _STARRED_LEAD.match(chunk)
        # A lower-case letter starts an option only with a separator after it ("a." not "abc").
        if lead and (lead.group(1).isupper() or lead.end() > lead.start(1) + 1):
            options.append(Option(lead.group(1).upper(), chunk[lead.end() :].strip()))
        elif options:
            last = options[-1]
            options[-1] = Option(last.key, (last.text + chunk).strip())
        else:
            return []
    return options


def _split_lines(lines: list[str]) -> list[Option]:
    leads = [_LINE_LEAD.match(line) for line in lines]
    if not any(leads):
        return [Option(OPTION_KEYS[i] if i < len(OPTION_KEYS) else "?", line) for i, line in enumerate(lines)]
    if not leads[0]:
        return []
    options: list[Option] = []
    for line, lead in zip(lines, leads, strict=True):
        if lead:
            options.append(Option(lead.group(1), line[lead.end() :].strip()))
        else:
            last = options[-1]
            options[-1] = Option(last.key, f"{last.text} {line}".strip())
    return options


def _marker(letter: str, spaced: bool) -> re.Pattern[str]:
    if spaced:
        return re.compile(rf"(?:^|(?<=\s)){letter}\s+")
    return re.compile(rf"(?<![A-Za-z0-9])(?:[（(]{letter}[)）]\s*[.．、:：]?|{letter}\s*[.．、:：)）])\s*")


def _split_inline(text: str) -> list[Option]:
    for spaced in (False, True):
        first = _marker("A", spaced).match(text)
        if not first:
            continue
        starts = [(first.start(), first.end())]
        for letter in OPTION_KEYS[1:]:
            found = _marker(letter, spaced).search(text, starts[-1][1])
            if not found:
                break
            starts.append((found.start(), found.end()))
        if len(starts) < 2:
            continue
        ends = [s for s, _ in starts[1:]] + [len(text)]
        return [
            Option(OPTION_KEYS[i], text[body:end].strip(" ;；,，|"))
            for i, ((_, body), end) in enumerate(zip(starts, ends, strict=True))
        ]
    return []


def _next_key(key: str) -> str | None:
    index = OPTION_KEYS.find(key)
    return OPTION_KEYS[index + 1] if 0 <= index < len(OPTION_KEYS) - 1 else None


def _split_at(option: Option, letter: str, pattern: str) -> tuple[Option, Option] | None:
    hits = list(re.finditer(pattern, option.text))
    if len(hits) != 1 or hits[0].start() == 0:
        return None
    hit = hits[0]
    return Option(option.key, option.text[: hit.start()].strip()), Option(letter, option.text[hit.end() :].strip())


_HAN = r"\u4e00-\u9fff"


def _lost_marker(letter: str) -> str:
    """Where a dropped marker for `letter` may hide: before a hanzi after a hanzi or space ("规程B服从", "介质 C外界"), or
    followed by a separator and not glued to a capital or digit ("热水B、生产", "MPaB、")."""
    return rf"(?<=[{_HAN}\s]){letter}(?=[{_HAN}])|(?<![A-Z0-9]){letter}\s*[.．、:：,，]"


def _repair(options: list[Option]) -> list[Option]:
    """Put back dropped option markers and order shuffled ones, where the letters prove it."""
    repaired = list(options)
    keys = [o.key for o in repaired]
    if len(set(keys)) == len(keys) and sorted(keys) == list(OPTION_KEYS[: len(keys)]):
        repaired.sort(key=lambda o: o.key)  # "**C…**A…**B…": the letters say where each belongs
    i = 1
    while i < len(repaired):
        expected = _next_key(repaired[i - 1].key)
        if expected and repaired[i].key > expected:
            split = _split_at(repaired[i - 1], expected, _lost_marker(expected))
            if split:
                repaired[i - 1 : i] = list(split)
        i += 1
    while repaired:
        expected = _next_key(repaired[-1].key)
        split = expected and _split_at(repaired[-1], expected, _lost_marker(expected))
        if not split:
            break
        repaired[-1:] = list(split)
    return repaired


def flagged_answer(cell: object) -> str:
    """The letters a JSON options cell marks right (`"isRight": true`), "" when it marks none."""
    text = clean_text(cell)
    options = _structured(text) if text[:1] in "[{" else []
    data = _load(text) if options else None
    if not isinstance(data, list) or len(data) != len(options):
        return ""
    marked = []
    for option, item in zip(options, data, strict=True):
        fields = {str(k).replace("_", "").lower(): v for k, v in item.items()} if isinstance(item, dict) else {}
        if any(fields.get(f) in (True, 1, "1", "true", "True", "Y", "是") for f in _RIGHT_FIELDS):
            marked.append(option.key)
    return "".join(marked)


def _load(text: str) -> object:
    """A JSON (or Python literal) value, or None."""
    try:
        return json.loads(text)
    except ValueError:
        try:
            return ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None


def _structured(text: str) -> list[Option]:
    """Options given as a JSON (or Python) list or object in one cell; [] when the cell is not one."""
    data = _load(text)
    if isinstance(data, dict):
        data = [{"key": k, "text": v} for k, v in data.items()]
    if not isinstance(data, list) or not data:
        return []
    options: list[Option] = []
    for index, item in enumerate(data):
        key, body = _structured_item(item)
        if body is None:
            return []
        letter = OPTION_KEYS[index] if index < len(OPTION_KEYS) else "?"
        if key and len(key) == 1 and key.upper() in OPTION_KEYS:
            letter = key.upper()
        options.append(Option(letter, clean_text(body)))
    return options


def _structured_item(item: object) -> tuple[str | None, str | None]:
    """(letter, text) of one option of a JSON list: a plain string or an object with a text field."""

    def usable(value: object) -> bool:
        return isinstance(value, str | int | float) and not isinstance(value, bool) and bool(str(value).strip())

    if usable(item):
        return None, str(item)
    if not isinstance(item, dict):
        return None, None
    fields = {str(k).replace("_", "").lower(): v for k, v in item.items()}
    key = next((str(fields[f]).strip() for f in _KEY_FIELDS
                if usable(fields.get(f)) and len(str(fields[f]).strip()) == 1), None)
    body = next((str(fields[f]) for f in _TEXT_FIELDS if usable(fields.get(f)) and str(fields[f]).strip() != key), None)
    return key, body
