"""What a document says about itself: dates, issuing body, document type and repeals.

These read the preamble (the lines before the first article or section), the title and the
closing articles. Each rule is a plain function so the structure parser stays about shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from corpus.documents import Repeal
from corpus.normalize import clean_title
from corpus.numerals import parse_chinese_number

_N = "0-9〇○零一二三四五六七八九十"
DATE = re.compile(rf"([{_N}]{{4}})\s*年\s*([{_N}]{{1,3}})\s*月\s*([{_N}]{{1,3}})\s*日")
_FILE_DATE = re.compile(r"[(（]\s*(\d{4})(?:-(\d{1,2})-(\d{1,2}))?\s*[)）]")
_KEYWORDS = (
    ("amended", ("修正", "修订", "修改")),
    ("promulgated", ("公布", "发布", "印发", "颁布")),
    ("adopted", ("通过",)),
    ("effective", ("施行", "实施")),
)
_EFFECTIVE_IN_TEXT = re.compile(rf"自\s*({DATE.pattern})\s*起\s*(?:施行|实施|执行)")
_EFFECTIVE_ON_ISSUE = re.compile(r"自(?:公布|发布|印发|颁布)之日起(?:施行|实施|执行)")
_DECREE = re.compile(r"([\u4e00-\u9fff]{2,30}?)令\s*(?:[\[［(（]?\s*第|$)")
_DECREE_LEAD = re.compile(r"^[年月日以经由据并]+|^中华人民共和国(?=.)")
_ORGANISATION = re.compile(r"^[\u4e00-\u9fff、 ]{2,40}(?:局|部|委员会|委|院|厅|署|办公室|公司|集团|政府)$")
_ISSUED_BY = re.compile(
    rf"{DATE.pattern}\s*([\u4e00-\u9fff][\u4e00-\u9fff \u3000]{{1,40}}?)\s*(?:印发|发布|公布|编写|制定)"
)
_BOOK_TITLE = re.compile(r"《([^《》]*(?:《[^《》]*》[^《》]*)*)》")
_CASE_HEADINGS = (
    "基本案情",
    "裁判结果",
    "案例分析",
    "典型意义",
    "裁判要旨",
    "裁判要点",
    "案情简介",
    "简要案情",
    "事件经过",
    "事故经过",
    "原因分析",
    "经验教训",
    "处理结果",
)
STATE_PREFIXES = ("国务院", "国家", "中华人民共和国", "应急管理部", "最高人民", "全国", "财政部", "人力资源")
_ENTERPRISE = re.compile(r"(?:煤矿|煤业|矿业|公司|集团|矿井|选煤厂|工作面|区队)")
_PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
)
DOC_NUMBER = re.compile(r"[〔﹝\[［(（]\s*\d{4}\s*[〕﹞\]］)）]\s*\d+\s*号")
TRAILING_DOC_NUMBER = re.compile(r"\s*[^\s《》]{0,12}[〔﹝\[［(（]\s*\d{4}\s*[〕﹞\]］)）]\s*\d+\s*号$")


@dataclass
class Dates:
    """The dates a document states about itself."""

    promulgated: date | None = None
    effective: date | None = None
    amended: date | None = None


def parse_date(match: re.Match[str]) -> date | None:
    """A date from a DATE match (Arabic or Chinese numerals); None when it is not a real date."""
    try:
        return date(*(parse_chinese_number(part) for part in match.groups()[:3]))
    except ValueError:
        return None


def file_version_date(name: str) -> tuple[date | None, bool]:
    """The version date a file name carries: 煤炭法(2016-11-07).md → (2016-11-07, True).

    A bare year, 煤矿安全规程(2016).txt, gives 1 January of it and False (not exact).
    """
    matches = list(_FILE_DATE.finditer(name))
    if not matches:
        return None, False
    year, month, day = matches[-1].groups()
    try:
        if month:
            return date(int(year), int(month), int(day)), True
        return date(int(year), 1, 1), False
    except ValueError:
        return None, False


def find_dates(preamble: str, closing: str) -> Dates:
    """Dates from the preamble lines (公布, 施行, 修正 …) and from the closing articles (自…起施行).

    A line that is only a date is the signature under a decree or notice: the promulgation
    date. Sentences that name a repealed text (…公布的《…》同时废止) describe that text, not
    this one, and are skipped.
    """
    found = Dates()
    adopted: date | None = None
    signed: date | None = None
    for line in preamble.split("\n"):
        bare = DATE.fullmatch(line.strip())
        if bare:
            signed = signed or parse_date(bare)
            continue
        for sentence in re.split(r"[。；]", line):
            if "废止" in _BOOK_TITLE.sub("", sentence):
                continue
            matches = list(DATE.finditer(sentence))
            for index, match in enumerate(matches):
                when = parse_date(match)
                if when is None:
                    continue
                end = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
                window = sentence[match.end() : end][:80]
                if "起施行" in window or "起实施" in window or sentence[: match.start()].endswith("自"):
                    found.effective = found.effective or when
                    continue
                for kind, words in _KEYWORDS:
                    if not any(word in window for word in words):
                        continue
                    if kind == "amended":
                        found.amended = max(found.amended or when, when)
                    elif kind == "adopted":
                        adopted = adopted or when
                    elif kind == "promulgated":
                        found.promulgated = found.promulgated or when
                    else:
                        found.effective = found.effective or when
    found.promulgated = signed or found.promulgated or adopted
    effective = _EFFECTIVE_IN_TEXT.search(closing) or _EFFECTIVE_IN_TEXT.search(preamble)
    if effective and found.effective is None:
        inner = DATE.search(effective.group(0))
        found.effective = parse_date(inner) if inner else None
    if found.effective is None and (_EFFECTIVE_ON_ISSUE.search(closing) or _EFFECTIVE_ON_ISSUE.search(preamble)):
        found.effective = found.promulgated
    return found


def find_issuer(title: str, preamble: str) -> str | None:
    """The issuing body: the decree's issuer (国家安全生产监督管理总局令 → …总局), the NPC, etc."""
    lines = [line.strip() for line in preamble.split("\n")]
    for line in lines:
        decree = _DECREE.search(line)
        if decree:
            body = _DECREE_LEAD.sub("", decree.group(1))
            if body and not body.endswith("主席"):
                return body
    if "全国人民代表大会常务委员会" in preamble:
        return "全国人民代表大会常务委员会"
    if "全国人民代表大会" in preamble:
        return "全国人民代表大会"
    for body in ("最高人民法院、最高人民检察院", "最高人民法院", "最高人民检察院", "国务院"):
        if title.startswith(body):
            return body
    for index, line in enumerate(lines[1:], start=1):
        if DATE.fullmatch(line) and _ORGANISATION.match(lines[index - 1]):
            return lines[index - 1]
    issued = _ISSUED_BY.search(preamble)
    if issued:
        return " ".join(issued.group(4).split())
    return None


