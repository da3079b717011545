package dev.newsflow.common.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry held in memory: same ids for the same schema text, one id sequence. Used by fast tests
 * (TopologyTestDriver) and as the storage core of the embedded registry.
 */
public class InMemorySchemaRegistry implements SchemaRegistryClient {
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        Integer id = idsBySchema.get(canonical);
        if (id == null) {
            id = nextId++;
            idsBySchema.put(canonical, id);
            schemasById.put(id, schema);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, null);
        }
        return schema;
    }
}
