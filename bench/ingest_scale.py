"""Benchmark: ingest the 1,584-law scale corpus (../shared/corpus-scale.tar.gz) and ../shared/corpus.

Prints wall time of the first ingest, of the announcement to receivers (the search index),
of a second ingest that should find everything unchanged, and the peak memory (max RSS) of
the process: a JSON line per ingest, and last one JSON object with them all. Everything goes to
a temporary folder; nothing is written to the project.

    .venv/bin/python bench/ingest_scale.py                 # through the app, index included
    .venv/bin/python bench/ingest_scale.py --corpus-only   # corpus service on a bare session
    .venv/bin/python bench/ingest_scale.py --database-url postgresql+psycopg://…/bench
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from corpus.ingestion import IngestReport, collect_files, ingest_paths  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, action: Callable[[], IngestReport], announce: Callable[[IngestReport], None]) -> dict:
    """Run one ingest with a progress bar on stderr, then the commit and announcement; print figures."""
    start = time.perf_counter()
    report = action()
    ingest_seconds = time.perf_counter() - start
    start = time.perf_counter()
    announce(report)
    announce_seconds = time.perf_counter() - start
    figures = {
        "run": label,
        "ingest_s": round(ingest_seconds, 2),
        "commit_and_index_s": round(announce_seconds, 2),
        "files": report.total,
        "added": len(report.added),
        "merged": len(report.merged),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "failed": len(report.failed),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(json.dumps(figures, ensure_ascii=False))
    return figures


def run_with_app(folder: Path, data_dir: Path, database_url: str | None) -> list[dict]:
    """Through create_app: the same path as `python run.py ingest`, index receivers included."""
    import click

    from core.db import db
    from corpus.signals import commit_and_announce
    from run import create_app

    url = database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    app = create_app({"DATA_DIR": data_dir, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        files, _ = collect_files([folder])

        def ingest() -> IngestReport:
            with click.progressbar(length=len(files), label=f"导入 {folder.name}", file=sys.stderr) as bar:
                return ingest_paths([folder], db.session, progress=lambda _p, _o: bar.update(1))

        def announce(report: IngestReport) -> None:
            commit_and_announce(db.session, app, report.changed_ids)

        runs = [timed("first", ingest, announce), timed("again", ingest, announce)]
        if database_url:
            db.drop_all()
    return runs


def run_corpus_only(folder: Path, data_dir: Path, database_url: str | None) -> list[dict]:
    """The corpus service alone on a plain SQLAlchemy session: no app, no receivers."""
    import click
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from accounts import models as _accounts  # noqa: F401 - tables others refer to (audit_entries → users)
    from core.db import Base

    engine = create_engine(database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}")
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    files, _ = collect_files([folder])
    with Session(engine) as session:

        def ingest() -> IngestReport:
            with click.progressbar(length=len(files), label=f"导入 {folder.name}", file=sys.stderr) as bar:
                return ingest_paths([folder], session, progress=lambda _p, _o: bar.update(1))

        runs = [timed("first", ingest, lambda _report: session.commit()),
                timed("again", ingest, lambda _report: session.commit())]
    if database_url:
        Base.metadata.drop_all(engine)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-only", action="store_true", help="bare session, no app and no index")
    parser.add_argument("--database-url", help="default: a SQLite file in the temporary folder")
    parser.add_argument("--skip-small", action="store_true", help="only the scale corpus")
    args = parser.parse_args()
    archive = SHARED / "corpus-scale.tar.gz"
    if not archive.exists():
        sys.exit(f"{archive} not found")
    runner = run_corpus_only if args.corpus_only else run_with_app
    baseline = peak_rss_mb()
    print(f"# baseline peak_rss_mb={baseline:.1f}")
    runs = []
    with tempfile.TemporaryDirectory(prefix="banzu-bench-") as temp:
        temp_dir = Path(temp)
        if not args.skip_small and (SHARED / "corpus").is_dir():
            print("# ../shared/corpus")
            runs += [{"corpus": "corpus", **r} for r in runner(SHARED / "corpus", _fresh(temp_dir / "small"),
                                                               args.database_url)]
        start = time.perf_counter()
        with tarfile.open(archive) as tar:
            tar.extractall(temp_dir / "scale", filter="data")
        print(f"# corpus-scale.tar.gz extracted in {time.perf_counter() - start:.1f}s")
        runs += [{"corpus": "corpus-scale", **r} for r in runner(temp_dir / "scale", _fresh(temp_dir / "scale-data"),
                                                                 args.database_url)]
    # Last line: one JSON object with every run's figures, as every bench script ends.
    print(json.dumps({"baseline_peak_rss_mb": round(baseline, 1), "runs": runs}, ensure_ascii=False))


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    main()
