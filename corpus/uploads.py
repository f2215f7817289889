"""Uploaded files: checking type and size, and keeping them under DATA_DIR/uploads.

A file is stored under its own (cleaned) name, so uploading a corrected version of the same
file replaces it and its document is updated in place rather than duplicated. The file it
replaces is kept (`kept_path`): when the upload turns out to be another version (the 2022 规程
as 煤矿安全规程.md over the 2016 one) ingestion keeps the old version and points it there.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from corpus.readers import UnreadableDocument, format_of

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(filename: str) -> str:
    """A file name safe to store: no folders, control or reserved characters; Chinese kept."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = unicodedata.normalize("NFC", _UNSAFE.sub("_", name)).strip(" ._")
    if not name or name.startswith("."):
        name = "upload" + name
    stem, dot, suffix = name.rpartition(".")
    if dot and len(name) > 150:
        name = f"{stem[: 150 - len(suffix) - 1]}.{suffix}"
    return name[:150]


def check_upload(filename: str, size: int, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
    """Refuse unsupported types, empty files and files over `max_bytes`, with a reason."""
    format_of(filename)
    if size == 0:
        raise UnreadableDocument("文件是空的")
    if size > max_bytes:
        raise UnreadableDocument(f"文件过大（{size / 1048576:.1f} MB），单个文件不能超过 {max_bytes / 1048576:.0f} MB")


def kept_path(path: Path, digest: str) -> Path:
    """Where a file at `path` with content hash `digest` is kept once another file takes its name:
    a hidden folder beside it (ingesting the folder skips hidden ones), one per content."""
    return path.parent / ".replaced" / digest[:16] / path.name


def store_upload(filename: str, data: bytes, uploads_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Path:
    """Check and write an uploaded file; returns where it was stored."""
    name = safe_name(filename)
    check_upload(name, len(data), max_bytes)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / name
    temporary = target.with_name(f".{name}.part")
    temporary.write_bytes(data)
    if target.is_file():
        old = target.read_bytes()
        if old != data:
            kept = kept_path(target, hashlib.sha256(old).hexdigest())
            kept.parent.mkdir(parents=True, exist_ok=True)
            target.replace(kept)
    temporary.replace(target)
    return target
