"""Print generated questions for a person to judge: N per generator, seed-stable.

Theory questions come from ../shared/corpus (current documents only), hazard questions from the
project's catalogue. Usage: python bench/question_samples.py [--per 20] [--seed 1] [--width 0]
(--width N shortens stems to N characters, keeping the blank in view). The last line is one JSON
object: how many questions each generator verified and how many were printed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quiz.generation.hazard import HazardData  # noqa: E402
from quiz.generation.pipeline import hazard_batch, theory_batch  # noqa: E402
from quiz.generation.sources import records_from_files  # noqa: E402
from quiz.generation.theory import TheoryPools  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def shorten(text: str, width: int) -> str:
    """Cut `text` to `width` characters around its blank (（ ）), if it has one."""
    if not width or len(text) <= width:
        return text
    centre = text.find("（ ）")
    start = max(0, min(centre - width // 2, len(text) - width)) if centre >= 0 else 0
    return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per", type=int, default=20)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--width", type=int, default=0)
    parser.add_argument("--only", default="", help="Only generators whose name starts with this.")
    args = parser.parse_args()
    questions = hazard_batch(HazardData.load(), args.seed).questions
    if CORPUS.is_dir():
        records = records_from_files(CORPUS)
        questions = theory_batch(records, args.seed, TheoryPools.build(records)).questions + questions
    groups: dict[str, list] = defaultdict(list)
    for question in questions:
        if question.generator.startswith(args.only):
            groups[question.generator].append(question)
    for name in sorted(groups):
        chosen = list(groups[name])
        random.Random(f"{args.seed}-{name}").shuffle(chosen)
        print(f"\n### {name}: {len(groups[name])} verified, {min(args.per, len(chosen))} at random")
        for number, q in enumerate(chosen[: args.per], 1):
            stem = shorten(q.stem, args.width)
            options = "" if q.type in ("blank", "judge") else " " + " ".join(f"{o.key}.{o.text}" for o in q.options)
            change = f"（{q.change.original}→{q.change.replacement}）" if q.change else ""
            print(f"{number}. {stem}{options} 【{'/'.join(q.answer)}】{change}")
    print(json.dumps({"seed": args.seed, "corpus_read": CORPUS.is_dir(), "verified": sum(len(g) for g in groups.values()),
                      "printed": sum(min(args.per, len(g)) for g in groups.values()),
                      "by_generator": {name: len(groups[name]) for name in sorted(groups)}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
