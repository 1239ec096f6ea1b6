package io.conveyor.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueKeyTest {

    /** How RocksDB orders keys written with a UTF-8 string serde. */
    private static final Comparator<String> BYTE_ORDER = (left, right) -> Arrays.compareUnsigned(
            left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));

    @Test
    void keysSortInQueueOrder() {
        List<QueuedRun> runs = List.of(
                run("r1", 0, "2025-03-01T00:00:00Z"),
                run("r2", 0, "2025-03-01T00:00:00.000000001Z"),
                run("r3", 0, "1969-12-31T23:59:59Z"),
                run("r4", Integer.MAX_VALUE, "2030-01-01T00:00:00Z"),
                run("r5", Integer.MIN_VALUE, "1970-01-01T00:00:00Z"),
                run("r6", -1, "2025-03-01T00:00:00Z"),
                run("r7", 1, "2025-03-01T00:00:00Z"),
                run("r0", 1, "2025-03-01T00:00:00Z"),
                run("r8", 16, "2025-02-01T00:00:00Z"));

        List<String> byKey = runs.stream().map(QueueKey::of).sorted(BYTE_ORDER).toList();
        List<String> byQueueOrder = runs.stream().sorted(RunAdmission.QUEUE_ORDER).map(QueueKey::of).toList();

        assertThat(byKey).isEqualTo(byQueueOrder);
        assertThat(byQueueOrder.get(0)).endsWith("r4");
        assertThat(byQueueOrder.get(byQueueOrder.size() - 1)).endsWith("r5");
    }

    @Test
    void prefixSelectsExactlyOnePipeline() {
        String keyOfA = QueueKey.of(new QueuedRun("run", "a", 0, Instant.EPOCH));
        String keyOfAb = QueueKey.of(new QueuedRun("run", "ab", 0, Instant.EPOCH));

        assertThat(keyOfA).startsWith(QueueKey.prefix("a")).doesNotStartWith(QueueKey.prefix("ab"));
        assertThat(keyOfAb).startsWith(QueueKey.prefix("ab")).doesNotStartWith(QueueKey.prefix("a"));
    }

    private static QueuedRun run(String id, int priority, String queuedAt) {
        return new QueuedRun(id, "orders", priority, Instant.parse(queuedAt));
    }
}
