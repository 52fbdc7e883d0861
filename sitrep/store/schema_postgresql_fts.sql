-- PostgreSQL only: the full-text index behind Store.search() (sitrep/store/postgresql.py).  Not part of the
-- portable schema.sql; read through sitrep/store/schema.py (TEXT in the "C" collation, as every text column).
--
-- One row per document: its title (weight A) and text (weight B) as a tsvector of the 'simple' configuration,
-- which lower-cases words in every language and neither stems nor drops stop words, so that search matches the
-- SQLite store's (unicode61, no stemming): "ё" is written "е" in the indexed copy and in queries.  The row goes
-- with its document (ON DELETE CASCADE) and is written in the same transaction.

CREATE TABLE IF NOT EXISTS documents_fts (
    doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    tsv    TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING GIN (tsv);
