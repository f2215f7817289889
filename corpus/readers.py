"""Reading files into text: format by extension, encoding detection, HTML/Markdown/docx/PDF to lines.

A reader returns a `RawDocument`: plain text with one paragraph per line (Markdown-style `#`
headings kept where the source marks headings) and a title hint. Nothing of the markup
survives: scripts and styles are dropped, never stored. Unreadable input raises
`UnreadableDocument` with a reason in Chinese that the CLI and the upload page show as is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from charset_normalizer import from_bytes

from core.archives import ArchiveRefused, check_archive

FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = tuple(FORMATS)
# What to do with a type the library refuses but a user is likely to have.
_REFUSED_HINTS = {
    ".doc": "请用 Word 另存为 .docx 后上传",
    ".wps": "请用 WPS 或 Word 另存为 .docx 后上传",
    ".rtf": "请用 Word 另存为 .docx 后上传",
    ".zip": "压缩包请先解压，再上传其中的文件",
    ".rar": "压缩包请先解压，再上传其中的文件",
    ".7z": "压缩包请先解压，再上传其中的文件",
}

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office（.doc/.xls）"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "可执行程序"),
    (b"\x1f\x8b", "gzip 压缩包"),
)
_CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]


class UnreadableDocument(Exception):
    """The file cannot be read as a document; `reason` says why, in Chinese, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawDocument:
    """Text extracted from a file, before structure is found."""

    text: str  # one paragraph per line; `#` headings where the source marked them
    format: str  # markdown, text, html, docx or pdf
    name: str  # the file name, e.g. 煤炭法(2016-11-07).md
    title_hint: str = ""  # <title>, a docx Title, …: what the file itself calls its title
    encoding: str = ""  # for text files, the detected encoding


def format_of(name: str) -> str:
    """The reader format for a file name; raises UnreadableDocument for unsupported types."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        shown = suffix or "（无扩展名）"
        hint = f"：{_REFUSED_HINTS[suffix]}" if suffix in _REFUSED_HINTS else ""
        raise UnreadableDocument(f"不支持的文件类型 {shown}{hint}；支持 {'、'.join(SUPPORTED_SUFFIXES)}")
    return FORMATS[suffix]


def read_bytes(data: bytes, name: str, pages: Callable[[int, int], None] | None = None) -> RawDocument:
    """Read the content of file `name` (its extension picks the reader). `pages(done, total)`,
    when given, is called after each page of a PDF (the upload page shows it)."""
    fmt = format_of(name)
    if not data.strip():
        raise UnreadableDocument("文件是空的")
    if fmt == "docx":
        return _read_docx(data, name)
    if fmt == "pdf":
        return _read_pdf(data, name, pages)
    text, encoding = decode_text(data)
    if fmt == "html":
        body, title = html_to_text(text)
        return RawDocument(_require_text(body), fmt, name, title, encoding)
    if fmt == "markdown":
        body = markdown_to_text(text)
        if not body.strip() and _FRONT_MATTER.match(plain_to_text(text)):
            raise UnreadableDocument("文件只有元数据（front matter），没有正文")
        return RawDocument(_require_text(body), fmt, name, "", encoding)
    return RawDocument(_require_text(plain_to_text(text)), fmt, name, "", encoding)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), GB18030/GBK, Big5 or UTF-16.

    Returns (text, encoding). Binary data and undecodable bytes raise UnreadableDocument.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), "utf-16")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise UnreadableDocument(f"文件内容是{kind}，不是文本；请检查扩展名")
    if b"\x00" in data[:8192]:
        raise UnreadableDocument("文件含二进制数据，不是文本文件")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        raise UnreadableDocument("无法识别文件编码（支持 UTF-8、GB18030/GBK、Big5）")
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control characters or replacement marks."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t\f") or ch == "\ufffd")
    if sample and bad / len(sample) > 0.02:
        raise UnreadableDocument("文件内容无法识别为文字（可能是二进制文件或编码损坏）")
    return text, encoding


def _require_text(text: str) -> str:
    """Text must contain something a reader can read."""
    if not re.search(r"[\w\u3400-\u9fff]", text):
        raise UnreadableDocument("文件中没有可读的文字")
    return text


# --- plain text and Markdown -------------------------------------------------------------

_LITERAL_NEWLINE = re.compile(r"\\n")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\s*(?:\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style|noscript|template|iframe|object)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\u3400-\u9fff]*)?/?>")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_PLACEHOLDER_HEADER = re.compile(r"^(?:列\d+\s*\|?\s*)+$")


def plain_to_text(text: str) -> str:
    """Plain text: unify line ends; a file whose lines end in a literal \\n gets real ones."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\\n") > 3:
        text = _LITERAL_NEWLINE.sub("\n", text)
    return text


