"""Shared setup for the search benchmarks: ../shared documents into a temporary app and database.

Documents go through the real pipeline (corpus.ingestion into SQLite, or into the PostgreSQL
database of $DATABASE_URL for `--backend postgres|both`), then the index is built from the
database exactly as `python run.py reindex` does: a Whoosh index (kb.sync) or PostgreSQL's
full-text rows (kb.pgsearch). Set BENCH_REUSE_DATABASE=1 to keep the documents a previous run
left in that PostgreSQL database instead of ingesting again.
"""

from __future__ import annotations

import os
import sys
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def extract_scale(target: Path) -> Path:
    """Extract ../shared/corpus-scale.tar.gz into `target` (a temp folder, never the project)."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(SHARED / "corpus-scale.tar.gz") as tar:
        tar.extractall(target, filter="data")
    return target


BACKENDS = ("whoosh", "postgres")


def add_backend_option(parser) -> None:  # noqa: ANN001 - an argparse.ArgumentParser
    """--backend whoosh|postgres|both (the search engine or engines to measure)."""
    parser.add_argument(
        "--backend",
        choices=(*BACKENDS, "both"),
        default="whoosh",
        help="search engine; postgres and both ingest into the PostgreSQL database of $DATABASE_URL",
    )


def chosen_backends(choice: str) -> list[str]:
    """The backends of a --backend value."""
    return list(BACKENDS) if choice == "both" else [choice]


def database_for(backends: list[str]) -> str | None:
    """$DATABASE_URL when a backend needs PostgreSQL (exits with a message when it is not set)."""
    if "postgres" not in backends:
        return None
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        raise SystemExit("--backend postgres needs DATABASE_URL=postgresql://… (a database the benchmark may fill)")
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def build_kb(backend: str, workdir: Path, workers: int = 2) -> object:
    """Build the index of `backend` from the app's database (as reindex does); the KnowledgeBase."""
    from core.db import db

    if backend == "postgres":
        from kb import pgsearch

        pgsearch.rebuild(db.session, workers=workers)
        db.session.commit()
        return pgsearch.PgKnowledgeBase(db.engine)
    from kb import sync
    from kb.search import KnowledgeBase

    root = workdir / "index"
    sync.rebuild(db.session, root, workers=workers)
    return KnowledgeBase(root)


@contextmanager
def corpus_app(
    workdir: Path, scale: bool = False, quiet: bool = True, database_url: str | None = None
) -> Iterator[object]:
    """An app whose database (SQLite in `workdir`, or `database_url`) holds ../shared/corpus (and
    the scale laws); yields the app."""
    import logging

    from flask import Flask
    from sqlalchemy import func, select

    from accounts import models as _accounts  # noqa: F401 - tables others refer to (audit_entries → users)
    from core.db import db
    from corpus.ingestion import ingest_paths
    from corpus.models import Document
    from kb import models  # noqa: F401 - the search tables are created too

    if quiet:
        logging.disable(logging.INFO)
    # A bare app with only the database: the benchmark measures search, not the web stack.
    app = Flask("bench", root_path=str(ROOT))
    app.config.update(
        SQLALCHEMY_DATABASE_URI=database_url or f"sqlite:///{workdir / 'bench.sqlite3'}", DATA_DIR=workdir / "data"
    )
    db.init_app(app)
    paths = [SHARED / "corpus"]
    if scale:
        paths.append(extract_scale(workdir / "scale"))
    with app.app_context():
        reuse = database_url and os.environ.get("BENCH_REUSE_DATABASE") == "1"
        if database_url and not reuse:
            db.drop_all()
        db.create_all()
        if reuse and db.session.scalar(select(func.count()).select_from(Document)):
            print("# reusing the documents already in DATABASE_URL", file=sys.stderr)
            yield app
            return
        started = time.perf_counter()
        report = ingest_paths(paths, db.session)
        db.session.commit()
        print(
            f"# ingested {len(paths)} folders in {time.perf_counter() - started:.1f}s; failed {len(report.failed)}",
            file=sys.stderr,
        )
        yield app
