package io.conveyor.dataplane.health;

import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of a liveness or readiness check: up or down, and per loop or dependency what is
 * wrong (or, when up, what was looked at). The details are what the health endpoint shows.
 */
public record HealthVerdict(boolean up, Map<String, String> details) {

    public HealthVerdict {
        details = Map.copyOf(details);
    }

    static HealthVerdict of(Map<String, String> problems, Map<String, String> fine) {
        Map<String, String> all = new TreeMap<>(fine);
        all.putAll(problems);
        return new HealthVerdict(problems.isEmpty(), all);
    }
}
