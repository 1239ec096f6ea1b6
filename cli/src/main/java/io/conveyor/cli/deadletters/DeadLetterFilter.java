package io.conveyor.cli.deadletters;

import io.conveyor.cli.CliFailure;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which dead letters a command means, by the keys the scheduler selects on (a null key: any). The
 * same keys are the query parameters of {@code list} and {@code summary} and the {@code selection}
 * of {@code replay} and {@code discard}; the letter's state is not one of them, since replay and
 * discard always select open letters.
 */
record DeadLetterFilter(String run, Stage stage, String task, String rule, String field, String from, String to) {

    /** The stage that rejected the record. */
    enum Stage {
        EXTRACT, TRANSFORM, LOAD
    }

    /** The instants are checked here so that a typo is exit 2 with the option's name, before any request. */
    DeadLetterFilter {
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw CliFailure.invalid("--from " + from + " is after --to " + to);
        }
    }

    /** The keys that are set, in a fixed order, as the scheduler names them. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "run", run);
        put(parameters, "stage", stage == null ? null : stage.name());
        put(parameters, "task", task);
        put(parameters, "rule", rule);
        put(parameters, "field", field);
        put(parameters, "from", from);
        put(parameters, "to", to);
        return parameters;
    }

    private static void put(Map<String, String> parameters, String key, String value) {
        if (value != null) {
            parameters.put(key, value);
        }
    }

    private static Instant instant(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliFailure.invalid(option + " '" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
