"""Answer quality of ask on a labelled question set, per question kind and overall.

The sets (question, gold title, gold article, kind, equally good answers `title|第N条;…`),
kind one of time, quantity, count, permission, action, duty, definition, unanswerable
(gold empty for unanswerable):

- asks_studied.tsv: the set ask's kinds and confidence were studied and calibrated on.
- asks_dev5.tsv … asks_dev10.tsv: written blind by someone else, then studied (development sets;
  dev6 aims at declining: coal-mine questions the library does not answer beside ones it does;
  dev7 is weighted to count, duty and action, dev8 to permission, definition, time and quantity,
  dev9 to duty, action and permission, often told as a story first; dev10 is made like a held-out set).
- asks_dev11.tsv, asks_dev12.tsv: check sets written blind (beside dev10, and beside held-out 8);
  engineers run them for their aggregate line only, to see whether a change carries to wording nobody
  studied.
- asks_holdout.tsv … asks_holdout8.tsv: written blind by someone else; only their aggregate figures
  are ever looked at (never read, never tuned on per question; sets 3 to 8 are run only to report).

Figures, per kind and overall:
- top1: the article ask puts first (the answer, or the closest when it declines) is gold,
  over answerable questions;
- precision: of the questions ask answers, the share answered with a gold article (an
  answered unanswerable question counts as wrong);
- declined: the share of answerable questions ask declines;
- declined_unanswerable: the share of unanswerable questions ask declines;
- confident / precision_confident: the share shown as the answer (not 可能的答案), and the share
  of those right.

Usage (from the repository root)::

    .venv/bin/python bench/eval_ask.py [--questions bench/asks_studied.tsv ...] [--index-dir DIR] [--misses]
        [--rows FILE] [--calibrate [--fit-only [FEATURE ...]] [--loso]]

Several sets may be given: each is reported on its own, and --calibrate fits on their union
(studied and development sets only: bench/asks_studied.tsv, bench/asks_dev5.tsv … asks_dev10.tsv;
never a held-out set, whose figures would then no longer be held out). --fit-only fits just the
weights named (a feature added since), holding the others at kb.qa.CALIBRATION; --fit-only alone
holds them all and derives the thresholds only. --loso reports, for each set, the figures at a
calibration fitted and thresholded on the other sets only (leave one set out): what a calibration
fitted this way does on questions written apart from those it was fitted on.

Without --index-dir, ../shared/corpus is ingested into a temporary database and indexed (as
bench/eval_search.py does); with it, the index is built there once and re-used on later runs.
The last line printed is one JSON object with every figure. --rows writes a TSV row per question
(set, question, the article put first, confidence to 4 places, declined): two runs diffed show
whether a change meant to keep behaviour kept it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.search_setup import add_backend_option  # noqa: E402

QUESTIONS = Path(__file__).with_name("asks_studied.tsv")
KINDS = ("time", "quantity", "count", "permission", "action", "duty", "definition", "unanswerable")


def short(title: str) -> str:
    """Title without 中华人民共和国 and book-title marks, for matching gold to answers."""
    return title.removeprefix("中华人民共和国").strip("《》 ")


def load(path: Path) -> list[tuple[str, str, frozenset[tuple[str, str]]]]:
    """(question, kind, gold (short title, 第N条) pairs) per row; empty gold for unanswerable."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, title, article, kind, *rest = (line.split("\t") + ["", "", ""])[:5]
        gold = set()
        if title.strip():
            gold.add((short(title.strip()), article.strip()))
        for alt in rest[0].split(";") if rest and rest[0].strip() else []:
            alt_title, _, alt_article = alt.strip().partition("|")
            gold.add((short(alt_title), alt_article.strip()))
        rows.append((question.strip(), kind.strip(), frozenset(gold)))
    return rows


def figures(outcomes: list[tuple[str, bool, bool, bool, bool]]) -> dict[str, float | int]:
    """outcomes: (kind, answerable, answered, first is gold, shown as confident) → the figures."""
    answerable = [o for o in outcomes if o[1]]
    unanswerable = [o for o in outcomes if not o[1]]
    answered = [o for o in outcomes if o[2]]
    confident = [o for o in outcomes if o[4]]

    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    return {
        "n": len(outcomes),
        "top1": share(sum(o[3] for o in answerable), len(answerable)),
        "precision": share(sum(o[1] and o[3] for o in answered), len(answered)),
        "answered": len(answered),
        "declined": share(sum(not o[2] for o in answerable), len(answerable)),
        "declined_unanswerable": share(sum(not o[2] for o in unanswerable), len(unanswerable)),
        "confident": share(len(confident), len(outcomes)),
        "precision_confident": share(sum(o[1] and o[3] for o in confident), len(confident)),
    }


