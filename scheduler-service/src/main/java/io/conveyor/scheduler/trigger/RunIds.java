package io.conveyor.scheduler.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Run ids, as every Conveyor service derives them: {@code {pipeline}@{yyyyMMdd'T'HHmmss'Z'}} of the
 * logical time for scheduled and backfill runs, {@code {pipeline}@m-{first 16 hex digits of the
 * SHA-256 of the idempotency key}} for manual runs. The pipeline is the part before {@code @}.
 */
public final class RunIds {

    private static final DateTimeFormatter LOGICAL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int KEY_HASH_DIGITS = 16;

    private RunIds() {
    }

    public static String scheduled(String pipeline, Instant logicalTime) {
        return pipeline + "@" + LOGICAL_TIME.format(logicalTime);
    }

    public static String manual(String pipeline, String idempotencyKey) {
        return pipeline + "@m-" + sha256Hex(idempotencyKey).substring(0, KEY_HASH_DIGITS);
    }

    /** The pipeline a run id belongs to; empty when the text is not a run id. */
    public static Optional<String> pipelineOf(String runId) {
        int at = runId.indexOf('@');
        return at > 0 && at < runId.length() - 1 ? Optional.of(runId.substring(0, at)) : Optional.empty();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
