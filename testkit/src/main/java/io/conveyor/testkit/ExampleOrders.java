package io.conveyor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the compose example (deploy/compose/run-example.sh, pipeline deploy/compose/orders-postgres.yaml) must
 * produce from the orders file it generated, worked out from that file alone: a row whose e-mail fails the
 * pipeline's regex, or whose {@code created_at} is not an ISO-8601 instant (the generator writes
 * {@code 31/02/2026} into some), is dead-lettered on that field; every other row is loaded under its
 * {@code order_id} with its {@code amount}. Only the shapes the generator writes are understood; any other
 * line is refused, so a change of the generator cannot silently change the expectation.
 */
public record ExampleOrders(SortedMap<Long, BigDecimal> loaded, SortedMap<String, Long> rejectedByField) {

    private static final String HEADER = "order_id,customer_email,country,amount,currency,status,created_at,note,shipping_address";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public ExampleOrders {
        loaded = new TreeMap<>(loaded);
        rejectedByField = new TreeMap<>(rejectedByField);
    }

    /** Reads the generated {@code orders.csv}. */
    public static ExampleOrders expectedFrom(Path orders) {
        List<String> lines;
        try {
            lines = Files.readAllLines(orders);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the example's orders " + orders, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(orders + ": the first line is not the header " + HEADER);
        }
        SortedMap<Long, BigDecimal> loaded = new TreeMap<>();
        SortedMap<String, Long> rejected = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (fields.length != 9 || lines.get(i).contains("\"")) {
                throw new IllegalArgumentException(orders + " line " + (i + 1) + " is not a generated order: " + lines.get(i));
            }
            if (!EMAIL.matcher(fields[1].trim()).matches()) {
                rejected.merge("customer_email", 1L, Long::sum);
            } else if (!isInstant(fields[6])) {
                rejected.merge("created_at", 1L, Long::sum);
            } else if (loaded.put(Long.parseLong(fields[0]), new BigDecimal(fields[3])) != null) {
                throw new IllegalArgumentException(orders + " line " + (i + 1) + " repeats order_id " + fields[0]);
            }
        }
        return new ExampleOrders(loaded, rejected);
    }

    public long rejected() {
        return rejectedByField.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean isInstant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
