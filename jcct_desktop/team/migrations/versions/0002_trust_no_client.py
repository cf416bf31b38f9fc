"""A team server that trusts no client: the server numbers the items, checks every digest
against its content, signs each item with the login role that pushed it, and keeps the push
lock away from readers.

- ``seq`` is assigned by a trigger from the table's sequence, whatever the client sent
  (``GENERATED ALWAYS`` alone can be overridden with ``OVERRIDING SYSTEM VALUE``); rows an older
  server let a client number beyond the sequence are renumbered, so ``seq = 10^15`` no longer
  hides everything after it from the laptops that read past it.
- ``digest`` must equal ``team_item_digest(commitment_id, kind, payload)``, computed here; rows
  are unique per (author, digest), so one officer can never occupy another's item.
- ``author`` is ``session_user``; a push after ``SET ROLE`` (a group role, anonymous) or by a
  group role is refused.
- Pushes hold a row lock on ``team_push_lock``, a table only officers may lock (every INSERT
  takes it, whatever the client does), so a reader can no longer stall the team's pushes.
- Digests changed meaning, so the team gets a new identity: every laptop reads the record once
  afresh (nothing is pushed twice: what it pulls is known before it pushes).

Revision ID: 0002_trust_no_client
Revises: 0001_team_items
"""

from __future__ import annotations

from alembic import op

revision = "0002_trust_no_client"
down_revision = "0001_team_items"
branch_labels = None
depends_on = None

# The canonical text of an item, hashed by the server and the client alike (``team.digest``):
# the JSON strings of commitment and kind, then the payload's top-level keys in code-point
# order, each with its JSON value as PostgreSQL prints it (strings escaped exactly as Python's
# ``json.dumps(..., ensure_ascii=False)``).
DIGEST_SQL = """
CREATE FUNCTION team_item_digest(cid text, kind text, payload jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(
        to_json(cid)::text || ',' || to_json(kind)::text || ',' ||
        CASE WHEN jsonb_typeof(payload) = 'object' THEN
            '{' || coalesce((SELECT string_agg(to_json(key)::text || ':' || value::text, ','
                                               ORDER BY key COLLATE "C")
                             FROM jsonb_each(payload)), '') || '}'
        ELSE payload::text END,
        'UTF8')), 'hex')
$$
"""

# Row-level: who, when, which number, and is the digest honest. Runs as the pushing role.
CHECK_SQL = """
CREATE OR REPLACE FUNCTION team_items_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user <> session_user
       OR session_user IN ('jcct_officer', 'jcct_reader') THEN
        RAISE EXCEPTION 'team items are pushed as an officer''s own login role, not as %',
            current_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.digest IS DISTINCT FROM
       team_item_digest(NEW.commitment_id, NEW.kind, NEW.payload) THEN
        RAISE EXCEPTION 'the % item of % does not match its digest', NEW.kind,
            NEW.commitment_id USING ERRCODE = 'check_violation';
    END IF;
    NEW.author := session_user;
    NEW.pushed_at := now();
    NEW.seq := nextval(pg_get_serial_sequence('team_items', 'seq'));
    RETURN NEW;
END
$$
"""

# Statement-level: every INSERT queues on the push lock, so numbers are handed out in commit
# order even for a client that skips the lock.
LOCK_SQL = (
    """CREATE FUNCTION team_items_push_lock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM 1 FROM team_push_lock FOR UPDATE;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER team_items_push_lock BEFORE INSERT ON team_items
    FOR EACH STATEMENT EXECUTE FUNCTION team_items_push_lock()""",
)

# Rows an older server let a client number past the sequence get the next numbers, in order.
RENUMBER_SQL = """
DO $$
DECLARE
    seq_name text := pg_get_serial_sequence('team_items', 'seq');
    high bigint;
    r record;
BEGIN
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', seq_name)
        INTO high;
    FOR r IN SELECT seq FROM team_items WHERE seq > high ORDER BY seq LOOP
        UPDATE team_items SET seq = nextval(seq_name) WHERE seq = r.seq;
    END LOOP;
END
$$
"""

# Digests are recomputed by the new rule; a row repeating another of the same author exactly
# (only possible for rows a client gave a made-up digest) is dropped: it adds nothing.
REDIGEST_SQL = (
    "UPDATE team_items SET digest = team_item_digest(commitment_id, kind, payload)",
    """DELETE FROM team_items t USING team_items e
    WHERE t.author = e.author AND t.digest = e.digest AND t.seq > e.seq""",
)


def upgrade() -> None:
    op.execute(RENUMBER_SQL)
    op.execute("ALTER TABLE team_items ALTER COLUMN seq SET GENERATED ALWAYS")
    op.execute(DIGEST_SQL)
    op.execute("ALTER TABLE team_items DROP CONSTRAINT team_items_digest_key")
    for statement in REDIGEST_SQL:  # (the old triggers fire on INSERT only)
        op.execute(statement)
    op.execute("ALTER TABLE team_items ADD CONSTRAINT team_items_author_digest_key "
               "UNIQUE (author, digest)")
    op.execute("CREATE INDEX team_items_digest ON team_items (digest)")
    op.execute(CHECK_SQL)
    op.execute("CREATE TABLE team_push_lock (id integer PRIMARY KEY CHECK (id = 1))")
    op.execute("INSERT INTO team_push_lock VALUES (1)")
    for statement in LOCK_SQL:
        op.execute(statement)
    op.execute("REVOKE ALL ON team_push_lock FROM PUBLIC")
    op.execute("GRANT SELECT, UPDATE ON team_push_lock TO jcct_officer")
    # Both groups may read how far the numbering went (a client checks rows against it).
    op.execute("GRANT SELECT ON SEQUENCE team_items_seq_seq TO jcct_reader, jcct_officer")
    op.execute("UPDATE team_info SET team_id = gen_random_uuid()::text")


def downgrade() -> None:
    raise NotImplementedError("the team database is not downgraded: restore a dump instead")
