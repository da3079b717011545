-- newsflow sink schema for PostgreSQL. Times are timestamptz (UTC), arrays are jsonb. VARCHAR sizes are the
-- limits the SQLite schema checks too, so both stores accept and reject the same records.

CREATE TABLE articles (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id            VARCHAR(128)  NOT NULL CHECK (length(article_id) >= 1),
    revision              INTEGER       NOT NULL CHECK (revision >= 1),
    is_current            BOOLEAN       NOT NULL,
    previous_content_hash VARCHAR(128),
    story_key             VARCHAR(2048) NOT NULL,
    canonical_url         VARCHAR(8192) NOT NULL,
    urls                  JSONB         NOT NULL,
    url_count             INTEGER       NOT NULL,
    source_id             VARCHAR(128)  NOT NULL,
    host                  VARCHAR(255)  NOT NULL,
    site_name             TEXT,
    title                 TEXT,
    description           TEXT,
    body_text             TEXT          NOT NULL,
    body_html             TEXT,
    authors               JSONB         NOT NULL,
    published_at          TIMESTAMPTZ,
    published_at_evidence VARCHAR(128),
    modified_at           TIMESTAMPTZ,
    language              VARCHAR(16),
    section               TEXT,
    tags                  JSONB         NOT NULL,
    lead_image            TEXT,
    word_count            INTEGER       NOT NULL,
    content_hash          VARCHAR(128)  NOT NULL,
    simhash               BIGINT        NOT NULL,
    duplicate_of          VARCHAR(128),
    duplicate_distance    INTEGER,
    fetched_at            TIMESTAMPTZ   NOT NULL,
    processed_at          TIMESTAMPTZ   NOT NULL,
    extractor_version     VARCHAR(64)   NOT NULL,
    row_hash              CHAR(64)      NOT NULL,
    kafka_partition       INTEGER,
    kafka_offset          BIGINT,
    stored_at             TIMESTAMPTZ   NOT NULL,
    updated_at            TIMESTAMPTZ   NOT NULL,
    UNIQUE (article_id, revision)
);

-- at most one current revision per article
CREATE UNIQUE INDEX articles_one_current ON articles (article_id) WHERE is_current;
CREATE INDEX articles_source_published ON articles (source_id, published_at) WHERE is_current;
CREATE INDEX articles_published ON articles (published_at) WHERE is_current;
CREATE INDEX articles_host ON articles (host);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE VIEW articles_current AS SELECT * FROM articles WHERE is_current;

-- every URL known for an article: from Article.urls ('article') and from sightings (their kind)
CREATE TABLE article_urls (
    article_id    VARCHAR(128)  NOT NULL CHECK (length(article_id) >= 1),
    url           VARCHAR(8192) NOT NULL,
    host          VARCHAR(255)  NOT NULL,
    via           VARCHAR(32)   NOT NULL,
    first_seen_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (article_id, url)
);
CREATE INDEX article_urls_host ON article_urls (host);
CREATE INDEX article_urls_url ON article_urls (url);

CREATE TABLE sightings (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id    VARCHAR(128)  NOT NULL CHECK (length(article_id) >= 1),
    url           VARCHAR(8192) NOT NULL,
    host          VARCHAR(255)  NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    source_id     VARCHAR(128)  NOT NULL,
    story_key     VARCHAR(2048),
    distance      INTEGER,
    first_seen_at TIMESTAMPTZ   NOT NULL,
    last_seen_at  TIMESTAMPTZ   NOT NULL,
    stored_at     TIMESTAMPTZ   NOT NULL,
    UNIQUE (article_id, url, kind)
);
CREATE INDEX sightings_host ON sightings (host);
CREATE INDEX sightings_kind ON sightings (kind);
