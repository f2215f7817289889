"""Question-generation coverage and throughput over ../shared/corpus and the hazard catalogue.

    .venv/bin/python bench/generation_coverage.py [--corpus ../shared/corpus] [--seed 1] [--json]

Prints the share of current normative articles that yield at least one verified question
(target ≥ 80%), per-kind and per-generator counts (single choice split by what the key is:
number, duty-bearer, term; term questions by term class), what the independent verifier rejected,
and throughput in questions per second (generation alone, and generation plus verification).

    .venv/bin/python bench/generation_coverage.py --exam [--theory 3000] [--seed 1] [--audience managers]

lists instead the frontline articles real exams ask about (bench/exam_articles.tsv without the agency-procedure
ones, `generation_quality.agency_article`) that a default run (`cli.run`: default scope, pick of --theory) leaves
without an item, each with the first stage that loses it: not in the corpus or not current; outside the default
scope; not normative (`worth_asking`); article relevance below `ARTICLE_THRESHOLD`; no generator applies (and
none would with the sentence threshold at 0: then "sentence relevance" is the cause); every candidate refused by
the verifier (its checks named); a duplicate of a fact asked elsewhere; or left out by the pick (its only item a
true/false one beyond half of the run). Then the count per cause, and how many exam articles are covered (of all
and of the frontline). `--audience managers` runs for 管理人员 (`relevance.AUDIENCES`) and lists every exam article
it leaves without an item, agency procedure included.

With --exam it also gives the coverage per bank (the bank column of bench/exam_articles.tsv): of the articles each
bank's questions quote, how many (a) the default run covers and (b) the run a trainer preparing that bank's exam
would make covers: for the bank's audience (`bank_audience`: a bank named for 管理 is for 管理人员, the rest for the
frontline) over the documents the bank is about (`syllabus`: the documents holding at least `SYLLABUS_SHARE` of the
bank's matched questions, as a trainer knows the syllabus; chosen per document, never per article). For (b) it lists
the bank's articles that run leaves without an item, each with the stage that loses it (`lost_at`, as above, read in a
run narrowed to documents; "outside the run's documents" for a document off the syllabus), and counts them per stage.
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
from quiz.generation.pipeline import HAZARD_GENERATORS, generate_theory, verified_batch, verified_theory  # noqa: E402,E501
from quiz.generation.relevance import ARTICLE_THRESHOLD, article_relevance  # noqa: E402
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
    theory = verified_theory(candidates, Verifier(records), records, pools)
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


#: A document is on a bank's syllabus when it holds at least this share of the bank's questions matched to an article.
SYLLABUS_SHARE = 0.1


def bank_audience(bank: str) -> str:
    """Who a bank examines: 管理人员 for a bank named for 管理 (特种设备安全管理), else the frontline (welders)."""
    from quiz.generation.relevance import FRONTLINE, MANAGERS

    return MANAGERS if "管理" in bank else FRONTLINE


def syllabus(exam_banks: dict, bank: str, share: float = SYLLABUS_SHARE) -> list[str]:
    """The documents holding at least `share` of `bank`'s matched questions (`exam_banks` as
    `generation_quality.load_exam_banks` gives it), most asked first."""
    per_document: Counter = Counter()
    for (title, _), banks in exam_banks.items():
        per_document[title] += banks.get(bank, 0)
    total = sum(per_document.values())
    return [t for t, n in per_document.most_common() if n and n >= share * total]


def bank_coverage(exam_banks: dict, asked: set, bank: str) -> tuple[int, int]:
    """(covered, total): of the articles `bank`'s questions quote, those among `asked` ((title, article) pairs)."""
    articles = {ref for ref, banks in exam_banks.items() if banks.get(bank)}
    return len(articles & asked), len(articles)


