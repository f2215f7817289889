"""Settings from the environment (core/config.py): the secret key kept in DATA_DIR, integer
settings checked with a Chinese ConfigError, and a DATA_DIR that must exist before serving."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from core import config


def test_the_secret_key_is_never_readable_by_others(tmp_path: Path, monkeypatch):
    """Created 0600 from the start: no moment in which the umask's 0644 lets another account read it."""
    modes = []
    real_write = os.write

    def spy(fd, data):
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_write(fd, data)

    old = os.umask(0o022)
    try:
        monkeypatch.setattr(os, "write", spy)
        key = config._secret_key(tmp_path)
    finally:
        os.umask(old)
    assert modes and all(mode == 0o600 for mode in modes), modes
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert len(key) == 64 and (tmp_path / "secret_key").read_text(encoding="ascii") == key


def test_two_first_starts_at_once_get_the_same_key(tmp_path: Path, monkeypatch):
    """The server and a CLI command (or an upload child) starting together on a fresh DATA_DIR: both
    find no key, and the one that loses the race reads the winner's (never signs with a key not on disk)."""
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: False if self.name == "secret_key" else real_exists(self))
    first = config._secret_key(tmp_path)
    second = config._secret_key(tmp_path)  # the other process, interleaved
    monkeypatch.setattr(Path, "exists", real_exists)
    assert first == second == config._secret_key(tmp_path)


def test_a_key_still_being_written_is_waited_for(tmp_path: Path):
    """The other process created the file and has not written it yet: read it once it has."""
    path = tmp_path / "secret_key"
    path.touch(mode=0o600)
    timer = threading.Timer(0.2, lambda: path.write_text("a" * 64, encoding="ascii"))
    timer.start()
    try:
        assert config._secret_key(tmp_path) == "a" * 64
    finally:
        timer.join()


def test_an_empty_key_file_left_behind_is_an_error_not_an_empty_key(tmp_path: Path, monkeypatch):
    (tmp_path / "secret_key").touch(mode=0o600)
    monkeypatch.setattr(config, "KEY_WAIT_SECONDS", 0.2)
    with pytest.raises(config.ConfigError, match="secret_key"):
        config._secret_key(tmp_path)
