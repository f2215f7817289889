"""Generation a trainer asks for on the review page: theory questions from chosen documents or
chapters, hazard questions for chosen jobs or sites, and the source each draft was made from.

Pure apart from reading the corpus and the hazard data; the view saves what `generate` returns
with `review.save_questions` and commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select

from core.db import db
from corpus import hazards as hz
from corpus import jobs
from quiz.bank import service
from quiz.bank.models import Question
from quiz.generation import dedupe
from quiz.generation.chapters import Chapter, ChapterUnclear, chapters
from quiz.generation.excerpt import controls_line, entry_line
from quiz.generation.hazard import HazardData, class_2025, keyed_entries, named_entries, question_jobs
from quiz.generation.models import GenerationRecord
from quiz.generation.pipeline import hazard_batch, pick, theory_batch, theory_selection
from quiz.generation.records import GeneratedQuestion
from quiz.generation.relevance import FRONTLINE
from quiz.generation.sources import THEORY_DOC_TYPES, records_from_db
from quiz.generation.theory import TheoryPools

MAX_COUNT = 50


class GenerationRefused(ValueError):
    """Nothing to generate from; the message (Chinese) says what to choose instead."""


@dataclass(frozen=True)
class Choice:
    """What the trainer chose: the kind, how many, and the material to draw on."""

    kind: str  # theory / hazard
    count: int
    seed: str
    documents: tuple[str, ...] = ()  # theory: document titles (none: the documents a mine trains on, `scope`)
    chapter: str = ""  # theory: the one chapter the articles sit under (`chapters.under`: 《title》第三编 … / 第四章 通风)
    every_document: bool = False  # theory, no documents named: every current document, not only the mine's
    audience: str = FRONTLINE  # theory: who the questions are for (`relevance.AUDIENCES`)
    jobs: tuple[str, ...] = ()  # hazard: 岗位
    sites: tuple[str, ...] = ()  # hazard: 地点


@dataclass(frozen=True)
class Source:
    """What a draft was made from, shown beside it: a heading and the paragraph(s)."""

    heading: str
    paragraphs: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def hazard_data() -> HazardData:
    """The hazard catalogue and tables (shipped with the code; read once per process, ~4 s)."""
    return HazardData.load()


def theory_documents() -> list[str]:
    """Titles of the current documents theory questions can be drawn from."""
    from corpus.models import Document

    rows = db.session.execute(
        select(Document.title, Document.doc_type).where(Document.status == "current").order_by(Document.title)
    )
    return list(dict.fromkeys(title for title, doc_type in rows if doc_type in THEORY_DOC_TYPES))


def theory_chapters() -> dict[str, list[Chapter]]:
    """The chapters of each current document theory questions can be drawn from, by title (`chapters.chapters`)."""
    from corpus.models import Article, Document

    rows = db.session.execute(
        select(Document.title, Document.doc_type, Article.path)
        .join(Article)
        .where(Document.status == "current", Article.kind == "article", Article.path != "")
        .order_by(Document.title, Document.id, Article.ordinal)
    )
    out: dict[str, list[Chapter]] = {}
    for found in chapters((title, path) for title, doc_type, path in rows if doc_type in THEORY_DOC_TYPES):
        out.setdefault(found.title, []).append(found)
    return out


def hazard_jobs() -> list[str]:
    """The jobs the catalogue's posts name, once each under the workers' names (`corpus.jobs`: 带式输送机司机 is
    输送机司机; groups such as 入井人员 are no job). Choosing a job draws its own entries, not the groups'."""
    return jobs.job_list(h.post for h in hazard_data().catalogue)


def hazard_sites() -> list[str]:
    return sorted({site for h in hazard_data().catalogue for site in h.sites})


@dataclass
class Generated:
    """What `generate` made, and how many questions it left out while filling the request as already in the bank."""

    questions: list[GeneratedQuestion]
    present: int = 0  # questions filling this request left out as already in the bank (at most the count asked)