def per_bank(corpus: Path, seed: str, n: int, default_asked: set) -> dict:
    """Per bank: the coverage of the default run (`default_asked`) and of the run a trainer preparing the bank's
    exam makes (its audience, its syllabus), with that run's audience and documents, and the bank's articles that
    run leaves without an item, each with the stage that loses it (`lost_at`), and their count per stage."""
    from bench.generation_quality import load_exam_banks
    from quiz.generation.cli import run
    from quiz.generation.pipeline import theory_batch, theory_selection

    exam_banks = load_exam_banks()
    records = records_from_files(corpus)
    by_ref = {(r.title, r.label): r for r in records if r.status == "current"}
    pools = TheoryPools.build(records)
    verifier = Verifier([r for r in records if r.status == "current"])
    out = {}
    for bank in sorted({b for banks in exam_banks.values() for b in banks}):
        audience, documents = bank_audience(bank), syllabus(exam_banks, bank)
        items = run("theory", n, seed, docs=tuple(documents), corpus=corpus, audience=audience)
        asked = {(q.citation.title, q.citation.article) for q in items if q.citation}
        covered, total = bank_coverage(exam_banks, default_asked, bank)
        trained, _ = bank_coverage(exam_banks, asked, bank)
        chosen = theory_selection(records, documents, audience=audience)
        batch = theory_batch(chosen, seed, pools, corpus=records, audience=audience, narrowed=True)
        kept, picked = {q.inputs["article"] for q in batch.questions}, {q.inputs["article"] for q in items}
        gaps = []
        for ref in sorted(ref for ref, banks in exam_banks.items() if banks.get(bank) and ref not in asked):
            record = by_ref.get(ref)
            why = lost_at(record, seed, pools, verifier, {r.key for r in chosen}, kept, picked, audience, True)
            gaps.append({"title": ref[0], "article": ref[1], "why": why,
                         "opening": record.text.strip().splitlines()[0][:60] if record else ""})
        out[bank] = {"articles": total, "default_run": covered, "trainer_run": trained, "audience": audience,
                     "documents": documents, "trainer_run_items": len(items), "trainer_gaps": gaps,
                     "trainer_causes": dict(Counter(stage_name(g["why"]) for g in gaps).most_common())}
    return out


def lost_at(record, seed: str, pools: TheoryPools, verifier: Verifier, scope: set, kept: set, picked: set,
            audience: str = "frontline", narrowed: bool = False) -> str:
    """The first stage that loses `record` (an exam article a run left without an item; None: not in the corpus):
    see the module doc. `scope`, `kept` and `picked` are the article keys the run selects, verifies and picks."""
    from contextlib import ExitStack
    from unittest import mock

    from quiz.generation import relevance as rel
    from quiz.generation.syllabus import narrowed_to_documents
    from quiz.generation.theory import items, numbers, term_questions, true_false

    if record is None:
        return "not in the corpus or not current"
    if record.key not in scope:
        return "outside the run's documents" if narrowed else "outside the default scope"
    candidates = list(generate_theory([record], seed, pools, audience=audience, narrowed=narrowed))
    if not candidates and not worth_asking(record.text):
        return "not normative (worth_asking)"
    with narrowed_to_documents(narrowed):
        relevance = article_relevance(record.text, record.path, audience)
    if not candidates and relevance < ARTICLE_THRESHOLD:
        return f"article relevance {relevance} < {ARTICLE_THRESHOLD}"
    if not candidates:
        with ExitStack() as patched:
            for module in (numbers, term_questions, true_false, items, rel):  # each theory module reading it, and its home
                patched.enter_context(mock.patch.object(module, "worth_a_worker", lambda s: True))
            loose = list(generate_theory([record], seed, pools, audience=audience, narrowed=narrowed))
        return (
            "sentence relevance below THRESHOLD (" + ", ".join(sorted({q.generator for q in loose})) + ")"
            if loose else "no generator applies"
        )
    failures = verifier.verify(candidates).failures
    if {f.index for f in failures} >= set(range(len(candidates))) and record.key not in kept:
        return "verifier: " + "; ".join(sorted({f.problem[:50] for f in failures}))
    if record.key not in kept:
        return "duplicate of a fact asked elsewhere"
    if record.key not in picked:
        return "left out by the pick (true/false beyond half of the run: pipeline._at_most_half_judges)"
    return "picked but not cited (?)"


def stage_name(why: str) -> str:
    """The stage of a `lost_at` answer without its details (for counting)."""
    return "article relevance" if why.startswith("article") else why.split(" (")[0].split(":")[0]


