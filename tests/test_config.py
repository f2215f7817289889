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


INTEGER_SETTINGS = ["MAX_UPLOAD_MB", "SQLITE_BUSY_TIMEOUT_MS", "BANZU_THREADS", "BANZU_CONNECTION_LIMIT",
                    "LOCKOUT_MAX_FAILURES", "LOCKOUT_MAX_NAMES_PER_ADDRESS", "LOCKOUT_MINUTES", "BANZU_PROXY_HOPS",
                    "DB_POOL_SIZE", "DB_MAX_OVERFLOW"]


@pytest.mark.parametrize("name", INTEGER_SETTINGS)
def test_a_setting_that_is_not_a_whole_number_says_so_in_chinese(name):
    with pytest.raises(config.ConfigError) as info:
        config.from_env({name: "abc"})
    message = str(info.value)
    assert name in message and "abc" in message and "整数" in message
    assert "invalid literal" not in message


@pytest.mark.parametrize(("value", "allowed"), [("0", "1 到 4096"), ("-1", "1 到 4096"), ("99999", "1 到 4096")])
def test_an_upload_limit_out_of_range_is_refused(value, allowed):
    """MAX_UPLOAD_MB=0 or -1 used to be taken: every POST with a body (signing in too) was then a 413."""
    with pytest.raises(config.ConfigError) as info:
        config.from_env({"MAX_UPLOAD_MB": value})
    assert f"MAX_UPLOAD_MB={value}" in str(info.value) and allowed in str(info.value)


@pytest.mark.parametrize("name", ["BANZU_THREADS", "BANZU_CONNECTION_LIMIT", "LOCKOUT_MAX_FAILURES",
                                  "LOCKOUT_MAX_NAMES_PER_ADDRESS", "LOCKOUT_MINUTES", "DB_POOL_SIZE"])
def test_counts_below_one_are_refused(name):
    with pytest.raises(config.ConfigError, match=name):
        config.from_env({name: "0"})


@pytest.mark.parametrize("name", ["BANZU_PROXY_HOPS", "DB_MAX_OVERFLOW", "SQLITE_BUSY_TIMEOUT_MS"])
def test_settings_that_may_be_zero_are_refused_below_it(name):
    assert config.from_env({name: "0"}) is not None
    with pytest.raises(config.ConfigError, match=name):
        config.from_env({name: "-1"})


def test_integer_settings_read_their_values_and_defaults():
    cfg = config.from_env({"MAX_UPLOAD_MB": " 50 ", "BANZU_THREADS": "8", "BANZU_PROXY_HOPS": ""})
    assert cfg["MAX_CONTENT_LENGTH"] == 50 * 1024 * 1024 and cfg["WEB_THREADS"] == 8 and cfg["PROXY_HOPS"] == 0
    default = config.from_env({})
    assert default["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024 and default["SQLITE_BUSY_TIMEOUT_MS"] == 5000
    assert default["DB_POOL_SIZE"] is None and default["WEB_THREADS"] == config.default_threads()


def test_no_overflow_connections_is_taken_as_zero():
    cfg = config.from_env({"DB_MAX_OVERFLOW": "0", "DB_POOL_SIZE": "6"})
    options = config.engine_options("postgresql+psycopg://u@h/db", cfg)
    assert options["max_overflow"] == 0 and options["pool_size"] == 6


def test_the_server_logs_its_data_dir_when_it_starts(app, monkeypatch, caplog):
    import logging

    import waitress

    import run
    from core import running

    monkeypatch.setattr(running, "_held", [])
    monkeypatch.setattr(run, "schema_problem", lambda: None)  # the test schema is made by create_all, not stamped

    class Bound:
        def run(self):
            pass

    monkeypatch.setattr(waitress, "create_server", lambda *_args, **_kwargs: Bound())
    caplog.set_level(logging.INFO)
    run.serve(app, "127.0.0.1", 5199)
    lines = [r.getMessage() for r in caplog.records if str(app.config["DATA_DIR"]) in r.getMessage()]
    assert lines == [f"数据目录：{app.config['DATA_DIR']}"]
    for fd in running._held:
        os.close(fd)
