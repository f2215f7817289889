"""Lift the stale flags a cleared newer version left behind (before 93b1fa8)

Registering a newer version of a document (corpus mark-newer, or the library page) flagged the
questions citing it 所在文件已废止或被取代; clearing the registration did not lift the flags, so the
questions stayed out of new papers and practice although the document was back in force and no article
had changed. 93b1fa8 lifts such a flag when the document is reviewed again; databases that ran the
older code still carry them. This lifts exactly those 93b1fa8's rule lifts: a question (not retired)
flagged only because its cited document went out of force, where that document (its newest version in
force) is in force again and the cited article reads as it did when cited. One still out of force, or
whose article was changed or dropped, stays flagged for a trainer. Like 93b1fa8, a question whose
article is now in another version in force is pointed at it.

Downgrade keeps the flags lifted: they were wrong under any version of the code.

Revision ID: 9bdce91213d1
Revises: a7d3f1c9e254
Create Date: 2026-12-05 23:30:00

"""
import hashlib
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "9bdce91213d1"
down_revision = "a7d3f1c9e254"
branch_labels = None
depends_on = None

questions = sa.table(
    "questions", sa.column("id", sa.Integer), sa.column("status", sa.String), sa.column("article_id", sa.Integer),
    sa.column("citation_title", sa.String), sa.column("citation_article", sa.String),
    sa.column("citation_version", sa.String), sa.column("citation_text_hash", sa.String),
    sa.column("stale", sa.Boolean), sa.column("stale_reason", sa.String),
)
articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
                    sa.column("ordinal", sa.Integer), sa.column("label", sa.String), sa.column("text", sa.Text))
documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("title", sa.String),
                     sa.column("doc_key", sa.String), sa.column("status", sa.String),
                     sa.column("version_date", sa.Date), sa.column("created_at", sa.DateTime))

# The rule as 93b1fa8 wrote it (quiz.bank.citations: _STATUS_REASONS, text_hash, _review); a migration
# does not follow later changes to the code.
_STATUS_REASONS = ("所在文件已废止或被取代", "所在文件已被新版本取代", "所在文件已废止，")


def _text_hash(text: str) -> str:
    return hashlib.sha1("".join((text or "").split()).encode("utf-8")).hexdigest()


def upgrade():
    bind = op.get_bind()
    flagged = [row for row in bind.execute(sa.select(questions).where(
        questions.c.stale.is_(True), questions.c.status != "retired"))
        if any(words in (row.stale_reason or "") for words in _STATUS_REASONS)]
    if not flagged:
        return
    docs = {row.id: row for row in bind.execute(sa.select(documents))}
    versions = defaultdict(list)  # doc_key -> its documents
    for doc in docs.values():
        versions[doc.doc_key].append(doc)
    cited_ids = [row.article_id for row in flagged if row.article_id is not None]
    cited = {row.id: row for row in bind.execute(sa.select(articles.c.id, articles.c.document_id, articles.c.label)
                                                  .where(articles.c.id.in_(cited_ids)))} if cited_ids else {}
    for question in flagged:
        old = cited.get(question.article_id)
        if old is not None:
            keys = {docs[old.document_id].doc_key}
            label = old.label
        else:  # a written citation only: the documents of that title
            keys = {d.doc_key for d in docs.values() if d.title == question.citation_title}
            label = question.citation_article
        current = [d for key in keys for d in versions[key] if d.status == "current"]
        if not current or not label or question.citation_text_hash is None:
            continue
        newest = max(current, key=lambda d: (d.version_date or d.created_at.date(), d.id))
        match = bind.execute(sa.select(articles.c.id, articles.c.text).where(
            articles.c.document_id == newest.id, articles.c.label == label).order_by(articles.c.ordinal)).first()
        if match is None or _text_hash(match.text) != question.citation_text_hash:
            continue
        values = {"stale": False, "stale_reason": ""}
        if match.id != question.article_id:
            values.update(article_id=match.id,
                          citation_version=newest.version_date.isoformat() if newest.version_date else None)
        bind.execute(sa.update(questions).where(questions.c.id == question.id).values(**values))


def downgrade():
    pass  # the lifted flags were wrong under any version of the code
