package io.conveyor.dataplane.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    @Test
    void everyRecordInIsCountedOnceAsWrittenRejectedOrDropped() {
        RunProgress progress = RunProgress.start(2).withWritten(0).withWritten(1).withWritten(1).withRejected()
                .withDropped().withDropped();

        assertThat(progress.counts()).isEqualTo(new TaskCounts(6L, 3L, 1L, 2L));
        assertThat(progress.written()).containsExactly(1L, 2L);
    }

    @Test
    void droppedRecordsSurviveTheOffsetMetadata() {
        Map<String, RunProgress> ledger = Map.of("run-1", RunProgress.start(1).withWritten(0).withDropped());

        Map<String, RunProgress> read = LedgerCodec.decode(LedgerCodec.encode(ledger), "t-0");

        assertThat(read).isEqualTo(ledger);
        assertThat(read.get("run-1").counts()).isEqualTo(new TaskCounts(2L, 1L, 0L, 1L));
    }

    @Test
    void metadataCommittedBeforeDroppedRecordsWereCountedReadsThemAsZero() {
        String stored = LedgerCodec.encode(Map.of("run-1", RunProgress.start(1).withWritten(0).withRejected()));
        String older = stored.replaceAll(",?\"dropped\":\\d+", "");
        assertThat(older).isNotEqualTo(stored).doesNotContain("dropped");

        RunProgress read = LedgerCodec.decode(older, "t-0").get("run-1");

        assertThat(read.counts()).isEqualTo(new TaskCounts(2L, 1L, 1L, 0L));
    }
}
