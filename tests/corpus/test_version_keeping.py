"""A new version never overwrites the one held: not when it comes under the same file name, nor
when its text is taken for another format of the old version."""

from __future__ import annotations

from sqlalchemy import select

from corpus.ingestion import ingest_paths
from corpus.models import Article, Document
from corpus.uploads import store_upload

EARLY = ("# 提升机检修规程\n\n2016年3月2日 测试煤矿机电科印发\n\n"
         "第一条 提升机每周检修一次。\n\n第二条 本规程自2016年4月1日起施行。\n")
LATER = ("# 提升机检修规程\n\n2022年1月7日 测试煤矿机电科印发\n\n"
         "第一条 提升机每周检修两次并记录。\n\n第二条 本规程自2022年2月1日起施行。\n")
EARLY_FIXED = EARLY.replace("检修一次", "检修一次，由机电班长负责")

UNDATED = "皮带巡视制度\n第一条 皮带司机每班巡视两遍。\n第二条 托辊损坏时当班更换。\n"
UNDATED_REVISED = "皮带巡视制度\n第一条 皮带司机每班巡视三遍。\n第二条 托辊损坏时停机更换并上报。\n"
UNDATED_OTHER_FORMAT = "# 皮带巡视制度\n\n第一条  皮带司机每班巡视两遍.\n\n第二条 托辊损坏时当班更换\n"


def all_documents(session) -> list[Document]:
    return sorted(session.scalars(select(Document)), key=lambda d: d.id)


def test_a_newer_version_under_the_same_file_name_keeps_the_old_one(db_session, tmp_path) -> None:
    folder = tmp_path / "uploads"
    path = store_upload("提升机检修规程.md", EARLY.encode(), folder)
    ingest_paths([path], db_session)
    early_hash = db_session.scalar(select(Document.source_hash))
    store_upload("提升机检修规程.md", LATER.encode(), folder)
    report = ingest_paths([path], db_session)

    assert report.added == [str(path)] and not report.updated
    old, new = all_documents(db_session)
    assert (old.version_date.year, old.status, old.superseded_by_id) == (2016, "superseded", new.id)
    assert (new.version_date.year, new.status) == (2022, "current")
    assert "每周检修一次" in old.articles[0].text and "两次" in new.articles[0].text
    from corpus.uploads import kept_path  # noqa: PLC0415  (new with the fix)

    kept = kept_path(path.resolve(), early_hash)
    assert kept.read_text() == EARLY and path.read_text() == LATER  # the 2016 file is still on disk
    assert [s.path for s in old.sources] == [str(kept)]
    again = ingest_paths([folder], db_session)  # the kept file is not taken in again
    assert again.unchanged == [str(path)] and not again.added


def test_a_corrected_file_of_the_same_version_is_still_updated_in_place(db_session, tmp_path) -> None:
    folder = tmp_path / "uploads"
    path = store_upload("提升机检修规程.md", EARLY.encode(), folder)
    ingest_paths([path], db_session)
    store_upload("提升机检修规程.md", EARLY_FIXED.encode(), folder)
    report = ingest_paths([path], db_session)
    (document,) = all_documents(db_session)
    assert report.updated == [str(path)] and "机电班长" in document.articles[0].text


def test_a_revised_undated_rule_with_as_many_articles_is_a_new_version(db_session, make_file) -> None:
    ingest_paths([make_file("皮带巡视制度.txt", UNDATED)], db_session)
    report = ingest_paths([make_file("皮带巡视制度（2025修订）.txt", UNDATED_REVISED)], db_session)
    assert report.added and not report.merged
    old, new = all_documents(db_session)
    assert (old.status, new.status) == ("superseded", "current")  # the later upload is the newer
    assert any("三遍" in a.text for a in db_session.scalars(select(Article).where(Article.document_id == new.id)))


def test_the_same_undated_rule_in_another_format_still_merges(db_session, make_file) -> None:
    ingest_paths([make_file("皮带巡视制度.txt", UNDATED)], db_session)
    report = ingest_paths([make_file("皮带巡视制度.md", UNDATED_OTHER_FORMAT)], db_session)
    (document,) = all_documents(db_session)
    assert report.merged == [(str(make_file("皮带巡视制度.md", UNDATED_OTHER_FORMAT)), document.id)]
    assert len(document.sources) == 2
