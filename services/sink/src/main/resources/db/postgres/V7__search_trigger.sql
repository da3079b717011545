-- articles.search is filled by a trigger instead of being a generated column (same value: title with weight A,
-- body with weight B, 'simple' configuration), so that
--   * a sink with full-text-search: false leaves it NULL: the tsvector and its GIN index are most of the database's
--     CPU per article (docs/BENCHMARKS.md), wasted where articles are searched elsewhere;
--   * an UPDATE that leaves title and body as they were (a revision demoted from current, a row rewritten with the
--     same text) keeps the stored vector instead of parsing the text again (a generated column is recomputed on
--     every UPDATE).
-- The sink turns it off per session with the setting newsflow.full_text_search = off (sink.md). Rows keep the values
-- they have. PostgreSQL 12 cannot drop a generation expression: there the column stays generated (always filled) and
-- the sink refuses full-text-search: false.

CREATE FUNCTION newsflow_articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.search IS NOT NULL AND NEW.title IS NOT DISTINCT FROM OLD.title
            AND NEW.body_text IS NOT DISTINCT FROM OLD.body_text THEN
        NEW.search := OLD.search;
    ELSIF current_setting('newsflow.full_text_search', true) = 'off' THEN
        NEW.search := NULL;
    ELSE
        NEW.search := setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A')
                   || setweight(to_tsvector('simple', NEW.body_text), 'B');
    END IF;
    RETURN NEW;
END $$;

DO $$
BEGIN
    IF current_setting('server_version_num')::int < 130000 THEN
        RAISE NOTICE 'PostgreSQL before 13 cannot drop a generation expression: articles.search stays generated';
        RETURN;
    END IF;
    ALTER TABLE articles ALTER COLUMN search DROP EXPRESSION;
    CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE ON articles
        FOR EACH ROW EXECUTE FUNCTION newsflow_articles_search();
END $$;
