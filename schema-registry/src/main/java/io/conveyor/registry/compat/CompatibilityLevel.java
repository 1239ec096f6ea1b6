package io.conveyor.registry.compat;

import io.conveyor.registry.core.RegistryException;

import java.util.Locale;

/** Confluent's compatibility levels: the direction of the check and whether it spans all versions. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the old one. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** The old schema must read data written with the new one. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Checked against every live version rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    public static CompatibilityLevel parse(String value) {
        if (value == null) {
            throw RegistryException.invalidCompatibilityLevel("null");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel(value);
        }
    }
}