def generate(choice: Choice) -> Generated:
    """Up to `choice.count` verified questions from the chosen material, none already in the bank: no stem and
    options stored, and no hazard question asking what one not retired asks (`dedupe.asked_keys`: the same entry and
    kind, or the same stem and key), those left out counted."""
    count = max(1, min(choice.count, MAX_COUNT))
    known = set(service.existing_keys())
    present = 0
    if choice.kind == "theory":
        records = records_from_db()
        if not records:
            raise GenerationRefused("资料库中没有现行的法规条文：请先在“文库”中导入文件。")
        try:
            chosen = theory_selection(records, choice.documents, choice.chapter, choice.every_document, choice.audience)
        except ChapterUnclear as exc:
            raise GenerationRefused(str(exc)) from exc
        if not chosen:
            raise GenerationRefused("所选文件（章节）中没有可出题的条文，请换一个文件或章节。")
        pools = TheoryPools.build(records)
        narrowed = bool(choice.documents)
        batch = theory_batch(chosen, choice.seed, pools, corpus=records, audience=choice.audience, narrowed=narrowed)
        if len(_fresh(batch.questions, known)) < count:  # a small document: other sentences and figures of its articles
            more = [f"{choice.seed}/{round_}" for round_ in (1, 2)]
            batch = theory_batch(chosen, choice.seed, pools, corpus=records, more_seeds=more, audience=choice.audience,
                                 narrowed=narrowed)
    elif choice.kind == "hazard":
        data = hazard_data()
        batch = hazard_batch(data, choice.seed, articles=records_from_db())
        if choice.jobs or choice.sites:
            batch.questions = [q for q in batch.questions if hazard_matches(q, data, choice.jobs, choice.sites)]
        asked = dedupe.present_keys()
        fresh = [q for q in _fresh(batch.questions, known) if not dedupe.generated_keys(q) & asked.keys()]
        present = _skipped(batch.questions, fresh, count, choice.seed)
        batch.questions = fresh
    else:
        raise GenerationRefused("请选择题目类型。")
    # Fine brackets capped (`pipeline.PENALTY_SHARE`) unless the trainer named documents, as `generate` does.
    picked = pick(_fresh(batch.questions, known), count, choice.seed, judges_at_most_half=False,
                  penalties_capped=not (choice.kind == "theory" and choice.documents))
    return Generated(picked, present)


def _skipped(candidates: list[GeneratedQuestion], fresh: list[GeneratedQuestion], count: int, seed: str) -> int:
    """How many questions filling this request left out as already in the bank: those the same pick over the
    whole material (`candidates`, asked ones included) would have taken — at most `count`, however many of
    the material's questions the bank already asks."""
    new = {id(q) for q in fresh}
    return sum(id(q) not in new for q in pick(candidates, count, seed, judges_at_most_half=False))


def _fresh(questions: list[GeneratedQuestion], known: set[str]) -> list[GeneratedQuestion]:
    """The questions whose content key the bank does not hold (`known`: an earlier run, the demo), left out
    before picking so a trainer asking for N gets N new drafts whenever the material has them."""
    return [q for q in questions if q.draft().content_key not in known]


def hazard_matches(question: GeneratedQuestion, data: HazardData, chosen: Sequence[str], sites: Sequence[str]) -> bool:
    """A hazard question for a chosen job and at a chosen site (both, when both are chosen): every 岗位 its key
    rests on is a chosen job (`question_jobs`: a scene whose target is another post's entry is that post's, and a
    question for no 岗位 is no chosen job's), and one of its entries (or the 场所 it asks) is at a chosen site."""
    inputs = question.inputs
    if chosen:
        posts = question.jobs or question_jobs(question, data)
        if not posts or not set(posts) <= {jobs.canonical(j) for j in chosen}:
            return False
    if not sites:
        return True
    if question.generator == "hazard.site":
        return inputs.get("site") in sites
    ids = set(keyed_entries(inputs))
    return any(site in sites for h in data.catalogue if h.id in ids for site in h.sites)


