"""Knowledge base (知识库): search and answers over the stored documents.

`init_app(app)` registers the web and API blueprint, the CLI commands (search, ask,
reindex), keeps the index in step with `corpus.signals.documents_changed`, and offers
`app.extensions["citation_suggester"]`: suggest(text) -> list[Suggestion], with which the
question bank proposes the article that supports a question.
"""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app, has_app_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from kb.sync import Repair

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
    """The app's KnowledgeBase (one per app): over DATA_DIR/index, or over the database's
    full-text tables with SEARCH_BACKEND=postgres (kb.pgsearch)."""
    app = app or current_app
    kb = app.extensions.get("kb")
    if kb is None:
        if uses_postgres(app):
            from core.db import db
            from kb.pgsearch import PgKnowledgeBase

            with app.app_context():
                kb = PgKnowledgeBase(db.engine)
        else:
            kb = KnowledgeBase(Path(app.config["DATA_DIR"]) / "index")
        kb.on_new_index = _follow_index
        app.extensions["kb"] = kb
        _follow_live(app)
    return kb


def _follow_index(built_with: str, lines: tuple[str, ...]) -> None:
    from kb import mine_words

    mine_words.follow(built_with, lines)


def live_index(app: Flask) -> tuple[str | None, tuple[str, ...]]:
    """The live index's fingerprint and the mine's synonym lines it was built with ((None, ())
    when there is none or it cannot be read yet)."""
    from sqlalchemy.exc import SQLAlchemyError

    from kb.indexing import index_format, live_mine_words

    kb = knowledge_base(app)
    if not uses_postgres(app):
        return index_format(kb.root), live_mine_words(kb.root)
    from kb.pgsearch import read_state

    try:
        with kb.engine.connect() as conn:
            state = read_state(conn)
    except SQLAlchemyError:  # before init has created the tables
        return None, ()
    return (state.format, state.mine_words) if state else (None, ())


def _follow_live(app: Flask) -> None:
    """Analyse with the mine's words the live index was built with (kb.mine_words.follow)."""
    from kb import mine_words

    mine_words.follow(*live_index(app))


def uses_postgres(app: Flask) -> bool:
    """Whether the app searches with PostgreSQL full-text (SEARCH_BACKEND=postgres)."""
    return app.config.get("SEARCH_BACKEND") == "postgres"


def _repair(app: Flask, rebuild_index: Callable[[], int]) -> Repair:
    """Bring the app's index in step with the database, on either backend."""
    from core.db import db
    from kb import mine_words, pgsearch, sync

    kb = knowledge_base(app)
    mine_words.apply(db.session)  # the stored lines count in the fingerprint the index is checked against
    if uses_postgres(app):
        done = pgsearch.repair(db.session, rebuild_index=rebuild_index)
        db.session.commit()
        kb.invalidate()
        return done
    return sync.repair(db.session, kb.root, rebuild_index=rebuild_index)


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
    from kb import mine_words, pgsearch, sync

    kb = knowledge_base(app)
    mine_words.apply(db.session)  # built with the mine's words as stored now
    if uses_postgres(app):
        count = pgsearch.rebuild(db.session, progress=progress, workers=workers)
        db.session.commit()
        pgsearch.analyze(db.session)
        kb.invalidate()
        return count
    count = sync.rebuild(db.session, kb.root, progress=progress, workers=workers)
    kb.handle.close()
    return count


def sync_index(app: Flask) -> None:
    """Upgrade step (`python run.py init`): bring the index in step with the database.

    Clears what a killed build or update left behind, rebuilds a missing or old-format index
    (searches keep the old one until the switch), re-indexes documents the index lacks or holds
    in an older version and drops removed ones. A failure ends init with an error."""
    import click

    try:
        done = _repair(app, rebuild_index=lambda: _announced_rebuild(app))
    except Exception as exc:
        _failed(app, exc)
        raise click.ClickException(f"检索索引未能与文库同步：{describe_failure(exc)}。请修复后重新运行 init。") from exc
    _reopen(app)
    app.extensions["kb_index_error"] = None
    if done.cleaned:
        click.echo(f"已清理检索索引目录中中断遗留的 {len(done.cleaned)} 个临时文件。", err=True)
    if done.reindexed or done.dropped:
        click.echo(
            f"检索索引已与文库同步：补建 {len(done.reindexed)} 个文档，移除 {len(done.dropped)} 个已删除的文档。",
            err=True,
        )


