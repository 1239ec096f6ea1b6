package io.conveyor.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Run ids as every Conveyor component derives them: {@code {pipeline}@{yyyyMMdd'T'HHmmss'Z'}} of the
 * logical time for scheduled and backfill runs, {@code {pipeline}@m-{key}} for manual runs, where key
 * is the first 16 hex digits of the idempotency key's SHA-256. A deterministic id is what makes two
 * scheduler replicas firing the same schedule, or a trigger sent twice, start one run.
 */
public final class RunIds {

    private static final DateTimeFormatter LOGICAL_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int KEY_HASH_DIGITS = 16;

    private RunIds() {
    }

    public static String scheduled(String pipeline, Instant logicalTime) {
        return pipeline + "@" + LOGICAL_TIME.format(logicalTime);
    }

    public static String manual(String pipeline, String idempotencyKey) {
        return pipeline + "@m-" + sha256Hex(idempotencyKey).substring(0, KEY_HASH_DIGITS);
    }

    /** Without an idempotency key every trigger is a new run. */
    public static String manual(String pipeline, Optional<String> idempotencyKey) {
        return manual(pipeline, idempotencyKey.orElseGet(() -> UUID.randomUUID().toString()));
    }

    /** The pipeline a run id belongs to (the part before the first '@'); empty when the text is not a run id. */
    public static Optional<String> pipelineOf(String runId) {
        int at = runId.indexOf('@');
        return at > 0 && at < runId.length() - 1 ? Optional.of(runId.substring(0, at)) : Optional.empty();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
