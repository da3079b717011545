-- Enrichment fields of Article (language confidence, places, country, category, keywords, summary, reading time,
-- publisher metadata, source tags). All nullable: rows stored before V3 have NULL here. Arrays are JSON text like
-- the V1 array columns; places is a JSON array of {"name", "country_code", "kind", "mentions"} objects, NULL when
-- place enrichment was off. Length checks mirror the PostgreSQL VARCHAR sizes.
-- articles_current needs no change: SQLite stores a view as text and expands its * each time it is used.

ALTER TABLE articles ADD COLUMN language_confidence  REAL;
ALTER TABLE articles ADD COLUMN places               TEXT    CHECK (json_valid(places));
ALTER TABLE articles ADD COLUMN primary_country      TEXT    CHECK (length(primary_country) <= 16);
ALTER TABLE articles ADD COLUMN category             TEXT    CHECK (length(category) <= 64);
ALTER TABLE articles ADD COLUMN keywords             TEXT    CHECK (json_valid(keywords));
ALTER TABLE articles ADD COLUMN summary              TEXT;
ALTER TABLE articles ADD COLUMN reading_time_seconds INTEGER;
ALTER TABLE articles ADD COLUMN publisher_name       TEXT;
ALTER TABLE articles ADD COLUMN publisher_country    TEXT    CHECK (length(publisher_country) <= 16);
ALTER TABLE articles ADD COLUMN publisher_language   TEXT    CHECK (length(publisher_language) <= 16);
ALTER TABLE articles ADD COLUMN source_tags          TEXT    CHECK (json_valid(source_tags));

CREATE INDEX articles_primary_country ON articles (primary_country, published_at) WHERE is_current = 1;
CREATE INDEX articles_category ON articles (category, published_at) WHERE is_current = 1;

-- one row per place mentioned by a current revision: the places array unnested, so analysts filter and group by
-- name or country with plain SQL (the same view exists in PostgreSQL)
CREATE VIEW article_places AS
SELECT a.id, a.article_id, a.revision,
       json_extract(p.value, '$.name')         AS name,
       json_extract(p.value, '$.country_code') AS country_code,
       json_extract(p.value, '$.kind')         AS kind,
       json_extract(p.value, '$.mentions')     AS mentions
FROM articles a, json_each(a.places) p
WHERE a.is_current = 1;
