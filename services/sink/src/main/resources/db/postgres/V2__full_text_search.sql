-- Full-text search: a generated tsvector over title (weight A) and body (weight B) with a GIN index.
-- The 'simple' configuration (no stemming, no stop words) works for every language the sink receives and
-- matches SQLite's unicode61 tokenizer; search with websearch_to_tsquery('simple', ...) or to_tsquery('simple', 'word:*').

ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', body_text), 'B')
) STORED;

CREATE INDEX articles_search ON articles USING GIN (search) WHERE is_current;

-- a view's * is expanded when it is created: recreate it so it shows the new column
CREATE OR REPLACE VIEW articles_current AS SELECT * FROM articles WHERE is_current;
