package dev.newsflow.app.proof;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.Topic;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The final verdict of the crash test: compares the database and the output topics (read_committed) with the
 * articles the load site published. Every difference is collected as a readable problem.
 */
public final class PipelineCheck {
    private final int articles;
    private final LoadSite site;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> figures = new java.util.LinkedHashMap<>();

    public PipelineCheck(int articles, LoadSite site) {
        this.articles = articles;
        this.site = site;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, Long> figures() {
        return figures;
    }

    /** Number of current article rows, for progress (0 if the database does not exist yet). */
    public static long storedArticles(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM articles WHERE is_current")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Articles, revisions, URLs and sightings in the database. */
    public PipelineCheck database(String jdbcUrl, String user, String password) throws SQLException {
        Map<String, Integer> idByPath = new HashMap<>();
        Map<String, Set<String>> urlsById = new HashMap<>();
        Set<String> sightedUrls = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT article_id, canonical_url, title FROM articles WHERE is_current")) {
                while (rs.next()) {
                    String path = URI.create(rs.getString(2)).getPath();
                    int i = LoadSite.articleIndex(path);
                    if (i < 0 || i >= articles) {
                        problems.add("unexpected article " + rs.getString(2));
                    } else if (idByPath.put(rs.getString(1), i) != null) {
                        problems.add("article id stored twice as current: " + rs.getString(1));
                    }
                    if (!rs.getString(2).contains(LoadSite.PRIMARY_HOST)) {
                        problems.add("canonical URL not on the primary host: " + rs.getString(2));
                    }
                }
            }
            figures.put("db.articles.current", (long) idByPath.size());
            Set<Integer> seen = new HashSet<>(idByPath.values());
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < articles; i++) {
                if (!seen.contains(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " articles missing from the database, e.g. " + missing.subList(0, Math.min(10, missing.size())));
            }
            if (idByPath.size() != seen.size()) {
                problems.add((idByPath.size() - seen.size()) + " articles stored more than once under different ids");
            }
            long revisions = count(st, "SELECT COUNT(*) FROM articles");
            figures.put("db.articles.rows", revisions);
            if (revisions != articles) {
                problems.add("articles table holds " + revisions + " revisions, expected exactly " + articles + " (one per article)");
            }
            try (ResultSet rs = st.executeQuery("SELECT article_id, url FROM article_urls")) {
                while (rs.next()) {
                    urlsById.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT url FROM sightings")) {
                while (rs.next()) {
                    sightedUrls.add(rs.getString(1));
                }
            }
            figures.put("db.sightings.rows", count(st, "SELECT COUNT(*) FROM sightings"));
        }
        int badUrls = 0;
        int missingSightings = 0;
        for (Map.Entry<String, Integer> e : idByPath.entrySet()) {
            Set<String> expected = expectedUrls(e.getValue());
            if (!expected.equals(urlsById.getOrDefault(e.getKey(), Set.of()))) {
                if (badUrls++ < 5) {
                    problems.add("article " + e.getValue() + " has URLs " + urlsById.get(e.getKey()) + ", expected " + expected);
                }
            }
            for (String u : expected) {
                if (!sightedUrls.contains(u) && missingSightings++ < 5) {
                    problems.add("no sighting stored for " + u);
                }
            }
        }
        figures.put("db.articles.wrong-urls", (long) badUrls);
        figures.put("db.sightings.missing", (long) missingSightings);
        return this;
    }

    /**
     * Reads the article and sighting topics from the beginning as a read_committed consumer. An article is
     * emitted once per state (first copy, then once more when its mirror URL joins), so any repeated
     * (id, revision, URL set) or a second PRIMARY/MIRROR sighting of the same URL is a duplicate.
     */
    public PipelineCheck topics(Map<String, Object> clientProps, NewsTopics topics) {
        Map<String, Integer> states = new HashMap<>();
        read(clientProps, topics.articles(), (ConsumerRecord<String, Article> r) -> {
            Article a = r.value();
            states.merge(a.getArticleId() + "#" + a.getRevision() + "#" + new TreeSet<>(a.getUrls()), 1, Integer::sum);
        });
        long dupArticles = states.values().stream().filter(n -> n > 1).count();
        figures.put("topic.articles.records", states.values().stream().mapToLong(Integer::longValue).sum());
        figures.put("topic.articles.duplicates", dupArticles);
        long expectedStates = articles + site.mirrorCount(articles);
        if (dupArticles > 0) {
            problems.add(dupArticles + " article states appear more than once on " + topics.articles().name());
        }
        if (states.size() != expectedStates) {
            problems.add(topics.articles().name() + " holds " + states.size() + " distinct article states, expected " + expectedStates);
        }
        Map<String, Integer> sightings = new HashMap<>();
        long[] refetches = {0};
        read(clientProps, topics.sightings(), (ConsumerRecord<String, Sighting> r) -> {
            Sighting s = r.value();
            if (s.getKind() == SightingKind.REFETCH) {
                refetches[0]++;
            } else {
                sightings.merge(s.getUrl().toString(), 1, Integer::sum);
            }
        });
        long dupSightings = sightings.values().stream().filter(n -> n > 1).count();
        figures.put("topic.sightings.first", (long) sightings.size());
        figures.put("topic.sightings.refetch", refetches[0]);
        figures.put("topic.sightings.duplicates", dupSightings);
        if (dupSightings > 0) {
            problems.add(dupSightings + " URLs have more than one first sighting on " + topics.sightings().name());
        }
        if (sightings.size() != expectedStates) {
            problems.add(topics.sightings().name() + " has first sightings of " + sightings.size() + " URLs, expected " + expectedStates);
        }
        return this;
    }

    private Set<String> expectedUrls(int i) {
        Set<String> urls = new HashSet<>();
        urls.add(site.baseUrl(LoadSite.PRIMARY_HOST) + LoadArticles.path(i));
        if (site.hasMirror(i)) {
            urls.add(site.baseUrl(LoadSite.MIRROR_HOST) + LoadArticles.path(i));
        }
        return urls;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static <V> void read(Map<String, Object> clientProps, Topic<String, V> topic, Consumer<ConsumerRecord<String, V>> each) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        props.remove("group.id");
        Deserializer<String> keys = topic.keySerde().deserializer();
        Deserializer<V> values = topic.valueSerde().deserializer();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
