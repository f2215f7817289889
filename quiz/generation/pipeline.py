"""Generate, verify, de-duplicate and pick: what the CLI, the bench and the tests call.

Only questions the verifier passes leave this module. Picking N of them is seeded and
balanced: generators take turns, so `-n 20` of theory gives blanks, single choices,
true/false and multiple choices alike rather than twenty of whichever came first.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from corpus.normalize import normalize_title
from quiz.generation import articles as read
from quiz.generation import chapters
from quiz.generation.actions import single_action
from quiz.generation.chapters import underground_only
from quiz.generation.conditions import CONDITION_GENERATORS, true_twin
from quiz.generation.evidence import cite_stating, stated_by_refs
from quiz.generation.hazard import (
    HazardData,
    accident_type,
    control,
    distinct_facts,
    lec,
    question_jobs,
    site_hazards,
)
from quiz.generation.listed import listed_judge
from quiz.generation.lists import multi_enumeration
from quiz.generation.oversight import OVERSIGHT_GENERATORS, capped_levels
from quiz.generation.penalties import single_fine
from quiz.generation.ranges import single_range
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import ARTICLE_THRESHOLD, FRONTLINE, article_relevance, for_audience
from quiz.generation.rules import major, threshold
from quiz.generation.scenes import scenario_questions, violation_questions
from quiz.generation.scope import default_scope
from quiz.generation.syllabus import SYLLABUS_GENERATORS, narrowed_to_documents
from quiz.generation.theory import (
    TheoryPools,
    blank_item_number,
    blank_number,
    blank_term,
    judge,
    single_item_number,
    single_number,
    single_party,
    single_term,
)
from quiz.generation.verify import Failure, Verifier, stem_key

THEORY_GENERATORS: dict[str, Callable[[ArticleRecord, TheoryPools, str], GeneratedQuestion | None]] = {
    "theory.blank_number": blank_number,
    "theory.blank_term": blank_term,
    "theory.single_number": single_number,
    "theory.single_range": single_range,
    "theory.single_party": single_party,
    "theory.single_term": single_term,
    "theory.judge": listed_judge,
    "theory.multi_enumeration": multi_enumeration,
    "theory.blank_item_number": blank_item_number,
    "theory.single_item_number": single_item_number,
    "theory.single_fine": single_fine,
    "theory.single_action": single_action,
}

HAZARD_GENERATORS = {
    "hazard.accident_type": accident_type,
    "hazard.site": site_hazards,
    "hazard.lec": lec,
    "hazard.control": control,
    "hazard.major": major,
    "hazard.threshold": threshold,
    "hazard.scenario": scenario_questions,
    "hazard.violation": violation_questions,
}
GENERATORS = (*THEORY_GENERATORS, *HAZARD_GENERATORS)
#: What a hazard run makes unless generators are named: hazard.major judges under the 2020 判定标准,
#: which 应急管理部令第21号 has replaced since 2026-07-01 (its text not yet read), so its items teach a
#: rule that may have changed; they are made only on request, labelled practice-only with the version.
DEFAULT_HAZARD_GENERATORS = tuple(name for name in HAZARD_GENERATORS if name != "hazard.major")


@dataclass
class Batch:
    """The verified questions of one run and what the verifier threw out."""

    questions: list[GeneratedQuestion] = field(default_factory=list)
    rejected: list[Failure] = field(default_factory=list)
    candidates: int = 0


def generate_theory(
    records: list[ArticleRecord],
    seed: str,
    pools: TheoryPools | None = None,
    generators: Iterable[str] | None = None,
    audience: str = FRONTLINE,
    narrowed: bool = False,
) -> Iterator[GeneratedQuestion]:
    """Candidate questions from every worthwhile current article, each generator at most once per article,
    relevance scored for `audience` (`relevance.AUDIENCES`).

    An article below `ARTICLE_THRESHOLD` of `article_relevance` (agency procedure, penalties) or not `worth_asking`
    yields nothing, but a penalty article's fine for a run for managers (`penalties.single_fine`). A run the trainer
    `narrowed` to documents also asks their purpose and scope articles and lists of conditions (`syllabus`), and for
    managers when they take effect, who supervises, fines on income and what is only encouraged (`oversight`), and
    false statements of a rule's conditions (`conditions`).
    """
    pools = pools or TheoryPools.build(records)
    names = list(generators or THEORY_GENERATORS)
    extra = [g for name, g in {**SYLLABUS_GENERATORS, **OVERSIGHT_GENERATORS, **CONDITION_GENERATORS}.items()
             if narrowed and (generators is None or name in names)]
    with for_audience(audience), narrowed_to_documents(narrowed):
        for record in records:
            if record.status != "current":
                continue
            for generator in extra:
                question = generator(record, pools, seed)
                if question is not None:
                    yield question
            if not read.worth_asking(record.text) or article_relevance(record.text, record.path) < ARTICLE_THRESHOLD:
                # A penalty article, no rule anyone follows, is asked of managers by its fine alone (`single_fine`).
                fine = single_fine(record, pools, seed) if "theory.single_fine" in names else None
                if fine is not None:
                    yield fine
                continue
            for name in names:
                question = THEORY_GENERATORS[name](record, pools, seed)
                if question is not None:
                    yield question


def balanced_judges(
    questions: list[GeneratedQuestion],
    records: dict[str, ArticleRecord],
    pools: TheoryPools,
    verifier: Verifier | None = None,
    dropped: Iterable[GeneratedQuestion] = (),
) -> list[GeneratedQuestion]:
    """The questions with as many true/false items stated true as false (within one), where the articles allow.

    Run on what the verifier kept (`theory_batch`): the verifier and the de-duplication drop more false items than
    true ones, and the 规程 alone has more articles that can be false than not. Articles in a seeded order: first the
    `dropped` true/false items, on articles left without one, are stated the other way as far as the balance allows
    (a false statement the verifier refused, 必须立即撤出→可以留守观察, gives the article's true one); then, while one side
    exceeds the other by more than one, kept items of that side are restated the other way (`theory.judge` with
    `truth`). A restatement is kept only when the verifier passes it and it asks no fact another kept item asks
    (`fact_keys`). A false one is made only where the article has a false statement that teaches: a run whose
    articles cannot be false keeps its true items rather than gain weak false ones. A condition stated false
    (`conditions`, a narrowed run for managers) counts in the balance and is restated true only after every
    `theory.judge` item of its side, as the sentence it changed when the article gives no other true statement.
    """
    out = questions[:]
    keys = [{stem_key(q.stem), *fact_keys(q)} for q in out]
    asked = Counter(k for ks in keys for k in ks)
    balanced = {"theory.judge", *CONDITION_GENERATORS}  # a condition stated false (`conditions`) counts too
    judged = {q.inputs["article"] for q in out if q.generator in balanced}
    # True minus false, counting too the true/false items only a narrowed run makes (scope, encouragement), which
    # are never restated.
    counted = {*balanced, *SYLLABUS_GENERATORS, *OVERSIGHT_GENERATORS}
    lean = sum(1 if q.answer == ("A",) else -1 for q in out if q.generator in counted and q.type == "judge")

    def restated(question: GeneratedQuestion, index: int | None) -> bool:
        """Put the question's article stated the other way in its place (or beside the others: `index` None)."""
        nonlocal asked
        truth = question.answer != ("A",)
        stated = judge(records[question.inputs["article"]], pools, question.seed, truth=truth)
        if truth and question.generator in CONDITION_GENERATORS and (stated is None or stated.answer != ("A",)):
            stated = true_twin(question)  # the sentence the condition's false statement changed, as written
        if stated is None or (stated.answer == ("A",)) != truth:
            return False
        new_keys = {stem_key(stated.stem), *fact_keys(stated)}
        others = asked - Counter(keys[index]) if index is not None else asked
        if clashes(new_keys) & set(others) or (verifier and verifier.verify([stated]).failures):
            return False
        asked = others + Counter(new_keys)
        judged.add(stated.inputs["article"])
        if index is None:
            out.append(stated)
            keys.append(new_keys)
        else:
            out[index], keys[index] = stated, new_keys
        return True

    order = lambda q: random.Random(f"{q.seed}|balance|{q.inputs['article']}").random()  # noqa: E731
    waiting = sorted((q for q in dropped if q.generator == "theory.judge"), key=order)
    while True:  # a refill the balance holds back may fit after one of the other side
        fits = [q for q in waiting if abs(lean + (-1 if q.answer == ("A",) else 1)) <= max(1, abs(lean) - 1)]
        if not fits:
            break
        question = fits[0]
        waiting.remove(question)
        if question.inputs["article"] not in judged and restated(question, None):
            lean += -1 if question.answer == ("A",) else 1
    # theory.judge items first; a condition's false statement is stated true only when they do not balance the run.
    for index in sorted(range(len(out)), key=lambda i: (out[i].generator != "theory.judge", order(out[i]))):
        if abs(lean) <= 1:
            break
        question = out[index]
        if question.generator in balanced and (question.answer == ("A",)) == (lean > 0) and restated(question, index):
            lean += -2 if lean > 0 else 2
    return out


def only_documents(records: Iterable[ArticleRecord], titles: Iterable[str]) -> list[ArticleRecord]:
    """The records of the documents named (any spelling of the title: 《安全生产法》, 中华人民共和国安全生产法)."""
    wanted = {normalize_title(t) for t in titles}
    return [r for r in records if normalize_title(r.title) in wanted]


def theory_selection(
    records: list[ArticleRecord], documents: Iterable[str] = (), chapter: str = "", every_document: bool = False,
    audience: str = FRONTLINE,
) -> list[ArticleRecord]:
    """The articles a theory run asks about: the documents named, else every document (`every_document`)
    or those a mine trains `audience` on (`scope.default_scope`); then only those under the one heading `chapter`
    names (`chapters.under`, which raises `chapters.ChapterUnclear` when it names none or several). Without a
    chapter, a frontline run leaves the open pit out (`chapters.underground_only`)."""
    documents = tuple(documents)
    if documents:
        chosen = only_documents(records, documents)
    elif every_document or chapter.strip().startswith("《"):  # a chapter picked from a document's own list
        chosen = list(records)
    else:
        chosen = default_scope(records, audience)
    if chapter.strip():
        return chapters.under(chosen, chapter.strip())
    return underground_only(chosen) if audience == FRONTLINE else chosen


def theory_batch(
    records: list[ArticleRecord],
    seed: str,
    pools: TheoryPools | None = None,
    generators: Iterable[str] | None = None,
    corpus: list[ArticleRecord] | None = None,
    more_seeds: Iterable[str] = (),
    audience: str = FRONTLINE,
    narrowed: bool = False,
) -> Batch:
    """Every verified theory question from the current articles among `records`.

    `pools` (distractor material) should be built over the whole current corpus even when
    `records` is one document, so distractors have enough variety; `corpus` (default `records`)
    is what the verifier checks "a distractor is a rule somewhere" against. `more_seeds` add the
    candidates other seeds make (another sentence or figure of the same article); of two on one fact
    the first seed's stays. `audience` is who the run is for (`relevance.AUDIENCES`); `narrowed`, whether the trainer
    narrowed it to documents (`syllabus`).
    """
    current = [r for r in records if r.status == "current"]
    pools = pools or TheoryPools.build(current)
    candidates = [q for s in (seed, *more_seeds) for q in generate_theory(current, s, pools, generators, audience, narrowed)]
    everything = [r for r in corpus if r.status == "current"] if corpus is not None else current
    return verified_theory(candidates, Verifier(everything), current, pools, audience)


def verified_theory(
    candidates: list[GeneratedQuestion],
    verifier: Verifier,
    records: Iterable[ArticleRecord],
    pools: TheoryPools,
    audience: str = FRONTLINE,
) -> Batch:
    """`verified_batch` of theory candidates from `records`, then true and false balanced on what it kept
    (`balanced_judges`, restatements scored for `audience` and verified by `verifier`)."""
    batch = verified_batch(candidates, verifier)
    kept = {id(q) for q in batch.questions}
    dropped = [q for q in candidates if id(q) not in kept]
    with for_audience(audience):
        batch.questions = balanced_judges(batch.questions, {r.key: r for r in records}, pools, verifier, dropped)
    batch.questions = capped_levels(batch.questions, next((q.seed for q in candidates), ""))
    return batch


def hazard_batch(
    data: HazardData, seed: str, generators: Iterable[str] | None = None, articles: Iterable[ArticleRecord] = ()
) -> Batch:
    """Every verified hazard-identification question the catalogue and tables allow. Given the current articles,
    a question whose key is a statement cites the article with a clause stating it, or is not asked
    (`evidence.cite_stating`), and the verifier re-reads that clause."""
    names = generators or DEFAULT_HAZARD_GENERATORS
    articles = [r for r in articles if r.status == "current"]
    by_label = {(r.title, r.label): r for r in articles}
    if articles:  # keys are chosen among the controls a cited clause states
        data = dataclasses.replace(data, stated=lambda h, control: stated_by_refs(h, control, by_label))
    candidates = [q for name in names for q in HAZARD_GENERATORS[name](data, seed)]
    if articles:
        candidates = [c for q in candidates if (c := cite_stating(q, data.catalogue, by_label)) is not None]
    batch = verified_batch(candidates, Verifier(articles, data))
    # Each question for the 岗位 of the entries its key rests on (`question_jobs`), whatever a trainer picks later.
    batch.questions = [dataclasses.replace(q, jobs=question_jobs(q, data)) for q in distinct_facts(batch.questions)]
    return batch


def verified_batch(candidates: list[GeneratedQuestion], verifier: Verifier) -> Batch:
    """Keep the candidates the verifier passes, first of each normalised stem and of each fact asked
    (`fact_keys`: a blank and a single choice on the same number of the same sentence are one); record the rest."""
    report = verifier.verify(candidates)
    bad = report.failed_indexes()
    batch = Batch(rejected=report.failures, candidates=len(candidates))
    seen: set = set()
    kept: list[int] = []
    # True/false items come last: of a judge item and a blank on the same sentence the blank stays, as a run has
    # true/false items to spare (`_at_most_half_judges`).
    for index in sorted(range(len(candidates)), key=lambda i: candidates[i].generator == "theory.judge"):
        keys = {stem_key(candidates[index].stem), *fact_keys(candidates[index])}
        if index in bad or clashes(keys) & seen:
            continue
        seen |= keys
        kept.append(index)
    batch.questions += [candidates[i] for i in sorted(kept)]
    return batch


_UNIT_TAIL = re.compile(r"[A-Za-z%‰℃°³²/·]+$")


def fact_keys(question: GeneratedQuestion) -> set[tuple]:
    """What a theory blank or single choice asks, so a run asks it once: (article, sentence, position) and
    (article, key) with the unit dropped (刮板输送机信号点间距 15 as a blank and 15m as a choice); and the
    sentence a true/false item states, which no blank or choice on that sentence may ask again, nor it theirs
    (`across_kinds`: 规程 第一百六十一条 as a judge item and a blank on the same fact, blind read 3)."""
    inputs = question.inputs or {}
    article = inputs.get("article")
    if question.generator == "theory.judge" and inputs.get("sentence"):
        return {(article, "judged", inputs["sentence"])}
    if not question.generator.startswith("theory.") or question.type not in {"blank", "single"}:
        return set()
    where = inputs.get("sentence") or f"{inputs.get('lead', '')}：{inputs.get('item', '')}"
    if question.type == "blank":
        key = question.answer[0].split("/")[0]  # the original of its accepted forms (2/二)
    else:
        key = next(o.text for o in question.options if o.key == question.answer[0])
    keys = {(article, "at", where, inputs.get("position")), (article, "key", _UNIT_TAIL.sub("", key)), (article, "asked", where)}
    if question.generator == "theory.single_party" and inputs.get("group") == "frontline":
        # The same four posts beside every duty at one place (the blast: 爆破员 with 班组长, 瓦斯检查工, 安全检查工): a
        # run asking several teaches the one that changes, not the rule (genfix13's leftovers), so it asks one.
        keys.add(("posts", frozenset(o.text for o in question.options)))
    return keys


def source_sentence(question: GeneratedQuestion) -> tuple | None:
    """The sentence of its article a theory item asks about: a list item with its lead-in, else the recorded sentence
    (None for items recording neither: a multiple choice asks a whole list)."""
    inputs = question.inputs or {}
    if not question.generator.startswith("theory.") or question.type == "multi":
        return None
    if inputs.get("lead") and inputs.get("item"):
        return inputs.get("article"), inputs["lead"], inputs["item"]
    return (inputs.get("article"), inputs["sentence"]) if inputs.get("sentence") else None


def one_per_sentence(questions: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    """The questions with at most one item per source sentence (`source_sentence`): two items of one run on one
    sentence (第二百七十六条's 45天 as a blank, its 每周 as another, managers' blind read 7 T21 and T35) teach one rule
    twice, and a bank keeps one. The better scored stays: the more relevant, then a single choice before a blank (its
    wrong options passed the verifier, and a run has blanks to spare), then the first made. `pick` applies it."""
    rank = {id(q): (-q.relevance, q.type != "single", i) for i, q in enumerate(questions)}
    best: dict[tuple, GeneratedQuestion] = {}
    for question in questions:
        where = source_sentence(question)
        if where is not None and (where not in best or rank[id(question)] < rank[id(best[where])]):
            best[where] = question
    kept = {id(q) for q in best.values()}
    return [q for q in questions if source_sentence(q) is None or id(q) in kept]


_ACROSS = {"judged": "asked", "asked": "judged"}


def clashes(keys: set) -> set:
    """The keys an item may not share with one kept before it: its own, except that a sentence stated by a
    true/false item clashes only with a blank or choice on it and the other way round (two blanks on two
    numbers of one sentence are two facts)."""
    return {(k[0], _ACROSS[k[1]], k[2]) if isinstance(k, tuple) and len(k) == 3 and k[1] in _ACROSS else k for k in keys}


#: The run's mix (`pick`): fine brackets (the fine a penalty article sets, `penalties.single_fine`; a share of income,
#: `oversight.income_fine`) are at most this share of a run's theory items. A penalty is no rule anyone follows, and
#: managers are examined on a few: the 特种设备安全管理 bank of ../shared asks a fine bracket in about 1 question of
#: 90 and names a fine in about 1 of 23. Taking turns with the other generators, a managers' run of 400 took 29 (7%;
#: managers' blind read 7 drew 6 of 40), of 100 took 11, so a cap of 10% would leave the read's run as it was; at 5%
#: it keeps 20 of 400. The least relevant are left out first. Not in a run the trainer narrowed to documents
#: (`penalties_capped=False`): one law's exam asks its 法律责任 chapter, whose articles only a fine asks.
PENALTY_SHARE = 0.05
PENALTY_GENERATORS = frozenset({"theory.single_fine", "theory.income_fine"})


def pick(
    questions: list[GeneratedQuestion], n: int, seed: str, *, judges_at_most_half: bool = True,
    penalties_capped: bool = True,
) -> list[GeneratedQuestion]:
    """N questions, generators taking turns, each generator's questions in a seeded order, one per source sentence.

    Within a generator the more relevant come first (relevance in steps of 0.1), and true and
    false statements take turns, so a short run is balanced too; true/false items are at most half the theory
    items when other kinds are there (`_at_most_half_judges`). A trainer asking for N on the review page
    (`judges_at_most_half=False`) gets N when the material has N: taking turns already keeps true/false
    items to their share while other kinds last. A second item on a sentence another item asks (`one_per_sentence`)
    is left out; only a run that promises N (`judges_at_most_half=False`: the review page, named documents) takes
    such items back, after every other, when it is short of N without them (a small document asked again). A
    default run never does: it is short of its count only when the material is spent, and the twin adds no rule.
    Fine brackets are at most `PENALTY_SHARE` of the theory items (`penalties_capped`): the least relevant are left
    out, and other items take the turns they had.
    """
    first = one_per_sentence(questions)
    fines = sorted((q for q in first if q.generator in PENALTY_GENERATORS), key=lambda q: -q.relevance)
    allowed = len(fines)
    while True:
        left_out = {id(q) for q in fines[allowed:]}
        chosen = [q for q in first if id(q) not in left_out]
        out = _taking_turns(chosen, n, seed)
        if judges_at_most_half:
            out = _at_most_half_judges(out)
        elif len(out) < n:
            kept = {id(q) for q in first}
            twins = [q for q in questions if id(q) not in kept and q.generator not in PENALTY_GENERATORS]
            out += _taking_turns(twins, n - len(out), seed)
        theory = sum(q.generator.startswith("theory.") for q in out)
        taken = sum(q.generator in PENALTY_GENERATORS for q in out)
        if not penalties_capped or taken <= int(PENALTY_SHARE * theory + 1e-9):
            return out
        allowed = min(int(PENALTY_SHARE * theory + 1e-9), allowed - 1)  # the turns fines had go to other items


def _taking_turns(questions: list[GeneratedQuestion], n: int, seed: str) -> list[GeneratedQuestion]:
    """N questions, generators taking turns (`pick`)."""
    by_generator: dict[str, list[GeneratedQuestion]] = {}
    for question in questions:
        by_generator.setdefault(question.generator, []).append(question)
    rng = random.Random(f"{seed}|pick")
    queues = []
    for name in sorted(by_generator):
        queue = by_generator[name][:]
        rng.shuffle(queue)
        queue.sort(key=lambda q: round(q.relevance, 1), reverse=True)
        if name == "theory.judge":
            queue = _alternate([q for q in queue if q.answer == ("A",)], [q for q in queue if q.answer != ("A",)])
        queues.append(queue[::-1])  # popped from the end
    out: list[GeneratedQuestion] = []
    while len(out) < n and any(queues):
        for queue in queues:
            if queue and len(out) < n:
                out.append(queue.pop())
    return out


#: How many true/false items over half a run keeps, per other theory item, rather than tip true and false apart or
#: lose the only item on an article (`_at_most_half_judges`): 1 in 50.
OVER_HALF = 50


def _at_most_half_judges(out: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    """The run without the true/false items beyond the other theory items' number, when those ran out first
    (a default run was 60% true/false): the last picked go first, those on an article another item asks about
    before those that are the only item on theirs, so breadth is kept; of each, one that would tip true and false
    further apart than one waits until the others are gone, so the balance `balanced_judges` made stays. When each
    one left would tip the balance or be the only item on its article, up to one in `OVER_HALF` of the other items'
    number stays over half (seed 1, managers: 417 true/false items beside 414 others)."""
    judges = [i for i, q in enumerate(out) if q.generator == "theory.judge"]
    others = [q for q in out if q.generator.startswith("theory.") and q.generator != "theory.judge"]
    excess = len(judges) - len(others)
    if not others or excess <= 0:
        return out
    asked = Counter((q.inputs or {}).get("article") for q in out)
    sole = lambda i: asked[(out[i].inputs or {}).get("article")] == 1  # noqa: E731
    order = sorted(reversed(judges), key=sole)
    side = {i: 1 if out[i].answer == ("A",) else -1 for i in judges}
    lean = sum(side.values())  # true minus false
    dropped: set[int] = set()
    keeps = lambda i: abs(lean - side[i]) <= max(1, abs(lean))  # noqa: E731 - dropping it keeps the balance
    while len(dropped) < excess:
        left = [i for i in order if i not in dropped]
        index = next((i for i in left if sole(i) == sole(left[0]) and keeps(i)), None)  # breadth first
        if index is None and excess - len(dropped) <= len(others) // OVER_HALF:
            break  # each one left would tip the balance or the breadth: a few true/false items over half instead
        index = index if index is not None else next((i for i in left if keeps(i)), left[0])
        dropped.add(index)
        lean -= side[index]
    return [q for i, q in enumerate(out) if i not in dropped]


def _alternate(first: list[GeneratedQuestion], second: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    """first[0], second[0], first[1], second[1] …, then what is left of the longer."""
    out = [q for pair in zip(first, second, strict=False) for q in pair]
    shorter = min(len(first), len(second))
    return out + first[shorter:] + second[shorter:]
