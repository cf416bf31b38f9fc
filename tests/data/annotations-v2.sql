-- The notes database at schema version 2 (tags and follow-up dates, one assessment per commitment),
-- frozen: the schema of annotations-v2.sqlite, which was built from the migrations'
-- SQL of version 1 and step 1. tests/data/make_annotations_v2.py builds the old file from
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

CREATE INDEX ix_notes_commitment ON notes (commitment_id);

CREATE INDEX ix_history_commitment ON history (commitment_id);
