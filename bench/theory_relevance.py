"""What a default theory run asks about: procedure, documents outside a mine's field, true/false, numbers.

    .venv/bin/python bench/theory_relevance.py [--corpus ../shared/corpus] [-n 3000] [--seed 1] [--json FILE]

Runs `generate --kind theory` the way the CLI does (default scope) or reads a JSON list it printed
(`--json FILE`), and prints one JSON object:

* procedure: share of items about procedure between the state and others (the stem, key filled in,
  names a state body and a procedure or penalty word) — issue 16 goal ≤ 5%;
* outside_field: share from documents a coal mine does not train on (by title words below) — ≤ 10%;
* judge_true / judge_false: the true/false balance;
* number_keyed: share of items whose key is a number (blanks and single choices on numbers);
* mc_rule_elsewhere: share of multiple-choice items with a wrong option that a current article states
  as a rule (it contains 应当/必须/严禁 … and is found in some current article) — ≤ 5%;
* single_rule_elsewhere: single choices whose stem with a wrong option filled in is found in the corpus;
* relevance: mean and share below 0.45.

The classifiers here are deliberately plain word lists, not the generator's scorer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quiz.generation.sources import records_from_files  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
STATE = re.compile(r"人民政府|国务院|部门|机关|监察|行政|人民法院|人民检察院|仲裁委员会")
PROCEDURE = re.compile(r"批准|审批|许可|备案|复议|诉讼|罚款|处分|吊销|登记|申请|受理|核准|颁发|监督检查|责令|仲裁|审查|发证")
# The same line as bench/generation_quality.py's MINE_FIELD_TITLES: the special-equipment law and its inspection rules
# and the fire law (in the default scope, `quiz.generation.scope`), the work-injury and labour laws and the toxic-substance
# workplace regulation count as a mine's field there, so they are not outside here either.
OUTSIDE = ("工会法", "国家安全法", "危险化学品", "民用爆炸物品", "内河", "劳动合同法", "标准化法",
           "建设工程", "突发事件", "矿产资源", "女职工", "特大安全事故", "刑事案件")
RULE = re.compile(r"应当|必须|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)|须|方可|可以|有权")
NUMBER = re.compile(r"^(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)")
PREFIX = re.compile(r"^根据《[^》]+》第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?(?:关于[^，]+的规定)?，")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def measure(questions: list[dict], corpus_text: str) -> dict:
    n = len(questions)
    procedure = outside = number_keyed = 0
    multi = multi_bad = single = single_bad = 0
    judges: Counter = Counter()
    relevances = [q.get("relevance", 1.0) for q in questions]
    examples: dict[str, list[str]] = {"procedure": [], "mc_rule_elsewhere": []}
    for q in questions:
        options = {o["key"]: o["text"] for o in q["options"]}
        body = PREFIX.sub("", q["stem"])
        key = q["answer"][0] if q["type"] == "blank" else options.get(q["answer"][0], "") if q["answer"] else ""
        filled = body.replace("（ ）", key, 1) if q["type"] in {"blank", "single"} else body
        if STATE.search(filled) and PROCEDURE.search(filled):
            procedure += 1
            examples["procedure"].append(q["stem"])
        if any(word in q["citation"]["title"] for word in OUTSIDE):
            outside += 1
        if q["type"] in {"blank", "single"} and NUMBER.match(key) and q["generator"] != "theory.single_term":
            number_keyed += 1
        if q["type"] == "judge":
            judges["true" if q["answer"] == ["A"] else "false"] += 1
        wrong = [t for k, t in options.items() if k not in q["answer"]]
        if q["type"] == "multi":
            multi += 1
            if any(RULE.search(w) and flat(w) in corpus_text for w in wrong):
                multi_bad += 1
                examples["mc_rule_elsewhere"].append(q["stem"] + " " + " / ".join(wrong))
        if q["type"] == "single":
            single += 1
            if any(flat(body.replace("（ ）", w, 1)) in corpus_text for w in wrong):
                single_bad += 1
    judged = sum(judges.values()) or 1
    return {
        "items": n,
        "procedure": round(procedure / n, 4),
        "outside_field": round(outside / n, 4),
        "judge_true": judges["true"],
        "judge_false": judges["false"],
        "judge_false_share": round(judges["false"] / judged, 4),
        "number_keyed": round(number_keyed / n, 4),
        "multi": multi,
        "mc_rule_elsewhere": round(multi_bad / multi, 4) if multi else 0.0,
        "single_rule_elsewhere": round(single_bad / single, 4) if single else 0.0,
        "relevance_mean": round(sum(relevances) / n, 3),
        "relevance_below_045": round(sum(r < 0.45 for r in relevances) / n, 4),
        "by_generator": dict(Counter(q["generator"] for q in questions)),
        "examples": {k: v[:5] for k, v in examples.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-n", type=int, default=3000)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--json", type=Path, help="Measure this JSON list instead of running the generator.")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(json.dumps({"skipped": f"no corpus at {args.corpus}"}))
        return
    records = records_from_files(args.corpus)
    corpus_text = "\n".join(flat(r.text) for r in records)
    if args.json:
        questions = json.loads(args.json.read_text(encoding="utf-8"))
    else:
        from quiz.generation.cli import run

        questions = [q.to_json() for q in run("theory", args.n, args.seed, corpus=args.corpus)]
    print(json.dumps(measure(questions, corpus_text), ensure_ascii=False))  # one line, as every bench script ends


if __name__ == "__main__":
    main()
