"""Hostile Office files built on the spot: zip bombs, entity bombs, truncated and broken archives.

Each builder returns the bytes of an upload that looks like a real .xlsx or .docx (the other
parts of the archive come from a real openpyxl or python-docx file) with one part replaced.
Used by the upload tests and by bench/archive_bombs.py.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

GB = 1024**3
SHEET_PART = "xl/worksheets/sheet1.xml"
DOCUMENT_PART = "word/document.xml"
_CHUNK = b"0" * (1024 * 1024)

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>\n"
)


def template_xlsx() -> bytes:
    """A small real roster workbook (工号, 姓名, 班组)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "班组"])
    sheet.append(["10001", "张三", "综采一班"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_docx() -> bytes:
    """A small real document with two articles."""
    from docx import Document

    document = Document()
    document.add_paragraph("第一条 为了加强安全管理，制定本办法。")
    document.add_paragraph("第二条 本办法自发布之日起施行。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(template: bytes, part: str, write: Callable[[zipfile.ZipFile], None]) -> bytes:
    """`template` with `part` left out and `write(archive)` adding whatever replaces it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
        write(target)
    return out.getvalue()


def zip_bomb(template: bytes, part: str, inflated: int = int(1.2 * GB)) -> bytes:
    """`part` really inflates to `inflated` bytes (default 1.2 GB) of one repeated byte."""

    def write(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=inflated > 2 * GB - 1) as stream:
            left = inflated
            while left > 0:
                stream.write(_CHUNK[: min(left, len(_CHUNK))])
                left -= len(_CHUNK)

    return replace_part(template, part, write)


def lying_bomb(template: bytes, part: str, inflated: int = 64 * 1024 * 1024, declared: int = 4096) -> bytes:
    """`part` declares `declared` bytes but its data inflates to `inflated`: the sizes in both
    headers are forged (the CRC is that of the first `declared` bytes, as a forger would set it)."""
    stream = _deflate_zeros(inflated)
    data = bytearray(replace_part(template, part, lambda archive: archive.writestr(part, stream, zipfile.ZIP_STORED)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo(part).header_offset
    crc = zlib.crc32(_CHUNK[:declared])
    # Local header: method at +8, then CRC, compressed and inflated size at +14.
    struct.pack_into("<H", data, local + 8, zipfile.ZIP_DEFLATED)
    struct.pack_into("<III", data, local + 14, crc, len(stream), declared)
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # central directory: method at +10, CRC and sizes at +16
        name_len = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + name_len].decode() == part:
            struct.pack_into("<H", data, at + 10, zipfile.ZIP_DEFLATED)
            struct.pack_into("<III", data, at + 16, crc, len(stream), declared)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _deflate_zeros(size: int) -> bytes:
    """A raw deflate stream of `size` bytes of b"0", made chunk by chunk."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces = []
    left = size
    while left > 0:
        pieces.append(compressor.compress(_CHUNK[: min(left, len(_CHUNK))]))
        left -= len(_CHUNK)
    pieces.append(compressor.flush())
    return b"".join(pieces)


def many_entries(template: bytes, count: int = 5_000) -> bytes:
    """The template plus `count` empty entries (each costs Python a ZipInfo object)."""

    def write(archive: zipfile.ZipFile) -> None:
        for i in range(count):
            archive.writestr(f"customXml/extra{i}.xml", b"")

    return replace_part(template, "", write)


def entity_bomb(template: bytes, part: str, root: str) -> bytes:
    """`part` holds a billion-laughs DTD and uses its biggest entity in element `root`."""
    xml = BILLION_LAUGHS + f"<{root}>&lol9;</{root}>"
    return replace_part(template, part, lambda archive: archive.writestr(part, xml))


def broken_xml(template: bytes, part: str) -> bytes:
    """`part` is not well-formed XML."""
    return replace_part(template, part, lambda archive: archive.writestr(part, "<worksheet><sheetData><row"))


def truncated(template: bytes) -> bytes:
    """The first two thirds of the file, as a cut-off upload leaves it."""
    return template[: len(template) * 2 // 3]


def damaged(template: bytes, part: str) -> bytes:
    """The archive is whole but the compressed data of `part` is overwritten in the middle."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        info = archive.getinfo(part)
    data = bytearray(template)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 10, start + min(info.compress_size, 400)):
        data[at] ^= 0x5A
    return bytes(data)


def xlsx_bombs() -> dict[str, bytes]:
    """Every hostile .xlsx, by name."""
    book = template_xlsx()
    return {
        "zip-bomb-1.2GB": zip_bomb(book, SHEET_PART),
        "lying-sizes": lying_bomb(book, SHEET_PART),
        "many-entries": many_entries(book),
        "entity-bomb": entity_bomb(book, SHEET_PART, "worksheet"),
        "broken-xml": broken_xml(book, SHEET_PART),
        "truncated": truncated(book),
        "damaged": damaged(book, SHEET_PART),
    }


def docx_bombs() -> dict[str, bytes]:
    """Every hostile .docx, by name."""
    document = template_docx()
    return {
        "zip-bomb-1.2GB": zip_bomb(document, DOCUMENT_PART),
        "lying-sizes": lying_bomb(document, DOCUMENT_PART),
        "many-entries": many_entries(document),
        "entity-bomb": entity_bomb(document, DOCUMENT_PART, "w:document"),
        "broken-xml": broken_xml(document, DOCUMENT_PART),
        "truncated": truncated(document),
        "damaged": damaged(document, DOCUMENT_PART),
    }
