"""questions.content_key keeps the decimal point, % and ‰

The duplicate key compared the stem and options with every punctuation mark dropped, so a question
whose limits are 1.5米/2.0米 and one whose limits are 15米/20米 (or 1.0% and 10%) were "the same
question" and the second was never imported or added. The key now keeps a point between two digits,
% and ‰ (quiz.bank.text.comparison_key); this rewrites the key of every stored question from its
current version. Keys only grow finer, so no two questions come to share one. Downgrade writes the
old key (letters, digits and hanzi only).

Revision ID: 273e10ec5dc4
Revises: 9bdce91213d1
Create Date: 2026-12-05 23:45:00

"""
import hashlib
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "273e10ec5dc4"
down_revision = "9bdce91213d1"
branch_labels = None
depends_on = None

questions = sa.table("questions", sa.column("id", sa.Integer), sa.column("current_version_id", sa.Integer),
                     sa.column("content_key", sa.String(40)))
versions = sa.table("question_versions", sa.column("id", sa.Integer), sa.column("stem", sa.Text),
                    sa.column("options", sa.JSON))

# The rules as they stand at this revision (a migration does not follow later changes to the code).
_KEY_DROP = re.compile(r"[^\w.%‰]|_|(?<!\d)\.|\.(?!\d)", re.UNICODE)
_OLD_DROP = re.compile(r"[^\w]|_", re.UNICODE)


def _key(stem: str, options: list, drop: re.Pattern) -> str:
    def form(text: str) -> str:
        return drop.sub("", unicodedata.normalize("NFKC", text or "").casefold())
    raw = "\x1f".join([form(stem), *sorted(form(o.get("text", "")) for o in options or [])])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _rewrite(drop: re.Pattern) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(questions.c.id, versions.c.stem, versions.c.options)
                        .join(versions, versions.c.id == questions.c.current_version_id)).all()
    for start in range(0, len(rows), 500):
        chunk = [{"qid": qid, "key": _key(stem, options, drop)} for qid, stem, options in rows[start:start + 500]]
        bind.execute(sa.update(questions).where(questions.c.id == sa.bindparam("qid"))
                     .values(content_key=sa.bindparam("key")), chunk)


def upgrade():
    _rewrite(_KEY_DROP)


def downgrade():
    _rewrite(_OLD_DROP)