# A named mine or company at the start of a title or issuer: 青山煤矿…, 审计矿井下…, 晋北能源公司….
_NAMED_ENTERPRISE = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?:煤矿|煤业|矿业|选煤厂|公司|集团|矿(?![山区产物业]))")
# Words before 煤矿/矿 that name a kind of mine, or a verb, rather than one mine.
_GENERIC_BEFORE_MINE = (
    "乡镇",
    "国有",
    "地方",
    "小",
    "中小",
    "大中型",
    "露天",
    "井工",
    "非煤",
    "金属",
    "高瓦斯",
    "突出",
    "各类",
    "防治",
    "预防",
    "加强",
    "关于",
    "规范",
    "全国",
    "所有",
)
RULE_ENDINGS = ("制度", "办法", "规定", "细则", "规程", "标准", "措施", "作业法", "守则", "要求")
_NOT_A_LAW = ("办法", "作业法", "方法", "做法", "工作法")
_MINISTRY = re.compile(r"(?:部|委员会|总局|^国家.*局|监察局|署)$")


def named_enterprise(text: str) -> str | None:
    """The mine or company a title or issuer starts with (青山煤矿, 审计矿), None for a kind of
    mine (乡镇煤矿), a verb (防治煤矿…), a region (山西省…) or a state body (国家煤矿安全监察局)."""
    text = text.removeprefix("中共")
    if not text or text.startswith(STATE_PREFIXES):
        return None
    match = _NAMED_ENTERPRISE.match(text)
    if not match:
        return None
    name = match.group(1)
    if "煤" in name or "矿" in name or name.endswith(("省", "市", "县", "区", "州", "旗")):
        return None
    if any(name.endswith(word) for word in _GENERIC_BEFORE_MINE):
        return None
    return match.group(0)


