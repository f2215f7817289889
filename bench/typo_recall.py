"""How many pinyin-input slips the typo corrector repairs, on words the library uses.

Takes N domain words that occur in the index, swaps one character for another common
character with the same reading (the slip a pinyin input method makes: 爆破 → 报破), puts
the result in a short question and counts what `kb.spelling.corrections` makes of it:
repaired, "corrected" to another word, or left alone. Independent of any question set.

Usage (from the repository root)::

    .venv/bin/python bench/typo_recall.py --index DATA_DIR/index [-n 200] [--seed 1] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEMPLATES = ("{}怎么办", "{}有什么规定", "关于{}的要求", "{}")
COMMON_CHARS = 3500


def homophones() -> dict[str, list[str]]:
    """Reading → common characters with that usual reading, most common first."""
    from pypinyin import Style, pinyin

    from kb.analysis import segmenter

    counts: dict[str, int] = defaultdict(int)
    for word, freq in segmenter().FREQ.items():
        if freq and len(word) <= 2:
            for ch in word:
                counts[ch] += freq
    by_sound: dict[str, list[str]] = defaultdict(list)
    for ch in sorted(counts, key=lambda c: -counts[c])[:COMMON_CHARS]:
        if "\u4e00" <= ch <= "\u9fff":
            by_sound[pinyin(ch, style=Style.NORMAL)[0][0]].append(ch)
    return by_sound


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True, help="an index root (DATA_DIR/index)")
    ap.add_argument("-n", type=int, default=200, help="words to try")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many failures")
    args = ap.parse_args(argv)

    from pypinyin import Style, lazy_pinyin

    from kb.analysis import dictionary_words, normalize
    from kb.search import KnowledgeBase
    from kb.spelling import corrections, suggestion

    kb = KnowledgeBase(args.index)
    vocabulary = kb.vocabulary()
    by_sound = homophones()
    rng = random.Random(args.seed)
    words = sorted(
        w for w in dictionary_words() if 2 <= len(w) <= 5 and all("\u4e00" <= c <= "\u9fff" for c in w) and kb.df(w)
    )
    tally = {"repaired": 0, "wrong": 0, "missed": 0}
    failures = []
    for word in rng.sample(words, min(args.n, len(words))):
        i = rng.randrange(len(word))
        options = [c for c in by_sound.get(lazy_pinyin(word, style=Style.NORMAL)[i], []) if c != word[i]]
        if not options:
            continue
        typo = word[:i] + rng.choice(options[:8]) + word[i + 1 :]
        question = normalize(rng.choice(TEMPLATES).format(typo))
        fixed = suggestion(question, corrections(question, vocabulary, kb.together, kb.df))
        outcome = "repaired" if word in fixed else "wrong" if fixed else "missed"
        tally[outcome] += 1
        if outcome != "repaired":
            failures.append({"word": word, "typed": question, "got": fixed, "outcome": outcome})
    for failure in failures[: args.show]:
        print(f"{failure['outcome']}: {failure['word']} typed as {failure['typed']} → {failure['got'] or '(nothing)'}")
    print(json.dumps({"tried": sum(tally.values()), **tally}, ensure_ascii=False))  # last line: the figures
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
