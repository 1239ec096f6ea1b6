package io.conveyor.pipeline.spec;

import java.util.Map;
import java.util.Objects;

/** A database password, given in the pipeline file or named by an environment variable. */
public sealed interface Password {

    /** The password text, looking variables up in {@code environment} (typically {@link System#getenv()}). */
    String reveal(Map<String, String> environment);

    /** A password written in the pipeline file. */
    record Literal(String value) implements Password {

        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String reveal(Map<String, String> environment) {
            return value;
        }

        @Override
        public String toString() {
            return "Literal[****]";
        }
    }

    /** A password read from an environment variable when it is needed. */
    record FromEnv(String variable) implements Password {

        public FromEnv {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String reveal(Map<String, String> environment) {
            String value = environment.get(variable);
            if (value == null) {
                // Services pass only the variables their secret-env-allow list names.
                throw new IllegalStateException("environment variable " + variable + " holding the password is not set,"
                        + " or not allowed as a secret on this service (its secret-env-allow setting)");
            }
            return value;
        }
    }
}
