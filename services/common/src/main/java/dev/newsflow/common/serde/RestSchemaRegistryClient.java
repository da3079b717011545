package dev.newsflow.common.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (Confluent, Karapace, Redpanda, Apicurio ccompat).
 * Registrations and look-ups are cached for the life of the client, so the hot path never calls out.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Map<String, Integer> registered = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema;
        Integer cached = registered.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        body.put("schemaType", "AVRO");
        JsonNode reply = call("POST", "/subjects/" + encode(subject) + "/versions", body.toString());
        int id = reply.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("Registry answered without an id: " + reply, 200, null);
        }
        registered.put(cacheKey, id);
        byId.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = call("GET", "/schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(reply.path("schema").asText());
        byId.putIfAbsent(id, schema);
        return schema;
    }

    /** Asks whether {@code schema} is compatible with the latest version under {@code subject}. */
    public boolean isCompatible(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        body.put("schemaType", "AVRO");
        try {
            JsonNode reply = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body.toString());
            return reply.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return true;
            }
            throw e;
        }
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " unreachable: " + e.getMessage(), -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted calling the schema registry", -1, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(method + " " + path + " failed with HTTP " + response.statusCode()
                    + ": " + abbreviate(response.body()), response.statusCode(), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("Registry answered with invalid JSON: " + abbreviate(response.body()), response.statusCode(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
