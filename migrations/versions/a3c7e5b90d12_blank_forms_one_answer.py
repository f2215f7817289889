"""blank_forms_one_answer: a one-blank question whose answer lists one number in two numeral forms
("2", "二") keeps them as one answer, "2/二"

Generated number blanks stored each accepted form as an answer of its own, so the taking page gave
two boxes for one （ ） and scored "2" alone as half right. The generator now writes "2/二" (the
alternatives scoring reads); this rewrites the versions saved before. Only rows that cannot mean two
blanks change: one （ ） in the stem, and every answer the same number written differently. The key
a worker is marked against is unchanged; an attempt's saved response still matches its first box.

Revision ID: a3c7e5b90d12
Revises: e6f2a4c81d93
Create Date: 2026-12-04 15:40:00.000000

"""
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a3c7e5b90d12'
down_revision = 'e6f2a4c81d93'
branch_labels = None
depends_on = None

BLANK = "（ ）"
_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def _value(text: str) -> float | None:
    """The number a plain numeral writes (12, 1.5, 十二, 二十五, 一百), None for anything else."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return float(total + section + (digit or 0))


def one_number_in_forms(stem: str, answer: list) -> bool:
    if not isinstance(answer, list) or len(answer) < 2 or stem.count(BLANK) != 1:
        return False
    values = {_value(str(a)) for a in answer}
    return len(values) == 1 and None not in values


def upgrade():
    versions = sa.table(
        "question_versions",
        sa.column("id", sa.Integer), sa.column("type", sa.String), sa.column("stem", sa.Text),
        sa.column("answer", sa.JSON),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(versions.c.id, versions.c.stem, versions.c.answer).where(versions.c.type == "blank"))
    fixes = [(row.id, ["/".join(str(a) for a in row.answer)]) for row in rows if one_number_in_forms(row.stem, row.answer)]
    for version_id, answer in fixes:
        conn.execute(sa.update(versions).where(versions.c.id == version_id).values(answer=answer))


def downgrade():
    pass  # the joined form is what scoring reads; splitting it again would bring the second box back
