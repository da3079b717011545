-- PostgreSQL only (articles.search becomes trigger-maintained, so that sink.full-text-search: false can leave it
-- empty): SQLite's FTS5 index is kept by its own triggers (V2) and always maintained. This file keeps both folders
-- listing the same migrations; it changes nothing.

SELECT 1;
