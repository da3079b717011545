-- newsflow sink schema for SQLite. Times are UTC ISO-8601 text with milliseconds ('2026-11-25T17:31:15.123Z'),
-- which sorts correctly as text and works with SQLite's date functions. Arrays are JSON text (json_each works).
-- Length checks mirror the VARCHAR sizes of the PostgreSQL schema, so both stores accept and reject the same records.

CREATE TABLE articles (
    id                    INTEGER PRIMARY KEY,
    article_id            TEXT    NOT NULL CHECK (length(article_id) BETWEEN 1 AND 128),
    revision              INTEGER NOT NULL CHECK (revision >= 1),
    is_current            INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    previous_content_hash TEXT    CHECK (length(previous_content_hash) <= 128),
    story_key             TEXT    NOT NULL CHECK (length(story_key) <= 2048),
    canonical_url         TEXT    NOT NULL CHECK (length(canonical_url) <= 8192),
    urls                  TEXT    NOT NULL CHECK (json_valid(urls)),
    url_count             INTEGER NOT NULL,
    source_id             TEXT    NOT NULL CHECK (length(source_id) <= 128),
    host                  TEXT    NOT NULL CHECK (length(host) <= 255),
    site_name             TEXT,
    title                 TEXT,
    description           TEXT,
    body_text             TEXT    NOT NULL,
    body_html             TEXT,
    authors               TEXT    NOT NULL CHECK (json_valid(authors)),
    published_at          TEXT,
    published_at_evidence TEXT    CHECK (length(published_at_evidence) <= 128),
    modified_at           TEXT,
    language              TEXT    CHECK (length(language) <= 16),
    section               TEXT,
    tags                  TEXT    NOT NULL CHECK (json_valid(tags)),
    lead_image            TEXT,
    word_count            INTEGER NOT NULL,
    content_hash          TEXT    NOT NULL CHECK (length(content_hash) <= 128),
    simhash               INTEGER NOT NULL,
    duplicate_of          TEXT    CHECK (length(duplicate_of) <= 128),
    duplicate_distance    INTEGER,
    fetched_at            TEXT    NOT NULL,
    processed_at          TEXT    NOT NULL,
    extractor_version     TEXT    NOT NULL CHECK (length(extractor_version) <= 64),
    row_hash              TEXT    NOT NULL,
    kafka_partition       INTEGER,
    kafka_offset          INTEGER,
    stored_at             TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    UNIQUE (article_id, revision)
);

-- at most one current revision per article
CREATE UNIQUE INDEX articles_one_current ON articles (article_id) WHERE is_current = 1;
CREATE INDEX articles_source_published ON articles (source_id, published_at) WHERE is_current = 1;
CREATE INDEX articles_published ON articles (published_at) WHERE is_current = 1;
CREATE INDEX articles_host ON articles (host);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE VIEW articles_current AS SELECT * FROM articles WHERE is_current = 1;

-- every URL known for an article: from Article.urls ('article') and from sightings (their kind)
CREATE TABLE article_urls (
    article_id    TEXT NOT NULL CHECK (length(article_id) BETWEEN 1 AND 128),
    url           TEXT NOT NULL CHECK (length(url) <= 8192),
    host          TEXT NOT NULL CHECK (length(host) <= 255),
    via           TEXT NOT NULL CHECK (length(via) <= 32),
    first_seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, url)
);
CREATE INDEX article_urls_host ON article_urls (host);
CREATE INDEX article_urls_url ON article_urls (url);

CREATE TABLE sightings (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT    NOT NULL CHECK (length(article_id) BETWEEN 1 AND 128),
    url           TEXT    NOT NULL CHECK (length(url) <= 8192),
    host          TEXT    NOT NULL CHECK (length(host) <= 255),
    kind          TEXT    NOT NULL CHECK (length(kind) <= 32),
    source_id     TEXT    NOT NULL CHECK (length(source_id) <= 128),
    story_key     TEXT    CHECK (length(story_key) <= 2048),
    distance      INTEGER,
    first_seen_at TEXT    NOT NULL,
    last_seen_at  TEXT    NOT NULL,
    stored_at     TEXT    NOT NULL,
    UNIQUE (article_id, url, kind)
);
CREATE INDEX sightings_host ON sightings (host);
CREATE INDEX sightings_kind ON sightings (kind);
