package io.conveyor.scheduler.catalog;

/** The catalog could not read the pipelines topic. */
public final class CatalogException extends RuntimeException {

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
