package io.conveyor.bench.controlplane;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample of millisecond durations. */
record Percentiles(int count, long p50, long p90, long p99, long max) {

    static Percentiles of(Collection<Long> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)];
    }

    @Override
    public String toString() {
        return "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (n=%d)".formatted(p50, p90, p99, max, count);
    }
}
