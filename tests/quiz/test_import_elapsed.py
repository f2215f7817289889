"""The import job page counts the seconds from when the import was confirmed, not from the page's
load: reloading it (or coming back later) shows the time the import has really taken."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from quiz.bank import background


def test_elapsed_time_counts_from_the_jobs_start(app, client, login) -> None:
    trainer = login("unit_trainer")
    folder = Path(app.config["DATA_DIR"]) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    token = "abc123"
    background.record_owner(folder, token, trainer.id)  # his upload: only he (and admins) may follow its job
    # A child (this process stands in for it) confirmed 95 seconds ago, still preparing.
    background.write_status(folder, token, state=background.QUEUED, pid=os.getpid(), started=time.time() - 95)

    job = client.get(f"/bank/import/{token}/progress").get_json()
    assert job["state"] == "waiting" and job["elapsed"] >= 95
    page = client.get(f"/bank/import/{token}/job").get_data(as_text=True)
    shown = int(re.search(r'data-elapsed="(\d+)"', page).group(1))
    assert shown >= 95
    assert re.search(r"已用 (\d+) 秒", page) and int(re.search(r"已用 (\d+) 秒", page).group(1)) >= 95
    script = (Path(app.root_path) / "static" / "js" / "import_progress.js").read_text(encoding="utf-8")
    assert "dataset.elapsed" in script and "job.elapsed" in script  # the page ticks on from the server's figure


def test_the_child_keeps_the_start_of_its_job(app, monkeypatch) -> None:
    folder = Path(app.config["DATA_DIR"]) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    started = time.time() - 300
    background.write_status(folder, "tok2", state=background.QUEUED, pid=os.getpid(), started=started)
    written: list[dict] = []
    real = background.write_status
    monkeypatch.setattr(background, "write_status", lambda f, t, **status: (written.append(status), real(f, t, **status)))
    background.run_job(folder, "tok2", None, None, None)  # the upload is gone: it fails at once
    assert written[0]["state"] == background.RUNNING and written[0]["started"] == started