def classify_doc_type(
    title: str, preamble: str, issuer: str | None, headings: list[str], has_articles: bool
) -> tuple[str, bool]:
    """(type, sure): the document type and whether a clear signal gave it.

    Clear signals: case headings; 最高人民法院 in the title; a named mine or company as issuer or
    at the start of a regulation's title (企业制度); a provincial congress (地方性法规); the NPC
    as issuer, or 中华人民共和国…法 (法律); 国务院 (行政法规); a ministry or 国家…局 issuing rules
    (部门规章). Without them the type follows the title's ending only, and is not sure."""
    if any(heading.strip() in _CASE_HEADINGS for heading in headings) or title.endswith(("案例", "典型案例")):
        return "案例", True
    issuer = issuer or ""
    if title.startswith(("最高人民法院", "最高人民检察院")):
        return "司法解释", True
    state_issuer = issuer.startswith(STATE_PREFIXES)
    if issuer and not state_issuer and (_ENTERPRISE.search(issuer) or named_enterprise(issuer)):
        return "企业制度", True
    regulation_title = title.endswith(RULE_ENDINGS) or "制度" in title
    if not state_issuer and named_enterprise(title) and (has_articles or regulation_title):
        if not title.endswith(("条例",)) and not (title.endswith("法") and not title.endswith(_NOT_A_LAW)):
            return "企业制度", True
    local_congress = re.search(r"(省|自治区|市)人民代表大会常务委员会", preamble)
    if local_congress and "全国人民代表大会" not in preamble or (title.startswith(_PROVINCES) and has_articles):
        return "地方性法规", True
    if issuer.startswith("全国人民代表大会") or (title.startswith("中华人民共和国") and title.endswith("法")):
        return "法律", True
    if issuer == "国务院" or title.startswith("国务院"):
        return "行政法规", True
    if issuer:
        if not has_articles:
            return "新闻/通知", True
        return "部门规章", bool(_MINISTRY.search(issuer))
    if not has_articles or DOC_NUMBER.search(title) or title.endswith(("通知", "通报", "公告", "意见")):
        if "制度" in title or title.endswith(("办法", "规定")) and _ENTERPRISE.match(title[2:]):
            return "企业制度", False
        return "新闻/通知", False
    if title.startswith(("国家", "应急管理部")) and title.endswith(RULE_ENDINGS):
        return "部门规章", True
    if "制度" in title or title.endswith(("作业法", "工作法")):
        return "企业制度", False
    if title.endswith("法") and not title.endswith(_NOT_A_LAW):
        return "法律", False
    if title.endswith("条例"):
        return "行政法规", False
    return "部门规章", False


def find_repeals(texts: list[str], effective: date | None) -> list[Repeal]:
    """Documents that `texts` declare repealed: 《A》和《B》同时废止 → [Repeal(A), Repeal(B)].

    Only sentences where 废止 stands outside the book-title marks count, so 《国务院关于废止和
    修改部分行政法规的决定》 is not a repeal; a title followed by 第…条 (a partial repeal) is skipped.
    """
    repeals: list[Repeal] = []
    seen: set[str] = set()
    for text in texts:
        if "废止" not in text:
            continue
        for sentence in re.split(r"[。；;\n]", text):
            if "废止" not in sentence or "《" not in sentence:
                continue
            if "废止" not in _BOOK_TITLE.sub("", sentence):
                continue
            for match in _BOOK_TITLE.finditer(sentence):
                if re.match(r"\s*第[一二三四五六七八九十百千零\d]+条", sentence[match.end() :]):
                    continue
                title = clean_title(match.group(1).replace("〈", "《").replace("〉", "》"))
                if title and title not in seen:
                    seen.add(title)
                    repeals.append(Repeal(title=title, effective=effective))
    return repeals
