"""Finding a document's structure: title, preamble, headings (编/章/节) and articles (条) or sections.

The parser walks the normalised lines once. Article markers are accepted by sequence: a
number that continues the count starts an article, the same number again continues it
(texts that repeat 第十三条 at every paragraph), a smaller or far larger one is an ordinary
cross-reference at the start of a paragraph. Texts without articles are cut into sections at
their headings, or into paragraph groups of a few hundred characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from corpus import metadata
from corpus.documents import ParsedArticle, ParsedDocument, has_force
from corpus.normalize import clean_title, normalize
from corpus.numerals import parse_chinese_number, to_chinese_number
from corpus.readers import RawDocument, read_bytes

_NUM = "一二三四五六七八九十百千零〇两0-9"
_ARTICLE = re.compile(rf"^第\s*([{_NUM}]+)\s*条(?:\s*之\s*([一二三四五六七八九十]+))?[\s:：、.]*")
_HEADING = re.compile(rf"^(第\s*[{_NUM}]+\s*([编章节]))\s*([^。；;，,]{{0,40}})$")
_HEADING_THEN_ARTICLE = re.compile(rf"^(第[{_NUM}]+[编章节])\s*([^\s。；，第]{{1,20}})\s*(第[{_NUM}]+条.*)$")
_HEADING_NUMBER = re.compile(rf"^第\s*([{_NUM}]+)\s*[编章节]")
_SPECIAL_HEADING = re.compile(r"^(?:总\s*则|附\s*则|分\s*则|附\s*录.{0,40}|附\s*件.{0,40}|附\s*表.{0,40}|序\s*言)$")
_TOC = re.compile(r"^目\s*录$")
_ENUM_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。；;]{1,30}$")
_SPLIT_MARKER = re.compile(rf"第\s+([{_NUM}]+)\s*([号条章节编款项])|第([{_NUM}]+)\s+([号条章节编款项])")
_DATE_GAP = re.compile(r"(?<=\d)\s+(?=[年月日号])|(?<=[年月])\s+(?=\d)")
_NOTICE_TITLE = re.compile(r"(通知|意见|决定|办法|规定|批复|函|公告|通报|报告|方案)$")
_RANKS = {"编": 1, "章": 2, "节": 3}
_UNKNOWN_RANK = 9
_MAX_JUMP = 30  # articles missing from a copy (第九十二条 in one) leave gaps; 30 is far beyond those
_GROUP_CHARS = 400
_SECTION_MAX = 1500


@dataclass
class _Unit:
    label: str
    path: tuple[str, ...]
    number: int | None = None
    sub: int | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Clause:
    """A paragraph (款) of an article, or an item (项) of one: 第二款 / 第二款第（三）项."""

    kuan: int
    xiang: int | None
    text: str

    @property
    def label(self) -> str:
        """第二款, or 第二款第三项."""
        kuan = f"第{to_chinese_number(self.kuan)}款"
        return kuan + (f"第{to_chinese_number(self.xiang)}项" if self.xiang else "")


_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")


def split_clauses(text: str) -> list[Clause]:
    """An article's text as 款 and 项: each paragraph is a 款, lines starting （一） are its 项."""
    out: list[Clause] = []
    kuan = 0
    for line in text.split("\n"):
        if not line.strip() or line.startswith("| "):
            continue
        item = _ITEM.match(line)
        if item and kuan:
            out.append(Clause(kuan, parse_chinese_number(item.group(1)), line))
        else:
            kuan += 1
            out.append(Clause(kuan, None, line))
    return out


def parse_file(path: Path) -> ParsedDocument:
    """Read and parse one file."""
    return parse_raw(read_bytes(path.read_bytes(), path.name))


def parse_raw(raw: RawDocument) -> ParsedDocument:
    """Parse what a reader extracted."""
    return parse_text(raw.text, fmt=raw.format, name=raw.name, title_hint=raw.title_hint)


