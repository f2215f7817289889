"""Question-generation coverage and throughput over ../shared/corpus and the hazard catalogue.

    .venv/bin/python bench/generation_coverage.py [--corpus ../shared/corpus] [--seed 1] [--json]

Prints the share of current normative articles that yield at least one verified question
(target ≥ 80%), per-kind and per-generator counts (single choice split by what the key is:
number, duty-bearer, term; term questions by term class), what the independent verifier rejected,
and throughput in questions per second (generation alone, and generation plus verification).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quiz.generation.articles import worth_asking  # noqa: E402
from quiz.generation.hazard import HazardData  # noqa: E402
from quiz.generation.pipeline import HAZARD_GENERATORS, generate_theory, verified_batch  # noqa: E402
from quiz.generation.sources import records_from_files  # noqa: E402
from quiz.generation.theory import TheoryPools  # noqa: E402
from quiz.generation.verify import Verifier  # noqa: E402


def measure(corpus: Path, seed: str) -> dict:
    """Run theory and hazard generation once and collect the numbers."""
    started = time.perf_counter()
    records = records_from_files(corpus)
    parsed = time.perf_counter()
    pools = TheoryPools.build(records)
    candidates = list(generate_theory(records, seed, pools))
    generated = time.perf_counter()
    theory = verified_batch(candidates, Verifier(records))
    verified = time.perf_counter()

    normative = {r.key for r in records if worth_asking(r.text)}
    covered = {q.inputs["article"] for q in theory.questions} & normative

    data = HazardData.load()
    hazard_started = time.perf_counter()
    hazard_candidates = [q for generator in HAZARD_GENERATORS.values() for q in generator(data, seed)]
    hazard_generated = time.perf_counter()
    hazards = verified_batch(hazard_candidates, Verifier((), data))
    hazard_verified = time.perf_counter()

    theory_seconds = generated - parsed
    hazard_seconds = hazard_generated - hazard_started
    return {
        "seed": seed,
        "articles_current": len(records),
        "articles_normative": len(normative),
        "articles_covered": len(covered),
        "coverage": round(len(covered) / len(normative), 4) if normative else 0.0,
        "theory_by_type": dict(Counter(q.type for q in theory.questions)),
        "theory_by_generator": dict(Counter(q.generator for q in theory.questions)),
        "false_statement_changes": dict(Counter(q.change.kind for q in theory.questions if q.change)),
        "single_by_generator": dict(Counter(q.generator for q in theory.questions if q.type == "single")),
        "term_by_class": dict(
            Counter(q.inputs["class"] for q in theory.questions if q.generator == "theory.single_term")
        ),
        "theory_candidates": theory.candidates,
        "theory_verified": len(theory.questions),
        "theory_rejected": [str(f) for f in theory.rejected],
        "hazard_by_generator": dict(Counter(q.generator for q in hazards.questions)),
        "hazard_candidates": hazards.candidates,
        "hazard_verified": len(hazards.questions),
        "hazard_rejected": [str(f) for f in hazards.rejected],
        "seconds": {
            "parse_corpus": round(parsed - started, 3),
            "theory_generate": round(theory_seconds, 3),
            "theory_verify": round(verified - generated, 3),
            "hazard_generate": round(hazard_seconds, 3),
            "hazard_verify": round(hazard_verified - hazard_generated, 3),
        },
        "questions_per_second": {
            "theory_generate": round(len(candidates) / theory_seconds),
            "theory_generate_and_verify": round(len(theory.questions) / (verified - parsed)),
            "hazard_generate": round(len(hazard_candidates) / hazard_seconds),
            "hazard_generate_and_verify": round(len(hazards.questions) / (hazard_verified - hazard_started)),
        },
        "hazard_tables_missing": data.missing,
    }


def main() -> None:
    """Parse arguments, measure, print a report (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder not found: {args.corpus}")
    result = measure(args.corpus, args.seed)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(
        f"现行条文 {result['articles_current']}，规范性条文 {result['articles_normative']}，"
        f"至少出一道已核验题的 {result['articles_covered']}（覆盖率 {result['coverage']:.1%}，目标 ≥80%）"
    )
    print(
        f"理论题：候选 {result['theory_candidates']}，核验通过 {result['theory_verified']}，"
        f"被核验器退回 {len(result['theory_rejected'])}"
    )
    for name, count in sorted(result["theory_by_type"].items()):
        print(f"  {name:8} {count}")
    for name, count in sorted(result["theory_by_generator"].items()):
        print(f"  {name:28} {count}")
    print(f"  判断题“错误”项的改动类型：{result['false_statement_changes']}")
    print("  单选题按答案种类：" + "，".join(f"{k.split('_')[-1]} {v}" for k, v in sorted(result["single_by_generator"].items())))
    print("  术语单选题按术语类别：" + "，".join(f"{k} {v}" for k, v in sorted(result["term_by_class"].items())))
    print(
        f"危险源辨识题：候选 {result['hazard_candidates']}，核验通过 {result['hazard_verified']}，"
        f"被核验器退回 {len(result['hazard_rejected'])}"
    )
    for name, count in sorted(result["hazard_by_generator"].items()):
        print(f"  {name:28} {count}")
    for failure in result["theory_rejected"][:10] + result["hazard_rejected"][:10]:
        print(f"  退回：{failure}")
    print("耗时（秒）：" + "，".join(f"{k} {v}" for k, v in result["seconds"].items()))
    print("吞吐（题/秒）：" + "，".join(f"{k} {v}" for k, v in result["questions_per_second"].items()))
    print(json.dumps(result, ensure_ascii=False))  # last line: one JSON object, as every bench script ends


if __name__ == "__main__":
    main()
