"""questions.search_key keeps the decimal point and the percent sign, and holds the options too

The bank's search compared text with every punctuation mark dropped, so 1.0% was searched as 10 and
found 第10项 and 编号2410, and a limit written in an option was never found. The key is now the stem
and the options, one per line, with . % ‰ kept (quiz.bank.text.search_key); this rewrites the key of
every stored question from its current version. Downgrade writes the old key (the stem only, letters,
digits and hanzi).

Revision ID: 4e8b2d6f1a37
Revises: 7c1f0e9a2b34
Create Date: 2026-12-05 20:45:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "4e8b2d6f1a37"
down_revision = "7c1f0e9a2b34"
branch_labels = None
depends_on = None

questions = sa.table("questions", sa.column("id", sa.Integer), sa.column("current_version_id", sa.Integer),
                     sa.column("search_key", sa.Text))
versions = sa.table("question_versions", sa.column("id", sa.Integer), sa.column("stem", sa.Text),
                    sa.column("options", sa.JSON))

# The rules as they stand at this revision (a migration does not follow later changes to the code).
_SEARCH_DROP = re.compile(r"[^\w.%‰]|_", re.UNICODE)
_OLD_DROP = re.compile(r"[^\w]|_", re.UNICODE)


def _form(text: str, drop: re.Pattern) -> str:
    return drop.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def _rewrite(key) -> None:  # noqa: ANN001 - (stem, options) -> key
    bind = op.get_bind()
    rows = bind.execute(sa.select(questions.c.id, versions.c.stem, versions.c.options)
                        .join(versions, versions.c.id == questions.c.current_version_id)).all()
    for start in range(0, len(rows), 500):
        chunk = [{"qid": qid, "key": key(stem, options or [])} for qid, stem, options in rows[start:start + 500]]
        bind.execute(sa.update(questions).where(questions.c.id == sa.bindparam("qid"))
                     .values(search_key=sa.bindparam("key")), chunk)


def upgrade():
    _rewrite(lambda stem, options: "\n".join(_form(t, _SEARCH_DROP) for t in
                                             (stem, *(o.get("text", "") for o in options))))


def downgrade():
    _rewrite(lambda stem, options: _form(stem, _OLD_DROP))
