-- Article.bodyTruncated: 1 when the processor cut the body to processor.max-body-chars (the page's text goes on
-- beyond what body_text/body_html hold). Rows stored before V5 get 0: the processor did not cut bodies then.
-- articles_current needs no change: SQLite expands a view's * each time it is used.

ALTER TABLE articles ADD COLUMN body_truncated INTEGER NOT NULL DEFAULT 0 CHECK (body_truncated IN (0, 1));
