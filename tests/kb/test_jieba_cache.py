"""jieba's dictionary cache lives in DATA_DIR/cache, written with the service user's rights: a
/tmp/jieba.cache belonging to another user (root) made every command print two tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb import analysis

ROOT = Path(__file__).resolve().parents[2]


def test_a_cache_that_cannot_be_written_prints_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    script = (
        "import sys; from pathlib import Path; from kb import analysis; "
        "analysis.use_cache_dir(Path(sys.argv[1])); "
        "print(len(list(analysis.segment('瓦斯检查工必须持证上岗'))) > 0)"
    )
    done = subprocess.run([sys.executable, "-c", script, str(blocker / "cache")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
    assert done.stderr == ""  # no "Dump cache file failed" traceback


def test_the_cache_lands_in_the_data_folder(app, monkeypatch) -> None:
    monkeypatch.setattr(analysis, "_tokenizer", None)  # built afresh here, the old one put back after
    analysis.segmenter()
    assert (Path(app.config["DATA_DIR"]) / "cache" / "jieba.cache").is_file()
