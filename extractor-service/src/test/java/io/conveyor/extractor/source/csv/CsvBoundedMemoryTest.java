package io.conveyor.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.CsvSource;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own surefire fork with {@code -Xmx256m} (see the pom): a million rows held at once
 * would need well over a gigabyte as Avro records, so finishing proves the source streams.
 */
class CsvBoundedMemoryTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void streamsAMillionRowsInASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx256m").isLessThanOrEqualTo(300L << 20);
        Path file = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,name,city,comment,amount\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(i + ",\"customer number " + i + "\",Berlin,\"a comment, with a comma and some more text " + i
                        + "\"," + (i % 1000) + ".25\n");
            }
        }
        long extracted = 0;
        String lastId = null;
        CsvSource spec = new CsvSource(file.toString(), true, ',', '"', Optional.empty(), "UTF-8", false, List.of(), Optional.empty());
        try (RecordSource source = CsvRecordSource.open(spec, new SourceContext("p_t", Optional.empty(), Optional.empty(), Map.of()))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                lastId = ((SourceItem.Extracted) item.get()).record().get("id").toString();
                extracted++;
            }
        }
        assertThat(extracted).isEqualTo(ROWS);
        assertThat(lastId).isEqualTo(Integer.toString(ROWS - 1));
        System.out.printf("file %d MB, peak heap %d MB of %d MB%n", Files.size(file) >> 20, peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
    }
}
