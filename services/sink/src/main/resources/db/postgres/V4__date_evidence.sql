-- Evidence of the dates (Article fields added with extractor 1.2): how much publishedAt is to be trusted and where
-- modifiedAt came from. Nullable: rows stored before V4, and records written before extractor 1.2, have NULL here.

ALTER TABLE articles
    ADD COLUMN published_at_confidence DOUBLE PRECISION,
    ADD COLUMN modified_at_evidence    VARCHAR(128);

-- a view's * is expanded when it is created: recreate it so it shows the new columns
CREATE OR REPLACE VIEW articles_current AS SELECT * FROM articles WHERE is_current;