def sources(questions: Iterable[Question], records: dict[int, GenerationRecord]) -> dict[int, Source]:
    """The source of each generated question: its article's text (theory) or its hazard entries."""
    from corpus.models import Article

    questions = list(questions)
    article_ids = {q.article_id for q in questions if q.article_id}
    articles = (
        {a.id: a for a in db.session.scalars(select(Article).where(Article.id.in_(article_ids)))} if article_ids else {}
    )
    out: dict[int, Source] = {}
    for question in questions:
        article = articles.get(question.article_id) if question.article_id else None
        if article is not None:
            where = f"（{article.path}）" if article.path else ""
            title = question.citation_title or ""
            out[question.id] = Source(f"《{title}》{article.label}{where}", tuple(article.text.splitlines()))
            continue
        record = records.get(question.id)
        if record is None:
            continue
        cited = question.citation_article if hz.cites_catalogue(question.citation) else ""
        source = hazard_source(record.inputs or {}, record.generator, cited)
        if source is not None:
            out[question.id] = source
        elif question.citation_title:
            out[question.id] = Source(str(question.citation), ())
    return out


def hazard_source(inputs: dict, generator: str = "", cited: str = "") -> Source | None:
    """The catalogue entries or table rows a hazard question was made from, as the review page shows them; the
    entry `cited` as the question's source (a control no article states) is named and shows its controls."""
    data = hazard_data()
    hazard_ids = named_entries(inputs)
    if hazard_ids:
        by_id = {h.id: h for h in data.catalogue}
        asks_type = generator == "hazard.accident_type" or inputs.get("ask") == "accident_type"
        paragraphs: list[str] = []
        for h in (by_id.get(i) for i in hazard_ids):
            if h is None:
                continue
            paragraphs.append(entry_line(h))
            if h.id == cited:
                paragraphs.append(controls_line(h))
            if asks_type:
                paragraphs.append(
                    f"事故类别：GB 6441-2025“{class_2025(h) or '未定'}”"
                    f"（GB 6441-1986“{h.accident_type_name}”，代码{h.accident_type:02d}），煤矿统计“{h.coal_category}”。"
                    + ("" if h.accident_type_2025 else "2025版类别按类目名称推定，未经培训员按标准原文核定。")
                )
        return Source(str(hz.catalogue_citation(cited)) if cited else hz.CATALOGUE_TITLE, tuple(paragraphs))
    if "rule" in inputs:
        rule = {r.id: r for r in data.thresholds}.get(inputs["rule"])
        if rule is not None:
            value = f"{rule.value.normalize():f}{rule.unit}"
            return Source(
                f"数值规则表 {rule.id}",
                (
                    f"《{rule.doc}》（{rule.version}）{rule.article}：{rule.location} {rule.indicator} {rule.comparator} {value}，{rule.action}",
                ),
            )
    if "item" in inputs:
        item = {i.id: i for i in data.majors}.get(inputs["item"])
        if item is not None:
            return Source(
                f"重大事故隐患判定标准（{item.version}年版）第{item.article}条第{item.item}项",
                (f"{item.category}：{item.text}",),
            )
    if "ordinary" in inputs:
        ordinary = {o.id: o for o in data.ordinaries}.get(inputs["ordinary"])
        if ordinary is not None:
            return Source(
                f"一般事故隐患清单 {ordinary.id}", (ordinary.text, f"不属于重大事故隐患：{ordinary.why_not_major}")
            )
    if "violation" in inputs:
        violation = {v.id: v for v in data.violations}.get(inputs["violation"])
        if violation is not None:
            return Source(f"三违示例 {violation.id}", (f"{violation.post}：{violation.behaviour}（{violation.cls}）",))
    return None
