"""THROWAWAY loader for early evaluation, until corpus.structure/ingestion land. Remove then.

Turns ../shared/corpus files into kb.indexing.ArticleRecord values without the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

from kb.indexing import ArticleRecord

CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ART = re.compile(r"^\s*第([零〇一二两三四五六七八九十百千\d]+)条\s*")
HEAD = re.compile(r"^\s*(第[零〇一二三四五六七八九十百]+[编章节])\s*(.*)$")


def cn_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    total, section, num = 0, 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in s:
        if ch in CN:
            num = CN[ch]
        elif ch in units:
            section += (num or 1) * units[ch]
            num = 0
    return total + section + num


def _label(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    h, rest = divmod(n, 100)
    s = digits[h] + "百"
    if rest == 0:
        return s
    if rest < 10:
        return s + "零" + digits[rest]
    return s + digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else "")


def lines_of(path: Path) -> tuple[str, list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "lxml")
        text = soup.get_text("\n")
    text = text.replace("\\n", "\n")
    text = re.sub(r"[\u200b-\u200d\ufeff\xa0\u3000]", " ", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = path.stem.split("(")[0]
    if lines and lines[0].startswith("# "):
        title = lines[0][2:].strip()
    if "<!-- INFO END -->" in lines:
        lines = lines[lines.index("<!-- INFO END -->") + 1 :]
    return title, lines


def parse(path: Path, doc_id: int, status: str, doc_type: str, first_article_id: int) -> list[ArticleRecord]:
    title, lines = lines_of(path)
    path_stack: dict[str, str] = {}
    arts: list[dict] = []
    sections: list[dict] = []
    for ln in lines:
        ln = ln.lstrip("#").strip() if ln.startswith("#") else ln
        m = HEAD.match(ln)
        if m and len(ln) < 40:
            level = m.group(1)[-1]
            path_stack = {k: v for k, v in path_stack.items() if "编章节".index(k) < "编章节".index(level)}
            path_stack[level] = ln
            continue
        m = ART.match(ln)
        if m:
            n = cn_int(m.group(1))
            if arts and arts[-1]["number"] == n:
                arts[-1]["text"] += "\n" + ln[m.end():]
                continue
            arts.append({"number": n, "text": ln[m.end():], "path": " / ".join(path_stack[k] for k in "编章节" if k in path_stack)})
        elif arts:
            arts[-1]["text"] += "\n" + ln
        else:
            sections.append({"text": ln})
    out = []
    aid = first_article_id
    if arts:
        for i, a in enumerate(arts, 1):
            out.append(ArticleRecord(aid, doc_id, title, a["path"], a["text"], f"第{_label(a['number'])}条", a["number"], "article", f"art-{a['number']}", i, doc_type, status))
            aid += 1
    else:
        body = "\n".join(s["text"] for s in sections)
        chunks = re.split(r"\n(?=## )", body) if "## " in body else [body[i:i + 800] for i in range(0, len(body), 800)]
        for i, c in enumerate(chunks, 1):
            head = c.splitlines()[0].lstrip("# ") if c.startswith("## ") else title
            out.append(ArticleRecord(aid, doc_id, title, "", c, head, None, "section", f"sec-{i}", i, doc_type, status))
            aid += 1
    return out


OLD = {"煤矿安全规程(2016)": "superseded", "煤矿防治水规定(2009)": "repealed", "煤矿重大生产安全事故隐患判定标准": "superseded"}


def load(corpus: Path, scale: Path | None = None) -> Iterator[ArticleRecord]:
    doc_id, art_id = 1, 1
    files = sorted(p for p in corpus.rglob("*") if p.suffix in {".md", ".html", ".txt"} and p.name != "README.md")
    if scale:
        files += sorted(scale.rglob("*.md"))
    for f in files:
        folder = f.parent.name
        doc_type = {"cases": "案例", "articles": "新闻/通知", "regulations": "部门规章", "txt": "部门规章"}.get(folder, "法律")
        status = OLD.get(f.stem, "current")
        recs = parse(f, doc_id, status, doc_type, art_id)
        yield from recs
        doc_id += 1
        art_id += len(recs) + 1