def parse_text(text: str, fmt: str = "text", name: str = "", title_hint: str = "") -> ParsedDocument:
    """Parse document text (one paragraph per line, `#` headings) into a ParsedDocument."""
    lines = _prepare_lines(normalize(text))
    title = ""
    if lines and lines[0][0] == 1 and fmt in {"markdown", "docx", "html"}:
        title = lines.pop(0)[1]
    walker = _walk(lines, articles=True)
    if walker.article_count < 2:
        walker = _walk(lines, articles=False)
    if not title:
        title = _title_from(walker.preamble, title_hint, name)
    title = clean_title(title)
    walker.preamble = [line for line in walker.preamble if clean_title(line) != title]
    articles = _to_articles(walker.units, walker.lone_headings()) if walker.article_count else _sections(walker)
    preamble = "\n".join(walker.preamble)
    has_articles = bool(walker.article_count)
    closing = "\n".join(article.text for article in articles[-3:]) if has_articles else ""
    dates = metadata.find_dates(preamble, closing)
    issuer = metadata.find_issuer(title, preamble)
    doc_type, sure = metadata.classify_doc_type(title, preamble, issuer, walker.headings, has_articles)
    file_date, exact = metadata.file_version_date(name)
    version_date = (file_date if exact else None) or dates.amended or dates.promulgated or dates.effective or file_date
    repeals = []
    if has_force(doc_type):
        sources = [preamble, *(article.text for article in articles[-3:])]
        repeals = metadata.find_repeals(sources, dates.effective or dates.promulgated or version_date)
    return ParsedDocument(
        title=title,
        doc_type=doc_type,
        articles=articles,
        issuer=issuer,
        promulgated=dates.promulgated,
        effective=dates.effective,
        amended=dates.amended,
        version_date=version_date,
        preamble=preamble,
        repeals=repeals,
        doc_type_sure=sure,
    )


def _walk(lines: list[tuple[int, str]], articles: bool) -> _Walker:
    """One pass over the lines; with `articles` False, 第…条 lines are ordinary text."""
    walker = _Walker(articles)
    for level, line in lines:
        walker.feed(level, line)
    return walker


def _prepare_lines(text: str) -> list[tuple[int, str]]:
    """Lines as (markdown heading level or 0, text); markers split by tags or spaces rejoined."""
    out: list[tuple[int, str]] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        level = 0
        if line.startswith("#"):
            stripped = line.lstrip("#")
            level = len(line) - len(stripped)
            line = stripped.strip()
            if not line:
                continue
        if "第" in line:
            line = _SPLIT_MARKER.sub(lambda m: "第" + (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), line)
        if " " in line:
            line = _DATE_GAP.sub("", line)
        if level == 0 and line.startswith("第"):
            combined = _HEADING_THEN_ARTICLE.match(line)
            if combined:
                out.append((0, f"{combined.group(1)} {combined.group(2)}"))
                line = combined.group(3)
        out.append((level, line))
    return out


def _heading_text(line: str) -> str:
    """A heading for display and paths: 第一章总则 / 第一章 总 则 → 第一章 总则."""
    match = _HEADING.match(line)
    if match:
        marker = re.sub(r"\s+", "", match.group(1))
        rest = _spaced_letters(match.group(3).strip())
        return f"{marker} {rest}".strip()
    return _spaced_letters(line)


def _spaced_letters(text: str) -> str:
    """总 则 → 总则: undo letter-spacing, but keep the space in 附录 主要名词解释."""
    parts = text.split()
    return "".join(parts) if len(parts) > 1 and all(len(part) == 1 for part in parts) else text


