-- sitrep database schema, version 3 (keep SCHEMA_VERSION and MIGRATIONS in sitrep/store/schema.py in step).
--
-- Portable SQL: the same statements run on SQLite and PostgreSQL (TEXT / INTEGER / REAL / BOOLEAN only,
-- IF NOT EXISTS, no AUTOINCREMENT, no SQLite pragmas; PostgreSQL reads INTEGER as BIGINT, REAL as DOUBLE
-- PRECISION and TEXT in the "C" collation: sitrep/store/schema.py, for_postgresql).  The full-text indexes live
-- apart: schema_sqlite_fts.sql (SQLite) and schema_postgresql_fts.sql (a tsvector with a GIN index).  A table
-- added here is made in every store that lacks it when the store is opened.
--
-- Column names are the field names of the output contract (sitrep/model.py).  The full document is kept as
-- JSON in documents.doc_json, which is what Store.get() returns; the other tables are a queryable copy of it,
-- rewritten whenever a document is (re)stored.  "start" and "end" are quoted because END is reserved in
-- PostgreSQL.  Dates are the contract's "YYYY[-MM[-DD]]" strings; date_first / date_last are the first and last
-- day they cover ("2024-03" -> 2024-03-01 .. 2024-03-31), so that date filters are plain string comparisons.
--
-- Entity ids (actors, targets, location, attributed_to, subject, object) are not foreign keys: a reference a
-- stage got wrong should not cost the whole document.  Child rows do reference their parents, with
-- ON DELETE CASCADE, so deleting a document deletes everything about it.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id           TEXT PRIMARY KEY,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,                        -- YYYY-MM-DD
    language     TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,               -- sitrep.model.content_id(text)
    warnings     TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    ingested_at  TEXT NOT NULL,               -- ISO 8601 UTC timestamp
    doc_json     TEXT NOT NULL                -- the whole document, output contract shape
);
CREATE INDEX IF NOT EXISTS documents_content_hash ON documents (content_hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents (published);

CREATE TABLE IF NOT EXISTS entities (
    doc_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    aliases      TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    wikidata     TEXT,
    country      TEXT,                        -- ISO 3166 alpha-2
    kb_id        TEXT,
    origin       TEXT,
    lat          REAL,
    lon          REAL,
    geonameid    INTEGER,
    country_code TEXT,
    admin1       TEXT,
    feature      TEXT,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX IF NOT EXISTS entities_kb_id ON entities (kb_id);

-- Every name an entity is known by (name, aliases, kb_id, wikidata), with a case-folded key for filters:
-- Python's str.casefold() is used because SQL lower() folds only ASCII in SQLite.
CREATE TABLE IF NOT EXISTS entity_names (
    doc_id    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    folded    TEXT NOT NULL,
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS entity_names_folded ON entity_names (folded);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    "start"   INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    kind      TEXT NOT NULL DEFAULT 'name',  -- name, abbreviation, description, coref, branch, pronoun
    FOREIGN KEY (doc_id, entity_id) REFERENCES entities (doc_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (doc_id, entity_id);

CREATE TABLE IF NOT EXISTS events (
    doc_id               TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id                   TEXT NOT NULL,
    type                 TEXT NOT NULL,       -- PLOVER event type
    mode                 TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    location             TEXT,                -- entity id
    date_start           TEXT,
    date_end             TEXT,
    date_precision       TEXT NOT NULL DEFAULT 'unknown',
    date_text            TEXT,
    date_first           TEXT,                -- YYYY-MM-DD, first day date_start covers
    date_last            TEXT,                -- YYYY-MM-DD, last day date_end (or date_start) covers
    fatalities_low       INTEGER,
    fatalities_best      INTEGER,
    fatalities_high      INTEGER,
    injuries_low         INTEGER,
    injuries_best        INTEGER,
    injuries_high        INTEGER,
    arrested_low         INTEGER,
    arrested_best        INTEGER,
    arrested_high        INTEGER,
    modality             TEXT NOT NULL,
    attributed_to        TEXT,                -- entity id
    confidence           REAL NOT NULL,
    related_event        TEXT,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_dates ON events (date_first, date_last);

-- Who took part in an event: role is 'actor', 'target' or 'claimed_by'; position keeps the list order.
CREATE TABLE IF NOT EXISTS event_roles (
    doc_id    TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    role      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, event_id, role, position),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS event_roles_entity ON event_roles (doc_id, entity_id);

CREATE TABLE IF NOT EXISTS facts (
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    subject        TEXT NOT NULL,             -- entity id
    predicate      TEXT NOT NULL,
    object         TEXT,                      -- entity id
    value_low      REAL,
    value_high     REAL,
    value_unit     TEXT,
    value_text     TEXT,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_text      TEXT,
    date_first     TEXT,
    date_last      TEXT,
    attributed_to  TEXT,                      -- entity id
    modality       TEXT NOT NULL,
    summary        TEXT,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX IF NOT EXISTS facts_predicate ON facts (predicate);

-- The sentence spans events and facts came from: owner_kind is 'event' or 'fact', owner_id its id.
CREATE TABLE IF NOT EXISTS evidence (
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    owner_kind TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (doc_id, owner_kind, owner_id, position)
);

-- Who may use the web server off this machine (sitrep token create): the SHA-256 of each secret, never the
-- secret; scope 'read' (look) or 'write' (also add documents and correct them).  user_name is who the review
-- loop's edits are recorded under.
CREATE TABLE IF NOT EXISTS tokens (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    user_name  TEXT NOT NULL,
    scope      TEXT NOT NULL,          -- read | write
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Analysts' corrections (the review loop, sitrep/store/review.py): applied, in seq order, to every document the
-- store returns, and to its rows above.  documents.doc_json keeps the analysis as added, so an edit survives
-- the document being analysed and added again, and can be undone (undone_at).  target is an entity key
-- (target_kind 'entity', every document) or an anchor in doc_id's text (an event, a fact, a mention); value and
-- before are JSON.  Not tied to documents by a foreign key: removing a document keeps what was said about it.
CREATE TABLE IF NOT EXISTS edits (
    seq         INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    token_id    TEXT,
    action      TEXT NOT NULL,          -- merge | rename | retype | split | reject | correct
    target_kind TEXT NOT NULL,          -- entity | mention | event | fact
    target      TEXT NOT NULL,
    doc_id      TEXT,
    field       TEXT,
    value       TEXT,
    before      TEXT,
    undone_at   TEXT,
    undone_by   TEXT
);
CREATE INDEX IF NOT EXISTS edits_doc ON edits (doc_id);

-- Incidents across documents (sitrep/linking.py, sitrep/store/incidents.py): every stored event is a report of
-- one incident; reports of the same incident in different documents (same type, overlapping dates, the same or
-- nested place, compatible actors and counts) share it.  incident_reports keeps what linking compares and each
-- source's own figures; incidents the reconciled figures (lowest low, median best, highest high) and the
-- narrowest date and most precise place of its reports.  Kept in step when a document is added, replaced or
-- removed; an incident without reports is removed.  seq is the order reports were linked in.
CREATE TABLE IF NOT EXISTS incidents (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    date_first       TEXT,
    date_last        TEXT,
    place            TEXT,
    country_code     TEXT,
    lat              REAL,
    lon              REAL,
    reports          INTEGER NOT NULL,
    fatalities_low   INTEGER,
    fatalities_best  INTEGER,
    fatalities_high  INTEGER,
    injuries_low     INTEGER,
    injuries_best    INTEGER,
    injuries_high    INTEGER
);
CREATE INDEX IF NOT EXISTS incidents_dates ON incidents (date_first, date_last);

CREATE TABLE IF NOT EXISTS incident_reports (
    doc_id          TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    incident_id     TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    linkable        INTEGER NOT NULL,       -- 1: dated, placed, real; 0: an incident of its own
    wide            INTEGER NOT NULL,       -- 1: its dates span a week or more
    date_first      TEXT,
    date_last       TEXT,
    place           TEXT,
    level           TEXT,                   -- country | admin1 | admin2 | city | place
    geonameid       INTEGER,
    lat             REAL,
    lon             REAL,
    country_code    TEXT,
    admin1          TEXT,
    admin2          TEXT,
    actors          TEXT NOT NULL DEFAULT '[]',  -- JSON array of actor keys (sitrep.linking.actor_key)
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    injuries_low    INTEGER,
    injuries_best   INTEGER,
    injuries_high   INTEGER,
    PRIMARY KEY (doc_id, event_id),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS incident_reports_block ON incident_reports (type, country_code, wide, date_first);
CREATE INDEX IF NOT EXISTS incident_reports_incident ON incident_reports (incident_id);
CREATE INDEX IF NOT EXISTS incident_reports_seq ON incident_reports (seq);

-- What `sitrep watch` has seen (sitrep/watch.py, sitrep/store/watched.py), so that a restart fetches nothing
-- twice: every item of a followed source -- a feed item's URL or a folder's file -- with what became of it
-- (stored, duplicate: its text was stored already, failed: tries so far and why), and each source's state (its
-- failures in a row, and when it may be polled again: an erroring source backs off).
CREATE TABLE IF NOT EXISTS watch_items (
    source       TEXT NOT NULL,             -- the feed URL or the folder
    item         TEXT NOT NULL,             -- the URL of the item or the path of the file
    fingerprint  TEXT,                      -- modification time and size of a file; NULL for a feed item
    content_hash TEXT,                      -- of the text read (sitrep.model.content_id)
    doc_id       TEXT,                      -- the document it became (or duplicates)
    status       TEXT NOT NULL,             -- stored | duplicate | failed
    tries        INTEGER NOT NULL,
    error        TEXT,
    seen_at      TEXT NOT NULL,             -- ISO 8601 UTC
    PRIMARY KEY (source, item)
);
CREATE INDEX IF NOT EXISTS watch_items_item ON watch_items (item);

CREATE TABLE IF NOT EXISTS watch_sources (
    source     TEXT PRIMARY KEY,
    failures   INTEGER NOT NULL,            -- errors in a row (0 after a good poll)
    next_poll  INTEGER NOT NULL,            -- seconds since the epoch (rounded up): not polled before
    last_error TEXT,
    polled_at  TEXT NOT NULL                -- ISO 8601 UTC
);
