"""Settings, read only from the environment (or overrides passed to the app factory)."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

# How long to wait for a key file another process has created but not yet written.
KEY_WAIT_SECONDS = 5.0


def _secret_key(data_dir: Path) -> str:
    """Read the secret key kept in DATA_DIR, creating it once (never a literal in code).

    Created owner-only (0600) from the first byte, and with O_EXCL: of two processes starting at
    once on a fresh DATA_DIR (the server and a command or an upload child), one writes the key and
    the other reads it, so both sign with the key on disk."""
    path = data_dir / "secret_key"
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return _read_key(path)
    key = secrets.token_hex(32)
    try:
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def _read_key(path: Path) -> str:
    """The key in an existing file; while it is empty, another process is still writing it."""
    deadline = time.monotonic() + KEY_WAIT_SECONDS
    while not (key := path.read_text(encoding="ascii").strip()):
        if time.monotonic() > deadline:
            raise ConfigError(f"密钥文件 {path} 是空的：请删除它（下次启动时重新生成，已登录的人需重新登录），"
                              "或从备份恢复，或设置 SECRET_KEY。")
        time.sleep(0.05)
    return key


def prepare_data_dir(config: dict[str, Any]) -> None:
    """Create DATA_DIR and its uploads folder; fill in SECRET_KEY from DATA_DIR when not set,
    and the connection pool for the final database URL (tests may override the URL)."""
    data_dir = Path(config["DATA_DIR"])
    (data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    config["DATA_DIR"] = data_dir
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _secret_key(data_dir)
    config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(config["SQLALCHEMY_DATABASE_URI"], config))
    config["SEARCH_BACKEND"] = search_backend(config)


def refuse_data_dir_not_set_up(env: Mapping[str, str] | None = None) -> None:
    """Before serving: an explicitly set DATA_DIR must exist and, with SQLite, hold the database.
    A typo (/srv/banzu/dta) would otherwise start a healthy-looking, empty site with a new secret
    key (everyone signed out). The default ./instance, and `init` (or `demo`, `restore`), may create it."""
    env = os.environ if env is None else env
    if not env.get("DATA_DIR"):
        return
    settings = from_env(env)
    data_dir = settings["DATA_DIR"]
    if not data_dir.is_dir():
        raise ConfigError(f"数据目录 {data_dir} 不存在（DATA_DIR 是否写错了？）：新的数据目录请先运行 "
                          "python run.py init 建立，再启动服务。")
    database = sqlite_file(settings["SQLALCHEMY_DATABASE_URI"])
    if database is not None and not database.is_file():
        raise ConfigError(f"数据目录 {data_dir} 中没有数据库 {database}（DATA_DIR 或 DATABASE_URL 是否写错了？）："
                          "新的数据目录请先运行 python run.py init 建立数据库，再启动服务。")


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


SEARCH_BACKENDS = ("whoosh", "postgres")


class ConfigError(ValueError):
    """A setting that cannot work; the message says what to change, in Chinese."""


def integer(env: Mapping[str, str], name: str, default: int | None, minimum: int,
            maximum: int | None = None) -> int | None:
    """An integer setting: `default` when unset or empty; a ConfigError in Chinese naming the
    variable, its value and what is allowed when it is not a whole number in [minimum, maximum]."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    allowed = f"应为 {minimum} 到 {maximum} 之间的整数" if maximum is not None else f"应为不小于 {minimum} 的整数"
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw} 不是整数：{allowed}。") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ConfigError(f"{name}={raw} 超出范围：{allowed}。")
    return value