def _reopen(app: Flask) -> None:
    kb = knowledge_base(app)
    if uses_postgres(app):
        kb.invalidate()
    else:
        kb.handle.close()


def _announced_rebuild(app: Flask) -> int:
    import click

    click.echo("检索索引缺失或为旧版本格式，正在重建…", err=True)
    count = rebuild_index(app)
    click.echo(f"检索索引已重建：{count} 条。", err=True)
    return count


def describe_failure(exc: BaseException) -> str:
    """A failed index update in a few words for the admin (e.g. an unwritable folder)."""
    if isinstance(exc, PermissionError):
        return f"没有写入权限（{exc.filename or exc}）"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}（{exc.filename or ''}）"
    return f"{type(exc).__name__}: {exc}"


def _failed(app: Flask, exc: BaseException) -> None:
    app.extensions["kb_index_error"] = describe_failure(exc)


def repair_in_background(app: Flask) -> threading.Thread:
    """Repair the index in a thread (at server start), so the server answers meanwhile."""

    def work() -> None:
        from core.db import db

        with app.app_context():
            try:
                done = _repair(app, rebuild_index=lambda: rebuild_index(app))
            except Exception as exc:
                log.exception("index repair at start failed; init or the next start retries it")
                _failed(app, exc)
                return
            finally:
                db.session.remove()
        _reopen(app)
        app.extensions["kb_index_error"] = None
        if done:
            log.info(
                "index repaired at start: rebuilt %s, re-indexed %s, dropped %s, cleaned %d stale files",
                done.rebuilt,
                done.reindexed,
                done.dropped,
                len(done.cleaned),
            )

    thread = threading.Thread(target=work, name="index-repair", daemon=True)
    thread.start()
    return thread


def index_notice(app: Flask) -> str | None:
    """For admins: why search may not find what the library lists, or None when all is in step."""
    from core.db import db
    from kb import pgsearch, sync
    from kb.indexing import IndexUnavailable

    kb = knowledge_base(app)
    error = app.extensions.get("kb_index_error")
    try:
        difference = pgsearch.drift(db.session) if uses_postgres(app) else sync.drift(db.session, kb.root)
    except IndexUnavailable:
        return (
            "检索索引缺失或需要重建，检索暂时不可用"
            + (f"（上次更新失败：{error}）" if error else "")
            + "。系统会在下次启动或运行 python run.py init 时自动重建。"
        )
    if not difference:
        return None
    count = len(difference.stale | difference.gone)
    return (
        f"检索索引与文库不一致：有 {count} 个文档的最新内容还没有进入检索"
        + (f"（上次更新失败：{error}）" if error else "（可能正在更新）")
        + "。系统会在下次启动或运行 python run.py init 时自动补上。"
    )