def markdown_to_text(text: str) -> str:
    """Markdown to lines: headings kept as `#`, tables as `a | b` rows, markup and comments dropped."""
    text = plain_to_text(text)
    text = _FRONT_MATTER.sub("", text)
    text = _COMMENT.sub("\n", text)
    text = _SCRIPT.sub("", text)
    text = _TAG.sub("", text)
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|"):
            if _TABLE_RULE.match(stripped):
                continue
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            row = " | ".join(cell for cell in cells if cell)
            if not row or _PLACEHOLDER_HEADER.match(row):
                continue
            out.append(f"| {row}")
            continue
        if stripped == "$$":
            continue
        if stripped.startswith(("- ", "* ", "+ ")):
            stripped = stripped[2:]
        out.append(stripped.replace("**", "").replace("__", ""))
    return "\n".join(out)


# --- HTML ---------------------------------------------------------------------------------

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "head",
    "button",
    "select",
    "input",
    "textarea",
    "form",
    "nav",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "header",
    "footer",
    "main",
    "aside",
    "caption",
    "figure",
    "figcaption",
    "body",
    "html",
    "hr",
}
_CELL_TAGS = {"td", "th"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DOC_NUMBER_ONLY = re.compile(r"^\S{0,12}[〔﹝\[［(（]\s*\d{4}\s*[〕﹞\]］)）]\s*\d+\s*号$")
_SOURCE_BREAK = re.compile(r"\s*\n\s*")
_WS = re.compile(r"[ \t\u00a0\u3000]+")


def html_to_text(markup: str) -> tuple[str, str]:
    """HTML (a page or a fragment) to (text, title). Block elements become lines, headings `#`.

    Inline whitespace is collapsed the way a browser renders it; a line break inside the
    source markup (`第` ↵ `446` ↵ `号`) joins without a space. Hidden elements, scripts and
    styles are dropped.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(markup)
    except Exception as exc:  # lxml raises several types for hopeless markup
        raise UnreadableDocument(f"HTML 无法解析：{exc}") from exc
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    if not title or _DOC_NUMBER_ONLY.match(title):
        # Government pages often title the page with the file number and keep the real
        # title in a heading, sometimes a hidden one.
        for level in ("h1", "h2"):
            heading = root.find(f".//{level}")
            if heading is not None and heading.text_content().strip():
                title = " ".join(heading.text_content().split())
                break
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def inline(text: str | None) -> None:
        if text:
            current.append(_SOURCE_BREAK.sub(_join_break, text))

    def walk(element) -> None:  # noqa: ANN001 - an lxml element
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP_TAGS or (tag and _HIDDEN.search(element.get("style", ""))):
            inline(element.tail)
            return
        if tag and not isinstance(element.tag, str):
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                current.append("#" * int(tag[1]) + " ")
        if tag == "br":
            flush()
        if tag in _CELL_TAGS and current and current[-1].strip():
            current.append(" ")
        if isinstance(element.tag, str):
            inline(element.text)
            for child in element:
                walk(child)
        if block:
            flush()
        inline(element.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(line for line in lines if line.strip("# ")), title


def _join_break(match: re.Match[str]) -> str:
    """A source line break inside running text: nothing between CJK, else one space."""
    return "" if "\n" in match.group(0) else " "


# --- docx and PDF ---------------------------------------------------------------------------


def _read_docx(data: bytes, name: str, depth: int = 0) -> RawDocument:
    """Paragraphs, tables, text boxes and embedded parts (altChunk) in body order.

    Title and Heading styles become `#` lines. The archive passes core.archives' checks (zip and
    entity bombs, truncation) first; a Word file embedded as an altChunk is checked the same way.
    """
    from docx import Document as DocxDocument

    if data.startswith(b"PK\x03\x04"):
        try:
            check_archive(data)
        except ArchiveRefused as exc:
            raise UnreadableDocument(f"不是有效的 .docx 文件：{exc}") from exc
    try:
        document = DocxDocument(io.BytesIO(data))
        return _docx_text(document, name, depth)
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx raises zipfile, KeyError and lxml errors alike
        raise UnreadableDocument("不是有效的 .docx 文件（可能已损坏，或是旧版 .doc 改了扩展名）") from exc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Containers whose children are body-level blocks (content controls, custom XML, tracked moves).
_BLOCK_CONTAINERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"}
# Inside a paragraph: never text (properties, deleted text, field codes, the VML copy of a drawing).
_SKIPPED_INLINE = {f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_MC}Fallback"}
_NO_TEXT = (
    "Word 文件中没有可读的文字（正文、表格、文本框和嵌入的网页内容都是空的；如果内容是扫描图片，需要先做文字识别）"
)
_MAX_CHUNK_DEPTH = 2


class _DocxWalker:
    """Walks a document body's XML in order, so that what python-docx's paragraph list misses
    (embedded HTML/MHT/text/Word parts, text boxes, content controls) is read too."""

    def __init__(self, document, name: str, depth: int) -> None:  # noqa: ANN001 - a python-docx Document
        self.document = document
        self.part = document.part
        self.name = name
        self.depth = depth
        self.lines: list[str] = []
        self.title = document.core_properties.title or ""
        # python-docx resolves a paragraph's style by scanning every style (about 20 ms each for
        # unstyled paragraphs): resolve each style id once, not once per paragraph.
        self.style_names: dict[str | None, str] = {}

    def blocks(self, parent) -> None:  # noqa: ANN001 - an lxml element
        for element in parent.iterchildren():
            tag = element.tag
            if tag == f"{_W}p":
                self.paragraph(element)
            elif tag == f"{_W}tbl":
                self.table(element)
            elif tag == f"{_W}altChunk":
                self.alt_chunk(element.get(_R_ID))
            elif tag in _BLOCK_CONTAINERS:
                self.blocks(element)

    def paragraph(self, p) -> None:  # noqa: ANN001
        parts: list[str] = []
        boxes: list = []
        _inline_text(p, parts, boxes)
        text = "".join(parts).strip()
        if text:
            style = self.style_of(p)
            if style == "Title":
                self.title = self.title or text
                self.lines.append(f"# {text}")
            elif style.startswith("Heading") and style[-1:].isdigit():
                self.lines.append("#" * min(int(style[-1]) + 1, 6) + " " + text)
            else:
                self.lines.append(text)
        for box in boxes:  # text boxes anchored in the paragraph, after its own text
            self.blocks(box)

    def style_of(self, p) -> str:  # noqa: ANN001
        from docx.text.paragraph import Paragraph

        style_id = p.style
        if style_id not in self.style_names:
            style = Paragraph(p, self.document).style
            self.style_names[style_id] = (style.name if style is not None else "") or ""
        return self.style_names[style_id]

    def table(self, tbl) -> None:  # noqa: ANN001
        for tr in tbl.iterchildren(f"{_W}tr"):
            cells: list[str] = []
            for tc in tr.iterchildren(f"{_W}tc"):
                outer, self.lines = self.lines, []
                self.blocks(tc)
                cell, self.lines = self.lines, outer
                cells.append(" ".join(line.lstrip("#| ").strip() for line in cell).strip())
            row_text = " | ".join(dict.fromkeys(cell for cell in cells if cell))
            if row_text:
                self.lines.append(f"| {row_text}")

    def alt_chunk(self, rel_id: str | None) -> None:
        """An embedded part Word shows inline: HTML, MHT (web archive), plain text or a Word file."""
        rel = self.part.rels.get(rel_id) if rel_id else None
        if rel is None or rel.is_external:
            return
        part = rel.target_part
        kind = (part.content_type or "").lower()
        blob = part.blob
        partname = str(part.partname).lower()
        if "html" in kind or partname.endswith((".htm", ".html", ".xhtml")):
            text, title = html_to_text(_decode_markup(blob))
        elif kind == "message/rfc822" or partname.endswith((".mht", ".mhtml")):
            text, title = _mht_text(blob)
        elif kind.startswith("text/plain") or partname.endswith(".txt"):
            text, title = plain_to_text(decode_text(blob)[0]), ""
        elif "wordprocessingml" in kind or partname.endswith((".docx", ".docm")):
            if self.depth >= _MAX_CHUNK_DEPTH:
                return
            try:
                inner = _read_docx(blob, self.name, self.depth + 1)
            except UnreadableDocument:
                return
            text, title = inner.text, inner.title_hint
        else:  # RTF and anything else: not read
            return
        self.title = self.title or title
        self.lines.extend(line for line in text.split("\n") if line.strip())


def _inline_text(element, parts: list[str], boxes: list) -> None:  # noqa: ANN001 - an lxml element
    """The visible text of a paragraph (runs, hyperlinks, fields' results, tracked insertions);
    text boxes inside it are collected in `boxes`, read once (not again from their fallback)."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_INLINE:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                _inline_text(choice, parts, boxes)
        else:
            _inline_text(child, parts, boxes)


_META_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def _decode_markup(blob: bytes) -> str:
    """An embedded HTML part: its declared charset, else the usual detection."""
    declared = _META_CHARSET.search(blob[:4096])
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        if charset in {"gb2312", "gbk", "x-gbk"}:
            charset = "gb18030"  # what pages labelled GB2312/GBK really hold
        try:
            return blob.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(blob)[0]


def _mht_text(blob: bytes) -> tuple[str, str]:
    """A web archive (MHT) part: the text of its first HTML (else plain text) part."""
    import email
    from email import policy

    message = email.message_from_bytes(blob, policy=policy.default)
    for wanted in ("text/html", "text/plain"):
        for piece in message.walk():
            if piece.get_content_type() != wanted:
                continue
            try:
                content = piece.get_content()
            except (LookupError, UnicodeError, ValueError):
                payload = piece.get_payload(decode=True) or b""
                content = decode_text(payload)[0] if payload.strip() else ""
            if isinstance(content, bytes):
                content = decode_text(content)[0]
            if wanted == "text/html":
                return html_to_text(content)
            return plain_to_text(content), ""
    return "", ""


def _docx_text(document, name: str, depth: int = 0) -> RawDocument:  # noqa: ANN001 - a python-docx Document
    walker = _DocxWalker(document, name, depth)
    walker.blocks(document.element.body)
    text = "\n".join(walker.lines)
    if not re.search(r"[\w\u3400-\u9fff]", text):
        raise UnreadableDocument(_NO_TEXT)
    return RawDocument(text, "docx", name, walker.title)


_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})[-—–\s]*$")
_PARAGRAPH_END = re.compile(r"[。；：！？:;!?」”）)]$")
_PARAGRAPH_START = re.compile(
    r"^(?:第[一二三四五六七八九十百千零〇两\d]+[编章节条]|[（(][一二三四五六七八九十\d]+[）)]|#)"
)


