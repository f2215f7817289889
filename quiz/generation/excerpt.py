"""The sentence of a source a draft was made from, so the review page shows that sentence and
folds the rest of a long article away (the trainer opens it when needed)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Longer than this, a source is folded to its relevant sentence on the review page.
FOLD_CHARS = 160
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


def sentences(paragraphs: Iterable[str]) -> list[str]:
    """The sentences of the paragraphs, each with its closing mark."""
    return [s.strip() for p in paragraphs for s in _SENTENCE.findall(p) if s.strip()]


def _pairs(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def relevant_sentence(paragraphs: Iterable[str], question_text: str) -> str:
    """The sentence sharing the most character pairs with what the question says (stem, options,
    answer, explanation, the generator's recorded sentence); "" when none shares any."""
    wanted = _pairs(question_text)
    best, best_score = "", 0
    for sentence in sentences(paragraphs):
        score = len(_pairs(sentence) & wanted)
        if score > best_score:
            best, best_score = sentence, score
    return best


def fold(paragraphs: tuple[str, ...], question_text: str) -> str:
    """The sentence to show in place of a long source, or "" when the source is short enough to show whole."""
    if sum(len(p) for p in paragraphs) <= FOLD_CHARS:
        return ""
    return relevant_sentence(paragraphs, question_text)


def excerpts(questions: Iterable, sources: dict, records: dict) -> dict[int, str]:
    """Question id → the sentence its long source folds to (questions with a short source are left out)."""
    out: dict[int, str] = {}
    for question in questions:
        source = sources.get(question.id)
        if source is None or not source.paragraphs:
            continue
        version, record = question.current_version, records.get(question.id)
        said = [version.stem, version.explanation or "", *(o.get("text", "") for o in version.options or ())]
        if record is not None:
            said.append(str((record.inputs or {}).get("sentence", "")))
        if sentence := fold(source.paragraphs, "".join(said)):
            out[question.id] = sentence
    return out
