package io.conveyor.e2e.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic customers CSV file: row {@code i} (1-based) is a pure function of {@code i} and
 * the id offset, so the test knows, without running anything, which rows each stage must reject
 * and what the loaded table must hold.
 *
 * <ul>
 *   <li>every 1000th row from 17 has a sixth column: the extractor rejects it;</li>
 *   <li>every 1000th row from 333 has an amount that is no number and every 1000th from 666 an
 *       e-mail address that is none: the transformer rejects them;</li>
 *   <li>every {@code loadRejectEvery}-th row has an amount the target table's CHECK refuses
 *       ({@link #CHECK}): the loader rejects it.</li>
 * </ul>
 *
 * Good rows have padded names (the transformer trims them) and mixed-case e-mail addresses (it
 * lower-cases them).
 *
 * @param rows            data lines after the header
 * @param idOffset        added to {@code i} to make the id, so that two files never share ids
 * @param loadRejectEvery period of the rows the loader must reject
 */
public record CustomerCsv(long rows, long idOffset, long loadRejectEvery) {

    /** The constraint the test puts on the target table, so that the loader has rows to refuse. */
    public static final String CHECK = "amount < 90000";

    private static final String HEADER = "id,name,email,amount";

    public enum Fate { LOADED, EXTRACT_REJECT, TRANSFORM_REJECT, LOAD_REJECT }

    public Fate fate(long i) {
        if (i % 1000 == 17) {
            return Fate.EXTRACT_REJECT;
        }
        if (i % 1000 == 333 || i % 1000 == 666) {
            return Fate.TRANSFORM_REJECT;
        }
        if (i % loadRejectEvery == loadRejectEvery / 2) {
            return Fate.LOAD_REJECT;
        }
        return Fate.LOADED;
    }

    public String line(long i) {
        long id = idOffset + i;
        String amount = amount(i).toPlainString();
        return switch (fate(i)) {
            case EXTRACT_REJECT -> id + ",Name " + id + ",user" + id + "@example.com," + amount + ",surplus";
            case TRANSFORM_REJECT -> i % 1000 == 333
                    ? id + ",Name " + id + ",user" + id + "@example.com,twelve"
                    : id + ",Name " + id + ",not-an-address-" + id + "," + amount;
            case LOAD_REJECT -> id + ",Name " + id + ",user" + id + "@example.com,99999.99";
            case LOADED -> id + ",\"  Name " + id + " \",User" + id + "@Example.COM," + amount;
        };
    }

    /** The row the table must hold for a LOADED line, as {@code id|name|email|amount} with PostgreSQL's numeric text. */
    public String loadedRow(long i) {
        long id = idOffset + i;
        return id + "|Name " + id + "|user" + id + "@example.com|" + amount(i).toPlainString();
    }

    /** The row a LOADED or TRANSFORM_REJECT line makes when its e-mail address is replaced by {@code email}. */
    public String loadedRowWithEmail(long i, String email) {
        long id = idOffset + i;
        return id + "|Name " + id + "|" + email + "|" + amount(i).toPlainString();
    }

    private static BigDecimal amount(long i) {
        return BigDecimal.valueOf(i % 5_000_000, 2);
    }

    public void write(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (long i = 1; i <= rows; i++) {
                out.write(line(i));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** What the pipeline must do with this file. */
    public Expected expected() {
        long loaded = 0;
        long extract = 0;
        long transform = 0;
        long load = 0;
        BigInteger checksum = BigInteger.ZERO;
        for (long i = 1; i <= rows; i++) {
            switch (fate(i)) {
                case EXTRACT_REJECT -> extract++;
                case TRANSFORM_REJECT -> transform++;
                case LOAD_REJECT -> load++;
                case LOADED -> {
                    loaded++;
                    checksum = checksum.add(BigInteger.valueOf(rowHash(loadedRow(i))));
                }
            }
        }
        return new Expected(rows, loaded, extract, transform, load, checksum);
    }

    /**
     * The first 60 bits of the MD5 of a row's text, which PostgreSQL computes as
     * {@code ('x' || substr(md5(row), 1, 15))::bit(60)::bigint}: summed over the rows it is a
     * checksum of the table's content that does not depend on row order or table size.
     */
    public static long rowHash(String row) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(row.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, md5).shiftRight(128 - 60).longValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    /**
     * @param rows     data lines
     * @param loaded   rows the target table must hold
     * @param checksum sum of {@link #rowHash} over the loaded rows
     */
    public record Expected(long rows, long loaded, long extractRejects, long transformRejects, long loadRejects,
                           BigInteger checksum) {

        public long rejects() {
            return extractRejects + transformRejects + loadRejects;
        }
    }
}