def _first(answer: object) -> tuple[str, str]:
    first = answer.hit or (answer.alternatives[0] if answer.alternatives else None)
    return (short(first.title), first.article or first.label) if first else ("", "")  # 附录 主要名词解释: a section


def fit(
    samples: list[tuple[dict[str, float], bool]], steps: int = 6000, l2: float = 0.001,
    held: dict[str, float] | None = None,
) -> dict[str, float]:
    """Logistic regression (plain gradient descent, small L2) of rightness on the features; the
    weights in `held` stay as given and only the others (a feature added since) are fitted."""
    samples = [(f, y) for f, y in samples if f]
    names = sorted(samples[0][0]) if samples else []
    held = {n: v for n, v in (held or {}).items() if n in names or n == "bias"}
    w = {**dict.fromkeys(["bias", *names], 0.0), **held}
    rate = 0.5
    for _ in range(steps):
        grad = dict.fromkeys(w, 0.0)
        for features, right in samples:
            z = w["bias"] + sum(w[n] * features[n] for n in names)
            error = 1 / (1 + math.exp(-z)) - right
            grad["bias"] += error
            for n in names:
                grad[n] += error * features[n]
        for n in set(w) - set(held):
            w[n] -= rate * (grad[n] / len(samples) + (l2 * w[n] if n != "bias" else 0.0))
    return {n: round(v, 3) for n, v in w.items()}


def thresholds(scored: list[tuple[float, bool, bool]], target: float = 0.9, say: bool = False) -> tuple[float, float]:
    """(answer, confident) thresholds from (confidence, answerable, right) triples: the lowest
    confidence at which `target` of the unanswerable questions are declined, and the lowest at
    which the answers shown are right `target` of the time (with `say`, what each answers is printed)."""
    unanswerable = [c for c, answerable, _ in scored if not answerable]
    answer = confident = 0.95
    for t in reversed([x / 100 for x in range(5, 96)]):
        if unanswerable and sum(c < t for c in unanswerable) / len(unanswerable) >= target:
            answer = t
        shown = [right for c, _, right in scored if c >= t]
        if shown and sum(shown) / len(shown) >= target:
            confident = t
    for t in sorted({answer, confident}) if say else ():
        shown = [right for c, _, right in scored if c >= t]
        print(f"# at {t:.2f}: {len(shown)} answered, precision {sum(shown) / max(1, len(shown)):.3f}", file=sys.stderr)
    return answer, confident


# Unanswerable questions declined in each set, at least (the union declines `target` of them):
# dev8 and dev9 hold unanswerable questions a wrong article covers word for word (下井的反光工作服
# 必须是橙色的吗, at 0.95), which no threshold declines without declining a third of the answerable
# questions.
SET_DECLINE_FLOOR = 0.8


def set_thresholds(
    scored: list[tuple[float, bool, bool, str]], target: float = 0.9, say: bool = False,
) -> tuple[float, float]:
    """`thresholds` over (confidence, answerable, right, set name): the answer threshold declines
    `target` of the unanswerable questions of the union and SET_DECLINE_FLOOR of each set's, and
    the confident one keeps the answers shown as confident right `target` of the time in each set
    (one easy set must not loosen either for the others)."""
    answer, confident = thresholds([(c, a, right) for c, a, right, _ in scored], target, say)
    for name in sorted({name for *_, name in scored}):
        own = [(c, a, right) for c, a, right, n in scored if n == name]
        confident = max(confident, thresholds(own, target, say)[1])
        if any(not a for _, a, _ in own):
            answer = max(answer, thresholds(own, SET_DECLINE_FLOOR)[0])
    return answer, max(answer, confident)


# features, answerable, right, cap, set name
samples: list[tuple[dict[str, float], bool, bool, float, str]] = []
# set name, question, the article put first, confidence, declined (for --rows)
rows_out: list[tuple[str, str, str, str, str]] = []


