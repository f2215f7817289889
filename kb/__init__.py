"""Knowledge base (知识库): search and answers over the stored documents.

`init_app(app)` registers the web and API blueprint, the CLI commands (search, ask,
reindex), keeps the index in step with `corpus.signals.documents_changed`, and offers
`app.extensions["citation_suggester"]`: suggest(text) -> list[Suggestion], with which the
question bank proposes the article that supports a question.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, has_app_context

from kb.highlight import mark
from kb.search import KnowledgeBase

log = logging.getLogger(__name__)

SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    """An article that may support a statement: 《安全生产法》第五十五条, with 0–1 confidence."""

    article_id: int
    citation: str
    score: float
    confidence: float


def knowledge_base(app: Flask | None = None) -> KnowledgeBase:
    """The app's KnowledgeBase (one per app, over DATA_DIR/index)."""
    app = app or current_app
    kb = app.extensions.get("kb")
    if kb is None:
        kb = KnowledgeBase(Path(app.config["DATA_DIR"]) / "index")
        app.extensions["kb"] = kb
    return kb


def make_suggester(app: Flask):  # noqa: ANN201 - returns the suggest function below
    """suggest(text) for this app: best current articles for a question or statement."""

    def suggest(text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        from kb.indexing import IndexUnavailable
        from kb.qa import confidence_of, pick_sentences, question_weights

        kb = knowledge_base(app)
        try:
            plan, _ = kb.prepare(text)
            if plan.empty:
                return []
            hits = kb.rank(plan, status="current", limit=max(limit, 10))[:limit]
            weights = question_weights(kb, text)
        except IndexUnavailable:
            return []
        out = []
        for i, hit in enumerate(hits):
            picked, _ = pick_sentences(hit.text, plan, kb)
            runner_up = hits[i + 1] if i + 1 < len(hits) else None
            confidence = confidence_of(hit, weights, "".join(picked), runner_up)
            out.append(Suggestion(hit.article_id, str(hit.citation), round(hit.score, 4), confidence))
        return out

    return suggest


def rebuild_index(app: Flask, progress=None, workers: int = 1) -> int:  # noqa: ANN001 - progress(done: int)
    """Build the whole index from the database aside, switch to it and let searchers reopen;
    returns the article count (`python run.py reindex` and the upgrade step)."""
    from core.db import db
    from kb import sync

    kb = knowledge_base(app)
    count = sync.rebuild(db.session, kb.root, progress=progress, workers=workers)
    kb.handle.close()
    return count


def upgrade_index(app: Flask) -> int | None:
    """Rebuild the index when it is missing or of an older format; the article count, or None
    when it was already current. Searches keep using the old index until the switch."""
    import click

    from kb.indexing import needs_rebuild

    if not needs_rebuild(knowledge_base(app).root):
        return None
    click.echo("检索索引缺失或为旧版本格式，正在重建…", err=True)
    count = rebuild_index(app)
    click.echo(f"检索索引已重建：{count} 条。", err=True)
    return count


def init_app(app: Flask) -> None:
    """Wire the knowledge base into the app."""
    from core.auth import TRAINER_ROLES
    from core.web import add_home_panel, add_nav_link, add_upgrade_step
    from corpus.signals import documents_changed
    from kb import models  # noqa: F401 - registers the tables
    from kb.cli import COMMANDS
    from kb.views import api, bp

    knowledge_base(app)
    app.register_blueprint(bp)
    app.register_blueprint(api)
    add_nav_link(app, 10, "kb.ask", "知识库问答")
    add_nav_link(app, 60, "kb.gaps", "问答反馈", TRAINER_ROLES)
    add_nav_link(app, 61, "kb.probe", "命中测试", TRAINER_ROLES)
    add_home_panel(app, "kb/_ask_panel.html")
    app.add_template_filter(mark, "kb_mark")
    for command in COMMANDS:
        app.cli.add_command(command)
    app.extensions["citation_suggester"] = make_suggester(app)
    add_upgrade_step(app, lambda: upgrade_index(app))

    def on_documents_changed(sender: object, document_ids: frozenset[int] = frozenset(), **extra: object) -> None:
        from core.db import db
        from kb import sync

        if has_app_context() and current_app._get_current_object() is not app:
            return  # another app (tests create many) sent it
        kb = knowledge_base(app)
        try:
            with app.app_context() if not has_app_context() else nullcontext():
                count = sync.update(db.session, kb.root, document_ids)
            log.info("re-indexed %d articles of documents %s", count, sorted(document_ids))
        except Exception:  # the index must never break ingestion; reindex repairs it
            log.exception("incremental index update failed for %s", sorted(document_ids))

    # A strong reference held by the app: blinker keeps receivers weakly by default.
    app.extensions["kb_signal_receiver"] = on_documents_changed
    documents_changed.connect(on_documents_changed, weak=True)