def init_app(app: Flask) -> None:
    """Wire the knowledge base into the app."""
    from core.auth import TRAINER_ROLES
    from core.db import db
    from core.health import add_health_check
    from core.ratelimit import limit_endpoint
    from core.web import add_admin_figure, add_home_panel, add_nav_link, add_upgrade_step
    from corpus.signals import documents_changed
    from kb import (
        analysis,
        models,  # noqa: F401 - registers the tables
        word_views,  # noqa: F401 - adds the 本矿用语 pages to the blueprint
    )
    from kb.cli import COMMANDS
    from kb.views import api, bp

    analysis.use_cache_dir(Path(app.config["DATA_DIR"]) / "cache")  # not the shared /tmp (jieba's default)
    knowledge_base(app)
    app.register_blueprint(bp)
    app.register_blueprint(api)
    for endpoint in ("kb.search", "kb.ask", "kb.probe", "kb_api.search_json", "kb_api.ask_json"):
        limit_endpoint(app, endpoint, "search")  # one budget per person across pages and JSON
    add_nav_link(app, 10, "kb.ask", "知识库问答", group="knowledge")
    add_nav_link(app, 60, "kb.gaps", "问答反馈", TRAINER_ROLES, group="knowledge")
    add_admin_figure(app, 40, "gaps", "待处理的未答问题", lambda: models.open_gap_count(db.session), "kb.gaps")
    add_nav_link(app, 61, "kb.probe", "命中测试", TRAINER_ROLES, group="knowledge")
    add_nav_link(app, 62, "kb.words_page", "本矿用语", TRAINER_ROLES, group="knowledge")
    add_home_panel(app, "kb/_ask_panel.html")
    app.add_template_filter(mark, "kb_mark")
    for command in COMMANDS:
        app.cli.add_command(command)
    app.extensions["citation_suggester"] = make_suggester(app)
    add_upgrade_step(app, lambda: sync_index(app))
    add_health_check(app, "search", lambda: knowledge_base(app).doc_count())  # the index opens
    app.extensions["kb_index_error"] = None
    # Pages that change documents show these to admins (corpus reads them; it never imports kb).
    app.extensions.setdefault("admin_notices", []).append(lambda: index_notice(app))
    _repair_at_start(app)

    def on_documents_changed(
        sender: object, document_ids: frozenset[int] = frozenset(), progress=None, **extra: object  # noqa: ANN001
    ) -> str | None:
        """Re-index the documents; returns what failed, in Chinese (the upload job reports it)."""
        from core.db import db
        from kb import sync

        if has_app_context() and current_app._get_current_object() is not app:
            return None  # another app (tests create many) sent it
        kb = knowledge_base(app)
        try:
            with app.app_context() if not has_app_context() else nullcontext():
                _follow_live(app)  # cut the new text as the live index was cut
                if uses_postgres(app):
                    count = _catch_up(document_ids)
                else:
                    count = sync.update(db.session, kb.root, document_ids, progress=progress)
            log.info("re-indexed %d articles of documents %s", count, sorted(document_ids))
            app.extensions["kb_index_error"] = None
        except Exception as exc:  # the index must never break ingestion; the admin is told, start/init repair it
            log.exception("incremental index update failed for %s", sorted(document_ids))
            _failed(app, exc)
            return describe_failure(exc)
        return None

    if uses_postgres(app):
        from core.db import db
        from kb import pgsearch

        # The rows follow the documents in the transaction that changes them.
        pgsearch.follow_sessions(db.session)
    # A strong reference held by the app: blinker keeps receivers weakly by default.
    app.extensions["kb_signal_receiver"] = on_documents_changed
    documents_changed.connect(on_documents_changed, weak=True)


def _catch_up(document_ids: frozenset[int]) -> int:
    """PostgreSQL backend: the rows were rewritten in the documents' own transaction; a change
    made around the ORM (bulk SQL) is caught up here, in a transaction of its own."""
    from sqlalchemy.orm import Session

    from core.db import db
    from kb import pgsearch
    from kb.indexing import IndexUnavailable

    with Session(db.engine) as session:
        try:
            difference = pgsearch.drift(session, document_ids)
            ids = difference.stale | difference.gone
        except IndexUnavailable:  # nothing indexed yet: update builds it all
            ids = document_ids
        if not ids:
            return 0
        count = pgsearch.update(session, ids)
        session.commit()
    knowledge_base().invalidate()
    return count


def _repair_at_start(app: Flask) -> None:
    """Served apps repair the index in the background when their first request arrives (the
    server has started then; CLI commands and tests never serve a request through here).
    INDEX_REPAIR_ON_START=False turns it off; it is off under TESTING unless set."""
    gate = threading.Lock()

    @app.before_request
    def repair_once() -> None:
        if gate.locked() or not gate.acquire(blocking=False):
            return  # held for good once the first request took it
        if app.config.get("INDEX_REPAIR_ON_START", not app.testing):
            repair_in_background(app)
