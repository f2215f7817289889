"""Settings, read only from the environment (or overrides passed to the app factory)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def _secret_key(data_dir: Path) -> str:
    """Read the secret key kept in DATA_DIR, creating it once (never a literal in code)."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def prepare_data_dir(config: dict[str, Any]) -> None:
    """Create DATA_DIR and its uploads folder; fill in SECRET_KEY from DATA_DIR when not set."""
    data_dir = Path(config["DATA_DIR"])
    (data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    config["DATA_DIR"] = data_dir
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _secret_key(data_dir)


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
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": env.get("SECRET_KEY"),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "LOCKOUT_MAX_FAILURES": int(env.get("LOCKOUT_MAX_FAILURES", "5")),
        "LOCKOUT_MAX_FAILURES_PER_ADDRESS": int(env.get("LOCKOUT_MAX_FAILURES_PER_ADDRESS", "20")),
        "LOCKOUT_MINUTES": int(env.get("LOCKOUT_MINUTES", "15")),
        # How many reverse proxies (nginx …) stand in front; their X-Forwarded-For/-Proto are trusted.
        "PROXY_HOPS": int(env.get("BANZU_PROXY_HOPS", "0")),
    }
