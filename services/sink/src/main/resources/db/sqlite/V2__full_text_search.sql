-- FTS5 index over the title and body of current revisions only. External content: the text lives once, in
-- articles; triggers keep the index in step with every insert, update and delete (including is_current flips).
-- unicode61 with diacritics folded, no stemming: language-neutral, like PostgreSQL's 'simple' configuration.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.is_current = 1 BEGIN
    INSERT INTO articles_fts (rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN old.is_current = 1 BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body_text) VALUES ('delete', old.id, old.title, old.body_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body_text)
        SELECT 'delete', old.id, old.title, old.body_text WHERE old.is_current = 1;
    INSERT INTO articles_fts (rowid, title, body_text)
        SELECT new.id, new.title, new.body_text WHERE new.is_current = 1;
END;
