-- Evidence of the dates (Article fields added with extractor 1.2): how much publishedAt is to be trusted and where
-- modifiedAt came from. Nullable: rows stored before V4, and records written before extractor 1.2, have NULL here.
-- Length check mirrors the PostgreSQL VARCHAR size. articles_current needs no change (SQLite expands its * each time).

ALTER TABLE articles ADD COLUMN published_at_confidence REAL;
ALTER TABLE articles ADD COLUMN modified_at_evidence    TEXT    CHECK (length(modified_at_evidence) <= 128);
