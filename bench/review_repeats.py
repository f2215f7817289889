"""Speed of the review page's 重复 marks (quiz.generation.dedupe.repeats) on a bank of a few thousand hazard questions.

What it does: a fresh DATA_DIR with SQLite; hazard questions of several seeds stored as generated drafts with their
generation records (service.save_generated: the same entry asked with other distractors is another question, so the
bank grows past the catalogue's facts, as a bank filled before the dedupe would); then, --rounds times each, the
marks of 50 drafts (the newest: most of the bank is earlier) alone, and two review pages through the test client:
the queue (GET /bank/review/, its oldest 50 drafts) and the drafts just generated (GET /bank/review/?ids=…, the
newest 50).

Prints the bank's size and the median and worst milliseconds of each, and as its last line one JSON object.

Usage: .venv/bin/python bench/review_repeats.py [--questions 3000] [--rounds 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--data-dir", type=Path, help="keep the bank here; a bank already there is used as it is")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from accounts.models import User
    from core.db import db
    from quiz.bank import service
    from quiz.bank.models import Question
    from quiz.generation import dedupe
    from quiz.generation.hazard import HazardData
    from quiz.generation.models import GenerationRecord
    from quiz.generation.pipeline import hazard_batch
    from run import create_app
    from tests.factories import create_user

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="review-repeats-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{data_dir / 'bench.sqlite3'}",
                      "DATA_DIR": data_dir, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        data = HazardData.load()
        seed = 0
        while db.session.scalar(select(func.count()).select_from(Question)) < args.questions:
            batch = hazard_batch(data, f"bench-{seed}").questions
            for generator in sorted({q.generator for q in batch}):
                group = [q for q in batch if q.generator == generator]
                by_key = {q.draft().content_key: q for q in group}
                saved = service.save_generated([q.draft() for q in group], generator).saved
                for stored in saved:
                    source = by_key[stored.content_key]
                    db.session.add(GenerationRecord(question_id=stored.id, generator=generator, seed=source.seed,
                                                    inputs=source.inputs))
            db.session.commit()
            seed += 1
        size = db.session.scalar(select(func.count()).select_from(Question))
        trainer = db.session.scalar(select(User).where(User.username == "bench-admin")) or create_user(
            "admin", username="bench-admin")
        page = list(db.session.scalars(select(Question).order_by(Question.id.desc()).limit(50)))
        records = {r.question_id: r for r in db.session.scalars(
            select(GenerationRecord).where(GenerationRecord.question_id.in_([q.id for q in page])))}

        marks_ms = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            found = dedupe.repeats(page, records)
            marks_ms.append((time.perf_counter() - started) * 1000)

        client = app.test_client()
        login = client.get("/login").get_data(as_text=True)
        token = login.split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
        client.post("/login", data={"username": trainer.username, "password": "Passw0rd!x", "csrf_token": token})
        pages = {"queue": "/bank/review/", "generated": "/bank/review/?ids=" + ",".join(str(q.id) for q in page)}
        page_ms: dict[str, list[float]] = {name: [] for name in pages}
        for name, url in pages.items():
            client.get(url)  # warm-up
            for _ in range(args.rounds):
                started = time.perf_counter()
                response = client.get(url)
                page_ms[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
    result = {"questions": size, "marked": len(found),
              "marks_p50_ms": round(statistics.median(marks_ms), 1), "marks_max_ms": round(max(marks_ms), 1)}
    for name, times in page_ms.items():
        result[f"{name}_page_p50_ms"] = round(statistics.median(times), 1)
        result[f"{name}_page_max_ms"] = round(max(times), 1)
    print(f"bank: {size} hazard questions; {len(found)} of the newest 50 marked as asked before")
    print(f"marks of the newest 50: p50 {result['marks_p50_ms']} ms, max {result['marks_max_ms']} ms")
    for name, url in pages.items():
        print(f"GET {url[:40]} ({name}): p50 {result[f'{name}_page_p50_ms']} ms, max {result[f'{name}_page_max_ms']} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
