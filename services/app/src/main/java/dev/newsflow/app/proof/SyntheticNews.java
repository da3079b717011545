package dev.newsflow.app.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distinct, news-like article pages for the state benchmark. Words are drawn from the word frequencies of real
 * article bodies (the hand-made reference texts of the article-extraction benchmark), so function words, common
 * news words and rare words come at their natural rates; a small share of tokens are names from a long synthetic
 * tail (log-uniform over {@value #NAMES} names), so the vocabulary keeps growing with the number of articles as
 * real news does; and each article repeats a handful of its own topic words, so keyword extraction has something
 * to find. Article {@code i} is a pure function of {@code i}: every article has its own body.
 */
public final class SyntheticNews {
    private static final int NAMES = 500_000;
    private static final String[] SECTIONS = {"world", "politics", "business", "science", "sport", "culture", "health", "technology"};
    private static final String[] SYLLABLES = ("ka ri to ma ne lo su vi da pe gor lin ber tan mon sel var dun hal rok "
            + "mi za qu el an or is ul ev ath ren dor fal gri nov tas bel cor wen").split(" ");
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)?");

    private final String[] words;
    private final long[] cumulative;
    private final int bodyWords;

    private SyntheticNews(String[] words, long[] cumulative, int bodyWords) {
        this.words = words;
        this.cumulative = cumulative;
        this.bodyWords = bodyWords;
    }

    /**
     * Word frequencies from {@code ground-truth.json} of the article-extraction dev set (its {@code articleBody}
     * texts); bodies of about {@code bodyWords} words (uniform between 2/3 and 4/3 of it).
     */
    public static SyntheticNews fromReferenceTexts(Path groundTruth, int bodyWords) {
        Map<String, Long> counts = new HashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(groundTruth.toFile());
            for (JsonNode item : root) {
                String text = item.path("articleBody").asText("");
                if (!english(text)) {
                    continue;
                }
                Matcher m = WORD.matcher(text);
                while (m.find()) {
                    counts.merge(m.group(), 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference texts in " + groundTruth, e);
        }
        if (counts.size() < 1000) {
            throw new IllegalArgumentException(groundTruth + " has only " + counts.size() + " distinct words; need a real corpus");
        }
        String[] words = counts.keySet().stream().sorted().toArray(String[]::new);
        long[] cumulative = new long[words.length];
        long sum = 0;
        for (int k = 0; k < words.length; k++) {
            sum += counts.get(words[k]);
            cumulative[k] = sum;
        }
        return new SyntheticNews(words, cumulative, bodyWords);
    }

    /** Mostly Latin letters and "the" among the words: the generator mixes words of one language, as an article does. */
    static boolean english(String text) {
        long letters = text.chars().filter(Character::isLetter).count();
        long latin = text.chars().filter(c -> c < 0x250 && Character.isLetter(c)).count();
        int words = text.split("\\s+").length;
        int the = text.split("\\bthe\\b", -1).length - 1;
        return letters > 0 && latin >= letters * 0.98 && the >= words / 40;
    }

    public int vocabulary() {
        return words.length;
    }

    /** One article: its section, slug, title, author and paragraphs. */
    public record Article(int index, String section, String slug, String title, String author, List<String> paragraphs) {
        public int wordCount() {
            return paragraphs.stream().mapToInt(p -> p.split(" ").length).sum();
        }
    }

    public Article article(int i) {
        SplittableRandom r = new SplittableRandom(seed(i, 1));
        String[] topic = new String[8];
        for (int k = 0; k < topic.length; k++) {
            topic[k] = k < 3 ? name(r) : word(r);
        }
        String title = capital(sentence(r, topic, 6 + r.nextInt(6), 0.3));
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        int target = bodyWords * 2 / 3 + r.nextInt(Math.max(1, bodyWords * 2 / 3));
        List<String> paragraphs = new ArrayList<>();
        int written = 0;
        while (written < target) {
            StringBuilder p = new StringBuilder();
            int sentences = 2 + r.nextInt(3);
            for (int s = 0; s < sentences && written < target; s++) {
                int len = Math.min(8 + r.nextInt(21), Math.max(4, target - written));
                p.append(p.length() == 0 ? "" : " ").append(capital(sentence(r, topic, len, 0.08))).append('.');
                written += len;
            }
            paragraphs.add(p.toString());
        }
        return new Article(i, SECTIONS[r.nextInt(SECTIONS.length)], slug.length() > 80 ? slug.substring(0, 80) : slug, title,
                name(r) + " " + name(r), paragraphs);
    }

    /** A further paragraph for a revision of article {@code i} (an update appended to the story). */
    public String update(int i, int revision) {
        SplittableRandom r = new SplittableRandom(seed(i, 2 + revision));
        return "Update: " + sentence(r, new String[] {name(r)}, 20 + r.nextInt(20), 0.1) + ".";
    }

    /**
     * The HTML page of {@code a} as served at {@code url}, with a canonical link to {@code canonical}; structured data
     * as news sites write it (JSON-LD NewsArticle, OpenGraph), navigation, related links and a footer.
     */
    public String html(Article a, String siteName, String base, String url, String canonical, Instant published, Instant modified,
                       List<String> extraParagraphs) {
        StringBuilder b = new StringBuilder(8192);
        String title = escape(a.title());
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title).append(" | ")
                .append(siteName).append("</title>\n<link rel=\"canonical\" href=\"").append(canonical).append("\">\n")
                .append("<meta property=\"og:url\" content=\"").append(canonical).append("\">\n")
                .append("<meta property=\"og:title\" content=\"").append(title).append("\">\n")
                .append("<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"").append(siteName)
                .append("\">\n<meta property=\"article:section\" content=\"").append(a.section()).append("\">\n")
                .append("<meta property=\"article:published_time\" content=\"").append(published).append("\">\n")
                .append("<meta property=\"article:modified_time\" content=\"").append(modified).append("\">\n")
                .append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",")
                .append("\"headline\":\"").append(title.replace("\"", "")).append("\",\"datePublished\":\"").append(published)
                .append("\",\"dateModified\":\"").append(modified).append("\",\"articleSection\":\"").append(a.section())
                .append("\",\"author\":{\"@type\":\"Person\",\"name\":\"").append(a.author()).append("\"}}</script>\n")
                .append("</head><body><header class=\"masthead\"><a href=\"").append(base).append("/\">").append(siteName).append("</a><nav>");
        for (String s : SECTIONS) {
            b.append("<a href=\"").append(base).append('/').append(s).append("/\">").append(capital(s)).append("</a> ");
        }
        b.append("</nav></header>\n<main><article><h1>").append(title).append("</h1>\n<p class=\"byline\">By <a rel=\"author\" href=\"")
                .append(base).append("/authors/").append(a.index() % 97).append("\">").append(a.author()).append("</a> <time datetime=\"")
                .append(published).append("\">").append(published).append("</time></p>\n<div class=\"article-body\">\n");
        for (String p : a.paragraphs()) {
            b.append("<p>").append(escape(p)).append("</p>\n");
        }
        for (String p : extraParagraphs) {
            b.append("<p>").append(escape(p)).append("</p>\n");
        }
        b.append("</div></article>\n<aside class=\"related\"><h2>More from ").append(siteName).append("</h2><ul>");
        for (int k = 1; k <= 3; k++) {
            b.append("<li><a href=\"").append(base).append('/').append(a.section()).append("/").append(Math.max(0, a.index() - k * 7))
                    .append("\">Related story ").append(k).append("</a></li>");
        }
        return b.append("</ul></aside></main><footer>&copy; ").append(siteName).append(", a synthetic news site</footer></body></html>\n")
                .toString();
    }

    private String sentence(SplittableRandom r, String[] topic, int length, double topicShare) {
        StringBuilder s = new StringBuilder(length * 7);
        for (int w = 0; w < length; w++) {
            double u = r.nextDouble();
            String word = u < topicShare ? topic[r.nextInt(topic.length)] : u < topicShare + 0.03 ? name(r) : word(r);
            s.append(w == 0 ? "" : r.nextInt(14) == 0 ? ", " : " ").append(word);
        }
        return s.toString();
    }

    private String word(SplittableRandom r) {
        long pick = r.nextLong(cumulative[cumulative.length - 1]);
        int k = Arrays.binarySearch(cumulative, pick + 1);
        return words[k >= 0 ? k : -k - 1];
    }

    /** A name from the synthetic tail, log-uniform in rank (Zipf with exponent 1): a few are common, most are rare. */
    private static String name(SplittableRandom r) {
        int rank = (int) Math.min(NAMES - 1, Math.floor(Math.exp(r.nextDouble() * Math.log(NAMES + 1.0))) - 1);
        StringBuilder n = new StringBuilder();
        int x = rank + SYLLABLES.length; // two syllables at least
        do {
            n.append(SYLLABLES[x % SYLLABLES.length]);
            x /= SYLLABLES.length;
        } while (x > 0);
        return capital(n.toString());
    }

    /**
     * A seed per article that is a non-linear function of its index: SplittableRandom advances its seed by a fixed
     * gamma, so seeds that differ by multiples of that gamma would give shifted copies of the same word sequence.
     */
    private static long seed(int i, int stream) {
        long z = i * 0x100000001L + stream;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static String capital(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
