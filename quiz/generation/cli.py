"""`python run.py generate`: generate, verify and print (or save as drafts) questions.

Articles come from the corpus database (current documents only) or, with `--corpus`, from
a folder of files parsed on the spot (status decided as ingestion does). Only questions the
independent verifier passes are printed or saved.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from core import audit
from quiz.bank.types import KINDS
from quiz.generation.chapters import ChapterUnclear
from quiz.generation.hazard import HazardData
from quiz.generation.pipeline import hazard_batch, pick, theory_batch, theory_selection
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import AUDIENCES, FRONTLINE
from quiz.generation.sources import records_from_db, records_from_files
from quiz.generation.theory import TheoryPools


def load_records(corpus: Path | None) -> list[ArticleRecord]:
    """Current article records from a folder of files, or from the database."""
    return records_from_files(corpus) if corpus else records_from_db()


def run(
    kind: str,
    n: int,
    seed: str,
    docs: tuple[str, ...] = (),
    corpus: Path | None = None,
    chapter: str = "",
    every_document: bool = False,
    audience: str = FRONTLINE,
) -> list[GeneratedQuestion]:
    """The N verified questions a `generate` call prints (pure apart from reading the sources).

    Theory draws on the documents a mine trains on (`scope.default_scope`) unless documents are
    named or `every_document` is set; `chapter` keeps the articles of the one heading it names (`chapters.under`);
    `audience` (`relevance.AUDIENCES`) is who the questions are for. Named documents also get the items of a run
    the trainer narrowed (`syllabus`: purpose, scope, lists of conditions), and as many true/false items as the
    material has, as on the review page (`pick`).
    """
    if kind == "theory":
        records = load_records(corpus)
        if not records:
            raise click.ClickException("资料库中没有现行的法规条文：请先导入文件，或用 --corpus 指定文件夹。")
        try:
            chosen = theory_selection(records, docs, chapter, every_document, audience)
        except ChapterUnclear as exc:
            raise click.ClickException(str(exc)) from exc
        if (docs or chapter) and not chosen:
            raise click.ClickException(f"找不到现行文件或章节：{'、'.join((*docs, chapter)).strip('、')}")
        batch = theory_batch(chosen, seed, TheoryPools.build(records), corpus=records, audience=audience,
                             narrowed=bool(docs))
    else:
        # The articles, so that a key that is a statement cites the clause stating it (`evidence.cite_stating`).
        batch = hazard_batch(HazardData.load(), seed, articles=load_records(corpus))
    # Documents the trainer named are asked as the review page asks them: N when the material has N, true/false
    # items not cut to half (two laws whose articles yield mostly true/false gave 14 of 61 verified items), fine
    # brackets not capped (`pipeline.PENALTY_SHARE`: one law's exam asks its penalty articles).
    return pick(batch.questions, n, seed, judges_at_most_half=not docs, penalties_capped=not docs)


@click.command("generate")
@click.option(
    "--kind", type=click.Choice(["theory", "hazard"]), required=True, help="Theory (articles) or hazard (catalogue)."
)
@click.option("-n", "count", type=click.IntRange(min=1), default=20, show_default=True, help="How many questions.")
@click.option(
    "--document", "--doc", "docs", multiple=True,
    help="Only this document title (repeatable; theory only). Default: the documents a mine trains on.",
)
@click.option(
    "--chapter", default="",
    help="Only articles of this one chapter: 编 and 章 in any spacing (第三编 第四章, 第三编第四章), or a chapter's "
    "title when only one has it (通风); several matching chapters are named, not mixed.",
)
@click.option(
    "--all-documents", "every_document", is_flag=True,
    help="Every current document, not only those a mine trains on (工会法, 危险化学品 … included).",
)
@click.option(
    "--audience", type=click.Choice(list(AUDIENCES)), default=FRONTLINE, show_default=True,
    help="Who the theory questions are for: frontline workers, or managers (安全管理人员、主要负责人: also duties of "
    "the employer and leadership, licences, registration, inspection, reporting, agency procedure).",
)
@click.option("--seed", default="1", show_default=True, help="Random seed: the same seed gives the same questions.")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Read articles from this folder instead of the database.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list in the bank's export shape.")
@click.option("--save", is_flag=True, help="Also store the questions as drafts in the bank.")
@with_appcontext
def generate_command(
    kind: str, count: int, docs: tuple[str, ...], chapter: str, every_document: bool, audience: str, seed: str,
    corpus: Path | None, as_json: bool, save: bool,
) -> None:
    """Generate verified questions (drafts until a trainer approves them)."""
    questions = run(kind, count, seed, docs, corpus, chapter, every_document, audience)
    saved_note = ""
    if save:
        from core.db import db
        from quiz.generation.review import save_questions

        result = save_questions(questions)
        if result.saved:
            audit.record("question.generate", "", None, f"命令行 generate：生成 {len(result.saved)} 道草稿题："
                         + audit.id_list(q.id for q in result.saved))
        db.session.commit()
        saved_note = f"已存为草稿{len(result.saved)}题，跳过重复{result.duplicates}题。"
    if as_json:
        click.echo(json.dumps([q.to_json() for q in questions], ensure_ascii=False, indent=1))
        if saved_note:
            click.echo(saved_note, err=True)
        return
    for number, question in enumerate(questions, start=1):
        click.echo(f"{number}. [{KINDS[question.type].label}] {question.stem}")
        for option in question.options if question.type != "blank" else ():
            click.echo(f"   {option.key}. {option.text}")
        click.echo(
            f"   答案：{question.draft().answer_text}　出处：{question.citation or '危险源辨识清单'}"
            f"　相关度：{question.relevance:.2f}"
        )
    click.echo(saved_note or f"共{len(questions)}题（未保存；加 --save 存为草稿）。")


DEMO_SEED = "demo"  # the seed of the demo's generated questions (trainers' runs use others), its marker


def seed_demo_questions(quiet: bool = False) -> None:
    """Demo step: verified theory questions from the demo library and hazard questions, as drafts to
    review — once. A re-run adds none, even when the library has grown since (the mine's own
    documents are the trainers' to generate from, not the demo's)."""
    from sqlalchemy import func, select

    from core.db import db
    from quiz.generation.models import GenerationRecord
    from quiz.generation.review import save_questions

    earlier = db.session.scalar(select(func.count()).select_from(GenerationRecord)
                                .where(GenerationRecord.seed == DEMO_SEED))
    if earlier:
        if not quiet:
            click.echo(f"演示题目：已生成过（{earlier}道），未重复添加。")
        return
    saved = duplicates = 0
    for kind, count in (("theory", 60), ("hazard", 40)):
        result = save_questions(run(kind, count, DEMO_SEED))
        saved, duplicates = saved + len(result.saved), duplicates + result.duplicates
    db.session.commit()
    if not quiet:
        if saved:
            click.echo(f"演示题目：已生成{saved}道待审核的草稿题。")
        else:
            click.echo(f"演示题目：{duplicates}道生成题已在题库中，未重复添加。")
