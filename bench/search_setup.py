"""Shared setup for the search benchmarks: ../shared documents into a temporary app and database.

Documents go through the real pipeline (corpus.ingestion into SQLite), then kb.sync builds
the index from the database, exactly as `python run.py reindex` does.
"""

from __future__ import annotations

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


@contextmanager
def corpus_app(workdir: Path, scale: bool = False, quiet: bool = True) -> Iterator[object]:
    """An app whose database holds ../shared/corpus (and the scale laws); yields the app."""
    import logging

    from flask import Flask

    from core.db import db
    from corpus.ingestion import ingest_paths

    if quiet:
        logging.disable(logging.INFO)
    # A bare app with only the database: the benchmark measures search, not the web stack.
    app = Flask("bench", root_path=str(ROOT))
    app.config.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir / 'bench.sqlite3'}", DATA_DIR=workdir / "data")
    db.init_app(app)
    paths = [SHARED / "corpus"]
    if scale:
        paths.append(extract_scale(workdir / "scale"))
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        report = ingest_paths(paths, db.session)
        db.session.commit()
        print(
            f"# ingested {len(paths)} folders in {time.perf_counter() - started:.1f}s; failed {len(report.failed)}",
            file=sys.stderr,
        )
        yield app
