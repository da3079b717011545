package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.fetcher.http.CharsetSniffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's per-page scans against the slower code they replaced: the meta-robots lookup against one unanchored
 * regex over the head, the UTF-8 check against the JDK's reporting decoder (both kept here as oracles).
 */
class FetchScanPropertyTest {
    private static final Pattern OLD_META_ROBOTS = Pattern.compile("<meta[^>]+name\\s*=\\s*[\"']?robots[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern OLD_CONTENT = Pattern.compile("content\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    private static final String[] PIECES = {"<meta", "<META", "<Meta ", " name=", "NAME = ", "'robots'", "\"robots\"", "robots", "googlebot",
        " content=\"noindex\"", " CONTENT='nofollow, NoIndex'", ">", "<", "<link rel=x>", "<p>", "text ", "=", "\"", "'", " ", "\n", "é", "<me", "ta"};

    private static String oldMetaRobots(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 16384), StandardCharsets.ISO_8859_1);
        Matcher m = OLD_META_ROBOTS.matcher(head);
        if (!m.find()) {
            return null;
        }
        Matcher c = OLD_CONTENT.matcher(m.group());
        return c.find() ? c.group(1).trim().toLowerCase(Locale.ROOT) : null;
    }

    @Test
    void metaRobotsShouldAgreeWithTheWholeHeadRegex() {
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(25);
            for (int i = 0; i < parts; i++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(PageFetch.metaRobots(body)).as(sb.toString()).isEqualTo(oldMetaRobots(body));
        }
        byte[] late = ("<html><head>" + "x".repeat(16_380) + "<meta name=robots content=noindex></head>").getBytes(StandardCharsets.UTF_8);
        assertThat(PageFetch.metaRobots(late)).isEqualTo(oldMetaRobots(late)).isNull();
    }

    private static boolean jdkDecodes(byte[] b, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The old check: a body over 64 KB was judged on its first 64 KB, which may end inside a character. */
    private static boolean oldIsUtf8(byte[] body) {
        if (body.length <= 64 * 1024) {
            return jdkDecodes(body, body.length);
        }
        for (int drop = 0; drop <= 3; drop++) {
            if (jdkDecodes(body, 64 * 1024 - drop)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void utf8CheckShouldAgreeWithTheJdkDecoder() {
        Random random = new Random(11);
        String text = "Nachrichten — новости — 新闻 — أخبار — 😀 ";
        for (int n = 0; n < 2_000; n++) {
            int size = random.nextBoolean() ? random.nextInt(300) : 64 * 1024 - 8 + random.nextInt(16);
            StringBuilder sb = new StringBuilder();
            while (sb.length() < size) {
                sb.append(text, 0, 1 + random.nextInt(text.length() - 1));
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            body = java.util.Arrays.copyOf(body, Math.min(body.length, size));
            if (random.nextInt(4) == 0 && body.length > 0) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            assertThat(CharsetSniffer.isUtf8(body)).isEqualTo(oldIsUtf8(body));
        }
    }
}