def run(kb: object, rows: list, misses: bool, name: str = "") -> dict[str, dict[str, float | int]]:
    """Ask every question; print the misses when asked; return the figures per kind."""
    from kb.qa import ask

    outcomes = []
    for question, kind, gold in rows:
        answer = ask(kb, question)
        samples.append((*_sample(answer, gold), _cap(answer), name))
        got = _first(answer)
        rows_out.append((name, question, got[0] + got[1], f"{answer.confidence:.4f}", str(not answer.answered)))
        right = bool(gold) and got in gold
        outcomes.append((kind, bool(gold), answer.answered, right, getattr(answer, "confident", answer.answered)))
        if misses and (right != answer.answered or (gold and not right)):
            mark = "ANSWERED-WRONG" if answer.answered and not right else ("DECLINED" if not answer.answered else "")
            wanted = " / ".join(t + a for t, a in sorted(gold)) or "—"
            print(
                f"  {mark or 'MISS'} [{kind}] {question} → gold {wanted}; got {got[0]}{got[1]} "
                f"conf {answer.confidence:.2f}",
                file=sys.stderr,
            )
    report = {}
    by_kind: dict[str, list] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome[0]].append(outcome)
    for kind in [k for k in KINDS if k in by_kind] + sorted(set(by_kind) - set(KINDS)):
        report[kind] = figures(by_kind[kind])
    report["all"] = figures(outcomes)
    return report


def print_report(path: Path, report: dict[str, dict[str, float | int]], backend: str = "whoosh") -> dict:
    """A table per kind; returns the report with its set and backend, for the closing JSON line."""
    print(
        f"{'kind':<14}{'n':>5}{'top1':>8}{'prec':>8}{'declined':>10}{'decl_unans':>12}{'confident':>11}{'prec_conf':>11}"
    )
    for kind, row in report.items():
        cells = [row["top1"], row["precision"], row["declined"], row["declined_unanswerable"]]
        cells += [row["confident"], row["precision_confident"]]
        text = ["—" if c is None else f"{c:.3f}" for c in cells]
        print(f"{kind:<14}{row['n']:>5}{text[0]:>8}{text[1]:>8}{text[2]:>10}{text[3]:>12}{text[4]:>11}{text[5]:>11}")
    return {"set": path.name, "backend": backend, **report}


