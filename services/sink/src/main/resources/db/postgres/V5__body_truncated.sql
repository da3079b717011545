-- Article.bodyTruncated: true when the processor cut the body to processor.max-body-chars (the page's text goes
-- on beyond what body_text/body_html hold). Rows stored before V5 get false: the processor did not cut bodies then.

ALTER TABLE articles ADD COLUMN body_truncated BOOLEAN NOT NULL DEFAULT FALSE;

-- a view's * is expanded when it is created: recreate it so it shows the new column
CREATE OR REPLACE VIEW articles_current AS SELECT * FROM articles WHERE is_current;
