-- Enrichment fields of Article (language confidence, places, country, category, keywords, summary, reading time,
-- publisher metadata, source tags). All nullable: rows stored before V3 have NULL here. Arrays are jsonb like the
-- V1 array columns; places is a jsonb array of {"name", "country_code", "kind", "mentions"} objects, NULL when
-- place enrichment was off. VARCHAR sizes are the limits the SQLite schema checks too.

ALTER TABLE articles
    ADD COLUMN language_confidence  DOUBLE PRECISION,
    ADD COLUMN places               JSONB,
    ADD COLUMN primary_country      VARCHAR(16),
    ADD COLUMN category             VARCHAR(64),
    ADD COLUMN keywords             JSONB,
    ADD COLUMN summary              TEXT,
    ADD COLUMN reading_time_seconds INTEGER,
    ADD COLUMN publisher_name       TEXT,
    ADD COLUMN publisher_country    VARCHAR(16),
    ADD COLUMN publisher_language   VARCHAR(16),
    ADD COLUMN source_tags          JSONB;

CREATE INDEX articles_primary_country ON articles (primary_country, published_at) WHERE is_current;
CREATE INDEX articles_category ON articles (category, published_at) WHERE is_current;
-- containment queries on current revisions: places @> '[{"name": "Baghdad"}]'
CREATE INDEX articles_places ON articles USING GIN (places jsonb_path_ops) WHERE is_current;

-- a view's * is expanded when it is created: recreate it so it shows the new columns
CREATE OR REPLACE VIEW articles_current AS SELECT * FROM articles WHERE is_current;

-- one row per place mentioned by a current revision: the places array unnested, so analysts filter and group by
-- name or country with plain SQL (the same view exists in SQLite)
CREATE VIEW article_places AS
SELECT a.id, a.article_id, a.revision, p.name, p.country_code, p.kind, p.mentions
FROM articles a, jsonb_to_recordset(a.places) AS p(name TEXT, country_code TEXT, kind TEXT, mentions INTEGER)
WHERE a.is_current;