def print_json(reports: list[dict]) -> None:
    """The last line: one JSON object with every figure (one set's report, or {"sets": [...]} for several)."""
    print(json.dumps(reports[0] if len(reports) == 1 else {"sets": reports}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    """Evaluate ask on one or more question sets."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--questions", type=Path, nargs="+", default=[QUESTIONS], help="the TSV sets (default bench/asks_studied.tsv)"
    )
    ap.add_argument("--index-dir", type=Path, help="build the index here once and re-use it on later runs")
    ap.add_argument("--misses", action="store_true", help="list wrong answers and declines on stderr")
    ap.add_argument("--rows", type=Path, help="write a TSV row per question (set, question, first, confidence, declined)")
    ap.add_argument(
        "--calibrate", action="store_true",
        help="fit kb.qa.CALIBRATION and the thresholds on the union of the sets (studied and development only)",
    )
    ap.add_argument(
        "--fit-only", nargs="*", metavar="FEATURE",
        help="with --calibrate: fit only these features' weights, the others held at kb.qa.CALIBRATION "
        "(none named: hold them all, derive the thresholds only)",
    )
    ap.add_argument(
        "--loso", action="store_true",
        help="with --calibrate: also report each set at a calibration fitted on the other sets only",
    )
    add_backend_option(ap)
    args = ap.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print("../shared/corpus is absent; nothing to evaluate", file=sys.stderr)
        return 0
    from kb.search import KnowledgeBase

    sets = [(path, load(path)) for path in args.questions]
    if args.index_dir and (args.index_dir / "index").is_dir():
        kb = KnowledgeBase(args.index_dir / "index")
        reports = [print_report(path, run(kb, rows, args.misses, path.name)) for path, rows in sets]
        if args.calibrate:
            calibrate(args.fit_only, loso=args.loso)
        write_rows(args.rows)
        print_json(reports)
        return 0
    from bench.search_setup import build_kb, chosen_backends, corpus_app, database_for

    backends = chosen_backends(args.backend)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.index_dir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        with corpus_app(workdir, database_url=database_for(backends)):
            reports = []
            for backend in backends:
                kb = build_kb(backend, workdir)
                reports += [print_report(path, run(kb, rows, args.misses, f"{backend}:{path.name}"), backend)
                            for path, rows in sets]
            if args.calibrate:
                calibrate(args.fit_only, loso=args.loso)
    write_rows(args.rows)
    print_json(reports)
    return 0


def write_rows(path: Path | None) -> None:
    """The per-question rows (rows_out) as TSV at `path`, when given."""
    if path is not None:
        path.write_text("".join("\t".join(row) + "\n" for row in rows_out), encoding="utf-8")


def _sample(answer: object, gold: frozenset) -> tuple[dict[str, float], bool, bool]:
    return getattr(answer, "features", {}) or {}, bool(gold), bool(gold) and _first(answer) in gold


def _cap(answer: object) -> float:
    """The cap ask put on this answer's confidence (off-topic, no value stated), 1.0 when none:
    a capped answer is declined whatever the model says, so it is not fitted on, and the
    thresholds are set on the confidence ask shows."""
    from kb.qa import calibrated

    features = getattr(answer, "features", {}) or {}
    if not features or answer.confidence >= calibrated(features) - 1e-9:
        return 1.0
    return answer.confidence


def fitted(
    chosen: list[tuple[dict[str, float], bool, bool, float, str]], only: list[str] | None, say: bool = False,
) -> tuple[dict[str, float], float, float]:
    """(weights, answer threshold, confident threshold) fitted on `chosen` samples: all weights, or
    only those named in `only` with the rest held at kb.qa.CALIBRATION (`only` empty: none fitted)."""
    from kb import qa

    held = {n: v for n, v in qa.CALIBRATION.items() if n not in only} if only is not None else None
    fit_on = [(f, right) for f, _, right, cap, _ in chosen if cap >= 1.0]
    weights = dict(qa.CALIBRATION) if only is not None and not only else fit(fit_on, held=held)
    scored = [(min(cap, confidence(weights, f)) if f else 0.0, a, right, name) for f, a, right, cap, name in chosen]
    answer, confident = set_thresholds(scored, say=say)
    return weights, answer, confident


def confidence(weights: dict[str, float], features: dict[str, float]) -> float:
    """kb.qa.calibrated with `weights` in place of kb.qa.CALIBRATION."""
    z = weights["bias"] + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return round(1 / (1 + math.exp(-z)), 3)


def left_out(only: list[str] | None) -> None:
    """Each set's figures at the calibration fitted and thresholded on the other sets (leave one
    set out), printed as the per-set report's `all` line is."""
    names = sorted({name for *_, name in samples})
    print("# leave one set out: set, answer/confident thresholds fitted without it, its figures", file=sys.stderr)
    for name in names:
        weights, answer, confident = fitted([s for s in samples if s[4] != name], only)
        outcomes = []
        for features, answerable, right, cap, n in samples:
            if n == name:
                c = min(cap, confidence(weights, features)) if features else 0.0
                outcomes.append(("all", answerable, c >= answer, right, c >= confident))
        row = figures(outcomes)
        cells = " ".join(f"{k} {'—' if v is None else v}" for k, v in row.items() if k != "answered")
        print(f"# {name}: {answer:.2f}/{confident:.2f} {cells}", file=sys.stderr)


def calibrate(only: list[str] | None = None, loso: bool = False) -> None:
    """Print the fitted CALIBRATION and the thresholds for kb/qa.py: the model is fitted on the
    union of the sets; ANSWER_THRESHOLD and CONFIDENT_THRESHOLD as set_thresholds derives them.
    With `only`, just those features' weights are fitted and the rest held (a feature added to a
    calibration whose other weights stand; none named: thresholds only). With `loso`, each set is
    first reported at a calibration fitted without it (left_out)."""
    if loso:
        left_out(only)
    weights, answer, confident = fitted(samples, only, say=True)
    print(f"# CALIBRATION = {weights}", file=sys.stderr)
    print(f"# ANSWER_THRESHOLD = {answer}\n# CONFIDENT_THRESHOLD = {confident}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
