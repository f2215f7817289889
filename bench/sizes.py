"""Storage per row, for the capacity estimate in docs/deployment.md: bytes on disk per person,
attempt, answered item, article and document, in the database (tables with their indexes) and in
the Whoosh index, read from a DATA_DIR (and DATABASE_URL) a benchmark left behind.

SQLite: the `dbstat` table (page bytes per table and index); PostgreSQL: pg_total_relation_size.
Prints a table and, as its last line, one JSON object.

Usage: DATA_DIR=/tmp/banzu-mixed-…/data .venv/bin/python bench/sizes.py
       DATA_DIR=… DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/sizes.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# (what, table whose rows are counted, tables whose bytes are its cost)
GROUPS = [
    ("person", "users", ("users",)),
    ("attempt", "attempts", ("attempts",)),
    ("answered item", "attempt_items", ("attempt_items",)),
    ("wrong-answer card", "review_cards", ("review_cards",)),
    ("article", "articles", ("articles", "kb_search_entries")),
    ("document", "documents", ("documents",)),
]


def table_bytes(conn, dialect: str) -> dict[str, int]:
    """Bytes of each table with its indexes."""
    from sqlalchemy import text

    if dialect == "sqlite":
        rows = conn.execute(text("SELECT s.name, m.tbl_name, sum(s.pgsize) FROM dbstat s "
                                 "JOIN sqlite_schema m ON m.name = s.name GROUP BY s.name")).all()
        sizes: dict[str, int] = {}
        for _, table, size in rows:
            sizes[table] = sizes.get(table, 0) + int(size)
        return sizes
    rows = conn.execute(text("SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                             "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")).all()
    return {name: int(size) for name, size in rows}


def main() -> int:
    from sqlalchemy import inspect, text

    from core.db import db
    from run import create_app

    app = create_app()
    with app.app_context():
        conn = db.session.connection()
        dialect = db.engine.dialect.name
        sizes = table_bytes(conn, dialect)
        present = set(inspect(db.engine).get_table_names())
        counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in present}
        index_dir = Path(app.config["DATA_DIR"]) / "index"
        index_bytes = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) if index_dir.exists() else 0
    result = {"database": dialect, "database_bytes": sum(sizes.values()), "whoosh_index_bytes": index_bytes,
              "rows": {t: counts[t] for _, t, _ in GROUPS if t in counts}, "bytes_per_row": {}}
    print(f"{'per':<15}{'rows':>10}{'bytes/row':>12}")
    for label, counted, tables in GROUPS:
        rows = counts.get(counted, 0)
        cost = sum(sizes.get(t, 0) for t in tables)
        if rows:
            result["bytes_per_row"][label] = round(cost / rows)
            print(f"{label:<15}{rows:>10}{cost / rows:>12.0f}")
    if counts.get("articles"):
        result["bytes_per_row"]["article in the Whoosh index"] = round(index_bytes / counts["articles"])
        print(f"{'article (Whoosh)':<15}{counts['articles']:>10}{index_bytes / counts['articles']:>12.0f}")
    print(f"database {result['database_bytes'] / 1e6:.1f} MB, Whoosh index {index_bytes / 1e6:.1f} MB")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
