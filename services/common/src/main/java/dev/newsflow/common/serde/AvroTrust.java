package dev.newsflow.common.serde;

import org.apache.avro.util.ClassSecurityValidator;

/** Lets Avro instantiate newsflow's generated classes (Avro 1.12 refuses classes outside a trusted set). */
public final class AvroTrust {
    public static final String PACKAGE = "dev.newsflow.avro.";
    private static volatile boolean installed;

    private AvroTrust() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, c -> c.getName().startsWith(PACKAGE)));
        installed = true;
    }
}
