-- SQLite only: the full-text index behind Store.search() (FTS5).  Not part of the portable schema.sql.
--
-- A standalone FTS5 table (it keeps its own copy of title and text) keyed by the document id, which FTS5
-- does not index.  sitrep/store/sqlite.py keeps it in step with the documents table in the same transaction.
-- The unicode61 tokenizer folds case for Cyrillic as well as Latin (remove_diacritics applies to Latin
-- letters only; sqlite.py writes "ё" as "е" in the indexed copy and in queries so that either spelling
-- matches).  There is no stemming: search "Москв*" to match "Москва", "Москве", "Москву".

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    doc_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);
