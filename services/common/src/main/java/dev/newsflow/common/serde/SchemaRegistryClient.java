package dev.newsflow.common.serde;

import org.apache.avro.Schema;

/** The part of the Confluent Schema Registry API the serdes need. Implementations cache. */
public interface SchemaRegistryClient {

    /** Registers (or finds) {@code schema} under {@code subject} and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with global id {@code id}. */
    Schema getById(int id);
}
