package io.conveyor.pipeline.spec.sink;

import io.conveyor.pipeline.spec.Password;
import java.util.Objects;
import java.util.Optional;

/** A PostgreSQL table. */
public record PostgresSink(String url, Optional<String> user, Optional<Password> password, String schema,
                           TableTarget target) implements SinkSpec {

    public static final String DEFAULT_SCHEMA = "public";

    public PostgresSink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(target, "target");
    }
}
