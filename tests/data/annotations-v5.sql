-- The notes database at schema version 5 (assessments, drafts, team sync state; no talking points),
-- frozen: the schema of annotations-v5.sqlite, which was built from the migrations'
-- SQL of version 1 and steps 1 to 4. tests/data/make_annotations_v5.py builds the old file from
-- this text alone, so it never moves with the current code: do not edit it.

CREATE TABLE annotations (
        commitment_id VARCHAR NOT NULL PRIMARY KEY,
        status VARCHAR NOT NULL,
        evidence TEXT NOT NULL,
        status_changed VARCHAR,
        starred BOOLEAN NOT NULL
    , follow_up VARCHAR);

CREATE TABLE notes (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
        text TEXT NOT NULL,
        created VARCHAR NOT NULL,
        updated VARCHAR NOT NULL
    );

CREATE TABLE history (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
        at VARCHAR NOT NULL,
        who VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        old TEXT NOT NULL,
        new TEXT NOT NULL,
        why TEXT NOT NULL
    );

CREATE TABLE tags (
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
            tag VARCHAR NOT NULL,
            PRIMARY KEY (commitment_id, tag)
        );

CREATE TABLE assessments (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            commitment_id VARCHAR NOT NULL REFERENCES annotations (commitment_id),
            view VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            evidence TEXT NOT NULL,
            source TEXT NOT NULL,
            effective VARCHAR NOT NULL,
            milestone VARCHAR,
            recorded VARCHAR NOT NULL,
            who VARCHAR NOT NULL
        );

CREATE TABLE drafts (
            commitment_id VARCHAR NOT NULL,
            note_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            updated VARCHAR NOT NULL,
            PRIMARY KEY (commitment_id, note_id)
        );

CREATE TABLE team_sync_state (
            team VARCHAR NOT NULL PRIMARY KEY,
            last_seq INTEGER NOT NULL,
            last_sync VARCHAR,
            brought_in TEXT NOT NULL
        );

CREATE TABLE team_sync_known (
            team VARCHAR NOT NULL,
            digest VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            PRIMARY KEY (team, digest)
        );

CREATE INDEX ix_notes_commitment ON notes (commitment_id);

CREATE INDEX ix_history_commitment ON history (commitment_id);

CREATE INDEX ix_assessments_commitment ON assessments (commitment_id);
