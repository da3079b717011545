package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Works on Avro binary encodings of {@link Article} without decoding them: the dedup stages carry a page's article
 * as the bytes it arrived in (a slice of the ParsedPage record) and publish it by rewriting only the identity fields
 * they own ({@link Identity}), copying every other field's bytes as they are. Saves a full decode and two full
 * encodes of body text and HTML per published article. Writer and reader schema must be the current one (checked by
 * the caller through the schema id).
 */
final class ArticleBytes {
    private static final Schema ARTICLE = Article.getClassSchema();
    private static final int FIELDS = ARTICLE.getFields().size();
    private static final int ARTICLE_ID = pos("articleId");
    private static final int REVISION = pos("revision");
    private static final int PREVIOUS_HASH = pos("previousContentHash");
    private static final int STORY_KEY = pos("storyKey");
    private static final int CANONICAL_URL = pos("canonicalUrl");
    private static final int URLS = pos("urls");
    private static final int HOST = pos("host");
    private static final int CONTENT_HASH = pos("contentHash");
    private static final int SIMHASH = pos("simhash");
    private static final int DUPLICATE_OF = pos("duplicateOf");
    private static final int DUPLICATE_DISTANCE = pos("duplicateDistance");
    private static final int FETCHED_AT = pos("fetchedAt");
    private static final int PROCESSED_AT = pos("processedAt");
    private static final int SOURCE_ID = pos("sourceId");
    private static final int PAGE_ARTICLE = ParsedPage.getClassSchema().getField("article").pos();

    private ArticleBytes() {
    }

    private static int pos(String field) {
        return ARTICLE.getField(field).pos();
    }

    /** The fields the article stage owns; everything else comes from the page as parsed and enriched. */
    record Identity(String articleId, int revision, String previousHash, String storyKey, String canonicalUrl, List<String> urls,
                    String host, String contentHash, long simhash, String duplicateOf, Integer duplicateDistance, long fetchedAt,
                    long processedAt) {
    }

    /** The Article's bytes inside an Avro-encoded ParsedPage starting at {@code offset}. */
    static byte[] articleOfPage(byte[] page, int offset) {
        Cursor c = new Cursor(page, offset);
        List<Schema.Field> fields = ParsedPage.getClassSchema().getFields();
        for (int i = 0; i < PAGE_ARTICLE; i++) {
            c.skip(fields.get(i).schema());
        }
        int start = c.pos;
        c.skip(ARTICLE);
        return java.util.Arrays.copyOfRange(page, start, c.pos);
    }

    /** The {@code sourceId} field of an encoded Article, read without decoding the rest. */
    static String sourceId(byte[] article) {
        Cursor c = new Cursor(article, 0);
        List<Schema.Field> fields = ARTICLE.getFields();
        for (int i = 0; i < SOURCE_ID; i++) {
            c.skip(fields.get(i).schema());
        }
        int length = Math.toIntExact(c.varlong());
        return new String(article, c.pos, length, StandardCharsets.UTF_8);
    }

    /** {@code draft} (an encoded Article) with its identity fields replaced, encoded. */
    static byte[] withIdentity(byte[] draft, Identity id) {
        Cursor c = new Cursor(draft, 0);
        Bin.Out out = new Bin.Out(draft.length + 512);
        List<Schema.Field> fields = ARTICLE.getFields();
        for (int f = 0; f < FIELDS; f++) {
            int start = c.pos;
            c.skip(fields.get(f).schema());
            if (f == ARTICLE_ID) {
                string(out, id.articleId());
            } else if (f == REVISION) {
                out.varlong(id.revision());
            } else if (f == PREVIOUS_HASH) {
                optionalString(out, fields.get(f).schema(), id.previousHash());
            } else if (f == STORY_KEY) {
                string(out, id.storyKey());
            } else if (f == CANONICAL_URL) {
                string(out, id.canonicalUrl());
            } else if (f == URLS) {
                if (!id.urls().isEmpty()) {
                    out.varlong(id.urls().size());
                    id.urls().forEach(u -> string(out, u));
                }
                out.varlong(0);
            } else if (f == HOST) {
                string(out, id.host());
            } else if (f == CONTENT_HASH) {
                string(out, id.contentHash());
            } else if (f == SIMHASH) {
                out.varlong(id.simhash());
            } else if (f == DUPLICATE_OF) {
                optionalString(out, fields.get(f).schema(), id.duplicateOf());
            } else if (f == DUPLICATE_DISTANCE) {
                Schema s = fields.get(f).schema();
                if (id.duplicateDistance() == null) {
                    out.varlong(s.getIndexNamed("null"));
                } else {
                    out.varlong(s.getIndexNamed("int")).varlong(id.duplicateDistance());
                }
            } else if (f == FETCHED_AT) {
                out.varlong(id.fetchedAt());
            } else if (f == PROCESSED_AT) {
                out.varlong(id.processedAt());
            } else {
                out.raw(draft, start, c.pos - start);
            }
        }
        return out.toBytes();
    }

    private static void string(Bin.Out out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.varlong(b.length).raw(b);
    }

    private static void optionalString(Bin.Out out, Schema union, String s) {
        if (s == null) {
            out.varlong(union.getIndexNamed("null"));
        } else {
            out.varlong(union.getIndexNamed("string"));
            string(out, s);
        }
    }

    /** Reads past Avro binary values (zig-zag varints, length-prefixed strings, blocked arrays and maps). */
    private static final class Cursor {
        private final byte[] buf;
        private int pos;

        Cursor(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        long varlong() {
            long raw = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                raw |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("malformed varint at " + pos);
                }
            }
        }

        /** Moves past {@code n} bytes (read the length first: {@code pos += varlong()} would add to the old position). */
        private void advance(long n) {
            pos = Math.addExact(pos, Math.toIntExact(n));
        }

        void skip(Schema s) {
            switch (s.getType()) {
                case NULL -> {
                }
                case BOOLEAN -> pos++;
                case INT, LONG, ENUM -> varlong();
                case FLOAT -> pos += 4;
                case DOUBLE -> pos += 8;
                case STRING, BYTES -> advance(varlong());
                case FIXED -> pos += s.getFixedSize();
                case UNION -> skip(s.getTypes().get(Math.toIntExact(varlong())));
                case ARRAY, MAP -> {
                    for (long n = varlong(); n != 0; n = varlong()) {
                        if (n < 0) {
                            advance(varlong());
                            continue;
                        }
                        for (long i = 0; i < n; i++) {
                            if (s.getType() == Schema.Type.MAP) {
                                advance(varlong());
                                skip(s.getValueType());
                            } else {
                                skip(s.getElementType());
                            }
                        }
                    }
                }
                case RECORD -> s.getFields().forEach(f -> skip(f.schema()));
                default -> throw new IllegalArgumentException("cannot skip " + s.getType());
            }
            if (pos > buf.length) {
                throw new IllegalArgumentException("truncated Avro record");
            }
        }
    }
}
