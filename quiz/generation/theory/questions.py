"""The question an article generator returns: its seeded `random.Random` (`article_rng`: the same seed, generator and
article give the same draw whatever else is in the run), shuffled options (`choice_options`), a blank's one answer
(`blank_answer`), and the `GeneratedQuestion` with its citation, category and relevance (`article_question`)."""

from __future__ import annotations

import random

from quiz.bank.types import OPTION_KEYS, Option
from quiz.generation.records import CATEGORY_THEORY, ArticleRecord, Change, GeneratedQuestion
from quiz.generation.relevance import (
    relevance,
)
from quiz.generation.theory.stems import short_title


def article_rng(seed: str, generator: str, record: ArticleRecord) -> random.Random:
    return random.Random(f"{seed}|{generator}|{record.key}")


def choice_options(
    correct: list[str], wrong: list[str], rng: random.Random
) -> tuple[tuple[Option, ...], tuple[str, ...]]:
    texts = [(t, True) for t in correct] + [(t, False) for t in wrong]
    rng.shuffle(texts)
    options = tuple(Option(OPTION_KEYS[i], t) for i, (t, _) in enumerate(texts))
    answer = tuple(OPTION_KEYS[i] for i, (_, ok) in enumerate(texts) if ok)
    return options, answer


def article_question(
    record: ArticleRecord,
    generator: str,
    seed: str,
    type_: str,
    stem: str,
    options,
    answer,
    explanation: str,
    inputs: dict,
    change: Change | None = None,
) -> GeneratedQuestion:
    return GeneratedQuestion(
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation,
        citation=record.citation,
        generator=generator,
        seed=seed,
        change=change,
        inputs={"article": record.key, **inputs},
        category=(CATEGORY_THEORY, short_title(record.title)),
        article_id=record.article_id,
        relevance=relevance(record.text, asked_text(inputs), record.path),
    )


def asked_text(inputs: dict) -> str:
    """The sentence a question asks about, from its inputs: the sentence, or a list's lead-in and item."""
    if inputs.get("sentence"):
        return inputs["sentence"]
    return "：".join(part for part in (inputs.get("lead", ""), inputs.get("item", "")) if part)


def blank_answer(forms: list[str]) -> tuple[str]:
    """The answer of a one-blank question: its accepted forms as one "/"-separated text (2/二), the original first."""
    return ("/".join(forms),)