class _Walker:
    """One pass over the lines, collecting preamble, heading path, articles and section text."""

    def __init__(self, articles: bool) -> None:
        self.find_articles = articles
        self.preamble: list[str] = []
        self.headings: list[str] = []
        self.stack: list[tuple[int, str]] = []
        self.units: list[_Unit] = []  # articles and heading blocks, in order
        self.blocks: list[_Unit] = []  # every heading block, for texts without articles
        self.current: _Unit | None = None
        self.last_number = 0
        self.level_ranks: dict[int, int] = {}  # markdown level → rank of the numbered headings there
        self.numbered: list[tuple[int, str]] = []  # (rank, text) of every numbered heading (第…编/章/节)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.stack)

    def feed(self, level: int, line: str) -> None:
        if level:
            rank = self._rank(line, level)
            self._heading(rank, line)
            return
        if _TOC.match(line):
            return
        article = _ARTICLE.match(line) if self.find_articles else None
        if article and self._accept(article):
            number = parse_chinese_number(article.group(1))
            sub = parse_chinese_number(article.group(2)) if article.group(2) else None
            body = line[article.end() :].strip()
            if self.current and self.current.number == number and self.current.sub == sub:
                if body:
                    self.current.paragraphs.append(body)
                return
            label = f"第{article.group(1)}条" + (f"之{article.group(2)}" if sub else "")
            self.current = _Unit(label, self.path, number, sub, [body] if body else [])
            self.units.append(self.current)
            self.last_number = number
            return
        if len(line) <= 45 and (_HEADING.match(line) or _SPECIAL_HEADING.match(line)):
            heading = _HEADING.match(line)
            rank = _RANKS[heading.group(2)] if heading else (self.stack[0][0] if self.stack else _UNKNOWN_RANK)
            self._heading(rank, line)
            return
        if not self.find_articles and _ENUM_HEADING.match(line):
            self._heading(4, line, soft=True)
            return
        self._text(line)

    def _rank(self, line: str, level: int) -> int:
        """编/章/节 rank by their word; other headings like the numbered ones at their level.

        An unnumbered heading before any numbered one (序言) ranks deepest, so that the first
        第一章 closes it instead of nesting under it.
        """
        heading = _HEADING.match(line)
        if heading:
            self.level_ranks[level] = _RANKS[heading.group(2)]
            return self.level_ranks[level]
        return self.level_ranks.get(level, _UNKNOWN_RANK)

    def _accept(self, match: re.Match[str]) -> bool:
        try:
            number = parse_chinese_number(match.group(1))
        except ValueError:
            return False
        if self.last_number == 0:
            return number <= 5  # a text starts near its first article; a later one is a reference
        return self.last_number <= number <= self.last_number + _MAX_JUMP

    def _heading(self, rank: int, line: str, soft: bool = False) -> None:
        text = _heading_text(line)
        if not soft:
            self.headings.append(text)
            if _HEADING.match(text):
                self.numbered.append((rank, text))
        while self.stack and self.stack[-1][0] >= rank:
            self.stack.pop()
        self.stack.append((rank, text))
        block = _Unit(text, self.path[:-1])
        self.blocks.append(block)
        if self.find_articles:
            # A heading ends the article before it; text under it before the next article
            # (a 序言, an appendix) becomes a section of its own.
            self.current = block
            self.units.append(block)

    def _text(self, line: str) -> None:
        block = self.current
        if block and block.number is None and not block.paragraphs and self._wrapped_heading(block.label, line):
            # A long heading the source wrapped onto a second line: 听取和审议人民政府、人民法院和 ↵ 人民检察院…
            block.label = f"{block.label}{line}"
            self.stack[-1] = (self.stack[-1][0], block.label)
            self.headings[-1:] = [block.label]
            return
        if self.current is not None:
            self.current.paragraphs.append(line)
        elif self.blocks:
            self.blocks[-1].paragraphs.append(line)
        else:
            self.preamble.append(line)

    @staticmethod
    def _wrapped_heading(heading: str, line: str) -> bool:
        return (
            heading.endswith(("和", "、", "与", "及", "的", "或"))
            and len(line) <= 30
            and not re.search(r"[。；：]", line)
        )

    def lone_headings(self) -> set[str]:
        """Numbered headings that stand alone: the only one of their rank, a 第一编/第一章/第一节 no
        第二… ever follows. The source lost the headings after it (规程 2016 as plain text keeps only
        第一编 总则 at its top), so it cannot be said to hold every article after it."""
        by_rank: dict[int, list[str]] = {}
        for rank, text in self.numbered:
            by_rank.setdefault(rank, []).append(text)
        lone = set()
        for texts in by_rank.values():
            number = _HEADING_NUMBER.match(texts[0])
            if len(texts) == 1 and number and parse_chinese_number(number.group(1)) == 1:
                lone.add(texts[0])
        return lone

    @property
    def article_count(self) -> int:
        return sum(1 for unit in self.units if unit.number is not None)


