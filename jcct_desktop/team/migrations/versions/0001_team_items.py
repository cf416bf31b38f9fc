"""The first team schema: team_info, team_items; the officer and reader group roles.

Revision ID: 0001_team_items
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_team_items"
down_revision = None
branch_labels = None
depends_on = None

# Group roles: officers push and pull, readers only pull. Each officer logs in as a role of
# their own that is a member of one of them (docs/team-setup.md).
ROLES_SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jcct_officer') THEN
        CREATE ROLE jcct_officer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jcct_reader') THEN
        CREATE ROLE jcct_reader NOLOGIN;
    END IF;
END
$$
"""

# The author is whoever the server says is connected: a client cannot claim another name.
AUTHOR_TRIGGER_SQL = (
    """CREATE FUNCTION team_items_author() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.author := current_user;
        NEW.pushed_at := now();
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER team_items_author BEFORE INSERT ON team_items
    FOR EACH ROW EXECUTE FUNCTION team_items_author()""",
)


def upgrade() -> None:
    op.create_table(
        "team_info",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.String, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
        sa.CheckConstraint("id = 1", name="team_info_one_row"),
    )
    op.execute("INSERT INTO team_info (id, team_id) VALUES (1, gen_random_uuid()::text)")
    op.create_table(
        "team_items",
        sa.Column("seq", sa.BigInteger, sa.Identity(always=False), primary_key=True),
        sa.Column("digest", sa.String, nullable=False, unique=True),
        sa.Column("commitment_id", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("author", sa.Text, nullable=False, server_default=sa.text("current_user")),
        sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
    )
    for statement in AUTHOR_TRIGGER_SQL:
        op.execute(statement)
    op.execute(ROLES_SQL)
    op.execute("GRANT SELECT ON team_info, team_items, alembic_version "
               "TO jcct_reader, jcct_officer")
    op.execute("GRANT INSERT ON team_items TO jcct_officer")
    op.execute("GRANT USAGE ON SEQUENCE team_items_seq_seq TO jcct_officer")


def downgrade() -> None:
    op.drop_table("team_items")
    op.execute("DROP FUNCTION team_items_author()")
    op.drop_table("team_info")
