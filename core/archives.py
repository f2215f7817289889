"""Checking zip-based uploads (.xlsx, .docx, any Office Open XML file) before a parser opens them.

An Office file is a zip archive of XML parts, so a 1 MB upload can inflate to gigabytes (a
zip bomb) or declare entities that expand a few bytes into gigabytes (an entity bomb,
"billion laughs"). `check_archive(data)` refuses both before openpyxl or python-docx see the
file, with a message in Chinese for the person who uploaded it:

- the end-of-archive record is read first, so a file claiming thousands of entries is refused
  before Python builds a list of them;
- every entry's declared size and compression ratio is checked, and their sum;
- every entry is then inflated in small chunks, counting the bytes really produced, so an
  entry that lies about its size is caught as well, and a truncated or corrupt archive is
  found here rather than half-way through a parser;
- XML parts must not contain a document type declaration (`<!DOCTYPE`, `<!ENTITY`): Office
  files never have one, and without it no parser can expand an entity.

Memory stays flat (one chunk at a time) whatever the archive holds. Entries are inflated from
the raw bytes, not through zipfile, so an entry whose data inflates past its declared size is
refused as soon as it does; once every entry is known to hold exactly its declared size, the
checked sizes also bound what the parsers (through zipfile) will inflate.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator

ZIP_MAGIC = b"PK\x03\x04"
MAX_INFLATED_BYTES = 100 * 1024 * 1024  # all entries together, inflated
MAX_ENTRY_BYTES = 48 * 1024 * 1024  # one entry, inflated (a 48 MB sheet takes openpyxl about 250 MB)
MAX_ENTRIES = 2000
MAX_RATIO = 100  # inflated / compressed, per entry ...
RATIO_FLOOR_BYTES = 1024 * 1024  # ... checked only for entries inflating past this size
CHUNK = 256 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MB = 1024 * 1024


class ArchiveRefused(ValueError):
    """The archive is unsafe or broken; the message (Chinese) is for the person who uploaded it."""


def is_zip(data: bytes) -> bool:
    """True when `data` starts like a zip archive (an .xlsx, .docx …)."""
    return data.startswith(ZIP_MAGIC)


def check_archive(data: bytes) -> None:
    """Raise ArchiveRefused unless `data` is a whole zip archive within every limit above."""
    _check_entry_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error) as exc:
        raise ArchiveRefused("文件不完整或已损坏（压缩包无法打开，可能上传时被截断）。") from exc
    with archive:
        infos = archive.infolist()
        _check_declared(infos)
        total = 0
        for info in infos:
            total += _inflate(data, info, MAX_INFLATED_BYTES - total)


def _check_entry_count(data: bytes) -> None:
    """Read the entry count from the end-of-archive record before zipfile lists the entries."""
    tail = data[-(_EOCD_SIZE + 65535) :]
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        raise ArchiveRefused("文件不完整或已损坏（找不到压缩包的目录，可能上传时被截断）。")
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if entries > MAX_ENTRIES:  # 0xFFFF also marks a zip64 archive: no Office upload needs one
        raise ArchiveRefused(f"压缩包内文件过多（超过 {MAX_ENTRIES} 个），可能是压缩炸弹，已拒绝。")


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ArchiveRefused(f"压缩包内文件过多（超过 {MAX_ENTRIES} 个），可能是压缩炸弹，已拒绝。")
    total = 0
    for info in infos:
        _check_size(info.filename, info.file_size, info.compress_size)
        total += info.file_size
        if total > MAX_INFLATED_BYTES:
            raise ArchiveRefused(_too_big())


def _check_size(name: str, size: int, compressed: int) -> None:
    if size > MAX_ENTRY_BYTES:
        raise ArchiveRefused(_entry_too_big(name))
    if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(compressed, 1):
        raise ArchiveRefused(f"文件中的 {name} 压缩比异常（超过 {MAX_RATIO} 倍），可能是压缩炸弹，已拒绝。")


def _too_big() -> str:
    return f"文件解压后过大（超过 {MAX_INFLATED_BYTES // _MB} MB），可能是压缩炸弹，已拒绝。"


def _entry_too_big(name: str) -> str:
    return f"文件中的 {name} 解压后过大（超过 {MAX_ENTRY_BYTES // _MB} MB），可能是压缩炸弹，已拒绝。"


def _inflate(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    """Inflate one entry from the raw bytes, chunk by chunk; returns its real size.

    Done here rather than through zipfile, which trusts the declared size: a parser calling
    `ZipFile.read()` inflates a forged entry's whole stream before cutting it to that size.
    Checks the real size against the declared one and the limits, the CRC, and the XML prolog.
    """
    if info.flag_bits & 0x1:
        raise ArchiveRefused("文件已加密（设置了密码），请去掉密码后再上传。")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ArchiveRefused("文件使用了不支持的压缩方式，无法读取。")
    local = info.header_offset
    header = data[local : local + 30]
    if len(header) < 30 or not header.startswith(ZIP_MAGIC):
        raise ArchiveRefused(_damaged())
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = local + 30 + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise ArchiveRefused(_damaged())
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    size = crc = 0
    carry = b""
    for chunk in _chunks(raw, info.compress_type):
        size += len(chunk)
        if size > info.file_size:
            raise ArchiveRefused(f"文件中的 {info.filename} 实际大小超过其声明的大小，可能是压缩炸弹，已拒绝。")
        if size > MAX_ENTRY_BYTES:
            raise ArchiveRefused(_entry_too_big(info.filename))
        if size > budget:
            raise ArchiveRefused(_too_big())
        crc = zlib.crc32(chunk, crc)
        if is_xml:
            window = carry + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise ArchiveRefused(
                    f"文件中的 {info.filename} 含有实体声明（DOCTYPE/ENTITY），可能是实体炸弹，已拒绝。"
                )
            carry = window[-32:]
    if size != info.file_size or crc != info.CRC:
        raise ArchiveRefused(_damaged())
    return size


def _chunks(raw: memoryview, method: int) -> Iterator[bytes]:
    """The inflated content of one entry, at most CHUNK bytes at a time."""
    if method == zipfile.ZIP_STORED:
        for at in range(0, len(raw), CHUNK):
            yield bytes(raw[at : at + CHUNK])
        return
    inflater = zlib.decompressobj(-15)
    try:
        for at in range(0, len(raw), CHUNK):
            pending = raw[at : at + CHUNK]
            while pending:
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                if out:
                    yield out
                if inflater.eof:
                    break
        if not inflater.eof:
            raise ArchiveRefused(_damaged())
    except zlib.error as exc:
        raise ArchiveRefused(_damaged()) from exc


def _damaged() -> str:
    return "文件不完整或已损坏（压缩包内容无法解压，可能上传时被截断）。"
