"""jobs_stored_under_canonical_names: a person's 工种 and a paper's or assignment's audience 工种 saved as an
alias (液压支架工, 维修电工) are rewritten under the canonical name (支架工, 电钳工)

The roster import saved a 工种 under its canonical name while the person form saved it as typed, so the
same worker showed as 液压支架工 or 支架工 depending on the door. Every door now saves by one rule
(corpus.jobs.to_store); this brings the rows saved before under it. An audience row that would repeat
another of the same paper or assignment (电工 beside 电钳工) is dropped instead. Names that are no alias
are left as they are. Question tags are not touched (every read maps them through corpus.jobs.canonical).

Revision ID: b8e4c2d7f319
Revises: 273e10ec5dc4
Create Date: 2026-12-05 23:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "b8e4c2d7f319"
down_revision = "273e10ec5dc4"
branch_labels = None
depends_on = None

# corpus/data/jobs.yaml's aliases as they stand at this revision (a migration does not follow later changes).
CANONICAL = {
    "输送机司机": ("带式输送机司机", "运输机司机", "皮带司机", "皮带机司机", "胶带输送机司机", "皮带工"),
    "锚杆支护工": ("锚杆工", "支护工"),
    "安全监测工": ("监测工", "监测监控工", "安全监控工"),
    "电钳工": ("电工", "机电工", "井下电钳工", "井下电工", "维修电工"),
    "把钩工": ("井口把钩工",),
    "放煤工": ("放顶煤工",),
    "水泵司机": ("泵房管理员", "水泵工", "主排水泵司机"),
    "矿灯房管理员": ("矿灯房工", "矿灯工", "灯房工"),
    "空压机司机": ("压风机司机", "空气压缩机司机"),
    "主要通风机司机": ("主通风机司机", "主扇司机"),
    "提升机司机": ("主提升机操作工", "提升机操作工", "主提升机司机"),
    "支架工": ("液压支架工", "综采支架工"),
    "测风员": ("测风工",),
    "瓦斯检查工": ("瓦检员", "瓦斯检查员"),
    "爆破工": ("放炮员", "放炮工", "井下爆破工"),
    "瓦斯抽采工": ("瓦斯抽放工",),
    "泵站司机": ("乳化液泵站司机",),
    "爆炸物品库管理员": ("火工品管理员",),
    "安全检查工": ("安检工", "安检员", "安全检查员"),
    "巷修工": ("巷道维修工",),
    "机修工": ("机械维修工",),
}
ALIASES = {alias: name for name, aliases in CANONICAL.items() for alias in aliases}

users = sa.table("users", sa.column("id", sa.Integer), sa.column("job", sa.String))
AUDIENCES = (
    sa.table("paper_audience", sa.column("id", sa.Integer), sa.column("paper_id", sa.Integer),
             sa.column("team_id", sa.Integer), sa.column("unit_id", sa.Integer), sa.column("job", sa.String)),
    sa.table("assignment_audience", sa.column("id", sa.Integer), sa.column("assignment_id", sa.Integer),
             sa.column("team_id", sa.Integer), sa.column("unit_id", sa.Integer), sa.column("job", sa.String)),
)


def canonical_jobs(bind) -> None:  # noqa: ANN001 - a connection
    """Rewrite every alias stored in users.job and the audience tables' job under its canonical name."""
    for row in bind.execute(sa.select(users.c.id, users.c.job).where(users.c.job.is_not(None))).all():
        name = ALIASES.get(row.job.strip())
        if name is not None:
            bind.execute(sa.update(users).where(users.c.id == row.id).values(job=name))
    for table in AUDIENCES:
        owner = table.c.paper_id if "paper_id" in table.c else table.c.assignment_id
        rows = bind.execute(sa.select(table.c.id, owner.label("owner"), table.c.team_id, table.c.unit_id, table.c.job)
                            .where(table.c.job.is_not(None)).order_by(table.c.id)).all()
        kept = {(r.owner, r.team_id, r.unit_id, r.job.strip()) for r in rows if r.job.strip() not in ALIASES}
        for row in rows:
            name = ALIASES.get(row.job.strip())
            if name is None:
                continue
            key = (row.owner, row.team_id, row.unit_id, name)
            if key in kept:  # the same audience under both names: one row is enough
                bind.execute(sa.delete(table).where(table.c.id == row.id))
            else:
                kept.add(key)
                bind.execute(sa.update(table).where(table.c.id == row.id).values(job=name))


def upgrade():
    canonical_jobs(op.get_bind())


def downgrade():
    pass  # which rows were typed as an alias is not recorded; the canonical name means the same job
