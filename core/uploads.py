"""Files waiting in DATA_DIR/uploads for someone to confirm an import (question banks, rosters).

An upload is kept under `<kind>-<token>…` between its preview and the confirm, and stays
there until the import is done, so an interrupted import can be confirmed again. Nobody
confirms after a day: older ones are removed. Library documents, stored in the same
folder under their own names, are sources of the library and never match.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_SECONDS = 24 * 3600
# bank-<token>-<name>, roster-<token>.<suffix>, claimed-bank-… left by older versions, who uploaded a
# bank (owner-bank-<token>.json), and the status and log of a bank import run in the background
# (job-bank-<token>.json, .log).
PENDING = re.compile(r"^(claimed-)?(bank-[0-9a-f]{24}-.+|roster-[0-9a-f]{24}\.\w+)$"
                     r"|^job-bank-[0-9a-f]{24}\.(json|log)$|^owner-bank-[0-9a-f]{24}\.json$")


def forget_old_uploads(folder: Path, *, keep_seconds: int = KEEP_SECONDS, now: float | None = None) -> list[Path]:
    """Delete pending uploads older than `keep_seconds`; returns what was deleted."""
    cutoff = (time.time() if now is None else now) - keep_seconds
    removed: list[Path] = []
    for path in folder.glob("*-*"):
        if not PENDING.match(path.name):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another request removed it first
            continue
    if removed:
        log.info("removed %d upload(s) nobody confirmed within a day", len(removed))
    return removed
