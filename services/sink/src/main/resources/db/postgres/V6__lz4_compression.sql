-- The large values of a row (body text, body HTML and the search tsvector) are compressed with lz4 instead of
-- PostgreSQL's default pglz when they are TOASTed: ~0.5 ms less server CPU per row for about the same size
-- (2,000 rows of the dev pages' paragraphs as text and HTML, COPY into a table with the search tsvector, 7 times
-- each: median 1.63 ms per row with pglz, 1.13 with lz4; 15 vs 16 MB; see docs/BENCHMARKS.md). Only values written from now on use
-- it; rows stored before keep pglz and stay readable. Needs PostgreSQL 14+ built with lz4 (Debian's and the
-- official images are): elsewhere this migration changes nothing and says so.

DO $$
BEGIN
    IF current_setting('server_version_num')::int < 140000 THEN
        RAISE NOTICE 'PostgreSQL before 14 has no per-column compression: articles keeps pglz';
        RETURN;
    END IF;
    BEGIN
        EXECUTE 'ALTER TABLE articles ALTER COLUMN body_text SET COMPRESSION lz4, '
             || 'ALTER COLUMN body_html SET COMPRESSION lz4, ALTER COLUMN search SET COMPRESSION lz4';
    EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this PostgreSQL was built without lz4: articles keeps pglz (%)', SQLERRM;
    END;
END $$;
