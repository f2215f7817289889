"""Reading answer cells: A, ABD, A,B,D, A B D, 对/错, √/×, 正确/错误, 是/否, T/F, 1/2, and blank texts.

A choice answer written in digits (1/2/3/4, "1,3", "134") means the first, second … option
(A/B/C/D) when the row's options do not say otherwise: an answer that is the text of exactly one
option ("3" among 2/3/4/5) is that option, as before. True/false keys 1/2 stay true/false.

Parsing says what the cell means and refuses what it cannot read; whether the answer
fits the options (a letter that is not among them, two answers to a single choice) is
`quiz.bank.types.validate`'s call, so both imported and hand-written questions meet one rule.
"""

from __future__ import annotations

import re

from quiz.bank.text import clean_text, comparison_key, half_width
from quiz.bank.types import OPTION_KEYS, Option

TRUE_WORDS = frozenset({"对", "正确", "√", "✓", "✔", "是", "T", "TRUE", "Y", "YES", "V", "1", "真", "ok"})
FALSE_WORDS = frozenset({"错", "错误", "×", "✗", "✘", "X", "否", "F", "FALSE", "N", "NO", "0", "假", "不正确", "不对"})
_CHOICE_SEPARATORS = re.compile(r"[\s,，、;；/|.．+和]+")
_BLANK_SEPARATORS = re.compile(r"\s*(?:[;；|｜]|\n)\s*")


class AnswerError(ValueError):
    """An answer cell that cannot be read; the message is in Chinese for the trainer."""


def truth_of(text: str) -> bool | None:
    """True/False for a word that states it (对, ×, T, 正确 …), None for anything else."""
    word = half_width(clean_text(text)).strip().rstrip("。.").upper().replace(" ", "")
    if word in TRUE_WORDS or word.lower() in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_letters(raw: str, keep_order: bool = False) -> tuple[str, ...]:
    """Option letters in an answer cell: "A", "ABD", "A,B,D", "A B D", "ａｂ" → ("A", "B", "D").

    Letters come back sorted and de-duplicated unless `keep_order` (order kinds).
    Raises AnswerError when the cell holds anything else.
    """
    text = _CHOICE_SEPARATORS.sub("", half_width(clean_text(raw))).upper()
    if not text:
        raise AnswerError("缺少答案")
    if not re.fullmatch(rf"[{OPTION_KEYS}]+", text):
        raise AnswerError(f"答案“{clean_text(raw)}”不是选项字母")
    letters = tuple(text)
    return letters if keep_order else tuple(sorted(set(letters)))


def parse_judge(raw: str, options: list[Option] | tuple[Option, ...] = ()) -> tuple[str, ...]:
    """A true/false answer as ("A",) for true or ("B",) for false.

    A letter is read through the row's own options, so a bank that lists
    "A.错误 B.正确" still gets the meaning right.
    """
    text = clean_text(raw)
    if not text:
        raise AnswerError("缺少答案")
    truth = truth_of(text)
    digit = half_width(text).strip()
    if digit in {"1", "2"}:
        # Converted banks key true/false as 1/2: the first or second of the row's options, or 正确/错误.
        texts = [truth_of(o.text) for o in options]
        truth = texts[int(digit) - 1] if len(texts) == 2 and None not in texts else digit == "1"
    if truth is None:
        letter = half_width(text).strip().upper()
        if len(letter) == 1 and letter in OPTION_KEYS:
            by_key = {o.key: o.text for o in options} or {"A": "正确", "B": "错误"}
            if letter not in by_key:
                raise AnswerError(f"答案{letter}不在选项中（选项为{'、'.join(by_key)}）")
            truth = truth_of(by_key[letter])
            if truth is None:
                raise AnswerError(f"判断题的选项{letter}“{by_key[letter]}”不是“正确/错误”")
        else:
            raise AnswerError(f"判断题答案“{text}”应为对/错、√/×、正确/错误、是/否或T/F")
    return ("A",) if truth else ("B",)


def parse_blanks(raw: str) -> tuple[str, ...]:
    """Accepted texts of a fill-in-the-blank answer, one per blank, split at ；, | or new lines."""
    parts = tuple(p for p in _BLANK_SEPARATORS.split(clean_text(raw)) if p)
    if not parts:
        raise AnswerError("缺少答案")
    return parts


def parse_choice(raw: str, options: list[Option] | tuple[Option, ...], keep_order: bool = False) -> tuple[str, ...]:
    """Letters of a choice answer, also when the cell repeats the option ("B.5%–16%") or only
    its text ("5%–16%"), as some banks write it."""
    try:
        return parse_letters(raw, keep_order)
    except AnswerError:
        text = half_width(clean_text(raw))
        prefix = re.match(r"\s*([A-H](?:[\s,，、]*[A-H])*)\s*[.．、:：)）]", text)
        if prefix:
            return parse_letters(prefix.group(1), keep_order)
        wanted = comparison_key(text)
        keys = [o.key for o in options if wanted and comparison_key(o.text) == wanted]
        if len(keys) == 1:
            return tuple(keys)
        digits = digit_keys(raw, options, keep_order, choice=True)
        if digits:
            return digits
        raise


def digit_keys(
    raw: str, options: list[Option] | tuple[Option, ...], keep_order: bool = False, *, choice: bool = False
) -> tuple[str, ...]:
    """Option letters of an answer written in digits ("2" → B, "1,3,4" → ACD), or () when the
    cell is not digits 1–8 each naming one of the row's options. Unless the row is known to be a
    choice question (`choice`), it needs more than two options, so that a true/false key 1/2 of
    a row without a type is never read as a letter."""
    text = _CHOICE_SEPARATORS.sub("", half_width(clean_text(raw)))
    if len(options) < (2 if choice else 3) or not re.fullmatch(r"[1-8]+", text) or int(max(text)) > len(options):
        return ()
    ordered = [o.key for o in options]
    letters = tuple(ordered[int(d) - 1] for d in text)
    return letters if keep_order else tuple(sorted(set(letters)))


def parse_answer(raw: str, shape: str, options: list[Option] | tuple[Option, ...] = ()) -> tuple[str, ...]:
    """Parse an answer cell for a question of the given shape."""
    if shape == "judge":
        return parse_judge(raw, options)
    if shape == "blank":
        return parse_blanks(raw)
    return parse_choice(raw, options, keep_order=shape == "order")


def looks_like_judge(raw: str, options: list[Option] | tuple[Option, ...]) -> bool:
    """Whether a row without a type cell reads as true/false: its answer or its two options say so."""
    # "F" is a letter where the row has options, and "false" where it has none; "1" is the first
    # option of a row with more than two.
    if truth_of(raw) is not None and (not options or not re.fullmatch(r"\s*[A-Ha-h]\s*", raw or "")):
        if not digit_keys(raw, options):
            return True
    texts = [truth_of(o.text) for o in options]
    return len(options) == 2 and None not in texts and texts[0] != texts[1]