def _to_articles(units: list[_Unit], lone: set[str] = frozenset()) -> list[ParsedArticle]:
    """Articles in order; heading blocks after them become sections when they hold text. A lone
    heading (_Walker.lone_headings) holds only the first article after it: it is left out of the
    paths of the others."""
    out: list[ParsedArticle] = []
    held: set[str] = set()  # lone headings whose first article has been placed
    for unit in units:
        if unit.number is None and not unit.paragraphs:
            continue
        ordinal = len(out) + 1
        kind = "article" if unit.number is not None else "section"
        path = tuple(part for part in unit.path if part not in lone or part not in held)
        held.update(part for part in unit.path if part in lone)
        out.append(
            ParsedArticle(
                kind=kind,
                ordinal=ordinal,
                number=unit.number,
                label=unit.label[:200],
                path=path,
                text="\n".join(unit.paragraphs),
                sub=unit.sub,
                has_table=any(paragraph.startswith("| ") for paragraph in unit.paragraphs),
            )
        )
    return out


def _sections(walker: _Walker) -> list[ParsedArticle]:
    """Sections for texts without articles: heading blocks, long ones cut into paragraph groups."""
    lead = [line for line in walker.preamble if not _is_metadata(line)]
    walker.preamble = [line for line in walker.preamble if _is_metadata(line)]
    blocks = ([_Unit("", (), paragraphs=lead)] if lead else []) + [b for b in walker.blocks if b.paragraphs]
    out: list[ParsedArticle] = []
    for block in blocks:
        groups = (
            _group(block.paragraphs)
            if sum(map(len, block.paragraphs)) > _SECTION_MAX or not block.label
            else [block.paragraphs]
        )
        for index, group in enumerate(groups):
            label = block.label or f"第{len(out) + 1}部分"
            if block.label and index:
                label = f"{block.label}（{index + 1}）"
            ordinal = len(out) + 1
            out.append(
                ParsedArticle(
                    kind="section",
                    ordinal=ordinal,
                    number=None,
                    label=label[:200],
                    path=block.path + ((block.label,) if block.label else ()),
                    text="\n".join(group),
                    has_table=any(paragraph.startswith("| ") for paragraph in group),
                )
            )
    return out


def _is_metadata(line: str) -> bool:
    """A short dated line before the text (2025年3月 某部门 编写) stays in the preamble."""
    return len(line) <= 80 and "。" not in line and metadata.DATE.search(line) is not None


def _group(paragraphs: list[str]) -> list[list[str]]:
    """Paragraphs in groups of a few hundred characters, never splitting a paragraph."""
    groups: list[list[str]] = [[]]
    size = 0
    for paragraph in paragraphs:
        if size >= _GROUP_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(paragraph)
        size += len(paragraph)
    return [group for group in groups if group]


def _title_from(preamble: list[str], hint: str, name: str) -> str:
    """The title when the text has no `#` title: the file's own hint, the line after a decree, …

    May take the first preamble line when that line is the title.
    """
    hint = clean_title(hint) if hint else ""
    if hint and _NOTICE_TITLE.search(metadata.TRAILING_DOC_NUMBER.sub("", hint)):
        return metadata.TRAILING_DOC_NUMBER.sub("", hint)
    if hint and not metadata.DOC_NUMBER.search(hint):
        return hint
    text = [line for line in preamble if not line.startswith("| ")]  # a table row is never the title
    quoted = {clean_title(m) for line in text for m in re.findall(r"《([^《》]+)》", line)}
    for line in text:
        if clean_title(line) in quoted and len(line) <= 60:
            return line
    for line in text[:6]:
        candidate = metadata.TRAILING_DOC_NUMBER.sub("", line).strip()
        if "关于" in candidate and len(candidate) <= 80 and _NOTICE_TITLE.search(candidate):
            return candidate
    if hint:
        return hint
    if preamble and text and preamble[0] == text[0] and len(text[0]) <= 60 and not metadata.DATE.search(text[0]):
        return preamble.pop(0)
    stem = PurePath(name).stem if name else "未命名文档"
    return re.sub(r"[(（][^()（）]*\d{4}[^()（）]*[)）]\s*$", "", stem).strip() or stem
