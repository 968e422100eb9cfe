-- SPDX-License-Identifier: GPL-3.0-or-later
-- Fixture: an Attune project of schema version 1 exactly as the first release wrote it (the v1
-- schema of src/core/store/schema.cpp plus a little data). Regenerate the .attune with
--   rm -f project_v1.attune && sqlite3 project_v1.attune < project_v1.sql
PRAGMA journal_mode = WAL;
PRAGMA application_id = 1096044101;
BEGIN;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE coders (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created TEXT NOT NULL
);
CREATE TABLE transcripts (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    participant    TEXT,
    interview_date TEXT,
    interviewer    TEXT,
    language       TEXT,
    metadata       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    source_name    TEXT,
    encoding       TEXT,
    text           TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    word_count     INTEGER NOT NULL DEFAULT 0,
    turn_count     INTEGER NOT NULL DEFAULT 0,
    line_count     INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 1,
    supersedes     INTEGER REFERENCES transcripts(id),
    created        TEXT NOT NULL
);
CREATE TRIGGER transcripts_text_is_immutable BEFORE UPDATE OF text, sha256 ON transcripts
BEGIN
    SELECT RAISE(ABORT, 'a transcript''s text never changes; import a new version instead');
END;
CREATE TABLE schemes (
    id        INTEGER PRIMARY KEY,
    scheme_id TEXT NOT NULL,
    version   TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    xml       TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    added     TEXT NOT NULL,
    UNIQUE (scheme_id, version)
);
CREATE TABLE annotations (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    code          TEXT NOT NULL,
    start_cp      INTEGER NOT NULL CHECK (start_cp >= 0),
    end_cp        INTEGER NOT NULL CHECK (end_cp > start_cp),
    memo          TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    modified      TEXT NOT NULL
);
CREATE TABLE ratings (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    scale         TEXT NOT NULL,
    target        TEXT NOT NULL DEFAULT '',
    value         REAL,
    not_scorable  INTEGER NOT NULL DEFAULT 0 CHECK (not_scorable IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    modified      TEXT NOT NULL,
    UNIQUE (transcript_id, coder_id, scheme_id, scale, target),
    CHECK ((value IS NULL) = (not_scorable = 1))
);
CREATE TABLE classifications (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    coder_id      INTEGER NOT NULL REFERENCES coders(id),
    scheme_id     TEXT NOT NULL,
    category      TEXT NOT NULL,
    subcategory   TEXT,
    unresolved    TEXT,
    alternative   TEXT,
    note          TEXT NOT NULL DEFAULT '',
    modified      TEXT NOT NULL,
    UNIQUE (transcript_id, coder_id, scheme_id)
);
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    entity   TEXT NOT NULL,
    before   TEXT CHECK (before IS NULL OR json_valid(before)),
    after    TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX annotations_by_transcript ON annotations(transcript_id);
INSERT INTO coders(id, name, created) VALUES (1, 'alice', '2026-01-05T10:00:00.000Z');
INSERT INTO coders(id, name, created) VALUES (2, 'bob', '2026-01-05T10:01:00.000Z');
INSERT INTO transcripts(id, title, participant, language, metadata, text, sha256, word_count,
    turn_count, line_count, created)
VALUES (1, 'P001 interview', 'P001', 'en', '{"site": "Leeds"}', 'I: Tell me about your mother.
R: She was warm, très chaleureuse, and always there.
I: Any memory?
R: When I was five she took me to the sea.', 'aa2225abb61231f9d0092bc6fe2f1977702f31583e41dcd44dfd8a7520a771e4', 33, 4, 4,
    '2026-01-05T10:02:00.000Z');
INSERT INTO schemes(id, scheme_id, version, name, xml, sha256, added)
VALUES (1, 'fixture', '1', 'Fixture scheme', '<scheme id="fixture" version="1"/>',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '2026-01-05T10:03:00.000Z');
INSERT INTO annotations(uuid, transcript_id, coder_id, scheme_id, code, start_cp, end_cp, memo,
    created, modified)
VALUES ('6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b', 1, 1, 'fixture', 'IDEAL', 32, 80, 'warm words',
    '2026-01-05T10:04:00.000Z', '2026-01-05T10:04:00.000Z');
INSERT INTO ratings(transcript_id, coder_id, scheme_id, scale, target, value, not_scorable, note,
    modified)
VALUES (1, 1, 'fixture', 'loving', 'mother', 6.5, 0, '', '2026-01-05T10:05:00.000Z');
INSERT INTO classifications(transcript_id, coder_id, scheme_id, category, subcategory, note,
    modified)
VALUES (1, 2, 'fixture', 'F', 'F3', '', '2026-01-05T10:06:00.000Z');
INSERT INTO audit_log(at, who, action, entity, before, after)
VALUES ('2026-01-05T10:04:00.000Z', 'alice', 'annotate', 'annotation 6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b', NULL, '{}');
PRAGMA user_version = 1;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA journal_mode = DELETE;
