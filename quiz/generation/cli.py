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
from corpus.hazards import CATALOGUE_TITLE
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
    "--kind", type=click.Choice(["theory", "hazard"]), required=True, help="theory：按法规条文出理论题；hazard：按危险源清单出危险源辨识题。"
)
@click.option("-n", "count", type=click.IntRange(min=1), default=20, show_default=True, help="题数。")
@click.option(
    "--document", "--doc", "docs", multiple=True,
    help="只从这个文件出题（可重复；仅理论题）。默认：矿上培训用的文件。",
)
@click.option(
    "--chapter", default="",
    help="只用这一章的条文：编和章怎么空格都行（第三编 第四章、第三编第四章），或只有一章叫这个标题时写标题（通风）；"
    "有几章都符合时列出它们，不混在一起。",
)
@click.option(
    "--all-documents", "every_document", is_flag=True,
    help="用全部现行文件，不只矿上培训用的（含工会法、危险化学品…）。",
)
@click.option(
    "--audience", type=click.Choice(list(AUDIENCES)), default=FRONTLINE, show_default=True,
    help="理论题面向谁：frontline 一线职工；managers 管理人员（安全管理人员、主要负责人：还考单位和负责人的职责、"
    "许可、登记、检验、报告和监管程序）。",
)
@click.option("--seed", default="1", show_default=True, help="随机种子：同一种子出同样的题。")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="从这个文件夹读条文，而不是从数据库。",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出（与题库导出格式相同）。")
@click.option("--save", is_flag=True, help="同时把题存入题库（草稿，待审核）。")
@with_appcontext
def generate_command(
    kind: str, count: int, docs: tuple[str, ...], chapter: str, every_document: bool, audience: str, seed: str,
    corpus: Path | None, as_json: bool, save: bool,
) -> None:
    """从法规条文或危险源清单生成经独立校验的试题（存入题库后为草稿，培训员审核后才能使用）。"""
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
            f"   答案：{question.draft().answer_text}　出处：{question.citation or CATALOGUE_TITLE}"
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