def search_backend(config: Mapping[str, Any]) -> str:
    """The search engine: Whoosh files in DATA_DIR/index (default), or PostgreSQL full-text
    search in the database itself (several app servers share it; needs a PostgreSQL DATABASE_URL)."""
    backend = (config.get("SEARCH_BACKEND") or "whoosh").strip().lower()
    if backend not in SEARCH_BACKENDS:
        raise ConfigError(f"SEARCH_BACKEND 只能是 whoosh 或 postgres，而不是 {backend!r}。")
    if backend == "postgres" and not str(config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        raise ConfigError("SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库：请同时设置 DATABASE_URL=postgresql://…")
    return backend


def default_threads() -> int:
    """Waitress worker threads: enough to keep the cores busy while others wait on the
    database or the network (12 on two cores), bounded so a big machine does not thrash."""
    return min(32, 4 * (os.cpu_count() or 2) + 4)


def engine_options(url: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """Pool settings: one connection per server thread, headroom for commands and bursts;
    PostgreSQL connections are checked before use (a restarted server must not cost a 500)."""
    options: dict[str, Any] = {}
    if url.startswith("postgresql"):
        options |= {
            "pool_pre_ping": True,
            "pool_size": int(config.get("DB_POOL_SIZE") or config.get("WEB_THREADS") or default_threads()),
            "max_overflow": 10 if config.get("DB_MAX_OVERFLOW") is None else int(config["DB_MAX_OVERFLOW"]),
            "pool_timeout": 15,
            "pool_recycle": 1800,  # below typical idle-connection cut-offs of firewalls and pgbouncer
        }
    elif url.startswith("sqlite") and ":memory:" not in url and url.rstrip("/") != "sqlite:":
        # A file database: connections are cheap, but each waiting thread needs one; a file does not
        # go away like a server, so no ping before each use (it cost 5% of an exam save).
        options |= {"pool_size": int(config.get("WEB_THREADS") or default_threads()), "max_overflow": 20}
    return options


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config from environment variables.

    DATA_DIR (default ./instance) holds the SQLite file, the search index and uploads;
    DATABASE_URL switches to PostgreSQL; SECRET_KEY is generated into DATA_DIR when unset.
    """
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("DATA_DIR") or "instance").resolve()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'banzu.sqlite3'}"
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    https = env.get("BANZU_HTTPS", "").lower() in {"1", "true", "yes"}
    return {
        "DATA_DIR": data_dir,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "DB_POOL_SIZE": integer(env, "DB_POOL_SIZE", None, 1),
        "DB_MAX_OVERFLOW": integer(env, "DB_MAX_OVERFLOW", None, 0),
        # Search engine: whoosh (files in DATA_DIR/index) or postgres (full-text in the database).
        "SEARCH_BACKEND": env.get("SEARCH_BACKEND") or "whoosh",
        # SQLite only: how long a writer waits for another before "系统正忙" (milliseconds).
        "SQLITE_BUSY_TIMEOUT_MS": integer(env, "SQLITE_BUSY_TIMEOUT_MS", 5000, 0, 600_000),
        # Waitress: worker threads, and how many client connections it accepts at once.
        "WEB_THREADS": integer(env, "BANZU_THREADS", default_threads(), 1, 1000),
        "WEB_CONNECTION_LIMIT": integer(env, "BANZU_CONNECTION_LIMIT", 1000, 1),
        "SECRET_KEY": env.get("SECRET_KEY"),
        "MAX_CONTENT_LENGTH": integer(env, "MAX_UPLOAD_MB", 20, 1, 4096) * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "LOCKOUT_MAX_FAILURES": integer(env, "LOCKOUT_MAX_FAILURES", 5, 1),
        # Per client address: how many different 工号 may fail in the window (a shared PC vs. a spray).
        "LOCKOUT_MAX_NAMES_PER_ADDRESS": integer(env, "LOCKOUT_MAX_NAMES_PER_ADDRESS", 10, 1),
        "LOCKOUT_MINUTES": integer(env, "LOCKOUT_MINUTES", 15, 1),
        # How many reverse proxies (nginx …) stand in front; their X-Forwarded-For/-Proto are trusted.
        "PROXY_HOPS": integer(env, "BANZU_PROXY_HOPS", 0, 0, 10),
        # Rate limits (core.ratelimit). One server: memory://; several: redis://host:6379 or memcached://host:11211.
        "RATELIMIT_ENABLED": env.get("RATELIMIT_ENABLED", "1").lower() not in {"0", "false", "no", "off"},
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or "memory://",
        # Failed sign-ins per client address (successful ones are not counted: a shift behind one NAT).
        "RATELIMIT_SIGNIN": env.get("RATELIMIT_SIGNIN") or "60 per minute",
        # Searches and answers (pages and JSON) per signed-in person, one shared budget.
        "RATELIMIT_SEARCH": env.get("RATELIMIT_SEARCH") or "60 per minute",
        # Library uploads: process (a child process, the default when serving) or thread (in the server).
        "UPLOAD_JOB_RUNNER": env.get("UPLOAD_JOB_RUNNER") or None,
    }
