package io.conveyor.scheduler.tracker;

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
 * Run ids as all Conveyor services derive them: {@code {pipeline}@{yyyyMMdd'T'HHmmss'Z'}} of the
 * logical time for scheduled and backfill runs, {@code {pipeline}@m-{key}} for manual runs. A
 * deterministic id is what makes two scheduler replicas firing the same schedule start one run.
 */
public final class RunIds {

    private static final DateTimeFormatter LOGICAL_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MANUAL_KEY_LENGTH = 16;

    private RunIds() {
    }

    public static String scheduled(String pipeline, Instant logicalTime) {
        return pipeline + "@" + LOGICAL_TIME.format(logicalTime);
    }

    /** With an idempotency key, two triggers carrying it get the same id; without one, every trigger a new one. */
    public static String manual(String pipeline, Optional<String> idempotencyKey) {
        String key = idempotencyKey.map(RunIds::sha256Prefix).orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        return pipeline + "@m-" + key;
    }

    /** The pipeline a run id belongs to: the part before the first '@'. */
    public static String pipelineOf(String runId) {
        int at = runId.indexOf('@');
        if (at <= 0 || at == runId.length() - 1) {
            throw new InvalidRunIdException(runId);
        }
        return runId.substring(0, at);
    }

    private static String sha256Prefix(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, MANUAL_KEY_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
