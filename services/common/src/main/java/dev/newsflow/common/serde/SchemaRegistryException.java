package dev.newsflow.common.serde;

/** The registry refused a request or could not be reached. */
public final class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    public SchemaRegistryException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** HTTP status of the failed call, or -1 when the registry could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }
}
