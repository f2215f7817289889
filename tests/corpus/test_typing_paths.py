"""One typing path for `python run.py ingest` and a web upload (deploy audit): a web upload has no
folder, and the fallback "the type most documents of the same folder have" counted every earlier
upload (mostly the mine's own rules) as the folder, so national rules and news uploaded later
became 企业制度. Now an upload's folder is its own files, a guess only gives way to a real
majority, and a text naming another mine is news, not this mine's 企业制度."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from accounts.mine import rename_mine
from core.db import db
from corpus.models import Document
from tests.corpus.conftest import finished_upload, post_upload

MINE = "青山煤矿"


def _docx(title: str, lines: list[str]) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(title, level=0)
    for line in lines:
        word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# folder → [(file name, content)], in our own words; each upload below is one of UPLOADS.
FILES = {
    "mine": [
        ("青山煤矿调度值班规定.md", "# 青山煤矿调度值班规定\n\n第一条 调度室实行昼夜值班。\n\n第二条 交班时当面交清未办结的事项。\n"),
        ("青山煤矿通风管理办法.md", "# 青山煤矿通风管理办法\n\n第一条 通风科负责全矿通风设施。\n\n第二条 风门损坏当班修复。\n"),
        ("青山煤矿入井管理制度.docx", _docx("青山煤矿入井管理制度", ["第一条 入井人员必须携带自救器。", "第二条 严禁携带烟火入井。"])),
        ("青山煤矿机电管理制度.docx", _docx("青山煤矿机电管理制度", ["第一条 机电设备实行包机制。", "第二条 停电检修必须挂牌。"])),
    ],
    "articles": [
        ("白桦岭煤矿-班前会.txt", "白桦岭煤矿：班前会开出安全好风气\n\n近日，白桦岭煤矿综采一队把班前会搬到了井口。\n\n"
                                  "队长说，每个人讲一条身边的隐患，比念文件管用。\n"),
        ("某能〔2024〕12号.html", "<title>某能〔2024〕12号</title><p>各有关单位：</p>"
                                  "<p>为做好冬季井下防火工作，现将有关事项通知如下。</p><p>一、加强巡查，发现火情及时报告。</p>"),
        ("国家示范局关于开展班组安全月活动的通知.html", "<title>国家示范局关于开展班组安全月活动的通知</title>"
                                                  "<p>各单位：</p><p>经研究，决定在六月开展班组安全月活动。</p>"),
    ],
    "txt": [
        ("防治顶板灾害细则(2020).txt", "防治顶板灾害细则\n第一章总则\n第一条为了防治顶板灾害，制定本细则。\n"
                                       "第二条煤矿企业应当建立顶板管理制度。\n第三条本细则自2020年9月1日起施行。\n"),
        ("井下排水细则(2019).txt", "井下排水细则\n第一条为了规范井下排水，制定本细则。\n第二条主排水泵必须有备用泵。\n"
                                   "第三条本细则自2019年10月1日起施行。\n"),
    ],
}
EXPECTED = {
    "青山煤矿调度值班规定": "企业制度",
    "青山煤矿通风管理办法": "企业制度",
    "青山煤矿入井管理制度": "企业制度",
    "青山煤矿机电管理制度": "企业制度",
    "白桦岭煤矿：班前会开出安全好风气": "新闻/通知",  # another mine: news, not this mine's rule
    "某能〔2024〕12号": "新闻/通知",
    "国家示范局关于开展班组安全月活动的通知": "新闻/通知",
    "防治顶板灾害细则": "部门规章",
    "井下排水细则": "部门规章",
}
# The audit's uploads: the mine's rules first, then each of the others (a 细则 with one mine DOCX).
UPLOADS = [
    ["青山煤矿调度值班规定.md", "青山煤矿通风管理办法.md", "青山煤矿入井管理制度.docx"],
    ["白桦岭煤矿-班前会.txt"],
    ["某能〔2024〕12号.html"],
    ["国家示范局关于开展班组安全月活动的通知.html"],
    ["青山煤矿机电管理制度.docx", "防治顶板灾害细则(2020).txt"],
    ["井下排水细则(2019).txt"],
]


def _types() -> dict[str, str]:
    db.session.expire_all()
    return {d.title: d.doc_type for d in db.session.scalars(select(Document))}


@pytest.fixture
def named_mine(app):
    rename_mine(MINE)
    db.session.commit()


def test_ingest_types_the_files(runner, named_mine, tmp_path: Path) -> None:
    for folder, files in FILES.items():
        for name, content in files:
            path = tmp_path / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = runner.invoke(args=["ingest", *(str(tmp_path / folder) for folder in FILES)])
    assert result.exit_code == 0, result.output
    assert _types() == EXPECTED
    assert "多数文档" not in result.output


def test_uploads_type_the_same_files_the_same_way(client, login, named_mine) -> None:
    login("admin")
    contents = {name: content for files in FILES.values() for name, content in files}
    pages = []
    for names in UPLOADS:
        page = finished_upload(client, post_upload(client, [(name, contents[name]) for name in names]))
        pages.append(page.get_data(as_text=True))
        assert "已完成" in pages[-1]
    assert _types() == EXPECTED
    assert not any("多数文档" in page for page in pages)


def test_the_upload_folder_is_the_upload_itself(client, login, named_mine) -> None:
    """A guess still follows a real majority of its own upload: two rules of the mine and one
    rule without any name, uploaded together, are all the mine's."""
    login("admin")
    files = [
        ("青山煤矿调度值班规定.md", FILES["mine"][0][1]),
        ("青山煤矿通风管理办法.md", FILES["mine"][1][1]),
        ("采掘工作面作业规程.md", "# 采掘工作面作业规程\n\n第一条 作业前敲帮问顶。\n\n第二条 空顶距离不得超过规定。\n"),
    ]
    page = finished_upload(client, post_upload(client, files)).get_data(as_text=True)
    assert _types()["采掘工作面作业规程"] == "企业制度"
    assert "按同一批上传的文件多数文档定为“企业制度”" in page


def test_the_audits_real_files_upload_as_ingest_types_them(client, login, named_mine, shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    login("admin")
    mine = [(name, content) for name, content in FILES["mine"]]
    assert "已完成" in finished_upload(client, post_upload(client, mine[:3])).get_data(as_text=True)
    real = {
        "articles/神东石圪台煤矿-党建引领班组建设.txt": "新闻/通知",
        "articles/发改能源〔2021〕961号.html": "新闻/通知",
        "articles/国能综通安全〔2021〕108号.html": "新闻/通知",
        "txt/防治煤与瓦斯突出细则(2019).txt": "部门规章",
        "txt/煤矿防治水细则(2018).txt": "部门规章",
    }
    for relative in real:
        path = corpus / relative
        files = [(path.name, path.read_bytes())]
        if "瓦斯" in relative:
            files.insert(0, mine[3])  # with one mine DOCX, as the audit uploaded it
        finished_upload(client, post_upload(client, files))
    db.session.expire_all()
    by_source = {d.source_name: d.doc_type for d in db.session.scalars(select(Document))}
    assert {relative: by_source[Path(relative).name] for relative in real} == real
