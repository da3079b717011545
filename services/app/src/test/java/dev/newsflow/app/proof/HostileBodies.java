package dev.newsflow.app.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Builds the generated bodies of the hostile corpus ({@code gen:<name>}) and reads the fixture files ({@code file:<name>}). */
final class HostileBodies {
    private static final String[] WORDS = ("council harbour winter railway budget school museum festival bridge minister farmers "
            + "election hospital storm court river energy village market police teachers airport factory ferry library drought "
            + "vaccine museum stadium mayor treaty union wages housing tunnel vineyard orchestra glacier satellite border").split(" ");

    /**
     * A clean article body of its own for {@code seed}: records that must each be stored (canaries) need distinct
     * text, or deduplication rightly folds them into one story.
     */
    static String uniqueText(String seed) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        StringBuilder b = new StringBuilder();
        for (int sentence = 0; sentence < 8; sentence++) {
            for (int w = 0; w < 12; w++) {
                b.append(w == 0 ? "The" : WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            b.setLength(b.length() - 1);
            b.append(". ");
        }
        return b.toString().trim();
    }

    static final String ARTICLE_TEXT = "The river authority opened the new flood barrier on Wednesday, three years after the storm "
            + "that flooded four hundred homes in the lower town. Engineers said the barrier can hold back a surge one metre higher "
            + "than the one that broke the old wall, and that it closes automatically when the tide gauge reaches its limit. "
            + "Residents said they would sleep better in winter, though some asked why the upstream villages are still waiting.";

    private HostileBodies() {
    }

    static byte[] body(String spec) {
        if (spec.equals("-")) {
            return new byte[0];
        }
        if (spec.startsWith("file:")) {
            return resource("/hostile/pages/" + spec.substring(5));
        }
        return generate(spec.substring(4));
    }

    static byte[] resource(String path) {
        try (InputStream in = HostileBodies.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing corpus file " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] generate(String name) {
        return switch (name) {
            case "html-20mb" -> page("Twenty megabytes", repeat("<p>" + ARTICLE_TEXT + "</p>\n", 20 * 1024 * 1024));
            case "html-6mb" -> page("Six megabytes", repeat("<p>" + ARTICLE_TEXT + "</p>\n", 6 * 1024 * 1024));
            case "dom-100k" -> page("A hundred thousand elements", "<p>" + ARTICLE_TEXT + "</p>" + repeat("<span>x</span>", 100_000 * 14));
            case "deep-nesting" -> page("Deep nesting", "<div>".repeat(50_000) + "<p>" + ARTICLE_TEXT + "</p>" + "</div>".repeat(50_000));
            case "deep-inline" -> page("Deep inline nesting", "<p>" + ARTICLE_TEXT + "</p>" + "<b><i>".repeat(20_000) + "end");
            case "jsonld-bomb" -> jsonLdBomb();
            case "jsonld-deep" -> page("Deep JSON-LD", "<p>" + ARTICLE_TEXT + "</p>",
                    "<script type=\"application/ld+json\">" + "[".repeat(100_000) + "]".repeat(100_000) + "</script>");
            case "giant-text-node" -> page("Giant text node", "<p>" + ARTICLE_TEXT + "</p><p>" + "a".repeat(3 * 1024 * 1024) + "</p>");
            case "entity-flood" -> page("Entity flood", "<p>" + ARTICLE_TEXT + "</p><p>"
                    + repeat("&amp;&#x1F600;&bogus;&#0;&#xD800;", 500_000 * 6) + "</p>");
            case "null-bytes" -> page("Control \u0001characters", "<p>" + ARTICLE_TEXT.replace("barrier", "bar\u0000rier")
                    .replace("tide", "ti\u0007de\u001b[31m") + "</p>");
            case "lying-latin1" -> new String(page("Caf\u00e9 owners f\u00eate the new pi\u00e9ton zone", "<p>" + ARTICLE_TEXT
                    + " Caf\u00e9s and cr\u00eaperies along the \u00e9splanade said trade rose by a fifth.</p>"), StandardCharsets.UTF_8)
                    .getBytes(Charset.forName("windows-1252"));
            case "lying-sjis" -> ("<html><head><meta charset=\"Shift_JIS\"><title>\u6e2f\u306b\u65b0\u3057\u3044\u30d5\u30a7\u30ea\u30fc</title></head>"
                    + "<body><article><h1>\u6e2f\u306b\u65b0\u3057\u3044\u30d5\u30a7\u30ea\u30fc</h1><p>"
                    + "\u5e02\u8b70\u4f1a\u306f\u706b\u66dc\u65e5\u3001\u5cf6\u3078\u306e\u65b0\u3057\u3044\u30d5\u30a7\u30ea\u30fc\u306e\u904b\u822a\u3092\u627f\u8a8d\u3057\u305f\u3002".repeat(20)
                    + "</p></article></body></html>").getBytes(Charset.forName("Shift_JIS"));
            case "utf16-no-bom" -> new String(page("Sixteen bits", "<p>" + ARTICLE_TEXT + "</p>"), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_16LE);
            case "invalid-utf8" -> invalidUtf8();
            case "bom-mismatch" -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    page("Byte order mark", "<p>" + ARTICLE_TEXT + "</p>", "<meta charset=\"utf-16\">"));
            case "pdf" -> concat("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                    .getBytes(StandardCharsets.ISO_8859_1), random(200_000, 7));
            case "binary" -> random(1024 * 1024, 11);
            case "garbage" -> "this is not avro \u0000\u0001\u0002 at all".getBytes(StandardCharsets.UTF_8);
            case "unknown-schema-id" -> concat(new byte[] {0, 0, 0x0F, 0x12, 0x06}, random(200, 3));
            default -> throw new IllegalArgumentException("unknown generator " + name);
        };
    }

    static byte[] page(String title, String body) {
        return page(title, body, "");
    }

    static byte[] page(String title, String body, String head) {
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>" + head
                + "</head><body><main><article><h1>" + title + "</h1>\n" + body + "\n</article></main></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonLdBomb() {
        StringBuilder b = new StringBuilder(5_000_000);
        b.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",")
                .append("\"headline\":\"JSON-LD bomb\",\"author\":[");
        for (int i = 0; i < 100_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"@type\":\"Person\",\"name\":\"A").append(i).append("\"}");
        }
        b.append("]}</script>");
        return page("JSON-LD bomb", "<p>" + ARTICLE_TEXT + "</p>", b.toString());
    }

    private static byte[] invalidUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = page("Broken bytes", "<p>" + ARTICLE_TEXT + " XX </p>");
        out.writeBytes(head);
        out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80, (byte) 0xAF, (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0xE2, (byte) 0x82});
        return out.toByteArray();
    }

    static byte[] zerosGzip(long size) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf, 65536)) {
            writeZeros(gz, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static byte[] zerosDeflate(long size) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(buf, new java.util.zip.Deflater(), 65536)) {
            writeZeros(d, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static void writeZeros(java.io.OutputStream out, long size) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long done = 0; done < size; done += zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, size - done));
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String repeat(String unit, int approxChars) {
        return unit.repeat(Math.max(1, approxChars / unit.length()));
    }
}