def _read_pdf(data: bytes, name: str, pages: Callable[[int, int], None] | None = None) -> RawDocument:
    """The text layer of a PDF; hard-wrapped lines are joined back into paragraphs."""
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        text = _pdf_text(data, pages or (lambda _done, _total: None))
    except PDFSyntaxError as exc:
        raise UnreadableDocument("不是有效的 PDF 文件（可能已损坏）") from exc
    except Exception as exc:  # encrypted or broken PDFs raise assorted pdfminer errors
        raise UnreadableDocument(f"PDF 无法读取：{type(exc).__name__}") from exc
    if not re.search(r"[\w\u3400-\u9fff]", text):
        raise UnreadableDocument("PDF 中没有文字层（可能是扫描件，需要先做文字识别）")
    paragraphs: list[str] = []
    for raw in text.replace("\f", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _PAGE_NUMBER.match(line):
            continue
        if paragraphs and not _PARAGRAPH_END.search(paragraphs[-1]) and not _PARAGRAPH_START.match(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return RawDocument("\n".join(paragraphs), "pdf", name)


def _pdf_text(data: bytes, pages: Callable[[int, int], None]) -> str:
    """pdfminer's extract_text, page by page, telling `pages(done, total)` after each."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        total = int(resolve1(resolve1(PDFDocument(PDFParser(io.BytesIO(data))).catalog["Pages"])["Count"]))
    except Exception:  # no page tree count: the pages are still read, without a total
        total = 0
    with io.StringIO() as output:
        manager = PDFResourceManager(caching=True)
        interpreter = PDFPageInterpreter(manager, TextConverter(manager, output, codec="utf-8", laparams=LAParams()))
        for done, page in enumerate(PDFPage.get_pages(io.BytesIO(data), caching=True), 1):
            interpreter.process_page(page)
            pages(done, max(total, done))
        return output.getvalue()
