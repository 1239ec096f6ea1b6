package io.conveyor.cli.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.cli.render.TextTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /pipelines/{name}/dead-letters/summary}: how many letters match, counted by state,
 * stage, task, rule and field.
 */
record DeadLetterSummary(String pipeline, long total, List<Breakdown> breakdowns) {

    /** The counts of one dimension, the largest first: the summary answers "what rejects the most". */
    record Breakdown(String header, Map<String, Long> counts) {

        Breakdown {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
            entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
            Map<String, Long> sorted = new LinkedHashMap<>();
            entries.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            counts = Collections.unmodifiableMap(sorted);
        }
    }

    /** The answer's fields and the column header each is shown under. */
    private static final Map<String, String> DIMENSIONS = dimensions();

    DeadLetterSummary {
        breakdowns = List.copyOf(breakdowns);
    }

    static DeadLetterSummary of(JsonNode summary) {
        List<Breakdown> breakdowns = new ArrayList<>();
        DIMENSIONS.forEach((field, header) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            summary.path(field).fields().forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
            breakdowns.add(new Breakdown(header, counts));
        });
        return new DeadLetterSummary(DeadLetterPage.text(summary, "pipeline"), summary.path("total").asLong(), breakdowns);
    }

    /** The total, then a small table per dimension that has counts, a blank line between them. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Dead letters of %s: %,d%n", pipeline, total));
        for (Breakdown breakdown : breakdowns) {
            if (breakdown.counts().isEmpty()) {
                continue;
            }
            TextTable table = TextTable.of(breakdown.header(), ">LETTERS");
            breakdown.counts().forEach(table::row);
            out.append(System.lineSeparator()).append(table.render());
        }
        return out.toString();
    }

    private static Map<String, String> dimensions() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("byState", "STATE");
        dimensions.put("byStage", "STAGE");
        dimensions.put("byTask", "TASK");
        dimensions.put("byRule", "RULE");
        dimensions.put("byField", "FIELD");
        return Collections.unmodifiableMap(dimensions);
    }
}
