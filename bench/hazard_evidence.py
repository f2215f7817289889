"""Does the clause shown beside a hazard question state its key? Figures for trainer audit 3 (findings 1, 8, 15).

    .venv/bin/python bench/hazard_evidence.py [--seed 2026] [--corpus ../shared/corpus]

Generates every hazard question of one seed as the review page's generation does (`pipeline.hazard_batch` with the
current articles of the corpus), takes for each the excerpt the review page shows beside it (`excerpt.excerpt_of`
over its cited article) and counts, per question form (generator and what a scene asks):

* questions, and those whose key is a statement (a control, a threshold value) a clause must state;
* of these, those cited to the mine's catalogue entry (a control no article states, `evidence.cite_stating`);
* of these, the ones whose excerpt does not state the key (`evidence.states` over an article's excerpt; a catalogue
  entry's excerpt, `excerpt.entry_excerpt`, must list the key word for word; a marked source counts as not
  stated): goal 0;
* for the accident-category items, how often each category is offered as a wrong option;
* LEC items of the run sharing their L, E and C with another.

The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.hazards import cites_catalogue  # noqa: E402
from quiz.generation.evidence import right_texts, stated_keys, states  # noqa: E402
from quiz.generation.excerpt import entry_excerpt, excerpt_of  # noqa: E402
from quiz.generation.hazard import HazardData  # noqa: E402
from quiz.generation.pipeline import hazard_batch  # noqa: E402
from quiz.generation.sources import records_from_files  # noqa: E402


def form(q) -> str:
    ask = (q.inputs or {}).get("ask")
    return f"{q.generator}/{ask}" if ask else q.generator


def shown_states(q, keys, by_label, catalogue) -> bool:
    """Whether the excerpt the review page shows beside `q` states each of its keys."""
    right = right_texts(q)
    if cites_catalogue(q.citation):
        shown = entry_excerpt(catalogue.get(q.citation.article), keys)
        return shown is not None and all(k in shown for k in keys)
    record = by_label.get((q.citation.title, q.citation.article)) if q.citation else None
    paragraphs = tuple(record.text.splitlines()) if record else ()
    shown = excerpt_of(paragraphs, q.type, q.inputs, q.stem, right, [q.explanation]) if paragraphs else None
    if shown == "":
        shown = "\n".join(paragraphs)
    return shown is not None and all(any(states(c, k, q.stem) for c in shown.split("\n") + shown.split(" …… "))
                                     for k in keys)


def figures(questions, articles, catalogue) -> dict:
    by_label = {(r.title, r.label): r for r in articles}
    by_entry: Counter = Counter()
    counts: Counter = Counter()
    stated: Counter = Counter()
    unstated: Counter = Counter()
    wrong_classes: Counter = Counter()
    lec: Counter = Counter()
    for q in questions:
        counts[form(q)] += 1
        right = right_texts(q)
        keys = stated_keys(q.type, q.inputs, right)
        if "standard" in (q.inputs or {}):
            wrong_classes.update(o.text for o in q.options if o.key not in q.answer)
        if q.generator == "hazard.lec":
            lec[tuple(q.inputs[k] for k in "LEC")] += 1
        if not keys:
            continue
        stated[form(q)] += 1
        if cites_catalogue(q.citation):
            by_entry[form(q)] += 1
        if not shown_states(q, keys, by_label, catalogue):
            unstated[form(q)] += 1
    return {
        "questions": sum(counts.values()),
        "per_form": dict(sorted(counts.items())),
        "key_is_statement": dict(sorted(stated.items())),
        "cited_to_catalogue_entry": dict(sorted(by_entry.items())),
        "excerpt_not_stating_key": sum(unstated.values()),
        "excerpt_not_stating_key_per_form": dict(sorted(unstated.items())),
        "wrong_category_offered": dict(wrong_classes.most_common()),
        "lec_items_sharing_LEC": sum(n for n in lec.values() if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="2026")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    args = parser.parse_args()
    articles = records_from_files(args.corpus)
    data = HazardData.load()
    questions = hazard_batch(data, args.seed, articles=articles).questions
    print(json.dumps(figures(questions, articles, data.catalogue), ensure_ascii=False))


if __name__ == "__main__":
    main()
