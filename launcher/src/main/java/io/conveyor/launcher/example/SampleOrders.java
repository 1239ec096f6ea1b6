package io.conveyor.launcher.example;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * The example's input: a deterministic orders CSV with defects on purpose, so the example shows
 * rejects and its result can be checked exactly. About 1% of rows are bad (an e-mail without
 * '@', an amount that is no number, a timestamp that is no time) and 0.5% repeat an earlier
 * order id (valid; the later row wins the upsert). Countries and statuses are sometimes padded
 * or lower case, which the pipeline's cleansing rules repair.
 */
public final class SampleOrders {

    private static final List<String> HEADER = List.of("order_id", "customer_email", "country", "amount", "currency",
            "status", "created_at", "note", "shipping_address");
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "PL", "ES", "IT", "SE", "JP"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "USD", "GBP", "EUR", "PLN", "EUR", "EUR", "SEK", "JPY"};
    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final String[] WORDS = {"amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor"};
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    /** What was written: the pipeline must load {@code distinctValidOrders} rows and reject {@code badRows}. */
    public record Written(Path file, long rows, long badRows, long duplicateIds, long distinctValidOrders) {
    }

    private SampleOrders() {
    }

    public static Written write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        BitSet validIds = new BitSet(rows + 1);
        long bad = 0;
        long duplicates = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter csv = new CsvMapper().writerFor(String[].class).with(schema).writeValues(writer)) {
            csv.write(HEADER.toArray(String[]::new));
            for (int i = 1; i <= rows; i++) {
                int orderId = i;
                if (i > 100 && random.nextDouble() < 0.005) {
                    orderId = 1 + random.nextInt(i - 1);
                    duplicates++;
                }
                Order order = order(orderId, random);
                if (order.valid()) {
                    validIds.set(orderId);
                } else {
                    bad++;
                }
                csv.write(order.fields());
            }
        }
        return new Written(file, rows, bad, duplicates, validIds.cardinality());
    }

    private static Order order(int orderId, Random random) {
        int country = random.nextInt(COUNTRIES.length);
        String email = "customer" + random.nextInt(1_000_000) + "@example.com";
        String amount = String.format("%.2f", 1 + random.nextDouble() * 4999);
        String created = BASE.plusSeconds(random.nextInt(300 * 86_400)).toString();
        double defect = random.nextDouble();
        boolean valid = defect >= 0.010;
        if (defect < 0.005) {
            email = email.replace("@", " at ");
        } else if (defect < 0.008) {
            amount = defect < 0.0065 ? "N/A" : "12,5x";
        } else if (defect < 0.010) {
            created = "31/02/2026";
        }
        String countryText = random.nextDouble() < 0.9 ? COUNTRIES[country] : " " + COUNTRIES[country].toLowerCase() + " ";
        String status = STATUSES[random.nextInt(STATUSES.length)];
        String note = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
        String address = (1 + random.nextInt(999)) + " " + WORDS[random.nextInt(WORDS.length)] + " Street, "
                + (10_000 + random.nextInt(90_000)) + " Springfield";
        return new Order(new String[] {Integer.toString(orderId), email, countryText, amount, CURRENCIES[country],
                random.nextDouble() < 0.9 ? status : status.toLowerCase(), created, note, address}, valid);
    }

    private record Order(String[] fields, boolean valid) {
    }
}
