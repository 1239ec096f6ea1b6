package io.conveyor.serde.registry;

/** The registry refused a request; carries Confluent's error code so callers can tell cases apart. */
public final class RegistryClientException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE = 409;

    private final int httpStatus;
    private final int errorCode;

    public RegistryClientException(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public RegistryClientException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