def exam_gaps(corpus: Path, seed: str, n: int, audience: str = "frontline") -> dict:
    """The frontline exam articles a default run leaves without an item (every exam article, for a run for
    managers), each with why (see the module doc)."""
    from bench.generation_quality import agency_article, load_exam_list
    from quiz.generation.cli import run
    from quiz.generation.pipeline import pick, theory_batch, theory_selection

    records = records_from_files(corpus)
    by_ref = {(r.title, r.label): r for r in records if r.status == "current"}
    exam = load_exam_list()
    run_items = run("theory", n, seed, corpus=corpus, audience=audience)
    asked = {(q.citation.title, q.citation.article) for q in run_items if q.citation}
    frontline = [e for e in exam if not (e in by_ref and agency_article(by_ref[e]))]
    scope = {r.key for r in theory_selection(records, audience=audience)}
    pools = TheoryPools.build(records)
    verifier = Verifier([r for r in records if r.status == "current"])
    batch = theory_batch([r for r in records if r.key in scope], seed, pools, corpus=records, audience=audience)
    kept = {q.inputs["article"] for q in batch.questions}
    picked = {q.inputs["article"] for q in pick(batch.questions, n, seed)}
    rows = []
    for ref in frontline if audience == "frontline" else exam:
        if ref in asked:
            continue
        record = by_ref.get(ref)
        why = lost_at(record, seed, pools, verifier, scope, kept, picked, audience)
        score = article_relevance(record.text, record.path, audience) if record else 0.0
        rows.append({"title": ref[0], "article": ref[1], "why": why, "relevance": score,
                     "opening": record.text.strip().splitlines()[0][:60] if record else ""})
    causes = Counter(stage_name(r["why"]) for r in rows)
    covered = len(set(exam) & asked)
    default_asked = asked if audience == "frontline" else {
        (q.citation.title, q.citation.article) for q in run("theory", n, seed, corpus=corpus) if q.citation
    }
    return {"audience": audience, "exam": len(exam), "covered": covered, "frontline": len(frontline),
            "frontline_covered": len(set(frontline) & asked), "gaps": rows, "causes": dict(causes.most_common()),
            "banks": per_bank(corpus, seed, n, default_asked)}


def main() -> None:
    """Parse arguments, measure, print a report (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--exam", action="store_true", help="List the frontline exam articles with no item, and why.")
    parser.add_argument("--theory", type=int, default=3000, help="With --exam: how many theory items the run picks.")
    parser.add_argument("--audience", choices=("frontline", "managers"), default="frontline",
                        help="With --exam: who the run is for (quiz.generation.relevance.AUDIENCES).")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder not found: {args.corpus}")
    if args.exam:
        gaps = exam_gaps(args.corpus, args.seed, args.theory, args.audience)
        for row in gaps["gaps"]:
            print(f"{row['title']}\t{row['article']}\t{row['relevance']}\t{row['why']}\t{row['opening']}")
        print(f"真实考试所考条文 {gaps['exam']} 条，覆盖 {gaps['covered']}；一线条文 {gaps['frontline']} 条，覆盖 "
              f"{gaps['frontline_covered']}；未覆盖原因：{gaps['causes']}")
        for bank, row in gaps["banks"].items():
            print(f"题库 {bank}：所考条文 {row['articles']} 条；默认出题覆盖 {row['default_run']}；按该题库备考出题"
                  f"（对象 {row['audience']}，文件 {'、'.join(row['documents'])}，{row['trainer_run_items']} 题）覆盖 "
                  f"{row['trainer_run']}；未覆盖原因：{row['trainer_causes']}")
            for gap in row["trainer_gaps"]:
                print(f"  {gap['title']}\t{gap['article']}\t{gap['why']}\t{gap['opening']}")
        summary = {k: v for k, v in gaps.items() if k != "gaps"}
        summary["banks"] = {b: {k: v for k, v in row.items() if k != "trainer_gaps"} for b, row in gaps["banks"].items()}
        print(json.dumps(summary, ensure_ascii=False))
        return
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
